import type { AiConfig } from '../../config.js';
import { AppError } from '../http/errors.js';
import { createAsyncQueue } from './async-queue.js';
import type { EngineCallPolicy } from './call-policy.js';
import type { ChatRequest, ChatResult, ChatStream } from './engine.js';
import { AiProviderError, type ChatProvider } from './providers/provider.js';
import { assertValidSchema, parseStructuredOutput } from './structured-output.js';
import { countTokens } from './text.js';

export interface ChatCallDeps {
  config: AiConfig;
  provider: ChatProvider;
  policy: EngineCallPolicy;
}

/** Streaming chat through the call policy; retried only until the first token reached the caller. */
export function createChatCall(deps: ChatCallDeps) {
  const { config, provider, policy } = deps;
  const { admit, breakerFor, attemptSignal, record, isRetryable, backoff, fail } = policy;

  function chat(request: ChatRequest): ChatStream {
    const queue = createAsyncQueue<string>();

    const result = (async (): Promise<ChatResult> => {
      try {
        if (!Array.isArray(request.messages) || request.messages.length === 0)
          throw new AppError('ai.invalid_request', 400, 'messages must hold at least one message');
        if (request.jsonSchema) assertValidSchema(request.jsonSchema.schema);
        const model = request.model ?? (provider.name === 'openai' ? config.models.chat : 'offline');
        await admit('chat', provider.name, request, model);
        const breaker = breakerFor('chat', provider.name);
        const started = performance.now();
        const attempts = config.maxRetries + 1;
        let lastError: unknown;
        for (let i = 0; i < attempts; i++) {
          let text = '';
          let emitted = false;
          try {
            const signal = attemptSignal(request);
            let done: { usage: { promptTokens: number; completionTokens: number }; model: string; finishReason: 'stop' | 'length' } | null =
              null;
            for await (const event of provider.chat({
              messages: request.messages,
              model: request.model,
              temperature: request.temperature,
              maxTokens: request.maxTokens,
              jsonSchema: request.jsonSchema,
              signal,
            })) {
              if (event.type === 'delta') {
                if (!event.text) continue;
                text += event.text;
                emitted = true;
                queue.push(event.text);
              } else done = event;
              if (request.signal?.aborted) break;
            }
            const latencyMs = performance.now() - started;
            const promptTokens = done?.usage.promptTokens || countTokens(request.messages.map((m) => m.content).join('\n'));
            const completionTokens = done?.usage.completionTokens || countTokens(text);
            const usedModel = done?.model ?? model;
            if (request.signal?.aborted) {
              breaker.succeeded();
              const callId = await record(
                'chat',
                provider.name,
                request,
                latencyMs,
                { model: usedModel, promptTokens, completionTokens },
                'ok',
              );
              return {
                text,
                finishReason: 'cancelled',
                usage: { promptTokens, completionTokens },
                model: usedModel,
                provider: provider.name,
                latencyMs: Math.round(latencyMs),
                callId,
              };
            }
            if (!done) throw new AiProviderError('incomplete_stream', 'the chat stream ended without finishing', true);
            breaker.succeeded();
            let json: unknown;
            if (request.jsonSchema) {
              try {
                json = parseStructuredOutput(text, request.jsonSchema.schema);
              } catch (err) {
                await record(
                  'chat',
                  provider.name,
                  request,
                  latencyMs,
                  { model: usedModel, promptTokens, completionTokens },
                  'error',
                  (err as AppError).code,
                );
                throw err;
              }
            }
            const callId = await record(
              'chat',
              provider.name,
              request,
              latencyMs,
              { model: usedModel, promptTokens, completionTokens },
              'ok',
            );
            return {
              text,
              ...(request.jsonSchema ? { json } : {}),
              finishReason: done.finishReason,
              usage: { promptTokens, completionTokens },
              model: usedModel,
              provider: provider.name,
              latencyMs: Math.round(latencyMs),
              callId,
            };
          } catch (err) {
            lastError = err;
            if (err instanceof AppError) {
              if (err.code !== 'ai.invalid_output') {
                breaker.succeeded();
                await record('chat', provider.name, request, performance.now() - started, { model }, 'error', err.code);
              }
              throw err;
            }
            if (request.signal?.aborted) {
              breaker.released();
              const latencyMs = performance.now() - started;
              const usage = {
                promptTokens: countTokens(request.messages.map((m) => m.content).join('\n')),
                completionTokens: countTokens(text),
              };
              const callId = await record('chat', provider.name, request, latencyMs, { model, ...usage }, 'ok');
              return { text, finishReason: 'cancelled', usage, model, provider: provider.name, latencyMs: Math.round(latencyMs), callId };
            }
            // Once tokens reached the caller a retry would repeat them; only a silent failure is retried.
            if (emitted || !isRetryable(err) || i + 1 >= attempts) break;
            try {
              await backoff(i, request.signal);
            } catch {
              break;
            }
          }
        }
        return await fail('chat', provider.name, request, model, started, lastError, breaker);
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
