// Token forgeries the identity tests do not already try, login enumeration by status, body and timing, and rate limits.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config.js';
import { chatProduct } from '../../src/products/chat/index.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { TestSocket } from '../support/realtime-client.js';

let t: TestApp;
let wsUrl: string;
beforeAll(async () => {
  const base = loadConfig();
  t = await createTestApp({
    // A real bcrypt cost, so a login that skipped the hash for an unknown email would be measurably faster.
    config: {
      bcryptCost: 8,
      login: { ...base.login, maxPerAccount: 5, maxPerAddress: 1000 },
      ai: { ...base.ai, quota: { tokensPerDay: 0, callsPerDay: 2 } },
    },
    deps: { products: [chatProduct] },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/v1/realtime`;
});
afterAll(async () => t?.close());

const me = (token: string) => t.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${token}` } });

async function forge(claims: Record<string, unknown>, opts: { key?: Uint8Array; alg?: string; iss?: string; aud?: string; exp?: number }) {
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ typ: 'access', ...claims })
    .setProtectedHeader({ alg: opts.alg ?? 'HS256', typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(opts.exp ?? now + 600);
  if (opts.iss !== '') jwt = jwt.setIssuer(opts.iss ?? 'talkbase');
  if (opts.aud !== '') jwt = jwt.setAudience(opts.aud ?? 'talkbase');
  return jwt.sign(opts.key ?? t.keyring.tokenKey);
}

describe('access tokens', () => {
  it('refuses a wrong audience or issuer, another algorithm with our key, a missing jti, a non-access type and a swapped subject', async () => {
    const victim = await signUp(t.app);
    const attacker = await signUp(t.app);
    const victimSid = (JSON.parse(Buffer.from(victim.tokens.accessToken.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;
    const base = { sub: victim.user.id, jti: 'forged-1', sid: victimSid };
    const [h, , s] = attacker.tokens.accessToken.split('.');
    const payload = JSON.parse(Buffer.from(attacker.tokens.accessToken.split('.')[1]!, 'base64url').toString());
    const swapped = `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: victim.user.id })).toString('base64url')}.${s}`;
    const cases: Record<string, string> = {
      'wrong audience': await forge(base, { aud: 'another-service' }),
      'no audience': await forge(base, { aud: '' }),
      'wrong issuer': await forge(base, { iss: 'evil' }),
      'no issuer': await forge(base, { iss: '' }),
      HS512: await forge(base, { alg: 'HS512' }),
      'no jti': await forge({ sub: victim.user.id, sid: victimSid }, {}),
      'no sign-in': await forge({ sub: victim.user.id, jti: 'forged-2' }, {}),
      'typ refresh': await forge({ ...base, typ: 'refresh' }, {}),
      'expired a second ago': await forge(base, { exp: Math.floor(Date.now() / 1000) - 1 }),
      'subject swapped in a signed token': swapped,
      'signature stripped': `${h}.${payload ? Buffer.from(JSON.stringify(payload)).toString('base64url') : ''}.`,
      'empty token': '',
      garbage: 'not.a.jwt',
    };
    // The forgeries are refused because of what they changed: the same token built honestly is accepted.
    expect((await me(await forge(base, {}))).json().id).toBe(victim.user.id);
    for (const [name, token] of Object.entries(cases)) {
      const res = await me(token);
      expect(res.statusCode, name).toBe(401);
      expect(res.headers['content-type'], name).toMatch(/^application\/problem\+json/);
      expect(res.body, name).not.toContain(victim.email);
    }
  });

  it('takes only the header it issues, its own signature in its own encoding, and live claims', async () => {
    const u = await signUp(t.app);
    const now = Math.floor(Date.now() / 1000);
    const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const signed = (header: unknown, claims: unknown) => {
      const body = `${part(header)}.${part(claims)}`;
      return `${body}.${createHmac('sha256', t.keyring.tokenKey).update(body).digest('base64url')}`;
    };
    const sid = (JSON.parse(Buffer.from(u.tokens.accessToken.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;
    const claims = { typ: 'access', sub: u.user.id, jti: 'hand-1', sid, iss: 'talkbase', aud: 'talkbase', iat: now, exp: now + 600 };
    const ours = { alg: 'HS256', typ: 'JWT' };
    // The same construction with the right parts is accepted, so each refusal below is for what it changed.
    expect((await me(signed(ours, claims))).json().id).toBe(u.user.id);
    expect((await me(signed({ alg: 'HS256' }, { ...claims, aud: ['other', 'talkbase'] }))).statusCode).toBe(200);
    const good = signed(ours, claims);
    // The last of 43 characters carries 4 bits of the signature and 2 unused ones: flipping one of those gives
    // the same bytes, which only a comparison of the canonical text refuses.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const sameBytes = `${good.slice(0, -1)}${alphabet[alphabet.indexOf(good.at(-1)!) ^ 1]}`;
    expect(Buffer.from(sameBytes.split('.')[2]!, 'base64url')).toEqual(Buffer.from(good.split('.')[2]!, 'base64url'));
    const cases: Record<string, string> = {
      'alg none, signed anyway': signed({ alg: 'none', typ: 'JWT' }, claims),
      'alg HS512 in the header of an HS256 signature': signed({ alg: 'HS512', typ: 'JWT' }, claims),
      'a crit header': signed({ ...ours, crit: ['exp'] }, claims),
      'a key id we never issue': signed({ ...ours, kid: 'other' }, claims),
      'another typ': signed({ alg: 'HS256', typ: 'JOSE+JSON' }, claims),
      'a header that is not an object': signed(['HS256'], claims),
      'claims that are an array': signed(ours, [claims]),
      'exp as a string': signed(ours, { ...claims, exp: String(now + 600) }),
      'exp now': signed(ours, { ...claims, exp: now - 1 }),
      'not valid before a minute from now': signed(ours, { ...claims, nbf: now + 60 }),
      'an empty subject': signed(ours, { ...claims, sub: '' }),
      'padding on the signature': `${good}=`,
      'the signature in another encoding of the same bytes': sameBytes,
      'a space inside': `${good.slice(0, 10)} ${good.slice(10)}`,
      'four parts': `${good}.x`,
    };
    for (const [name, token] of Object.entries(cases)) expect((await me(token)).statusCode, name).toBe(401);
  });

  it('refuses a valid token once its account is disabled; re-enabled, the account signs in again while the old sign-in stays ended', async () => {
    const admin = await signUp(t.app);
    await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
    const u = await signUp(t.app);
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/v1/admin/users/${u.user.id}`,
      headers: admin.auth,
      payload: { isActive: false },
    });
    expect(off.statusCode).toBe(200);
    expect((await me(u.tokens.accessToken)).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: u.password } });
    expect(login.statusCode).toBe(401);
    const refresh = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: u.tokens.refreshToken } });
    expect(refresh.statusCode).toBe(401);
    await t.app.inject({ method: 'PATCH', url: `/v1/admin/users/${u.user.id}`, headers: admin.auth, payload: { isActive: true } });
    expect((await me(u.tokens.accessToken)).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: u.password } });
    expect(again.statusCode).toBe(200);
    expect((await me((again.json() as { tokens: { accessToken: string } }).tokens.accessToken)).statusCode).toBe(200);
  });

  it('takes the token only from the Authorization header: not from the query string or a cookie', async () => {
    const u = await signUp(t.app);
    const token = u.tokens.accessToken;
    expect((await t.app.inject({ url: `/v1/me?access_token=${token}` })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/me', headers: { cookie: `token=${token}; access_token=${token}` } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/me', headers: { authorization: `Basic ${token}` } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${token} extra` } })).statusCode).toBe(401);
  });

  it('refuses forged tokens on the WebSocket, and a refresh token as its access token', async () => {
    const u = await signUp(t.app);
    for (const token of [await forge({ sub: u.user.id, jti: 'ws' }, { aud: 'x' }), u.tokens.refreshToken, 'garbage']) {
      const socket = await TestSocket.open(wsUrl);
      socket.send({ type: 'auth', token });
      const reply = await socket
        .next((m) => m.type === 'authenticated' || m.type === 'error' || m.type === 'closed', 5000)
        .catch(() => null);
      expect(reply?.type).not.toBe('authenticated');
      socket.send({ type: 'subscribe', channel: `user:${u.user.id}` });
      const sub = await socket.next((m) => m.type === 'subscribed', 500).catch(() => null);
      expect(sub).toBeNull();
      await socket.close();
    }
  });
});

describe('login enumeration', () => {
  const login = (email: string, password: string, remoteAddress = '10.9.0.1') =>
    t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password }, remoteAddress });
  const shape = (res: Awaited<ReturnType<typeof login>>) => {
    const body = res.json();
    return {
      status: res.statusCode,
      contentType: res.headers['content-type'],
      headers: Object.keys(res.headers)
        .filter((h) => !['x-request-id', 'date', 'content-length'].includes(h))
        .sort(),
      body: { ...body, requestId: typeof body.requestId },
    };
  };

  it('answers an unknown email, a wrong password and a disabled account alike', async () => {
    const known = await signUp(t.app);
    const disabled = await signUp(t.app);
    await t.database.query('UPDATE core.users SET is_active = false WHERE id = $1', [disabled.user.id]);
    const unknown = shape(await login(`nobody.${Date.now()}@example.org`, 'some password'));
    expect(unknown.status).toBe(401);
    expect(shape(await login(known.email, 'some password'))).toEqual(unknown);
    expect(shape(await login(disabled.email, disabled.password))).toEqual(unknown);
    expect(shape(await login(known.email.toUpperCase(), 'some password'))).toEqual(unknown);
  });

  it('takes about as long for an unknown email as for a wrong password (ratio of medians, interleaved)', async () => {
    const known = await signUp(t.app);
    const unknownTimes: number[] = [];
    const wrongTimes: number[] = [];
    for (let i = 0; i < 15; i++) {
      // Fresh addresses and accounts per round keep the rate limits out of the measurement.
      for (const [times, email] of [
        [unknownTimes, `ghost${i}.${Date.now()}@example.org`],
        [wrongTimes, known.email],
      ] as const) {
        const started = process.hrtime.bigint();
        const res = await login(email, `wrong password ${i}`, `10.8.${i}.1`);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        expect(res.statusCode).toBe(401);
      }
      if (i % 4 === 3)
        await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: known.email, password: known.password } });
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = median(unknownTimes) / median(wrongTimes);
    // A login that skipped bcrypt for unknown emails would be several times faster at cost 8.
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});

describe('rate limits', () => {
  it('limits sign-in attempts per account across addresses, with the same answer for an unknown email', async () => {
    const u = await signUp(t.app);
    const ghost = `ghost.${Date.now()}@example.org`;
    for (const email of [u.email, ghost]) {
      const codes: number[] = [];
      for (let i = 0; i < t.config.login.maxPerAccount + 2; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/v1/auth/login',
          payload: { email, password: 'not it' },
          remoteAddress: `10.7.${i}.2`,
        });
        codes.push(res.statusCode);
      }
      expect(codes.slice(0, t.config.login.maxPerAccount), email).toEqual(Array(t.config.login.maxPerAccount).fill(401));
      expect(codes.at(-1), email).toBe(429);
    }
  });

  it('limits sign-in attempts per address across accounts', async () => {
    const small = await createTestApp({
      config: { login: { ...t.config.login, maxPerAccount: 100, maxPerAddress: 6 } },
      deps: { products: [] },
    });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 8; i++) {
        const res = await small.app.inject({
          method: 'POST',
          url: '/v1/auth/login',
          payload: { email: `spray${i}@example.org`, password: 'Summer2026!' },
          remoteAddress: '10.6.0.9',
        });
        codes.push(res.statusCode);
        if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(codes.slice(0, 6)).toEqual(Array(6).fill(401));
      expect(codes.slice(6)).toEqual([429, 429]);
      const elsewhere = await small.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: 'spray0@example.org', password: 'x' },
        remoteAddress: '10.6.0.10',
      });
      expect(elsewhere.statusCode).toBe(401);
    } finally {
      await small.close();
    }
  });

  it('limits registrations of taken addresses per client address, so registration is no faster way to find accounts', async () => {
    const small = await createTestApp({ config: { login: { ...t.config.login, maxPerAddress: 4 } }, deps: { products: [] } });
    try {
      const taken = await Promise.all(Array.from({ length: 6 }, () => signUp(small.app)));
      const codes: number[] = [];
      for (const u of taken) {
        const res = await small.app.inject({
          method: 'POST',
          url: '/v1/auth/register',
          payload: { email: u.email, password: 'another password' },
          remoteAddress: '10.5.0.1',
        });
        codes.push(res.statusCode);
        if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(codes.slice(0, 4)).toEqual([409, 409, 409, 409]);
      expect(codes.slice(4)).toEqual([429, 429]);
      const fresh = await small.app.inject({
        method: 'POST',
        url: '/v1/auth/register',
        payload: { email: `fresh.${Date.now()}@example.org`, password: 'a good password' },
        remoteAddress: '10.5.0.1',
      });
      expect(fresh.statusCode).toBe(429);
      const users = await small.database.query<{ n: number }>('SELECT count(*)::int AS n FROM core.users');
      expect(users[0]!.n).toBe(6);
    } finally {
      await small.close();
    }
  });

  it('answers an AI route past the daily quota with 429 and Retry-After, keeping the question and storing no reply', async () => {
    const u = await signUp(t.app);
    const conv = await t.app.inject({
      method: 'POST',
      url: '/v1/chat/conversations',
      headers: u.auth,
      payload: { personaId: 'business-assistant' },
    });
    expect(conv.statusCode).toBe(201);
    const send = (content: string) =>
      t.app.inject({ method: 'POST', url: `/v1/chat/conversations/${conv.json().id}/messages`, headers: u.auth, payload: { content } });
    const codes: number[] = [];
    let over: Awaited<ReturnType<typeof send>> | null = null;
    for (let i = 0; i < 5 && !over; i++) {
      const res = await send(`question ${i}`);
      codes.push(res.statusCode);
      if (res.statusCode !== 201) over = res;
    }
    expect(codes[0]).toBe(201);
    expect(over?.statusCode, JSON.stringify(codes)).toBe(429);
    expect(Number(over!.headers['retry-after'])).toBeGreaterThan(0);
    expect(over!.json().type).toBe('urn:talkbase:problem:ai.quota_exceeded');
    const rows = await t.database.query<{ role: string; content: string }>(
      'SELECT role, content FROM chat.messages WHERE conversation_id = $1 ORDER BY created_at, role DESC',
      [conv.json().id],
    );
    const answered = codes.filter((c) => c === 201).length;
    expect(rows.filter((r) => r.role === 'assistant')).toHaveLength(answered);
    // The refused question is kept (a failed AI call never loses the user's own message) so it can be retried.
    expect(rows.filter((r) => r.role === 'user').map((r) => r.content)).toEqual(codes.map((_, i) => `question ${i}`));
    // Another user's quota is their own.
    const other = await signUp(t.app);
    const theirs = await t.app.inject({
      method: 'POST',
      url: '/v1/chat/conversations',
      headers: other.auth,
      payload: { personaId: 'business-assistant' },
    });
    const ok = await t.app.inject({
      method: 'POST',
      url: `/v1/chat/conversations/${theirs.json().id}/messages`,
      headers: other.auth,
      payload: { content: 'hello' },
    });
    expect(ok.statusCode).toBe(201);
  });
});

describe('access tokens end with their sign-in', () => {
  it('signing out revokes that sign-in’s access token at once, on HTTP and on the realtime socket; another sign-in keeps working', async () => {
    const u = await signUp(t.app);
    const second = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: u.password } });
    const other = (second.json() as { accessToken: string }).accessToken ?? (second.json() as any).tokens.accessToken;
    expect((await me(u.tokens.accessToken)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: u.tokens.refreshToken } });
    expect(out.statusCode).toBe(204);
    const after = await me(u.tokens.accessToken);
    expect(after.statusCode).toBe(401);
    expect(after.headers['content-type']).toContain('application/problem+json');
    expect((await me(other)).statusCode).toBe(200);
    const socket = await TestSocket.open(wsUrl);
    socket.send({ type: 'auth', token: u.tokens.accessToken });
    expect((await socket.next((m) => m.type === 'authenticated' || m.type === 'error')).type).toBe('error');
    socket.close();
  });

  it('changing the password revokes every access token of the account at once', async () => {
    const u = await signUp(t.app);
    const second = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: u.password } });
    const other = (second.json() as any).accessToken ?? (second.json() as any).tokens.accessToken;
    const changed = await t.app.inject({
      method: 'POST',
      url: '/v1/me/password',
      headers: u.auth,
      payload: { currentPassword: u.password, newPassword: 'an entirely new passphrase 42' },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await me(u.tokens.accessToken)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: u.email, password: 'an entirely new passphrase 42' },
    });
    expect(again.statusCode).toBe(200);
  });
});

describe('rate-limit headers', () => {
  it('limited routes say the limit, what is left and when it resets', async () => {
    const u = await signUp(t.app);
    const wrong = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    const limit = Number(wrong.headers['ratelimit-limit']);
    expect(limit).toBeGreaterThan(0);
    expect(Number(wrong.headers['ratelimit-remaining'])).toBe(Math.min(limit - 1, Number(wrong.headers['ratelimit-limit'])));
    expect(Number(wrong.headers['ratelimit-reset'])).toBeGreaterThan(0);
    const reset = await t.app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: u.email } });
    expect(reset.headers['ratelimit-limit']).toBeDefined();
    expect(reset.headers['ratelimit-remaining']).toBeDefined();
  });
});
