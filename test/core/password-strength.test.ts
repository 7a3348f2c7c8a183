import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage } from '../../src/core/identity/mailer.js';
import { passwordStrengthWorkerState, stopPasswordStrengthWorker } from '../../src/core/identity/password-strength.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

// Mails are caught at the mail port so a reset token can be followed; the database is the real one.
const mails: MailMessage[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ deps: { mailer: { send: async (m) => void mails.push(m) } } });
});
afterAll(async () => t?.close());

const register = (payload: Record<string, string>) => t.app.inject({ method: 'POST', url: '/v1/auth/register', payload });
const userCount = async () => (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM core.users'))[0]!.n;

function expectWeak(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, field: string) {
  expect(res.statusCode).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json() as { type: string; detail: string; errors: { field: string; message: string }[] };
  expect(body.type).toBe('urn:talkbase:problem:identity.weak_password');
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0]!.field).toBe(field);
  // The reason and what to do instead, in words.
  expect(body.errors[0]!.message.length).toBeGreaterThan(20);
  expect(body.detail).toContain(field);
  return body;
}

describe('password strength', () => {
  it('refuses a common password, eight spaces and the email itself at registration, and stores nothing', async () => {
    const before = await userCount();
    expectWeak(await register({ email: 'mina.park@example.com', password: 'password' }), 'password');
    expectWeak(await register({ email: 'mina.park@example.com', password: '        ' }), 'password');
    const own = expectWeak(await register({ email: 'mina.park@example.com', password: 'mina.park@example.com' }), 'password');
    expect(own.errors[0]!.message).toMatch(/personal/i);
    expectWeak(await register({ email: 'x1@example.com', password: 'password-123' }), 'password');
    expect(await userCount()).toBe(before);
  });

  it('refuses a password made of the name given at registration', async () => {
    const res = await register({ email: 'someone@example.com', password: 'jiyoungseo1990', fullName: 'Jiyoung Seo' });
    expectWeak(res, 'password');
  });

  it('accepts a long passphrase, Korean included', async () => {
    expect((await register({ email: 'good1@example.com', password: 'correct horse battery staple' })).statusCode).toBe(201);
    expect((await register({ email: 'good2@example.com', password: '새로운 비밀번호입니다 구름' })).statusCode).toBe(201);
  });

  it('refuses a weak new password on change, keeps the old one, and names newPassword', async () => {
    const u = await signUp(t.app, 'hana.lee@example.com');
    const change = (newPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/me/password',
        headers: u.auth,
        payload: { currentPassword: u.password, newPassword },
      });
    expectWeak(await change('hana.lee@example.com'), 'newPassword');
    expectWeak(await change('qwertyuiop'), 'newPassword');
    const login = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: u.password } });
    expect(login.statusCode).toBe(200);
    expect((await change('mountain river quiet lantern')).statusCode).toBe(204);
  });

  it('refuses a weak password on reset without using up the link', async () => {
    const u = await signUp(t.app, 'jun.choi@example.com');
    expect((await t.app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: u.email } })).statusCode).toBe(202);
    await expect.poll(() => mails.filter((m) => m.to === u.email).length).toBe(1);
    const token = new URL(mails.find((m) => m.to === u.email)!.link).searchParams.get('token')!;
    const confirm = (newPassword: string) =>
      t.app.inject({ method: 'POST', url: '/v1/auth/password-reset/confirm', payload: { token, newPassword } });
    expectWeak(await confirm('jun.choi@example.com'), 'newPassword');
    expectWeak(await confirm('11111111'), 'newPassword');
    // The refused attempts left the link usable.
    expect((await confirm('paper lantern under the bridge')).statusCode).toBe(204);
    const login = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { email: u.email, password: 'paper lantern under the bridge' },
    });
    expect(login.statusCode).toBe(200);
  });

  it('checks in a worker thread that can be ended and started again, and a check it could not finish is a 503 that stores nothing', async () => {
    expect((await register({ email: 'first.check@example.com', password: 'copper kettle winter garden' })).statusCode).toBe(201);
    expect(passwordStrengthWorkerState().running).toBe(true);
    await stopPasswordStrengthWorker();
    expect(passwordStrengthWorkerState()).toEqual({ running: false, checksInFlight: 0 });

    // The worker ends while a registration waits for its check (a new worker loads its dictionaries first):
    // the registration is refused with a retryable 503, not let through unchecked.
    const before = await userCount();
    const inFlight = register({ email: 'cut.off@example.com', password: 'silver spoon autumn harbour' });
    await expect.poll(() => passwordStrengthWorkerState().checksInFlight, { interval: 5 }).toBe(1);
    await stopPasswordStrengthWorker();
    const res = await inFlight;
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect((res.json() as { type: string }).type).toBe('urn:talkbase:problem:identity.strength_unavailable');
    expect(await userCount()).toBe(before);

    // The next check starts a new worker and judges as before.
    expectWeak(await register({ email: 'again@example.com', password: 'password1' }), 'password');
    expect((await register({ email: 'cut.off@example.com', password: 'silver spoon autumn harbour' })).statusCode).toBe(201);
    expect(passwordStrengthWorkerState().running).toBe(true);
  });
});
