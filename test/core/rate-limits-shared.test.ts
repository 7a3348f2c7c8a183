import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { createTestApp, signUp, testConfig, type TestApp } from '../support/test-app.js';

// Sign-in limits behind a proxy: counted in the database so every instance sees the same attempts, and per client
// address only when the proxy in front is trusted to say who the client is.
const login = { maxPerAccount: 3, maxPerAddress: 4, windowSeconds: 900 };

describe('sign-in limits across instances and behind a proxy', () => {
  let a: TestApp;
  let b: FastifyInstance;
  beforeAll(async () => {
    a = await createTestApp({ config: { login, trustProxy: ['127.0.0.1'] } });
    // A second instance on the same database, as behind a load balancer.
    b = await buildApp(testConfig({ login, trustProxy: ['127.0.0.1'] }), {
      logger: false,
      products: [],
      database: a.database,
      keyring: a.keyring,
      migrate: false,
    });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const attempt = (app: FastifyInstance, email: string, password: string, client: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email, password },
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': client },
    });

  it('counts an account’s failures on every instance together', async () => {
    const user = await signUp(a.app);
    const codes: number[] = [];
    for (let i = 0; i < login.maxPerAccount + 1; i++) {
      const app = i % 2 === 0 ? a.app : b;
      codes.push((await attempt(app, user.email, 'wrong password', `203.0.113.${10 + i}`)).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429]);
    // The right password is refused too while the account is limited, on either instance.
    expect((await attempt(b, user.email, user.password, '203.0.113.99')).statusCode).toBe(429);
    const rows = await a.database.query<{ key: string; count: number }>('SELECT key, count FROM core.rate_limits');
    expect(rows.length).toBeGreaterThan(0);
    // No address or email is stored, only keyed hashes.
    for (const r of rows) expect(r.key).not.toMatch(/203\.0\.113|@example\.com/);
  });

  it('limits a client address named by a trusted proxy without blocking the other clients behind it', async () => {
    const codes: number[] = [];
    for (let i = 0; i < login.maxPerAddress + 1; i++) {
      codes.push((await attempt(i % 2 ? a.app : b, `nobody${i}@example.com`, 'wrong password', '198.51.100.7')).statusCode);
    }
    expect(codes.at(-1)).toBe(429);
    expect(codes.slice(0, login.maxPerAddress).every((c) => c === 401)).toBe(true);
    const other = await signUp(a.app);
    expect((await attempt(a.app, other.email, other.password, '198.51.100.8')).statusCode).toBe(200);
  });

  it('ignores X-Forwarded-For from a connection that is not a trusted proxy', async () => {
    const direct = await createTestApp({ config: { login } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < login.maxPerAddress + 1; i++) {
        const res = await direct.app.inject({
          method: 'POST',
          url: '/v1/auth/login',
          payload: { email: `spoof${i}@example.com`, password: 'wrong password' },
          remoteAddress: '192.0.2.1',
          // A client that makes up a new address each time still counts as itself.
          headers: { 'x-forwarded-for': `203.0.113.${i}` },
        });
        codes.push(res.statusCode);
      }
      expect(codes.at(-1)).toBe(429);
    } finally {
      await direct.close();
    }
  });
});
