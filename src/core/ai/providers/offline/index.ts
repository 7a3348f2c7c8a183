import type { EmbedProvider } from '../provider.js';
import { embedText, OFFLINE_EMBED_MODEL } from './embedding.js';
import { countTokens } from '../../text.js';

export { createOfflineChat } from './chat.js';
export { createOfflineSpeech } from './speech.js';
export { createOfflineTranscription } from './transcription.js';
export { createVoiceTrainingSimulator } from './voice-training.js';

/** Offline embeddings: hashed word and character n-grams (see embedding.ts). */
export function createOfflineEmbedding(): EmbedProvider {
  return {
    name: 'offline',
    async embed(texts, options) {
      return {
        vectors: texts.map((t) => embedText(t, options.dimensions)),
        model: OFFLINE_EMBED_MODEL,
        promptTokens: texts.reduce((n, t) => n + countTokens(t), 0),
      };
    },
  };
}
