import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../../src/config.js';
import { captureLogs, type LogCapture } from '../support/log-capture.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** The text of a received mail with its transfer encoding undone (nodemailer picks quoted-printable or base64). */
function bodyOf(raw: string): string {
  const split = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const headers = raw.slice(0, split);
  const body = raw.slice(split).trim();
  const encoding = /content-transfer-encoding:\s*([\w-]+)/i.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}

function tokenIn(raw: string, page: 'verify-email' | 'reset-password'): string {
  const match = new RegExp(`/${page}\\?token=([A-Za-z0-9_-]+)`).exec(bodyOf(raw));
  if (!match) throw new Error(`no ${page} link in the mail:\n${raw}`);
  return match[1]!;
}

function expectNoToken(logs: string[], tokens: string[]) {
  for (const line of logs) for (const token of tokens) expect(line).not.toContain(token);
}

async function verifyAndReset(t: TestApp, nextMail: (to: string) => Promise<string>, logs: LogCapture) {
  const u = await signUp(t.app, `min.${Date.now()}@example.com`);
  const before = logs.lines().length;
  expect((await t.app.inject({ method: 'POST', url: '/v1/me/verify-email', headers: u.auth })).statusCode).toBe(202);
  const verifyMail = await nextMail(u.email);
  const verifyToken = tokenIn(verifyMail, 'verify-email');
  expect(verifyMail).toMatch(/^Subject: Confirm your email for Talkbase/m);
  expect((await t.app.inject({ method: 'POST', url: '/v1/auth/verify-email', payload: { token: verifyToken } })).statusCode).toBe(204);
  expect((await t.app.inject({ url: '/v1/me', headers: u.auth })).json().isVerified).toBe(true);

  expect((await t.app.inject({ method: 'POST', url: '/v1/auth/password-reset', payload: { email: u.email } })).statusCode).toBe(202);
  const resetMail = await nextMail(u.email);
  const resetToken = tokenIn(resetMail, 'reset-password');
  const newPassword = '새 비밀번호 lantern harbour';
  const confirm = await t.app.inject({
    method: 'POST',
    url: '/v1/auth/password-reset/confirm',
    payload: { token: resetToken, newPassword },
  });
  expect(confirm.statusCode).toBe(204);
  const login = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: newPassword } });
  expect(login.statusCode).toBe(200);

  // Each mail left exactly one log line, naming the account and not the link.
  const mailLines = logs
    .lines()
    .slice(before)
    .filter((l) => /"msg":"mail /.test(l));
  expect(mailLines).toHaveLength(2);
  for (const line of mailLines) expect(line).toContain(u.user.id);
  expectNoToken(logs.lines(), [verifyToken, resetToken]);
  return { verifyToken, resetToken };
}

describe('mail through an SMTP server (MAIL_URL)', () => {
  const received: Received[] = [];
  let smtp: SMTPServer;
  let t: TestApp;
  let logs: LogCapture;
  let dataDir: string;

  beforeAll(async () => {
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      onAuth(auth, _session, done) {
        if (auth.username === 'talkbase' && auth.password === 'mail-secret-9') done(null, { user: auth.username });
        else done(new Error('invalid credentials'));
      },
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-mail-'));
    logs = captureLogs();
    t = await createTestApp({
      config: {
        logLevel: 'info',
        dataDir,
        mail: {
          url: `smtp://talkbase:mail-secret-9@127.0.0.1:${port}`,
          from: 'Talkbase <no-reply@talkbase.test>',
          dir: path.join(dataDir, 'mail'),
        },
      },
      deps: { logger: {} },
    });
  });
  afterAll(async () => {
    await t?.close();
    logs?.stop();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers the verification and reset mails; their links complete both flows; the log holds no token', async () => {
    let seen = 0;
    const nextMail = async (to: string) => {
      await expect.poll(() => received.length, { timeout: 10_000 }).toBeGreaterThan(seen);
      const mail = received[seen++]!;
      expect(mail.to).toEqual([to]);
      expect(mail.from).toBe('no-reply@talkbase.test');
      expect(mail.raw).toMatch(new RegExp(`^To: ${to.replace(/\./g, '\\.')}`, 'm'));
      return mail.raw;
    };
    await verifyAndReset(t, nextMail, logs);
    expect(received).toHaveLength(2);
    // Nothing written to disk, and the server's password never reaches the log.
    expect(fs.existsSync(path.join(dataDir, 'mail'))).toBe(false);
    for (const line of logs.lines()) expect(line).not.toContain('mail-secret-9');
  });

  it('answers 503 problem+json when the mail server cannot be reached', async () => {
    const broken = await createTestApp({
      config: { mail: { url: 'smtp://talkbase:wrong@127.0.0.1:1', from: 'no-reply@talkbase.test', dir: path.join(dataDir, 'x') } },
    });
    try {
      const u = await signUp(broken.app);
      const res = await broken.app.inject({ method: 'POST', url: '/v1/me/verify-email', headers: u.auth });
      expect(res.statusCode).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().type).toBe('urn:talkbase:problem:mail.unavailable');
    } finally {
      await broken.close();
    }
  });
});

describe('mail without MAIL_URL: one file per mail in the data directory', () => {
  let t: TestApp;
  let logs: LogCapture;
  let dataDir: string;
  let mailDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-mail-'));
    mailDir = path.join(dataDir, 'mail');
    logs = captureLogs();
    t = await createTestApp({
      config: { logLevel: 'info', dataDir, mail: { url: null, from: 'Talkbase <no-reply@localhost>', dir: mailDir } },
      deps: { logger: {} },
    });
  });
  afterAll(async () => {
    await t?.close();
    logs?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes each mail as a 0600 .eml file whose link completes the flow; the log names the file, not the token', async () => {
    const seen = new Set<string>();
    const nextMail = async (to: string) => {
      const fresh = () => (fs.existsSync(mailDir) ? fs.readdirSync(mailDir).filter((f) => !seen.has(f)) : []);
      await expect.poll(() => fresh().length, { timeout: 10_000 }).toBe(1);
      const file = fresh()[0]!;
      seen.add(file);
      expect(file).toMatch(/\.eml$/);
      const full = path.join(mailDir, file);
      expect(fs.statSync(full).mode & 0o777).toBe(0o600);
      const raw = fs.readFileSync(full, 'utf8');
      expect(raw).toMatch(new RegExp(`^To: ${to.replace(/\./g, '\\.')}`, 'm'));
      expect(logs.lines().some((l) => l.includes(file))).toBe(true);
      return raw;
    };
    const { verifyToken, resetToken } = await verifyAndReset(t, nextMail, logs);
    expect(fs.readdirSync(mailDir)).toHaveLength(2);
    for (const file of fs.readdirSync(mailDir)) {
      expect(file).not.toContain(verifyToken);
      expect(file).not.toContain(resetToken);
    }
  });

  it('reads MAIL_URL and MAIL_FROM, keeps mail under the data directory, and hides the URL in errors', () => {
    const files = loadConfig({ TALKBASE_DATA_DIR: '/srv/talkbase', TALKBASE_PUBLIC_URL: 'https://talk.example.kr' });
    expect(files.mail).toEqual({ url: null, from: 'Talkbase <no-reply@talk.example.kr>', dir: '/srv/talkbase/mail' });
    const smtp = loadConfig({ MAIL_URL: 'smtps://u:p@mail.example.kr:465', MAIL_FROM: '토크베이스 <help@example.kr>' });
    expect(smtp.mail.url).toBe('smtps://u:p@mail.example.kr:465');
    expect(smtp.mail.from).toBe('토크베이스 <help@example.kr>');
    expect(() => loadConfig({ MAIL_URL: 'http://u:secret@x' })).toThrow(/MAIL_URL: .*\(got \(hidden\)\)/);
  });
});
