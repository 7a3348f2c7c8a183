import type { AiConfig } from '../../config.js';
import { AppError } from '../http/errors.js';
import { createAsyncQueue } from './async-queue.js';
import type { EngineCallPolicy } from './call-policy.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { ChatRequest, ChatResult, ChatStream } from './engine.js';
import { AiProviderError, type ChatProvider, type ProviderChatEvent } from './providers/provider.js';
import { assertValidSchema, parseStructuredOutput } from './structured-output.js';
import { countTokens } from './text.js';

type ChatDone = Extract<ProviderChatEvent, { type: 'done' }>;
type TokenCounts = { promptTokens: number; completionTokens: number };

/** One chat call: its request and model, its breaker, and when it started (over all attempts). */
interface ChatCall {
  request: ChatRequest;
  model: string;
  breaker: CircuitBreaker;
  started: number;
}

/** What one attempt streamed to the caller so far. */
interface Attempt {
  text: string;
  emitted: boolean;
}

const promptTokensOf = (request: ChatRequest) => countTokens(request.messages.map((m) => m.content).join('\n'));

export interface ChatCallDeps {
  config: AiConfig;
  provider: ChatProvider;
  policy: EngineCallPolicy;
}

/** Streaming chat through the call policy; retried only until the first token reached the caller. */
export function createChatCall(deps: ChatCallDeps) {
  const { config, provider, policy } = deps;

  /** Streams one attempt's deltas to the caller; the provider's `done`, or null when it ended without one. */
  async function streamAttempt(request: ChatRequest, attempt: Attempt, push: (text: string) => void): Promise<ChatDone | null> {
    let done: ChatDone | null = null;
    for await (const event of provider.chat({
      messages: request.messages,
      model: request.model,
      temperature: request.temperature,
      maxTokens: request.maxTokens,
      jsonSchema: request.jsonSchema,
      signal: policy.attemptSignal(request),
    })) {
      if (event.type === 'delta') {
        if (!event.text) continue;
        attempt.text += event.text;
        attempt.emitted = true;
        push(event.text);
      } else done = event;
      if (request.signal?.aborted) break;
    }
    return done;
  }

  /** Records the call as answered and gives the caller's result. */
  async function answered(
    call: ChatCall,
    text: string,
    outcome: { usage: TokenCounts; model: string; latencyMs: number; finishReason: ChatResult['finishReason']; json?: { json: unknown } },
  ): Promise<ChatResult> {
    const { usage, model, latencyMs } = outcome;
    const callId = await policy.record('chat', provider.name, call.request, latencyMs, { model, ...usage }, 'ok');
    return {
      text,
      ...outcome.json,
      finishReason: outcome.finishReason,
      usage,
      model,
      provider: provider.name,
      latencyMs: Math.round(latencyMs),
      callId,
    };
  }

  /** The result of an attempt whose stream ended: cancelled by the caller, or finished (and its JSON checked). */
  async function finish(call: ChatCall, text: string, done: ChatDone | null): Promise<ChatResult> {
    const { request, breaker } = call;
    const latencyMs = performance.now() - call.started;
    const usage = {
      promptTokens: done?.usage.promptTokens || promptTokensOf(request),
      completionTokens: done?.usage.completionTokens || countTokens(text),
    };
    const model = done?.model ?? call.model;
    if (request.signal?.aborted) {
      breaker.succeeded();
      return answered(call, text, { usage, model, latencyMs, finishReason: 'cancelled' });
    }
    if (!done) throw new AiProviderError('incomplete_stream', 'the chat stream ended without finishing', true);
    breaker.succeeded();
    if (!request.jsonSchema) return answered(call, text, { usage, model, latencyMs, finishReason: done.finishReason });
    let json: unknown;
    try {
      json = parseStructuredOutput(text, request.jsonSchema.schema);
    } catch (err) {
      await policy.record('chat', provider.name, request, latencyMs, { model, ...usage }, 'error', (err as AppError).code);
      throw err;
    }
    return answered(call, text, { usage, model, latencyMs, finishReason: done.finishReason, json: { json } });
  }

  /**
   * After an attempt failed: a refusal is rethrown (recorded unless it is invalid output, recorded already), a caller's
   * cancel answers with what arrived; null when the failure may be retried or reported.
   */
  async function afterFailure(call: ChatCall, text: string, err: unknown): Promise<ChatResult | null> {
    const { request, breaker } = call;
    if (err instanceof AppError) {
      if (err.code !== 'ai.invalid_output') {
        breaker.succeeded();
        await policy.record('chat', provider.name, request, performance.now() - call.started, { model: call.model }, 'error', err.code);
      }
      throw err;
    }
    if (!request.signal?.aborted) return null;
    breaker.released();
    const usage = { promptTokens: promptTokensOf(request), completionTokens: countTokens(text) };
    const latencyMs = performance.now() - call.started;
    return answered(call, text, { usage, model: call.model, latencyMs, finishReason: 'cancelled' });
  }

  async function runChat(request: ChatRequest, push: (text: string) => void): Promise<ChatResult> {
    if (!Array.isArray(request.messages) || request.messages.length === 0)
      throw new AppError('ai.invalid_request', 400, 'messages must hold at least one message');
    if (request.jsonSchema) assertValidSchema(request.jsonSchema.schema);
    const model = request.model ?? (provider.name === 'openai' ? config.models.chat : 'offline');
    await policy.admit('chat', provider.name, request, model);
    const call: ChatCall = { request, model, breaker: policy.breakerFor('chat', provider.name), started: performance.now() };
    const attempts = config.maxRetries + 1;
    let lastError: unknown;
    for (let i = 0; i < attempts; i++) {
      const attempt: Attempt = { text: '', emitted: false };
      try {
        const done = await streamAttempt(request, attempt, push);
        return await finish(call, attempt.text, done);
      } catch (err) {
        lastError = err;
        const cancelled = await afterFailure(call, attempt.text, err);
        if (cancelled) return cancelled;
        // Once tokens reached the caller a retry would repeat them; only a silent failure is retried.
        if (attempt.emitted || !policy.isRetryable(err) || i + 1 >= attempts) break;
        try {
          await policy.backoff(i, request.signal);
        } catch {
          break;
        }
      }
    }
    return policy.fail('chat', provider.name, request, model, call.started, lastError, call.breaker);
  }

  function chat(request: ChatRequest): ChatStream {
    const queue = createAsyncQueue<string>();
    const result = (async (): Promise<ChatResult> => {
      try {
        return await runChat(request, (text) => queue.push(text));
      } catch (err) {
        queue.end(err);
        throw err;
      } finally {
        queue.end();
      }
    })();
    // The caller may only iterate; the rejection then reaches them through the iterator.
    result.catch(() => undefined);
    return { result, [Symbol.asyncIterator]: () => queue.iterate() };
  }

  return { chat };
}
