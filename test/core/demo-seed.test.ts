import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assistProduct } from '../../src/products/assist/index.js';
import { tutorProduct } from '../../src/products/tutor/index.js';
import { DEMO_EMAIL, DEMO_PASSWORD, demoCredentialsPath, seedDemoOnFirstStart } from '../../src/core/seed.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

const login = (t: TestApp, email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } });

describe('serve --demo: demo data on a first start', () => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    t = await createTestApp({ deps: { products: [assistProduct, tutorProduct] } });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-demo-'));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds an empty database once, with a generated password kept in demo.json (0600), never the published one', async () => {
    const log: string[] = [];
    expect(await seedDemoOnFirstStart(t.app.core, dataDir, (m) => log.push(m))).toBe(true);
    const file = demoCredentialsPath(dataDir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const creds = JSON.parse(fs.readFileSync(file, 'utf8')) as { email: string; password: string };
    expect(creds.email).toBe(DEMO_EMAIL);
    expect(creds.password).not.toBe(DEMO_PASSWORD);
    expect(creds.password.length).toBeGreaterThanOrEqual(16);
    expect(log.join('\n')).not.toContain(creds.password);
    expect(log.at(-1)).toContain(file);

    const signedIn = await login(t, DEMO_EMAIL, creds.password);
    expect(signedIn.statusCode).toBe(200);
    const auth = { authorization: `Bearer ${signedIn.json().tokens.accessToken}` };
    // The products' demo data is there: the demo account is an agent with customers.
    const me = await t.app.inject({ method: 'GET', url: '/v1/assist/agents/me', headers: auth });
    expect(me.json().agentCode).toBe('A-0001');
    // Every demo account, the tutor seed's included, takes the generated password; the published one opens none.
    expect((await login(t, DEMO_EMAIL, DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await login(t, 'tutor.kim@talkbase.local', creds.password)).statusCode).toBe(200);
    expect((await login(t, 'student.park@talkbase.local', DEMO_PASSWORD)).statusCode).toBe(401);
  });

  it('leaves a database that has accounts alone', async () => {
    const file = demoCredentialsPath(dataDir);
    const before = fs.readFileSync(file, 'utf8');
    await signUp(t.app);
    const [{ n: users } = { n: 0 }] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM core.users');
    expect(await seedDemoOnFirstStart(t.app.core, dataDir, () => undefined)).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    const [after] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM core.users');
    expect(Number(after!.n)).toBe(Number(users));
  });
});
