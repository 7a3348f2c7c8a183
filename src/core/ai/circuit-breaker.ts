import type { Clock } from '../time/clock.js';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreaker {
  /** Null when a call may go ahead; otherwise the milliseconds until the next trial call is allowed. */
  admit(): number | null;
  succeeded(): void;
  failed(): void;
  /** The admitted call ended without telling anything about the provider (the caller cancelled it). */
  released(): void;
  state(): CircuitState;
}

/**
 * Opens after `failureThreshold` consecutive failures; after `coolDownMs` (on the Clock port) lets one
 * trial call through (half-open); that call's success closes it, its failure opens it again.
 */
export function createCircuitBreaker(opts: { failureThreshold: number; coolDownMs: number; clock: Clock }): CircuitBreaker {
  let failures = 0;
  let openedAt: number | null = null;
  let trialInFlight = false;
  const now = () => opts.clock.now().getTime();
  const current = (): CircuitState => {
    if (openedAt === null) return 'closed';
    return now() - openedAt >= opts.coolDownMs ? 'half-open' : 'open';
  };
  return {
    admit() {
      const s = current();
      if (s === 'closed') return null;
      if (s === 'half-open' && !trialInFlight) {
        trialInFlight = true;
        return null;
      }
      return Math.max(1, opts.coolDownMs - (now() - openedAt!));
    },
    succeeded() {
      failures = 0;
      openedAt = null;
      trialInFlight = false;
    },
    failed() {
      trialInFlight = false;
      failures += 1;
      if (openedAt !== null || failures >= opts.failureThreshold) openedAt = now();
    },
    released() {
      trialInFlight = false;
    },
    state: current,
  };
}
