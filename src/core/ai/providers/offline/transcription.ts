import type { PcmSampleRate } from '../../engine.js';
import { wavToPcm16 } from '../../pcm.js';
import { aiUnavailable } from '../../unavailable.js';
import type { ProviderTranscript, TranscribeProvider } from '../provider.js';
import { OwnSpeechMatcher, ownSpeech, type OwnSpeechRegistry } from './own-speech.js';
import { POCKETSPHINX_MODEL, pocketsphinxInstalled, recognizeWithPocketsphinx } from './pocketsphinx.js';
import { TRANSCRIPT_KEY, TRANSCRIPT_PREFIX } from './speech.js';

export const OFFLINE_TRANSCRIBE_MODEL = 'offline-wav-transcript';
export const OWN_SPEECH_MODEL = 'offline-own-speech';

/** Which offline recognizer reads audio: pocketsphinx when installed (`auto`), or the recognizer of its own speech. */
export type OfflineRecognizer = 'auto' | 'pocketsphinx' | 'own-speech';

export const TRANSCRIPTION_UNAVAILABLE_MESSAGE =
  'the offline engine recognizes only speech it synthesized itself; for real speech recognition install pocketsphinx and pocketsphinx-en-us (apt-get install pocketsphinx pocketsphinx-en-us), or set AI_TRANSCRIBE_PROVIDER=openai with AI_TRANSCRIBE_BASE_URL pointing at a Whisper server';

const unavailable = () => aiUnavailable('ai.transcription_unavailable', TRANSCRIPTION_UNAVAILABLE_MESSAGE);

const seconds = (pcm: Buffer, rate: number) => Math.round((pcm.length / 2 / rate) * 1000) / 1000;

export interface OfflineTranscriptionOptions {
  recognizer?: OfflineRecognizer;
  registry?: OwnSpeechRegistry;
}

/**
 * Offline transcription. A WAV made by offline speech carries its text (read back exactly); other audio goes to
 * pocketsphinx (real recognition of English) or, without it, to the recognizer of the offline engine's own speech,
 * which refuses audio it did not make with `ai.transcription_unavailable`.
 */
export function createOfflineTranscription(options: OfflineTranscriptionOptions = {}): TranscribeProvider {
  const registry = options.registry ?? ownSpeech;
  const choice = options.recognizer ?? 'auto';
  const usePocketsphinx = () => choice === 'pocketsphinx' || (choice === 'auto' && pocketsphinxInstalled());

  async function recognize(pcm: Buffer, rate: number, signal: AbortSignal): Promise<ProviderTranscript> {
    if (usePocketsphinx()) {
      if (!pocketsphinxInstalled()) throw unavailable();
      const text = await recognizeWithPocketsphinx(pcm, rate, signal);
      return { text, durationSec: seconds(pcm, rate), language: 'en', model: POCKETSPHINX_MODEL };
    }
    const matcher = new OwnSpeechMatcher(registry, rate);
    matcher.push(pcm);
    const heard = matcher.finish();
    if (!heard) throw unavailable();
    return { text: heard.text, durationSec: seconds(pcm, rate), model: OWN_SPEECH_MODEL };
  }

  return {
    name: 'offline',
    async transcribe(audio, _contentType, call) {
      const wav = wavToPcm16(audio);
      if (!wav) throw unavailable();
      const tag = wav.info[TRANSCRIPT_KEY];
      if (tag?.startsWith(TRANSCRIPT_PREFIX)) {
        const text = Buffer.from(tag.slice(TRANSCRIPT_PREFIX.length), 'base64').toString('utf8');
        return { text, durationSec: seconds(wav.pcm, wav.sampleRate), model: OFFLINE_TRANSCRIBE_MODEL };
      }
      return recognize(wav.pcm, wav.sampleRate, call.signal);
    },
    transcribeStream({ sampleRate, onPartial }) {
      return usePocketsphinx() ? bufferedUtterance(sampleRate, recognize) : ownSpeechUtterance(registry, sampleRate, onPartial);
    },
  };
}

/** pocketsphinx reads the whole utterance once it ends (no partials). */
function bufferedUtterance(
  sampleRate: PcmSampleRate,
  recognize: (pcm: Buffer, rate: number, signal: AbortSignal) => Promise<ProviderTranscript>,
) {
  let chunks: Buffer[] = [];
  return {
    write: (pcm: Buffer) => void chunks.push(Buffer.from(pcm)),
    finish: (signal: AbortSignal) => recognize(Buffer.concat(chunks), sampleRate, signal),
    abort: () => {
      chunks = [];
    },
  };
}

/** The own-speech recognizer matches as audio arrives, so partials come while the user is still speaking. */
function ownSpeechUtterance(registry: OwnSpeechRegistry, sampleRate: PcmSampleRate, onPartial?: (text: string) => void) {
  const matcher = new OwnSpeechMatcher(registry, sampleRate);
  let bytes = 0;
  let last = '';
  return {
    write(pcm: Buffer) {
      bytes += pcm.length;
      matcher.push(pcm);
      const h = onPartial ? matcher.hypothesis() : null;
      if (h && h.text !== last) {
        last = h.text;
        onPartial!(h.text);
      }
    },
    async finish(): Promise<ProviderTranscript> {
      const heard = matcher.finish();
      if (!heard) throw unavailable();
      return { text: heard.text, durationSec: Math.round((bytes / 2 / sampleRate) * 1000) / 1000, model: OWN_SPEECH_MODEL };
    },
    abort() {},
  };
}
