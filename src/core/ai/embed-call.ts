import type { AiConfig } from '../../config.js';
import { AppError } from '../http/errors.js';
import type { EngineCallPolicy } from './call-policy.js';
import type { EmbedOptions, EmbedResult } from './engine.js';
import type { EmbedProvider } from './providers/provider.js';

/** Embedding through the call policy, checking that the engine returned one vector of the asked size per text. */
export function createEmbedCall(deps: { config: AiConfig; provider: EmbedProvider; policy: EngineCallPolicy }) {
  const { config, provider, policy } = deps;

  async function embed(texts: string[], options: EmbedOptions = {}): Promise<EmbedResult> {
    if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string'))
      throw new AppError('ai.invalid_request', 400, 'texts must be an array of strings');
    const dimensions = options.dimensions ?? config.embedDimensions;
    if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 4096)
      throw new AppError('ai.invalid_request', 400, 'dimensions must be an integer from 1 to 4096');
    const model = options.model ?? (provider.name === 'openai' ? config.models.embed : 'offline');
    if (texts.length === 0)
      return { vectors: [], model, provider: provider.name, dimensions, usage: { promptTokens: 0 }, latencyMs: 0, callId: '' };
    const { value, latencyMs, callId } = await policy.invoke(
      'embed',
      provider.name,
      options,
      { idempotent: true, model },
      (signal) => provider.embed(texts, { dimensions, model: options.model, signal }),
      (v) => ({ model: v.model, promptTokens: v.promptTokens }),
    );
    if (value.vectors.length !== texts.length || value.vectors.some((v) => v.length !== dimensions)) {
      throw new AppError(
        'ai.invalid_output',
        502,
        `the embedding engine returned ${value.vectors.length} vectors of ${value.vectors[0]?.length ?? 0} dimensions for ${texts.length} texts of ${dimensions}`,
      );
    }
    return {
      vectors: value.vectors,
      model: value.model,
      provider: provider.name,
      dimensions,
      usage: { promptTokens: value.promptTokens },
      latencyMs,
      callId,
    };
  }

  return { embed };
}
