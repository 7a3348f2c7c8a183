import client from 'prom-client';
import type { FastifyInstance } from 'fastify';

export interface Metrics {
  registry: client.Registry;
  httpDuration: client.Histogram<'method' | 'route' | 'status'>;
  wsConnections: client.Gauge<string>;
  jobQueueDepth: client.Gauge<'queue' | 'state'>;
  aiLatency: client.Histogram<'provider' | 'model' | 'capability'>;
  aiTokens: client.Counter<'provider' | 'model' | 'kind'>;
  voiceFrameLateness: client.Histogram<string>;
  voiceUnderruns: client.Counter<string>;
  voiceTurnAdded: client.Histogram<'interrupted'>;
}

/** One registry per app, so several apps in one process (tests, scale-out checks) keep apart. */
export function createMetrics(): Metrics {
  const registry = new client.Registry();
  // The event-loop lag histogram samples once a second: at prom-client's default of every 10 ms it would wake an
  // idle server 100 times a second. Load shedding keeps its own 10 ms sampling, and only while requests come in.
  client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 1000 });
  return {
    registry,
    httpDuration: new client.Histogram({
      name: 'talkbase_http_request_duration_seconds',
      help: 'HTTP request latency',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    wsConnections: new client.Gauge({ name: 'talkbase_websocket_connections', help: 'Open WebSocket connections', registers: [registry] }),
    jobQueueDepth: new client.Gauge({
      name: 'talkbase_job_queue_depth',
      help: 'Jobs waiting, by queue and state',
      labelNames: ['queue', 'state'],
      registers: [registry],
    }),
    aiLatency: new client.Histogram({
      name: 'talkbase_ai_call_duration_seconds',
      help: 'AI call latency',
      labelNames: ['provider', 'model', 'capability'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    aiTokens: new client.Counter({
      name: 'talkbase_ai_tokens_total',
      help: 'AI tokens used',
      labelNames: ['provider', 'model', 'kind'],
      registers: [registry],
    }),
    voiceFrameLateness: new client.Histogram({
      name: 'talkbase_voice_frame_lateness_seconds',
      help: 'How late each outgoing live voice frame left against real time',
      buckets: [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.1, 0.2, 0.5],
      registers: [registry],
    }),
    voiceUnderruns: new client.Counter({
      name: 'talkbase_voice_underruns_total',
      help: 'Times a live voice reply ran dry while more of it was still to come',
      registers: [registry],
    }),
    voiceTurnAdded: new client.Histogram({
      name: 'talkbase_voice_turn_added_seconds',
      help: 'Talkbase’s own time per live voice turn: end of speech to first audio, less the engines’ times',
      labelNames: ['interrupted'],
      buckets: [0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
  };
}

export function registerHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
