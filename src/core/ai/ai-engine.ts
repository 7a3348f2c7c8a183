import { createCallPolicy, type CallPolicyDeps } from './call-policy.js';
import { createChatCall } from './chat-call.js';
import { createEmbedCall } from './embed-call.js';
import type { AiEngine } from './engine.js';
import type { ChatProvider, EmbedProvider, SpeakProvider, TranscribeProvider, VoiceProvider } from './providers/provider.js';
import { createSpeechCalls } from './speech-calls.js';
import { createVoiceTraining } from './voice-training.js';

export interface AiProviders {
  chat: ChatProvider;
  embed: EmbedProvider;
  transcribe: TranscribeProvider;
  speak: SpeakProvider;
  voice: VoiceProvider;
}

export interface AiEngineDeps extends CallPolicyDeps {
  providers: AiProviders;
  /** Where training status webhooks go when the caller names none. */
  defaultCallbackUrl: string;
  /** The secrets /v1/webhooks/engine accepts. */
  engineWebhookSecrets: string[];
  /** Releases the providers (the offline simulator's timers). */
  closeProviders?: () => void;
}

/**
 * Builds the AI engine port over one provider per capability. Every call gets a timeout, retries where safe
 * (idempotent calls, and chat until the first token), a circuit breaker per provider and capability, a
 * per-user daily quota, metrics, and a core.ai_calls row.
 */
export function createAiEngine(deps: AiEngineDeps): AiEngine {
  const { config, providers } = deps;
  const policy = createCallPolicy(deps);
  const { chat } = createChatCall({ config, provider: providers.chat, policy });
  const { embed } = createEmbedCall({ config, provider: providers.embed, policy });
  const speech = createSpeechCalls({ config, transcribeProvider: providers.transcribe, speakProvider: providers.speak, policy });
  const training = createVoiceTraining({ provider: providers.voice, policy, defaultCallbackUrl: deps.defaultCallbackUrl });

  return {
    engineWebhookSecrets: deps.engineWebhookSecrets,
    async close() {
      deps.closeProviders?.();
    },
    providers: {
      chat: providers.chat.name,
      embed: providers.embed.name,
      transcribe: providers.transcribe.name,
      speak: providers.speak.name,
      voice: providers.voice.name,
    },
    chat,
    embed,
    ...speech,
    ...training,
  };
}
