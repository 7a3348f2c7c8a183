import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { AppError } from '../../src/core/http/errors.js';
import { streamEvents } from '../../src/core/http/sse.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let app: FastifyInstance;
let base: string;
let aborted: Promise<boolean>;

beforeAll(async () => {
  app = Fastify({ logger: false });
  app.get('/slow', (request, reply) =>
    streamEvents(
      request,
      reply,
      async (stream) => {
        stream.send('first', { n: 1 });
        await sleep(120);
        stream.send('second', { n: 2 });
      },
      { heartbeatMs: 30 },
    ),
  );
  app.get('/conflict', (request, reply) =>
    streamEvents(request, reply, async () => {
      throw new AppError('thing.conflict', 409, 'the thing is busy', { thingId: 't1' });
    }),
  );
  app.get('/crash', (request, reply) =>
    streamEvents(request, reply, async () => {
      throw new Error('secret database detail');
    }),
  );
  let signalled!: (v: boolean) => void;
  aborted = new Promise((resolve) => (signalled = resolve));
  app.get('/endless', (request, reply) =>
    streamEvents(request, reply, async (stream) => {
      stream.send('started', {});
      await new Promise((resolve) => stream.signal.addEventListener('abort', resolve));
      signalled(stream.signal.aborted);
    }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
});
afterAll(async () => app?.close());

describe('Server-Sent Events', () => {
  it('writes events in order with heartbeat comments between them, then ends the response', async () => {
    const res = await fetch(`${base}/slow`);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    expect(text.indexOf('event: first\ndata: {"n":1}\n\n')).toBe(0);
    expect(text).toContain(': heartbeat\n\n');
    expect(text.endsWith('event: second\ndata: {"n":2}\n\n')).toBe(true);
  });

  it('turns an error into one problem event, the body an HTTP error would have', async () => {
    const text = await (await fetch(`${base}/conflict`)).text();
    const [, data] = /^event: error\ndata: (.*)\n\n$/.exec(text)!;
    expect(JSON.parse(data!)).toMatchObject({
      type: 'urn:talkbase:problem:thing.conflict',
      title: 'Conflict',
      status: 409,
      detail: 'the thing is busy',
      instance: '/conflict',
      thingId: 't1',
    });
  });

  it('keeps the details of an unexpected error on the server', async () => {
    const text = await (await fetch(`${base}/crash`)).text();
    expect(text).not.toContain('secret');
    expect(JSON.parse(/^data: (.*)$/m.exec(text)![1]!)).toMatchObject({ type: 'urn:talkbase:problem:internal', status: 500 });
  });

  it('aborts the work when the client goes away', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/endless`, { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    expect(await aborted).toBe(true);
  });
});
