import { createHmac } from 'node:crypto';
import type { AiConfig } from '../../../config.js';
import type { AiProviders } from '../ai-engine.js';
import type { Clock } from '../../time/clock.js';
import type { AiTaskRegistry } from '../tasks.js';
import { createEngineProviders } from './engine/index.js';
import {
  createOfflineChat,
  createOfflineEmbedding,
  createOfflineSpeech,
  createOfflineTranscription,
  createVoiceTrainingSimulator,
} from './offline/index.js';
import { createOpenAiProviders } from './openai/index.js';

/**
 * The secret /v1/webhooks/engine verifies with: AI_ENGINE_WEBHOOK_SECRET, or one derived from the keyring's
 * token key so the offline simulator and the receiver agree with nothing configured.
 */
export function engineWebhookSecret(config: AiConfig, tokenKey: Buffer): string {
  if (config.engine.webhookSecret) return config.engine.webhookSecret;
  return `whsec_${createHmac('sha256', tokenKey).update('talkbase.ai.engine-webhook').digest('base64')}`;
}

/**
 * One provider per capability, as configured; `close` stops the offline simulator's timers. The offline chat answers
 * the structured tasks in `tasks` (the generic ones and the enabled products').
 */
export function createConfiguredProviders(
  config: AiConfig,
  deps: { webhookSecret: string; tasks?: AiTaskRegistry; clock?: Clock; log?: { warn(obj: object, msg: string): void } },
): AiProviders & { close(): void } {
  const openai = Object.values(config.providers).includes('openai') ? createOpenAiProviders(config) : null;
  const engine = config.engine.url ? createEngineProviders({ url: config.engine.url, token: config.engine.token }) : null;
  const simulator =
    config.providers.voice === 'offline'
      ? createVoiceTrainingSimulator({
          stepMs: config.offlineTrainingStepMs,
          webhookSecret: deps.webhookSecret,
          clock: deps.clock,
          log: deps.log,
        })
      : null;
  const pick = <T>(name: string, offline: () => T, online: T | undefined, engineSide?: T): T =>
    name === 'openai' ? online! : name === 'engine' ? engineSide! : offline();
  return {
    chat: pick(config.providers.chat, () => createOfflineChat({ tasks: deps.tasks }), openai?.chat),
    embed: pick(config.providers.embed, createOfflineEmbedding, openai?.embed),
    transcribe: pick(
      config.providers.transcribe,
      () => createOfflineTranscription({ recognizer: config.offlineRecognizer }),
      openai?.transcribe,
    ),
    speak: pick(config.providers.speak, createOfflineSpeech, openai?.speak, engine?.speak),
    voice: simulator ?? engine!.voice,
    close: () => simulator?.close(),
  };
}
