// The messages of the live voice socket (docs/voice.md), as a browser client reads and writes them.

export type VoiceProduct = 'calls' | 'tutor' | 'interview';

/** Each stage of a live voice turn in ms (null when the stage did not happen). */
export interface TurnLatency {
  transcriptMs: number | null;
  firstTokenMs: number | null;
  firstAudioMs: number | null;
  totalMs: number | null;
  provider?: {
    transcribeMs: number | null;
    modelFirstTokenMs: number | null;
    firstSentenceMs: number | null;
    speakFirstAudioMs: number | null;
  };
  talkbaseMs: number | null;
  pacing?: { framesSent: number; underruns: number; maxLateMs: number };
}

export interface Engines {
  transcribe: string;
  chat: string;
  speak: string;
}

export type VoiceEvent =
  | {
      type: 'started';
      product: VoiceProduct;
      id: string;
      audio: { outputSampleRate: number; frameMs: number; frameBytes: number };
      engines: Engines;
    }
  | { type: 'speech.started'; turnId: string }
  | { type: 'speech.stopped'; turnId: string }
  | { type: 'transcript.partial'; turnId: string; text: string }
  | { type: 'transcript.final'; turnId: string; text: string }
  | { type: 'reply.delta'; turnId: string; text: string }
  | { type: 'reply.done'; turnId: string; text: string }
  | { type: 'audio.start'; turnId: string; sampleRate: number; frameMs: number }
  | { type: 'audio.end'; turnId: string }
  | { type: 'interrupted'; turnId: string; spokenText: string }
  | { type: 'metrics'; turnId: string; interrupted: boolean; latency: TurnLatency }
  | { type: 'error'; code: string; message: string; turnId?: string; status?: number }
  | { type: 'end'; reason: string }
  | { type: 'authenticated' };

export const INPUT_SAMPLE_RATE = 16000;
export const FRAME_MS = 20;
/** One 20 ms frame of 16 kHz PCM16 mono. */
export const FRAME_BYTES = (INPUT_SAMPLE_RATE * FRAME_MS * 2) / 1000;

export function startMessage(input: {
  token: string;
  product: VoiceProduct;
  id: string;
  outputSampleRate: 16000 | 24000;
  endOfTurnMs?: number;
  bargeIn?: boolean;
}) {
  return {
    type: 'start',
    token: input.token,
    product: input.product,
    id: input.id,
    audio: { encoding: 'pcm16', inputSampleRate: INPUT_SAMPLE_RATE, outputSampleRate: input.outputSampleRate, frameMs: FRAME_MS },
    ...(input.endOfTurnMs !== undefined ? { endOfTurnMs: input.endOfTurnMs } : {}),
    ...(input.bargeIn !== undefined ? { bargeIn: input.bargeIn } : {}),
  };
}
