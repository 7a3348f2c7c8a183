import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { demoCredentialsPath, type DemoCredentials } from '../../src/core/seed.js';
import { killAll, serverData, serverEnv, startServer } from '../crash/support/server.js';
import { call } from '../crash/support/workload.js';
import { waitFor } from '../support/wait-for.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  killAll();
  for (const c of cleanups) await c();
});

// `npm start` runs dist/server.js, the server and most of its packages bundled into one file; the suite runs the
// sources. This runs the bundle through what a first user does, so a package that cannot live in a bundle, or a path
// computed from a module's own address, fails here and not on someone's laptop.
describe('npm start from the compiled, one-file server', () => {
  it('serves the demo: sign-in, a chat reply, speech, a new account, realtime, the API reference and the console', async () => {
    const data = await serverData();
    cleanups.push(() => data.cleanup());
    const env = serverEnv(data.env);
    const server = await startServer(env, { compiled: true, args: ['--demo'], timeoutMs: 180_000 });
    expect(fs.existsSync(path.resolve('dist/server.js')), 'the one-file server was built').toBe(true);
    expect(server.log()).not.toContain('through tsx');

    // The demo is seeded just after the server starts listening.
    await waitFor(() => fs.existsSync(demoCredentialsPath(env.TALKBASE_DATA_DIR!)), 60_000, 'the demo accounts');
    const demo = JSON.parse(fs.readFileSync(demoCredentialsPath(env.TALKBASE_DATA_DIR!), 'utf8')) as DemoCredentials;
    const login = await call(server.url, 'POST', '/v1/auth/login', { body: { email: demo.email, password: demo.password } });
    expect(login.status).toBe(200);
    const token: string = login.body.tokens.accessToken;

    // A chat reply from the offline engine, stored.
    const personas = await call(server.url, 'GET', '/v1/chat/personas', { token });
    expect(personas.status).toBe(200);
    const started = await call(server.url, 'POST', '/v1/chat/conversations', { token, body: { personaId: personas.body[0].id } });
    expect(started.status).toBe(201);
    const sent = await call(server.url, 'POST', `/v1/chat/conversations/${started.body.id}/messages`, {
      token,
      body: { content: '안녕하세요, 오늘 기분이 어때요?' },
    });
    expect(sent.status).toBe(201);
    const page = await call(server.url, 'GET', `/v1/chat/conversations/${started.body.id}/messages`, { token });
    expect(page.body.items.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);

    // Speech from the eSpeak NG WebAssembly build, in its worker thread.
    const speech = await fetch(`${server.url}/v1/ai/speech`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: '안녕하세요' }),
    });
    expect(speech.status).toBe(200);
    const audio = Buffer.from(await speech.arrayBuffer());
    expect(audio.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(audio.length).toBeGreaterThan(10_000);

    // A new account: the password check runs in its worker thread; a weak password is refused naming the field.
    const weak = await call(server.url, 'POST', '/v1/auth/register', { body: { email: 'weak@example.com', password: 'password1' } });
    expect(weak.status).toBe(400);
    const fresh = await call(server.url, 'POST', '/v1/auth/register', {
      body: { email: 'new.user@example.com', password: 'violet-harbor-quietly-47-lanterns' },
    });
    expect(fresh.status).toBe(201);

    // Realtime: a socket authenticates.
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/v1/realtime`);
    const first = await new Promise<{ type: string }>((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
      ws.once('message', (m) => resolve(JSON.parse(String(m))));
      ws.once('error', reject);
    });
    ws.close();
    expect(first.type).toBe('authenticated');

    // The API reference (its own files), the console, metrics.
    const openapi = await call(server.url, 'GET', '/openapi.json');
    expect(openapi.body.openapi).toMatch(/^3\.1/);
    expect((await call(server.url, 'GET', '/docs/')).status).toBe(200);
    expect(String((await call(server.url, 'GET', '/')).body)).toContain('<div id="root">');
    expect(String((await call(server.url, 'GET', '/metrics')).body)).toContain('talkbase_http_request_duration_seconds');

    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  }, 240_000);
});
