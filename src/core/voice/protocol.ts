import { Type, type Static } from 'typebox';

/** The only frame length accepted and sent. */
export const FRAME_MS = 20;
export const INPUT_SAMPLE_RATE = 16000;

export const StartMessage = Type.Object(
  {
    type: Type.Literal('start'),
    token: Type.String({ minLength: 1, maxLength: 4096, description: 'An access token (from /v1/auth/login)' }),
    product: Type.String({ minLength: 1, maxLength: 40, description: 'A product that takes voice (its name)' }),
    id: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'The conversation, by its id in that product',
    }),
    audio: Type.Object(
      {
        encoding: Type.Literal('pcm16', { description: 'PCM16 little-endian mono' }),
        inputSampleRate: Type.Literal(INPUT_SAMPLE_RATE),
        outputSampleRate: Type.Union([Type.Literal(16000), Type.Literal(24000)]),
        frameMs: Type.Literal(FRAME_MS),
      },
      { additionalProperties: false },
    ),
    endOfTurnMs: Type.Optional(Type.Integer({ minimum: 200, maximum: 3000, description: 'Silence that ends a turn (default 600)' })),
    bargeIn: Type.Optional(Type.Boolean({ description: 'Whether speech during a reply interrupts it (default true)' })),
  },
  { additionalProperties: false },
);
export type StartMessage = Static<typeof StartMessage>;

export const AuthMessage = Type.Object(
  { type: Type.Literal('auth'), token: Type.String({ minLength: 1, maxLength: 4096 }) },
  { additionalProperties: false },
);

const Ms = Type.Union([Type.Integer(), Type.Null()]);

/** Each stage of a live voice turn, in ms; `provider` is the engines' own share, `talkbaseMs` what Talkbase added. */
export const TurnLatencySchema = Type.Object(
  {
    transcriptMs: { ...Ms, description: 'End of speech (end of turn detected) → final transcript' },
    firstTokenMs: { ...Ms, description: 'Final transcript → first reply token' },
    firstAudioMs: { ...Ms, description: 'First reply token → first audio frame sent' },
    totalMs: { ...Ms, description: 'End of speech → first audio frame sent' },
    provider: Type.Object({
      transcribeMs: Ms,
      modelFirstTokenMs: Ms,
      firstSentenceMs: Ms,
      speakFirstAudioMs: Ms,
    }),
    talkbaseMs: { ...Ms, description: 'totalMs minus the engines’ own time' },
    pacing: Type.Optional(
      Type.Object(
        {
          framesSent: Type.Integer({ minimum: 0 }),
          underruns: Type.Integer({ minimum: 0 }),
          maxLateMs: Type.Integer({ minimum: 0 }),
          p99LateMs: Type.Optional(Type.Integer({ minimum: 0 })),
        },
        { description: 'The reply’s frames: how many were sent, times the audio ran dry, how late they went out' },
      ),
    ),
  },
  { description: 'A live voice turn’s latency stages (docs/voice.md)' },
);
export type TurnLatency = Static<typeof TurnLatencySchema>;

/** Close codes of the voice socket. */
export const CLOSE = {
  normal: 1000,
  shutdown: 1001,
  badRequest: 4400,
  unauthorized: 4401,
  notFound: 4404,
  conflict: 4409,
  tooFast: 4429,
} as const;

/** Container signatures: a file sent where raw PCM belongs. */
const SIGNATURES = ['RIFF', 'OggS', 'fLaC', 'ID3', '\x89PNG', 'GIF8', '%PDF', 'PK\x03\x04', '\x1aE\xdf\xa3'];

/** Why a binary frame is not a PCM16 frame of the agreed size, or null when it is one. */
export function frameProblem(frame: Buffer, frameBytes: number): { code: string; message: string } | null {
  const head = frame.toString('latin1', 0, 4);
  if (SIGNATURES.some((s) => head.startsWith(s)) || (frame.length > 0 && (frame[0] === 0x7b || frame[0] === 0x5b) && isJsonText(frame)))
    return {
      code: 'voice.not_pcm',
      message: `binary frames must be raw PCM16 LE mono audio (no file container, no text); send ${frameBytes}-byte frames`,
    };
  if (frame.length !== frameBytes)
    return {
      code: 'voice.bad_frame_size',
      message: `each frame must be ${frameBytes} bytes (${FRAME_MS} ms of PCM16 LE mono at ${INPUT_SAMPLE_RATE} Hz); got ${frame.length}`,
    };
  return null;
}

function isJsonText(frame: Buffer): boolean {
  try {
    JSON.parse(frame.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

/** Lets audio in at real time with a little slack; a client sending faster is refused, frame by frame. */
export function createInputRateGuard(frameMs: number, now: () => number = () => performance.now()) {
  const burst = 100; // 2 s of audio ahead of real time: a client catching up after a stall
  const perMs = 1.2 / frameMs; // 1.2x real time sustained
  let tokens = burst;
  let last = now();
  return {
    /** Whether this frame may go in. */
    take(): boolean {
      const t = now();
      tokens = Math.min(burst, tokens + (t - last) * perMs);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
