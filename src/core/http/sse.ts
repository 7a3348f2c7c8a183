import type { FastifyReply, FastifyRequest } from 'fastify';
import { problemOf } from './problem.js';

const HEARTBEAT_MS = 15_000;

export interface EventStream {
  send(event: string, data: unknown): void;
  /** Aborted when the client goes away before the stream ends. */
  readonly signal: AbortSignal;
}

export function wantsEventStream(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}

/**
 * Answers with Server-Sent Events while `work` runs: comment heartbeats keep proxies from closing an idle stream, and an
 * error `work` throws becomes one `error` event holding the same problem object an HTTP error response would.
 */
export async function streamEvents(
  request: FastifyRequest,
  reply: FastifyReply,
  work: (stream: EventStream) => Promise<void>,
  opts: { heartbeatMs?: number } = {},
): Promise<FastifyReply> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
  });
  const controller = new AbortController();
  raw.on('close', () => {
    if (!raw.writableFinished) controller.abort();
  });
  const write = (text: string) => {
    if (!raw.writableEnded) raw.write(text);
  };
  const heartbeat = setInterval(() => write(': heartbeat\n\n'), opts.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
  const stream: EventStream = {
    send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    signal: controller.signal,
  };
  try {
    await work(stream);
  } catch (err) {
    const problem = problemOf(err);
    if (problem.status >= 500) request.log.error({ err }, 'event stream failed');
    stream.send('error', { ...problem, instance: request.url.split('?')[0], requestId: request.id });
  } finally {
    clearInterval(heartbeat);
    raw.end();
  }
  return reply;
}
