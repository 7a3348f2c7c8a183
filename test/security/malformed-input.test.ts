// Malformed, oversized and hostile request bodies and WebSocket frames: each gets a problem+json (or a protocol error), never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { chatProduct } from '../../src/products/chat/index.js';
import { callsProduct } from '../../src/products/calls/index.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { TestSocket } from '../support/realtime-client.js';

const LIMIT = 64 * 1024;
let t: TestApp;
let wsUrl: string;
let u: Awaited<ReturnType<typeof signUp>>;
beforeAll(async () => {
  t = await createTestApp({ config: { bodyLimitBytes: LIMIT }, deps: { products: [chatProduct, callsProduct] } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/v1/realtime`;
  u = await signUp(t.app);
});
afterAll(async () => t?.close());

const post = (url: string, payload: string | Buffer, contentType = 'application/json', headers: Record<string, string> = u.auth) =>
  t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': contentType }, payload });

function problem(res: Awaited<ReturnType<typeof post>>, status: number, type?: string) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  if (type) expect(body.type).toBe(`urn:talkbase:problem:${type}`);
  expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
  return body as { type: string; errors?: { field: string; message: string }[] };
}

async function personaCount() {
  return (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM calls.personas WHERE user_id = $1', [u.user.id]))[0]!.n;
}

describe('HTTP bodies', () => {
  const personas = '/v1/calls/personas';
  const valid = { name: 'Grandpa', phoneNumber: '+82 10 1111 2222' };

  it('answers JSON syntax errors, non-object JSON and an empty body with 400 problem+json', async () => {
    for (const body of ['{"name":', '{name: "x"}', "{'name':'x'}", '{"name":"x",}', '\u0000', '{"a":1}{"b":2}']) {
      problem(await post(personas, body), 400, 'malformed_body');
    }
    for (const body of ['[]', '123', '"text"', 'null', 'true']) problem(await post(personas, body), 400);
    problem(await post(personas, ''), 400);
    expect(await personaCount()).toBe(0);
  });

  it('answers a body in another content type with 415, or 400 naming the body where an upload type is accepted', async () => {
    for (const type of ['application/xml', 'application/x-www-form-urlencoded', 'application/json-patch+json']) {
      problem(await post(personas, JSON.stringify(valid), type), 415, 'unsupported_media_type');
    }
    // text/plain and images are upload types elsewhere: they parse as a stream, which is not the object this route takes.
    for (const type of ['text/plain', 'image/png']) {
      problem(await post(personas, JSON.stringify(valid), type), 400, 'validation');
    }
    expect(await personaCount()).toBe(0);
  });

  it('answers a body over the limit with 413 before reading it all, and a field over its maximum naming the field', async () => {
    const huge = JSON.stringify({ ...valid, memo: 'x'.repeat(LIMIT) });
    problem(await post(personas, huge), 413, 'body_too_large');
    const chunked = await t.app.inject({
      method: 'POST',
      url: personas,
      headers: { ...u.auth, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      payload: huge,
    });
    problem(chunked, 413, 'body_too_large');
    const long = problem(await post(personas, JSON.stringify({ ...valid, memo: 'y'.repeat(LIMIT - 200) })), 400, 'validation');
    expect(long.errors!.every((e) => e.field === 'memo')).toBe(true);
    expect(long.errors!.some((e) => e.message.includes('5000'))).toBe(true);
    expect(await personaCount()).toBe(0);
  });

  it('refuses JSON nested deeper than any request needs with 400, and stores nothing', async () => {
    const depth = Math.floor((LIMIT - 100) / 2);
    const nested = `{"avatarCustomization":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    const res = await t.app.inject({
      method: 'PUT',
      url: '/v1/chat/preferences',
      headers: { ...u.auth, 'content-type': 'application/json' },
      payload: nested,
    });
    expect(problem(res, 400, 'malformed_body').type).toBeDefined();
    const stored = await t.database.query<{ a: string }>(
      'SELECT avatar_customization::text AS a FROM chat.user_preferences WHERE user_id = $1',
      [u.user.id],
    );
    expect(stored.filter((r) => r.a.includes('[['))).toEqual([]);
    // Nesting a free-form object needs reasonably does not trip the limit.
    let fine: unknown = { leaf: true };
    for (let i = 0; i < 40; i++) fine = { [`level${i}`]: fine };
    const ok = await t.app.inject({ method: 'PUT', url: '/v1/chat/preferences', headers: u.auth, payload: { avatarCustomization: fine } });
    expect(ok.statusCode, ok.body.slice(0, 200)).toBe(200);
  });

  it('rejects unknown fields and prototype keys by name, and pollutes nothing', async () => {
    const unknown = problem(await post(personas, JSON.stringify({ ...valid, isVip: true, userId: u.user.id })), 400, 'validation');
    expect(unknown.errors!.map((e) => e.field).sort()).toEqual(['isVip', 'userId']);
    const proto = await post(personas, `{"name":"P","phoneNumber":"+82 10 3333 4444","__proto__":{"isAdmin":true}}`);
    expect(proto.statusCode).toBe(400);
    const ctor = await post(personas, `{"name":"P","phoneNumber":"+82 10 3333 4444","constructor":{"prototype":{"isAdmin":true}}}`);
    expect(ctor.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect((await t.app.inject({ url: '/v1/me', headers: u.auth })).json().isAdmin).toBe(false);
    expect(await personaCount()).toBe(0);
  });

  it('names a bad path parameter and a bad query parameter instead of failing in the database', async () => {
    // Past Fastify's parameter length the path matches no route: a 404 like any unknown path.
    expect((await t.app.inject({ url: `/v1/calls/personas/${'x'.repeat(500)}`, headers: u.auth })).statusCode).toBe(404);
    for (const id of ["1' OR '1'='1", '00000000-0000-0000-0000-00000000000g', '%00', '../../admin/users']) {
      const res = await t.app.inject({ url: `/v1/calls/personas/${encodeURIComponent(id)}`, headers: u.auth });
      const body = problem(res, 400, 'validation');
      expect(body.errors![0]!.field).toBe('id');
    }
    for (const q of ['limit=0', 'limit=101', 'limit=abc', 'cursor=%FF%FE', 'limit=1&limit=2', 'extra=1']) {
      const res = await t.app.inject({ url: `/v1/calls/logs?${q}`, headers: u.auth });
      expect(res.statusCode, q).toBe(400);
      expect(res.headers['content-type'], q).toMatch(/^application\/problem\+json/);
    }
  });

  it('stores invalid UTF-8 without a 5xx, and refuses NUL in text with 400', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"name":"Ha'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('lmoni","phoneNumber":"+82 10 5555 6666"}'),
    ]);
    const res = await post(personas, bytes);
    expect(res.statusCode).toBeLessThan(500);
    // PostgreSQL text cannot hold NUL: it is refused up front instead of failing in the database.
    const count = await personaCount();
    const nul = await post(personas, JSON.stringify({ name: 'Nul', phoneNumber: '+82 10 7777 8888', memo: 'a\u0000b' }));
    expect(problem(nul, 400, 'malformed_body').type).toBeDefined();
    expect(await personaCount()).toBe(count);
  });

  it('answers a malformed multipart upload with a 4xx problem and keeps no file', async () => {
    const persona = await post(personas, JSON.stringify({ name: 'Upload target', phoneNumber: '+82 10 9999 0000' }));
    expect(persona.statusCode).toBe(201);
    const files = async () =>
      (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM core.files WHERE owner_id = $1', [u.user.id]))[0]!.n;
    const before = await files();
    const broken = await post(
      `/v1/calls/personas/${persona.json().id}/voice-files`,
      '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\nContent-Type: audio/wav\r\n\r\nRIFF',
      'multipart/form-data; boundary=xyz',
    );
    expect(broken.statusCode).toBeGreaterThanOrEqual(400);
    expect(broken.statusCode).toBeLessThan(500);
    expect(broken.headers['content-type']).toMatch(/^application\/problem\+json/);
    const badName = await t.app.inject({
      method: 'POST',
      url: `/v1/calls/personas/${persona.json().id}/voice-files`,
      headers: { ...u.auth, 'content-type': 'audio/wav', 'x-file-name': '%E0%A4%A.wav' },
      payload: Buffer.from('RIFF'),
    });
    expect(badName.statusCode).toBeGreaterThanOrEqual(400);
    expect(badName.statusCode).toBeLessThan(500);
    const noBoundary = await post(`/v1/calls/personas/${persona.json().id}/voice-files`, 'abc', 'multipart/form-data');
    expect(noBoundary.statusCode).toBeGreaterThanOrEqual(400);
    expect(noBoundary.statusCode).toBeLessThan(500);
    expect(await files()).toBe(before);
  });
});

describe('WebSocket frames', () => {
  async function stillServes(socket: TestSocket) {
    socket.send({ type: 'ping' });
    await socket.next((m) => m.type === 'pong');
  }

  it('answers malformed frames with an error and keeps the connection usable', async () => {
    const socket = await TestSocket.connect(wsUrl, u.tokens.accessToken);
    const frames: (string | Buffer)[] = [
      'not json',
      '[1,2,3]',
      'null',
      '{"type":42}',
      '{}',
      '{"type":"subscribe"}',
      '{"type":"subscribe","channel":{"$ne":null}}',
      '{"type":"subscribe","channel":"user"}',
      `{"type":"subscribe","channel":"nope:${u.user.id}"}`,
      '{"type":"subscribe","channel":"user:../../etc/passwd"}',
      '{"type":"signal","channel":"room:x","data":"x"}',
      '{"type":"launch-missiles"}',
      '{"type":"subscribe","channel":"user:' + 'a'.repeat(500) + '"}',
      Buffer.from([0x00, 0x01, 0x02]),
    ];
    for (const frame of frames) {
      socket.ws.send(frame);
      const reply = await socket.next((m) => m.type === 'error' || m.type === 'subscribed' || m.type === 'unsubscribed');
      expect(reply.type, String(frame).slice(0, 60)).toBe('error');
      expect(typeof reply.code).toBe('string');
      expect(reply.code).not.toBe('internal');
    }
    await stillServes(socket);
    await socket.close();
  });

  it('closes a connection that sends a frame over the size limit, and one that floods its inbox', async () => {
    const socket = await TestSocket.connect(wsUrl, u.tokens.accessToken);
    socket.ws.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(70 * 1024) }));
    const closed = await socket.closed;
    expect(closed.code).toBe(1009);

    const flood = await TestSocket.connect(wsUrl, u.tokens.accessToken);
    const big = JSON.stringify({ type: 'subscribe', channel: `user:${u.user.id}`, lastSeq: 0 });
    for (let i = 0; i < 500 && flood.ws.readyState === WebSocket.OPEN; i++) flood.ws.send(big);
    const end = await Promise.race([flood.closed, new Promise<null>((r) => setTimeout(() => r(null), 10_000))]);
    // Either the server kept up with every message or it closed the socket as a policy violation; it never fell over.
    if (end) expect([1008, 4008]).toContain(end.code);
    else await flood.close();
    const fresh = await TestSocket.connect(wsUrl, u.tokens.accessToken);
    await stillServes(fresh);
    await fresh.close();
  });

  it('refuses everything but auth and ping before authentication, and closes', async () => {
    const socket = await TestSocket.open(wsUrl);
    socket.send({ type: 'ping' });
    await socket.next((m) => m.type === 'pong');
    socket.send({ type: 'subscribe', channel: `user:${u.user.id}` });
    const reply = await socket.next((m) => m.type === 'error');
    expect(reply.code).toBe('auth.required');
    expect((await socket.closed).code).toBe(4401);
  });
});
