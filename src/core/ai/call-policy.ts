import type { FastifyBaseLogger } from 'fastify';
import type { AiConfig } from '../../config.js';
import type { Db } from '../db/database.js';
import { AppError } from '../http/errors.js';
import type { Metrics } from '../observability/metrics.js';
import type { Clock } from '../time/clock.js';
import type { CallPolicy, CallUsage } from './audio-streams.js';
import { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker.js';
import type { AiCallContext, AiCapability, AiProviderName } from './engine.js';
import { AiProviderError } from './providers/provider.js';
import { aiUnavailable } from './unavailable.js';
import { enforceDailyQuota, recordAiCall } from './usage.js';

class CallerCancelled extends Error {}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new CallerCancelled());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new CallerCancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function errorCode(err: unknown): string {
  if (err instanceof AppError) return err.code;
  if (err instanceof AiProviderError) return err.code;
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timeout';
  return 'provider_error';
}

export function isRetryable(err: unknown): boolean {
  if (err instanceof AppError) return false;
  if (err instanceof AiProviderError) return err.retryable;
  return true;
}

export interface CallPolicyDeps {
  config: AiConfig;
  db: Db;
  clock: Clock;
  metrics?: Pick<Metrics, 'aiLatency' | 'aiTokens'>;
  log?: Pick<FastifyBaseLogger, 'warn' | 'error'>;
  /** Base of the retry backoff; tests make it small. */
  retryBaseMs?: number;
}

/**
 * The policy every engine call goes through: a per-user daily quota, a circuit breaker per provider and
 * capability, a timeout, retries with backoff where safe, metrics and a core.ai_calls row.
 */
export function createCallPolicy(deps: CallPolicyDeps) {
  const { config, db, clock } = deps;
  const retryBaseMs = deps.retryBaseMs ?? 250;
  const breakers = new Map<string, CircuitBreaker>();
  const breakerFor = (capability: AiCapability, provider: string) => {
    const key = `${provider}:${capability}`;
    let b = breakers.get(key);
    if (!b) {
      b = createCircuitBreaker({ ...config.breaker, clock });
      breakers.set(key, b);
    }
    return b;
  };

  const record: CallPolicy['record'] = async (capability, provider, ctx, latencyMs, usage, status, errorCodeValue) => {
    deps.metrics?.aiLatency.observe({ provider, model: usage.model, capability }, latencyMs / 1000);
    if (usage.promptTokens) deps.metrics?.aiTokens.inc({ provider, model: usage.model, kind: 'prompt' }, usage.promptTokens);
    if (usage.completionTokens) deps.metrics?.aiTokens.inc({ provider, model: usage.model, kind: 'completion' }, usage.completionTokens);
    return recordAiCall(db, clock, {
      userId: ctx.userId ?? null,
      capability,
      provider,
      promptVersion: ctx.promptVersion ?? null,
      latencyMs,
      ...usage,
      status,
      errorCode: errorCodeValue ?? null,
    });
  };

  /** Quota and breaker admission; throws before any provider is asked. */
  async function admit(capability: AiCapability, provider: AiProviderName, ctx: AiCallContext, model: string) {
    if (ctx.userId) await enforceDailyQuota(db, clock, ctx.userId, config.quota);
    const waitMs = breakerFor(capability, provider).admit();
    if (waitMs !== null) {
      await record(capability, provider, ctx, 0, { model }, 'error', 'circuit_open');
      throw aiUnavailable('ai.unavailable', `the ${capability} engine is unavailable; try again shortly`, {
        retryAfterSeconds: Math.ceil(waitMs / 1000),
      });
    }
  }

  function attemptSignal(ctx: AiCallContext): AbortSignal {
    const timeout = AbortSignal.timeout(config.timeoutMs);
    return ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
  }

  /** Waits before retry `attempt`; rejects when the caller cancels meanwhile. */
  const backoff = (attempt: number, signal?: AbortSignal) =>
    sleep(retryBaseMs * 2 ** attempt + Math.floor(Math.random() * retryBaseMs), signal);

  const fail: CallPolicy['fail'] = async (capability, provider, ctx, model, started, err, breaker) => {
    const latencyMs = performance.now() - started;
    if (ctx.signal?.aborted) {
      breaker.released();
      await record(capability, provider, ctx, latencyMs, { model }, 'error', 'cancelled');
      throw new AppError('ai.cancelled', 499, `the ${capability} call was cancelled`);
    }
    breaker.failed();
    const code = errorCode(err);
    await record(capability, provider, ctx, latencyMs, { model }, 'error', code);
    deps.log?.warn({ capability, provider, code, err: err instanceof Error ? err.message : String(err) }, 'AI call failed');
    throw aiUnavailable(
      'ai.unavailable',
      code === 'timeout' ? `the ${capability} engine did not answer in time` : `the ${capability} engine is unavailable`,
      { aiErrorCode: code },
    );
  };

  /** One non-streaming call through the policy. */
  async function invoke<T>(
    capability: AiCapability,
    provider: AiProviderName,
    ctx: AiCallContext,
    opts: { idempotent: boolean; model: string },
    attempt: (signal: AbortSignal) => Promise<T>,
    usageOf: (value: T) => CallUsage,
  ): Promise<{ value: T; latencyMs: number; callId: string }> {
    await admit(capability, provider, ctx, opts.model);
    const breaker = breakerFor(capability, provider);
    const started = performance.now();
    const attempts = opts.idempotent ? config.maxRetries + 1 : 1;
    let lastError: unknown;
    for (let i = 0; i < attempts; i++) {
      try {
        const value = await attempt(attemptSignal(ctx));
        breaker.succeeded();
        const latencyMs = performance.now() - started;
        const callId = await record(capability, provider, ctx, latencyMs, usageOf(value), 'ok');
        return { value, latencyMs: Math.round(latencyMs), callId };
      } catch (err) {
        lastError = err;
        if (ctx.signal?.aborted) break;
        if (err instanceof AppError) {
          // A deterministic refusal (no espeak-ng, unreadable audio, unknown job): not an outage.
          breaker.succeeded();
          await record(capability, provider, ctx, performance.now() - started, { model: opts.model }, 'error', err.code);
          throw err;
        }
        if (!isRetryable(err) || i + 1 >= attempts) break;
        try {
          await backoff(i, ctx.signal);
        } catch {
          break;
        }
      }
    }
    return fail(capability, provider, ctx, opts.model, started, lastError, breaker);
  }

  const policy: CallPolicy = { config, admit, breakerFor, record, fail, isRetryable, backoff };
  return { ...policy, attemptSignal, invoke };
}

export type EngineCallPolicy = ReturnType<typeof createCallPolicy>;
