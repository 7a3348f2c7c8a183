import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assistProduct } from '../../src/products/assist/index.js';
import { tutorProduct } from '../../src/products/tutor/index.js';
import { main } from '../../src/main.js';
import { DEMO_EMAIL, demoCredentialsPath, seedDemo, seedDemoOnFirstStart, type DemoCredentials } from '../../src/core/seed.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const KIM = 'tutor.kim@talkbase.local';

const login = (t: TestApp, email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } });

async function signIn(t: TestApp, email: string, password: string) {
  const res = await login(t, email, password);
  expect(res.statusCode, `${email} signs in`).toBe(200);
  const body = res.json() as { user: { id: string }; tokens: { accessToken: string } };
  return { id: body.user.id, auth: { authorization: `Bearer ${body.tokens.accessToken}` } };
}

const readCredentials = (dataDir: string) => JSON.parse(fs.readFileSync(demoCredentialsPath(dataDir), 'utf8')) as DemoCredentials;

describe('serve --demo and talkbase seed: demo accounts on a first start', () => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    // The strictest password rule: every generated password must still pass it.
    t = await createTestApp({ config: { passwordMinScore: 4 }, deps: { products: [assistProduct, tutorProduct] } });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-demo-'));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds an empty database once: every demo account in demo.json (0600) with its own generated password and what it opens', async () => {
    const log: string[] = [];
    expect(await seedDemoOnFirstStart(t.app.core, dataDir, (m) => log.push(m))).toBe(true);
    const file = demoCredentialsPath(dataDir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const creds = readCredentials(dataDir);
    expect(creds.email).toBe(DEMO_EMAIL);
    const emails = creds.accounts.map((a) => a.email);
    expect(emails[0]).toBe(DEMO_EMAIL);
    expect(emails).toEqual(
      expect.arrayContaining([DEMO_EMAIL, KIM, 'tutor.lee@talkbase.local', 'student.park@talkbase.local', 'student.choi@talkbase.local']),
    );
    expect(creds.password).toBe(creds.accounts[0]!.password);
    const passwords = creds.accounts.map((a) => a.password!);
    expect(new Set(passwords).size).toBe(passwords.length);
    for (const p of passwords) {
      expect(p.length).toBeGreaterThanOrEqual(16);
      expect(p).not.toBe('talkbase-demo');
      // Passwords are in the file only, never in the log.
      expect(log.join('\n')).not.toContain(p);
    }
    expect(log.at(-1)).toContain(file);
    // Each account says what a newcomer finds signed in as it: the tutor side and the agent side among them.
    const demo = creds.accounts[0]!;
    expect(demo.opens.join('\n')).toMatch(/tutor: practice as Kim Tutor's student/);
    expect(demo.opens.join('\n')).toMatch(/assist: agent A-0001's desk .* a room waiting for 김민준/);
    expect(creds.accounts.find((a) => a.email === KIM)!.opens).toEqual([
      expect.stringMatching(/^tutor: the tutor dashboard with Demo Student/),
    ]);

    // Every listed account signs in with its password; the once-published password opens none.
    for (const a of creds.accounts) await signIn(t, a.email, a.password!);
    expect((await login(t, DEMO_EMAIL, 'talkbase-demo')).statusCode).toBe(401);
  });

  it('the tutor side: the tutor dashboard lists the demo student, with a week of sessions the tutor can read', async () => {
    const creds = readCredentials(dataDir);
    const kim = await signIn(t, KIM, creds.accounts.find((a) => a.email === KIM)!.password!);
    const student = await signIn(t, DEMO_EMAIL, creds.password!);
    const board = await t.app.inject({ method: 'GET', url: '/v1/tutor/students', headers: kim.auth });
    expect(board.statusCode).toBe(200);
    const students = board.json() as { studentId: string; name: string | null }[];
    expect(students).toContainEqual(expect.objectContaining({ studentId: student.id, name: 'Demo Student' }));
    const sessions = await t.app.inject({ method: 'GET', url: `/v1/tutor/students/${student.id}/sessions`, headers: kim.auth });
    expect(sessions.statusCode).toBe(200);
    expect((sessions.json() as unknown[]).length).toBe(14);
    // The demo account's own practice page knows its tutor.
    const mine = await t.app.inject({ method: 'GET', url: '/v1/tutor/tutors/mine', headers: student.auth });
    expect(mine.json()).toContainEqual(expect.objectContaining({ tutorId: kim.id, status: 'active' }));
  });

  it('the agent side: the demo account is agent A-0001 and its desk lists a room waiting for a demo customer', async () => {
    const creds = readCredentials(dataDir);
    const agent = await signIn(t, DEMO_EMAIL, creds.password!);
    const me = await t.app.inject({ method: 'GET', url: '/v1/assist/agents/me', headers: agent.auth });
    expect(me.json().agentCode).toBe('A-0001');
    const rooms = await t.app.inject({ method: 'GET', url: '/v1/assist/rooms', headers: agent.auth });
    expect(rooms.statusCode).toBe(200);
    const items = rooms.json().items as { roomName: string; status: string; customerId: string | null; joinCode: string }[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ roomName: '김민준 고객 요금제 상담', status: 'waiting', joinCode: expect.any(String) });
    const customer = await t.app.inject({ method: 'GET', url: `/v1/assist/customers/${items[0]!.customerId}`, headers: agent.auth });
    expect(customer.json().customer).toMatchObject({ customerName: '김민준', phoneNumber: '010-1234-5678' });
  });

  it('talkbase seed again creates nothing, keeps every password in demo.json, and says the same thing as its help', async () => {
    const before = readCredentials(dataDir);
    const [{ n: users } = { n: 0 }] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM core.users');
    const again = await seedDemo(t.app.core, dataDir, () => undefined);
    expect(again).toEqual(before);
    expect(readCredentials(dataDir)).toEqual(before);
    const [after] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM core.users');
    expect(Number(after!.n)).toBe(Number(users));
    const rooms = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM assist.rooms');
    expect(Number(rooms[0]!.n)).toBe(1);

    // One story everywhere: generated passwords in demo.json, no published password.
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((m: unknown) => void printed.push(String(m)));
    try {
      expect(await main(['seed', '--help'])).toBe(0);
      expect(await main(['serve', '--help'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(printed.join('\n')).toMatch(/demo\.json/);
    const places = ['README.md', 'console/README.md', 'src/main.ts', 'examples', 'docs', 'scripts', 'console/src'];
    const files = places.flatMap((p) => {
      const full = path.join(REPO, p);
      return fs.statSync(full).isDirectory()
        ? fs.readdirSync(full, { recursive: true, encoding: 'utf8' }).map((f) => path.join(full, f))
        : [full];
    });
    const naming = files.filter((f) => /\.(md|ts|tsx|mjs)$/.test(f) && fs.readFileSync(f, 'utf8').includes('talkbase-demo'));
    expect(naming.map((f) => path.relative(REPO, f))).toEqual([]);
    expect(printed.join('\n')).not.toContain('talkbase-demo');
  });

  it('leaves a database that has accounts alone on a first start', async () => {
    const file = demoCredentialsPath(dataDir);
    const before = fs.readFileSync(file, 'utf8');
    await signUp(t.app, undefined, 'Kx7#mQ2v!pL9wZ4r');
    const [{ n: users } = { n: 0 }] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM core.users');
    expect(await seedDemoOnFirstStart(t.app.core, dataDir, () => undefined)).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    const [after] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM core.users');
    expect(Number(after!.n)).toBe(Number(users));
  });
});
