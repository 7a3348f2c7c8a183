import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import client from 'prom-client';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { LoadSheddingConfig } from '../../config.js';
import type { Database } from '../db/database.js';
import type { Metrics } from '../observability/metrics.js';
import { problemType } from './errors.js';

/** Operations routes answer whatever the load: a balancer and a scraper must still see the process. */
const EXEMPT = new Set(['/health', '/ready', '/metrics']);
const SAMPLE_MS = 100;
const IDLE_SLEEP_MS = 2000;

declare module 'fastify' {
  interface FastifyInstance {
    /** Admission control and graceful-shutdown draining (load-shedding.ts). */
    loadShedding?: LoadShedding;
  }
}

export type ShedReason = 'event_loop' | 'database_pool' | 'shutting_down' | 'database_unavailable';

export interface LoadShedding {
  /** The event loop's sustained delay in milliseconds: the lesser of the last two 100 ms windows' worst delay. */
  eventLoopDelayMs(): number;
  /** Requests being served now (WebSocket upgrades excluded). */
  inFlight(): number;
  /**
   * Stop admitting requests (503 with Retry-After and `Connection: close`) and wait until those in flight have
   * answered. The first request on a connection accepted before the drain counts as in flight: its client sent it
   * before the shutdown, and only a busy event loop kept it unread.
   */
  drain(timeoutMs: number): Promise<{ drained: boolean; waitedMs: number }>;
  /** Counts a 503 given for a reason found outside the admission check (a database that does not answer). */
  count(reason: ShedReason): void;
}

/**
 * Admission control in front of every route: while the event loop lags or queries queue for a pooled
 * connection past the configured limits, a request is answered at once with 503 and Retry-After instead
 * of joining a queue where it would time out. During a graceful shutdown every new request gets the same
 * answer while the ones in flight finish.
 */
export function registerLoadShedding(
  app: FastifyInstance,
  deps: { config: LoadSheddingConfig; database: Pick<Database, 'poolStats'>; metrics: Metrics },
): LoadShedding {
  const { config, database, metrics } = deps;
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  // The two latest windows' worst delay: one long pause (start-up, a big synchronous task) is not overload,
  // so requests are refused only while both windows are over the limit.
  let previousMs = 0;
  let latestMs = 0;
  let lastSample = performance.now();
  let sampler: NodeJS.Timeout | null = null;
  let idleSince = performance.now();
  // Sampling sleeps once no connection has been open and no request has come for a while (nothing to shed), so an
  // idle server does not wake 100 times a second; a connection or a request wakes it.
  const wake = () => {
    if (sampler) return;
    previousMs = latestMs = 0;
    lastSample = idleSince = performance.now();
    histogram.reset();
    histogram.enable();
    sampler = setInterval(() => {
      const now = performance.now();
      if (connections > 0) idleSince = now;
      else if (now - idleSince > IDLE_SLEEP_MS) return sleep();
      // The histogram misses a stall still going on; the late timer itself measures it.
      previousMs = latestMs;
      latestMs = Math.max(histogram.max / 1e6, now - lastSample - SAMPLE_MS);
      lastSample = now;
      histogram.reset();
    }, SAMPLE_MS);
    sampler.unref();
  };
  const sleep = () => {
    if (sampler) clearInterval(sampler);
    sampler = null;
    histogram.disable();
    previousMs = latestMs = 0;
  };
  wake();
  const eventLoopDelayMs = () => (sampler ? Math.min(previousMs, Math.max(latestMs, performance.now() - lastSample - SAMPLE_MS)) : 0);
  app.addHook('onReady', async () => {
    // Building the app blocks the loop; that is not load.
    previousMs = latestMs = 0;
    lastSample = performance.now();
    histogram.reset();
  });

  let inFlight = 0;
  let draining = false;
  // Connections accepted before the drain began whose first request has not been read yet: the client sent it before
  // the shutdown (the server was just slow to read it), so it is served like the requests already in flight.
  const acceptedAt = new WeakMap<object, number>();
  let drainStartedAt = Infinity;
  let connections = 0;
  app.server.on('connection', (socket: import('node:net').Socket) => {
    acceptedAt.set(socket, performance.now());
    connections++;
    wake();
    socket.once('close', () => connections--);
  });

  const shed = new client.Counter({
    name: 'talkbase_shed_requests_total',
    help: 'Requests answered 503 with Retry-After instead of being served, by reason',
    labelNames: ['reason'],
    registers: [metrics.registry],
  });
  for (const reason of ['event_loop', 'database_pool', 'shutting_down', 'database_unavailable']) shed.inc({ reason }, 0);
  new client.Gauge({
    name: 'talkbase_event_loop_delay_milliseconds',
    help: "Sustained event-loop delay the load shedder sees (the lesser of the last two 100 ms windows' worst)",
    registers: [metrics.registry],
    collect() {
      this.set(eventLoopDelayMs());
    },
  });
  new client.Gauge({
    name: 'talkbase_db_pool_waiting',
    help: 'Queries waiting for a pooled database connection',
    registers: [metrics.registry],
    collect() {
      this.set(database.poolStats?.().waiting ?? 0);
    },
  });
  new client.Gauge({
    name: 'talkbase_http_connections',
    help: 'Open HTTP connections (WebSockets included)',
    registers: [metrics.registry],
    collect() {
      this.set(connections);
    },
  });
  new client.Gauge({
    name: 'talkbase_http_in_flight',
    help: 'HTTP requests being served',
    registers: [metrics.registry],
    collect() {
      this.set(inFlight);
    },
  });

  const refuse = (request: FastifyRequest, reply: FastifyReply, reason: ShedReason, detail: string) => {
    shed.inc({ reason });
    if (reason === 'shutting_down') reply.header('connection', 'close');
    return reply
      .status(503)
      .header('retry-after', String(config.retryAfterSeconds))
      .type('application/problem+json')
      .send({
        type: problemType(reason === 'shutting_down' ? 'shutting_down' : 'overloaded'),
        title: 'Service Unavailable',
        status: 503,
        detail,
        instance: request.url.split('?')[0],
        requestId: request.id,
        reason,
      });
  };

  app.addHook('onRequest', async (request, reply) => {
    if (sampler) idleSince = performance.now();
    else wake();
    const accepted = acceptedAt.get(request.raw.socket);
    acceptedAt.delete(request.raw.socket);
    const path = request.url.split('?')[0]!;
    if (EXEMPT.has(path)) {
      if (draining && path === '/ready') {
        reply.header('connection', 'close');
        return reply.status(503).send({ status: 'not ready', checks: { shutdown: 'draining' } });
      }
      return;
    }
    if (draining && !(accepted !== undefined && accepted < drainStartedAt))
      return refuse(request, reply, 'shutting_down', 'The server is shutting down; retry on another instance.');
    // The web console's files and the API reference are read from memory or disk, never the database: a browser
    // loading the page gets it (and its own retries of API calls) rather than a JSON 503 for a page.
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && path !== '/v1' && !path.startsWith('/v1/');
    if (isPage) return;
    if (config.eventLoopDelayMs > 0) {
      const delay = eventLoopDelayMs();
      if (delay > config.eventLoopDelayMs)
        return refuse(request, reply, 'event_loop', `The server is overloaded (event-loop delay ${Math.round(delay)} ms); retry later.`);
    }
    if (config.dbWaiting > 0) {
      const waiting = database.poolStats?.().waiting ?? 0;
      if (waiting >= config.dbWaiting)
        return refuse(
          request,
          reply,
          'database_pool',
          `The server is overloaded (${waiting} queries waiting for the database); retry later.`,
        );
    }
    if (request.headers.upgrade?.toLowerCase() === 'websocket') return;
    inFlight++;
    reply.raw.once('close', () => inFlight--);
  });
  app.addHook('preClose', async () => {
    // Closing without a drain first (tests, commands): new requests are refused the same way from here on.
    if (!draining) {
      drainStartedAt = performance.now();
      draining = true;
    }
  });
  app.addHook('onClose', async () => {
    sleep();
  });

  const shedding: LoadShedding = {
    eventLoopDelayMs,
    inFlight: () => inFlight,
    count: (reason) => shed.inc({ reason }),
    async drain(timeoutMs) {
      draining = true;
      const started = Date.now();
      // Connections the kernel had already accepted when the signal came are taken in by the next turns of the loop;
      // their first requests were sent before the shutdown and are served. Connections after this point are refused.
      for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
      await new Promise((r) => setTimeout(r, 50));
      drainStartedAt = performance.now();
      // Settled once nothing has been in flight for 100 ms: a request read late (a busy loop) counts in by then.
      let idleSince = inFlight === 0 ? Date.now() : 0;
      while (Date.now() - started < timeoutMs) {
        if (inFlight > 0) idleSince = 0;
        else if (!idleSince) idleSince = Date.now();
        else if (Date.now() - idleSince >= 100) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      return { drained: inFlight === 0, waitedMs: Date.now() - started };
    },
  };
  app.decorate('loadShedding', shedding);
  return shedding;
}

/** The answer for a request whose database did not answer: 503 with Retry-After, counted in the metrics. */
export function databaseUnavailable(request: FastifyRequest): { retryAfterSeconds: number } {
  request.server.loadShedding?.count('database_unavailable');
  return { retryAfterSeconds: 2 };
}

const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
];

/** True when an error (or one it wraps) says the database could not be reached, rather than that a query was wrong. */
export function isDatabaseUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 5 && e && typeof e === 'object'; i++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
