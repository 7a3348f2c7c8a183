import { spawn, spawnSync } from 'node:child_process';
import { AppError } from '../../../http/errors.js';
import { aiUnavailable } from '../../unavailable.js';
import type { ProviderSpeechEvent, SpeakProvider } from '../provider.js';
import { AiProviderError } from '../provider.js';
import { locateEspeakWasm, speechWorker, type EspeakRequest, type RenderedSpeech } from './espeak-wasm.js';
import { ownSpeech } from './own-speech.js';
import { fnv1a } from '../../text.js';
import { writeWav } from './wav.js';

export const OFFLINE_SPEECH_MODEL = 'espeak-ng';
/** The INFO key under which offline speech carries its own text, so a round trip through transcribe works. */
export const TRANSCRIPT_KEY = 'ICMT';
export const TRANSCRIPT_PREFIX = 'talkbase-offline-transcript:';

/** eSpeak NG's voices (its lang/ folder); a caller's `voice` is used only when it names one. */
const ESPEAK_VOICES = new Set(
  (
    'af am an ar as az ba be bg bn bpy bs ca chr cmn cmn-latn-pinyin cs cv cy da de el en en-029 en-gb en-gb-scotland ' +
    'en-gb-x-gbclan en-gb-x-gbcwmd en-gb-x-rp en-us en-us-nyc eo es es-419 et eu fa fa-latn fi fr fr-be fr-ch ga gd gn ' +
    'grc gu hak haw he hi hr ht hu hy hyw ia id io is it ja jbo ka kk kl kn ko kok ku ky la lb lfn lt ltg lv mi mk ml mr ' +
    'ms mt mto my nb nci ne nl nog om or pa pap piqd pl pt pt-br py qdb qu quc qya ro ru ru-cl ru-lv sd shn si sjn sk sl ' +
    'smj sq sr sv sw ta te th tk tn tr tt ug uk ur uz vi vi-vn-x-central vi-vn-x-south yue yue-latn-jyutping'
  ).split(' '),
);

/** eSpeak NG's voice variants (voices/!v), spoken as `<voice>+<variant>` (`en-us+f2`); by lower-case name. */
const ESPEAK_VARIANTS = new Map(
  (
    'Alex Alicia Andrea Andy Annie AnxiousAndy Demonic Denis Diogo Gene Gene2 Henrique Hugo Jacky Lee Marco Mario Michael ' +
    'Mike Mr_serious Nguyen Reed RicishayMax RicishayMax2 RicishayMax3 Storm Tweaky UniRobot adam anika anikaRobot ' +
    'announcer antonio aunty belinda benjamin boris caleb croak david ed edward edward2 f1 f2 f3 f4 f5 fast grandma ' +
    'grandpa gustave ian iven iven2 iven3 iven4 john kaukovalta klatt klatt2 klatt3 klatt4 klatt5 klatt6 linda m1 m2 m3 ' +
    'm4 m5 m6 m7 m8 marcelo max michel miguel mike2 norbert pablo paul pedro quincy rob robert robosoft robosoft2 ' +
    'robosoft3 robosoft4 robosoft5 robosoft6 robosoft7 robosoft8 sandro shelby steph steph2 steph3 travis victor ' +
    'whisper whisperf zac'
  )
    .split(' ')
    .map((v) => [v.toLowerCase(), v.replace('_', ' ')]),
);

/** The eSpeak voice a caller named (`ko`, `en-us+f2`), or null when it is not one. */
function namedVoice(voice: string): string | null {
  const [lang, variant, ...rest] = voice.toLowerCase().split('+');
  if (!lang || rest.length || !ESPEAK_VOICES.has(lang)) return null;
  if (variant === undefined) return lang;
  const v = ESPEAK_VARIANTS.get(variant);
  return v ? `${lang}+${v}` : null;
}

/** The voice for text in a script other than Latin, by the first letter of that script; Latin text is English. */
const SCRIPT_VOICES: [RegExp, string][] = [
  [/[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/u, 'ko'],
  [/[\u3040-\u30ff]/u, 'ja'],
  [/\p{Script=Han}/u, 'cmn'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Greek}/u, 'el'],
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Devanagari}/u, 'hi'],
  [/\p{Script=Georgian}/u, 'ka'],
  [/\p{Script=Armenian}/u, 'hy'],
];

/** The eSpeak voice for a request: the caller's when it is an eSpeak voice, else one for the text's script. */
export function espeakVoiceFor(text: string, voice?: string): string {
  const named = voice ? namedVoice(voice) : null;
  if (named) return named;
  for (const [script, name] of SCRIPT_VOICES) if (script.test(text)) return name;
  return 'en-us';
}

/** Sentences as spoken one after another: split after . ! ? (and their CJK forms) or a line break. */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?。！？])\s+|(?<=[。！？])|\n+/u)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

let espeakPath: string | null | undefined;

/** Where the espeak-ng system program is, or null; looked up once. */
export function findEspeak(): string | null {
  if (espeakPath === undefined) {
    const r = spawnSync('which', ['espeak-ng'], { encoding: 'utf8' });
    espeakPath = r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
  }
  return espeakPath;
}

/** True when offline speech can speak: the npm eSpeak NG package, or the system program. */
export const offlineSpeechAvailable = () => locateEspeakWasm() !== null || findEspeak() !== null;

export const SPEECH_UNAVAILABLE_MESSAGE =
  'offline speech needs eSpeak NG: run npm install (it installs the optional espeak-ng package), or install the espeak-ng system package, or set AI_SPEAK_PROVIDER=openai with AI_SPEAK_BASE_URL pointing at a speech server';

/**
 * One sentence's speech as PCM16 at `rate` (eSpeak's own 22.05 kHz when absent): synthesized by the eSpeak NG
 * worker, else by the system program; resampled and fingerprinted for the offline recognizer in the worker.
 */
async function synthesizeSentence(
  request: EspeakRequest,
  signal: AbortSignal,
  rate?: number,
): Promise<{ pcm: Buffer; sampleRate: number }> {
  const key = `${request.voice}|${request.pitch}|${request.speed}|${request.text}`;
  const known = ownSpeech.touch(key);
  let wav: Buffer | undefined;
  if (!locateEspeakWasm()) {
    const bin = findEspeak();
    if (!bin) throw aiUnavailable('ai.speech_unavailable', SPEECH_UNAVAILABLE_MESSAGE);
    const args = ['--stdout', '-v', request.voice, '-p', String(request.pitch), '-s', String(request.speed)];
    wav = await run(bin, args, request.text, signal);
  }
  let out: RenderedSpeech;
  try {
    out = await speechWorker().render({ ...request, rate, fingerprint: !known, wav });
  } catch (err) {
    throw new AiProviderError('speech_failed', `espeak-ng failed: ${(err as Error).message}`, false);
  }
  if (out.entry) ownSpeech.add(key, out.entry);
  return out;
}

/** The sentences of `text` and the eSpeak settings they are spoken with. */
function plan(text: string, options: { voice?: string; trainedVoiceId?: string }): EspeakRequest[] {
  // The offline engine cannot clone a voice: a trained voice id only picks a stable pitch and speed.
  const key = options.trainedVoiceId ?? options.voice ?? '';
  const h = fnv1a(key);
  const pitch = key ? 30 + (h % 40) : 50;
  const speed = key ? 150 + ((h >>> 8) % 30) : 165;
  const sentences = splitSentences(text);
  return (sentences.length ? sentences : [text.trim()]).map((s) => ({ text: s, voice: espeakVoiceFor(s, options.voice), pitch, speed }));
}

/**
 * Speech through eSpeak NG, sentence by sentence: the npm WebAssembly build in a worker thread, else the system
 * program. Every sentence is registered for the offline recognizer; a whole clip also carries its text in the
 * WAV's INFO chunk. WAV only.
 */
export function createOfflineSpeech(): SpeakProvider {
  return {
    name: 'offline',
    async speak(text, options) {
      if (options.format !== 'wav')
        throw new AppError('ai.format_unsupported', 422, 'offline speech produces WAV only; ask for format "wav"');
      const parts: Buffer[] = [];
      let sampleRate = 22050;
      for (const request of plan(text, options)) {
        options.signal.throwIfAborted();
        const s = await synthesizeSentence(request, options.signal);
        if (parts.length && s.sampleRate !== sampleRate)
          throw new AiProviderError('speech_failed', 'espeak-ng changed its sample rate within one clip', false);
        sampleRate = s.sampleRate;
        parts.push(s.pcm);
      }
      const pcm = Buffer.concat(parts);
      const audio = writeWav(
        { sampleRate, channels: 1, bitsPerSample: 16, data: pcm },
        { [TRANSCRIPT_KEY]: TRANSCRIPT_PREFIX + Buffer.from(text, 'utf8').toString('base64'), ISFT: 'Talkbase offline speech (espeak-ng)' },
      );
      const durationSec = Math.round((pcm.length / 2 / sampleRate) * 1000) / 1000;
      return { audio, contentType: 'audio/wav', durationSec, model: OFFLINE_SPEECH_MODEL };
    },
    async *speakStream(text, options): AsyncIterable<ProviderSpeechEvent> {
      for (const request of plan(text, options)) {
        options.signal.throwIfAborted();
        const s = await synthesizeSentence(request, options.signal, options.sampleRate);
        yield { type: 'audio', pcm: s.pcm, sampleRate: s.sampleRate };
      }
      yield { type: 'done', model: OFFLINE_SPEECH_MODEL };
    },
  };
}

function run(bin: string, args: string[], input: string, signal: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'], signal });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', (e) =>
      reject(e.name === 'AbortError' ? e : new AiProviderError('speech_failed', `espeak-ng failed: ${e.message}`, false)),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve(Buffer.concat(out))
        : reject(new AiProviderError('speech_failed', `espeak-ng exited ${code}: ${err.slice(0, 200)}`, false)),
    );
    child.stdin.end(input);
  });
}
