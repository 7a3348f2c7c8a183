import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

const TOKEN = 'metrics-scrape-token-0123456789';
const OUTSIDE = '203.0.113.7';

function expectRefused(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown; body: string }) {
  expect(res.statusCode).toBe(401);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect((res.json() as { type: string }).type).toBe('urn:talkbase:problem:metrics.unauthorized');
  expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  expect(res.body).not.toContain('talkbase_http');
}

describe('/metrics without METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { metrics: { token: null } } });
  });
  afterAll(async () => t?.close());

  it('answers a client on this machine as before', async () => {
    const res = await t.app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('talkbase_http_request_duration_seconds');
    expect((await t.app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
  });

  it('refuses any other address, and a local proxy forwarding someone else', async () => {
    expectRefused(await t.app.inject({ url: '/metrics', remoteAddress: OUTSIDE }));
    expectRefused(await t.app.inject({ url: '/metrics', remoteAddress: '10.0.0.5' }));
    expectRefused(await t.app.inject({ url: '/metrics', headers: { 'x-forwarded-for': OUTSIDE } }));
    expectRefused(await t.app.inject({ url: '/metrics', headers: { forwarded: `for=${OUTSIDE}` } }));
    expectRefused(await t.app.inject({ url: '/metrics', remoteAddress: OUTSIDE, headers: { authorization: `Bearer ${TOKEN}` } }));
  });

  it("serves a deployment admin's access token from anywhere, but not an ordinary user's", async () => {
    const admin = await signUp(t.app);
    await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
    const user = await signUp(t.app);
    expect((await t.app.inject({ url: '/metrics', remoteAddress: OUTSIDE, headers: admin.auth })).statusCode).toBe(200);
    expectRefused(await t.app.inject({ url: '/metrics', remoteAddress: OUTSIDE, headers: user.auth }));
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { metrics: { token: TOKEN } } });
  });
  afterAll(async () => t?.close());

  it('serves the bearer token from any address and refuses a missing or wrong one', async () => {
    expectRefused(await t.app.inject({ url: '/metrics', remoteAddress: OUTSIDE }));
    expectRefused(await t.app.inject({ url: '/metrics', remoteAddress: OUTSIDE, headers: { authorization: `Bearer ${TOKEN}x` } }));
    expectRefused(await t.app.inject({ url: '/metrics', remoteAddress: OUTSIDE, headers: { authorization: TOKEN } }));
    const res = await t.app.inject({ url: '/metrics', remoteAddress: OUTSIDE, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('talkbase_http_request_duration_seconds');
    expect((await t.app.inject({ url: '/metrics' })).statusCode).toBe(200);
  });

  it('reads METRICS_TOKEN, and never shows it in a configuration error', () => {
    expect(loadConfig({ METRICS_TOKEN: TOKEN }).metrics.token).toBe(TOKEN);
    expect(loadConfig({}).metrics.token).toBeNull();
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: .*\(got \(hidden\)\)/);
  });
});
