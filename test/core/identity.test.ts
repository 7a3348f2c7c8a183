import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('accounts', () => {
  it('registers, reads me, and stores no plaintext email anywhere in the users table', async () => {
    const u = await signUp(t.app, 'Dump.Check@Example.com', 'a long enough password');
    expect(u.user.email).toBe('dump.check@example.com');
    const me = await t.app.inject({ url: '/v1/me', headers: u.auth });
    expect(me.statusCode).toBe(200);
    expect(me.json().email).toBe('dump.check@example.com');
    const dump = await t.database.query<Record<string, unknown>>('SELECT * FROM core.users');
    const text = JSON.stringify(dump).toLowerCase();
    expect(text).not.toContain('dump.check');
    expect(text).not.toContain('example.com');
    expect(dump.length).toBeGreaterThan(0);
  });

  it('a ciphertext copied into another row does not decrypt there', async () => {
    const a = await signUp(t.app);
    const b = await signUp(t.app);
    await t.database.query('UPDATE core.users SET email = (SELECT email FROM core.users WHERE id = $1) WHERE id = $2', [
      a.user.id,
      b.user.id,
    ]);
    const res = await t.app.inject({ url: '/v1/me', headers: b.auth });
    expect(res.statusCode).toBe(500);
    expect(res.json().detail).not.toContain('decrypt');
    const own = await t.app.inject({ url: '/v1/me', headers: a.auth });
    expect(own.json().email).toBe(a.email);
  });

  it('50 concurrent registrations of one address in different spellings create exactly one account', async () => {
    const spellings = ['Alice@Example.com', ' alice@example.com', 'ALICE@example.com '];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/v1/auth/register',
          payload: { email: spellings[i % 3], password: 'quiet harbour lanterns' },
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    expect(results.find((r) => r.statusCode === 409)!.json().type).toBe('urn:talkbase:problem:identity.email_taken');
    const login = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'aLiCe@example.COM', password: 'quiet harbour lanterns' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('passwords longer than 72 bytes count in full', async () => {
    // Over 72 bytes, and strong enough to be accepted (a run of one letter is not).
    const long = 'lanterns drift over the harbour while seven violins argue about autumn rain and the tide';
    const u = await signUp(t.app, undefined, long + 'A');
    const wrong = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: long + 'B' } });
    expect(wrong.statusCode).toBe(401);
    const right = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: long + 'A' } });
    expect(right.statusCode).toBe(200);
  });
});

describe('profile language and time zone', () => {
  it('stores the console language and an IANA time zone, and refuses unknown ones naming the field', async () => {
    const u = await signUp(t.app);
    expect(u.user).toMatchObject({ locale: null, timeZone: null });
    const set = await t.app.inject({ method: 'PATCH', url: '/v1/me', headers: u.auth, payload: { locale: 'ko', timeZone: 'Asia/Seoul' } });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ locale: 'ko', timeZone: 'Asia/Seoul' });

    const zone = await t.app.inject({ method: 'PATCH', url: '/v1/me', headers: u.auth, payload: { timeZone: 'Mars/Olympus_Mons' } });
    expect(zone.statusCode).toBe(400);
    expect(zone.headers['content-type']).toContain('application/problem+json');
    expect(zone.json().errors).toEqual([expect.objectContaining({ field: 'timeZone' })]);
    const locale = await t.app.inject({ method: 'PATCH', url: '/v1/me', headers: u.auth, payload: { locale: 'fr' } });
    expect(locale.statusCode).toBe(400);
    expect(JSON.stringify(locale.json().errors)).toContain('locale');

    const [row] = await t.database.query<{ locale: string; time_zone: string }>('SELECT locale, time_zone FROM core.users WHERE id = $1', [
      u.user.id,
    ]);
    expect(row).toEqual({ locale: 'ko', time_zone: 'Asia/Seoul' });
    const back = await t.app.inject({ method: 'PATCH', url: '/v1/me', headers: u.auth, payload: { locale: null, timeZone: null } });
    expect(back.json()).toMatchObject({ locale: null, timeZone: null });
  });
});

describe('tokens', () => {
  it('rotates refresh tokens and revokes the whole family when one is reused', async () => {
    const u = await signUp(t.app);
    const r1 = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: u.tokens.refreshToken } });
    expect(r1.statusCode).toBe(200);
    const second = r1.json().refreshToken as string;
    const reuse = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: u.tokens.refreshToken } });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().type).toBe('urn:talkbase:problem:auth.refresh_reused');
    const afterRevocation = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: second } });
    expect(afterRevocation.statusCode).toBe(401);
    const rows = await t.database.query<{ revoked_at: Date | null }>('SELECT revoked_at FROM core.refresh_tokens WHERE user_id = $1', [
      u.user.id,
    ]);
    expect(rows.length).toBe(2);
    expect(rows.every((r) => r.revoked_at !== null)).toBe(true);
  });

  it('rejects alg none, a wrong signature, an expired token and a refresh token used as access token', async () => {
    const u = await signUp(t.app);
    const [h, p] = u.tokens.accessToken.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${p}.`;
    const tampered = `${h}.${p}.${'A'.repeat(43)}`;
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(u.user.id)
      .setJti('x')
      .setIssuer('talkbase')
      .setAudience('talkbase')
      .setIssuedAt(now - 3600)
      .setExpirationTime(now - 60)
      .sign(t.keyring.tokenKey);
    const otherKey = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(u.user.id)
      .setJti('y')
      .setIssuer('talkbase')
      .setAudience('talkbase')
      .setExpirationTime(now + 600)
      .sign(Buffer.alloc(32, 7));
    for (const token of [none, tampered, expired, otherKey, u.tokens.refreshToken]) {
      const res = await t.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const ok = await t.app.inject({ url: '/v1/me', headers: u.auth });
    expect(ok.statusCode).toBe(200);
  });

  it('logout revokes; changing the password revokes every refresh token', async () => {
    const u = await signUp(t.app);
    const second = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: u.password } });
    const out = await t.app.inject({ method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: u.tokens.refreshToken } });
    expect(out.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: u.tokens.refreshToken } })).statusCode,
    ).toBe(401);
    // The signed-out sign-in's access token is refused at once; the other sign-in changes the password.
    const change = await t.app.inject({
      method: 'POST',
      url: '/v1/me/password',
      headers: u.auth,
      payload: { currentPassword: u.password, newPassword: 'a brand new password' },
    });
    expect(change.statusCode).toBe(401);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/v1/me/password',
      headers: { authorization: `Bearer ${second.json().tokens.accessToken}` },
      payload: { currentPassword: u.password, newPassword: 'a brand new password' },
    });
    expect(changed.statusCode).toBe(204);
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: second.json().tokens.refreshToken } }))
        .statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: u.password } })).statusCode,
    ).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: 'a brand new password' } }))
        .statusCode,
    ).toBe(200);
  });
});

describe('login', () => {
  it('answers an unknown email and a wrong password identically', async () => {
    const u = await signUp(t.app);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: 'nobody-here@example.com', password: 'whatever-123' },
    });
    const wrong = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: 'whatever-123' } });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
  });

  it('limits failed attempts per account with 429 and Retry-After', async () => {
    const u = await signUp(t.app);
    const codes: number[] = [];
    for (let i = 0; i < t.config.login.maxPerAccount + 2; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/login',
        payload: { email: u.email, password: 'not the password' },
        remoteAddress: `10.0.0.${i}`,
      });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(codes.slice(0, t.config.login.maxPerAccount).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    const right = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: u.password } });
    expect(right.statusCode).toBe(429);
  });
});

describe('export and deletion', () => {
  it('exports my data and deletes the account with its tokens', async () => {
    const u = await signUp(t.app);
    const exp = await t.app.inject({ url: '/v1/me/export', headers: u.auth });
    expect(exp.statusCode).toBe(200);
    expect(exp.json().profile.email).toBe(u.email);
    const wrong = await t.app.inject({ method: 'DELETE', url: '/v1/me', headers: u.auth, payload: { password: 'nope nope' } });
    expect(wrong.statusCode).toBe(403);
    const del = await t.app.inject({ method: 'DELETE', url: '/v1/me', headers: u.auth, payload: { password: u.password } });
    expect(del.statusCode).toBe(204);
    expect((await t.database.query('SELECT 1 FROM core.users WHERE id = $1', [u.user.id])).length).toBe(0);
    expect((await t.database.query('SELECT 1 FROM core.refresh_tokens WHERE user_id = $1', [u.user.id])).length).toBe(0);
    expect((await t.app.inject({ url: '/v1/me', headers: u.auth })).statusCode).toBe(401);
  });
});
