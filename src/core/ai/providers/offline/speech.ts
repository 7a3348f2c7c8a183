import { spawn, spawnSync } from 'node:child_process';
import { AppError } from '../../../http/errors.js';
import type { SpeakProvider, TranscribeProvider } from '../provider.js';
import { AiProviderError } from '../provider.js';
import { fnv1a } from './text.js';
import { readWav, writeWav } from './wav.js';

export const OFFLINE_SPEECH_MODEL = 'espeak-ng';
export const OFFLINE_TRANSCRIBE_MODEL = 'offline-wav-transcript';
/** The INFO key under which offline speech carries its own text, so a round trip through transcribe works. */
const TRANSCRIPT_KEY = 'ICMT';
const TRANSCRIPT_PREFIX = 'talkbase-offline-transcript:';

let espeakPath: string | null | undefined;

/** Where espeak-ng is, or null; looked up once. */
export function findEspeak(): string | null {
  if (espeakPath === undefined) {
    const r = spawnSync('which', ['espeak-ng'], { encoding: 'utf8' });
    espeakPath = r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
  }
  return espeakPath;
}

/**
 * Speech through espeak-ng (`--stdout`, text on stdin). The offline engine cannot clone a voice: a trained
 * voice id only picks a stable pitch and speed so personas sound distinct. WAV only.
 */
export function createOfflineSpeech(): SpeakProvider {
  return {
    name: 'offline',
    async speak(text, options) {
      const bin = findEspeak();
      if (!bin)
        throw new AppError(
          'ai.speech_unavailable',
          503,
          'offline speech needs espeak-ng: install it (apt-get install espeak-ng) or set AI_SPEAK_PROVIDER=openai',
        );
      if (options.format !== 'wav')
        throw new AppError('ai.format_unsupported', 422, 'offline speech produces WAV only; ask for format "wav"');
      const key = options.trainedVoiceId ?? options.voice ?? '';
      const h = fnv1a(key);
      const pitch = key ? 30 + (h % 40) : 50;
      const speed = key ? 150 + ((h >>> 8) % 30) : 165;
      const voice = options.voice && /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/i.test(options.voice) ? options.voice : 'en-us';
      const raw = await run(bin, ['--stdout', '-v', voice, '-p', String(pitch), '-s', String(speed)], text, options.signal);
      const wav = readWav(raw);
      if (!wav) throw new AiProviderError('speech_failed', 'espeak-ng produced no WAV', false);
      const audio = writeWav(wav, {
        [TRANSCRIPT_KEY]: TRANSCRIPT_PREFIX + Buffer.from(text, 'utf8').toString('base64'),
        ISFT: 'Talkbase offline speech (espeak-ng)',
      });
      return { audio, contentType: 'audio/wav', durationSec: Math.round(wav.durationSec * 1000) / 1000, model: OFFLINE_SPEECH_MODEL };
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

/**
 * Offline transcription is not speech recognition: it reads back the text that offline speech embedded
 * in its own WAV files. Any other audio is refused with `ai.transcription_unavailable`.
 */
export function createOfflineTranscription(): TranscribeProvider {
  return {
    name: 'offline',
    async transcribe(audio) {
      const wav = readWav(audio);
      const tag = wav?.info[TRANSCRIPT_KEY];
      if (!wav || !tag?.startsWith(TRANSCRIPT_PREFIX)) {
        throw new AppError(
          'ai.transcription_unavailable',
          503,
          'the offline engine cannot recognize speech; it only reads back audio made by offline speech. Send text, or set AI_TRANSCRIBE_PROVIDER=openai with a speech-to-text server',
        );
      }
      const text = Buffer.from(tag.slice(TRANSCRIPT_PREFIX.length), 'base64').toString('utf8');
      return { text, durationSec: Math.round(wav.durationSec * 1000) / 1000, model: OFFLINE_TRANSCRIBE_MODEL };
    },
  };
}
