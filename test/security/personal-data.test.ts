// Personal data stays encrypted at rest and out of stored events: the database holds ciphertext, the API answers
// plaintext, rows written before a field became encrypted are sealed by the data step, and realtime events and
// notifications carry ids instead of personal fields.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assistProduct } from '../../src/products/assist/index.js';
import { callsProduct } from '../../src/products/calls/index.js';
import { interviewProduct } from '../../src/products/interview/index.js';
import { sendTrainingNotice } from '../../src/products/calls/training.js';
import { runDataSteps } from '../../src/core/db/migrate.js';
import { dataSteps } from '../../src/data-steps.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { waitForValue } from '../support/wait-for.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signUp>>;
let agent: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  t = await createTestApp({ deps: { products: [callsProduct, assistProduct, interviewProduct], jobs: { pollingSeconds: 0.5 } } });
  admin = await signUp(t.app);
  await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
  agent = await signUp(t.app);
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/assist/agents',
    headers: admin.auth,
    payload: { userId: agent.user.id, agentCode: 'P-1', agentName: '박상담' },
  });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => t?.close());

const CIPHERTEXT = /^tb1\.[^.]+\.[A-Za-z0-9_-]+$/;

async function raw<T>(sql: string, id: string): Promise<T> {
  const [row] = await t.database.query<T>(sql, [id]);
  return row!;
}

async function newPersona(auth: Record<string, string>, body: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: '/v1/calls/personas', headers: auth, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; relationship: string | null; memo: string | null };
}

async function newCustomer(body: Record<string, unknown>) {
  const res = await t.app.inject({ method: 'POST', url: '/v1/assist/customers', headers: agent.auth, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

const customerAsAgent = async (id: string) =>
  (await t.app.inject({ url: `/v1/assist/customers/${id}`, headers: agent.auth })).json().customer as Record<string, unknown>;

describe('personal fields at rest', () => {
  it('stores a persona’s relationship and memo as ciphertext and answers them in plain text', async () => {
    const u = await signUp(t.app);
    const p = await newPersona(u.auth, {
      name: '할머니',
      phoneNumber: '010-5555-0101',
      relationship: '외할머니',
      memo: '여름마다 토마토를 길렀고 늘 밥은 먹었냐고 물으셨다.',
    });
    const stored = await raw<{ relationship: string; memo: string }>('SELECT relationship, memo FROM calls.personas WHERE id = $1', p.id);
    expect(stored.relationship).toMatch(CIPHERTEXT);
    expect(stored.memo).toMatch(CIPHERTEXT);
    expect(JSON.stringify(stored)).not.toContain('토마토');
    expect(p).toMatchObject({ relationship: '외할머니', memo: '여름마다 토마토를 길렀고 늘 밥은 먹었냐고 물으셨다.' });

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/v1/calls/personas/${p.id}`,
      headers: u.auth,
      payload: { relationship: '친할머니', memo: null },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ relationship: '친할머니', memo: null });
    const after = await raw<{ relationship: string; memo: string | null }>(
      'SELECT relationship, memo FROM calls.personas WHERE id = $1',
      p.id,
    );
    expect(after.relationship).toMatch(CIPHERTEXT);
    expect(after.memo).toBeNull();
  });

  it('stores a customer’s age, gender, residence and plan as ciphertext and answers them in plain text', async () => {
    const c = await newCustomer({ customerName: '최지우', age: 41, gender: 'F', residence: '부산 해운대구', currentPlan: '5G 프리미엄' });
    const stored = await raw<Record<string, string>>(
      'SELECT age, gender, residence, current_plan FROM assist.customers WHERE id = $1',
      c.id,
    );
    for (const value of Object.values(stored)) expect(value).toMatch(CIPHERTEXT);
    // Each value is a ciphertext (above); none holds the words it stands for.
    expect(JSON.stringify(stored)).not.toMatch(/부산|프리미엄/);
    expect(await customerAsAgent(c.id)).toMatchObject({ age: 41, gender: 'F', residence: '부산 해운대구', currentPlan: '5G 프리미엄' });
    const bare = await newCustomer({ customerName: '정하늘' });
    expect(await customerAsAgent(bare.id)).toMatchObject({ age: null, gender: null, residence: null, currentPlan: null });
  });

  it('seals the plain text that rows written before held, once, when the data step runs', async () => {
    const u = await signUp(t.app);
    const p = await newPersona(u.auth, { name: '삼촌', phoneNumber: '010-5555-0202' });
    const c = await newCustomer({ customerName: '한결' });
    // As a database migrated from an older release holds them.
    await t.database.query(`UPDATE calls.personas SET relationship = '외삼촌', memo = '바다 이야기를 좋아했다' WHERE id = $1`, [p.id]);
    await t.database.query(
      `UPDATE assist.customers SET age = '67', gender = 'M', residence = '제주', current_plan = 'LTE 베이직' WHERE id = $1`,
      [c.id],
    );
    await t.database.query(`DELETE FROM public.talkbase_data_steps WHERE name = 'seal-plaintext-0019'`);

    expect(await runDataSteps(t.database, dataSteps(t.keyring))).toEqual(['seal-plaintext-0019']);
    const persona = await raw<Record<string, string>>('SELECT relationship, memo FROM calls.personas WHERE id = $1', p.id);
    const customer = await raw<Record<string, string>>(
      'SELECT age, gender, residence, current_plan FROM assist.customers WHERE id = $1',
      c.id,
    );
    for (const value of [...Object.values(persona), ...Object.values(customer)]) expect(value).toMatch(CIPHERTEXT);
    const got = await t.app.inject({ url: `/v1/calls/personas/${p.id}`, headers: u.auth });
    expect(got.json()).toMatchObject({ relationship: '외삼촌', memo: '바다 이야기를 좋아했다' });
    expect(await customerAsAgent(c.id)).toMatchObject({ age: 67, gender: 'M', residence: '제주', currentPlan: 'LTE 베이직' });
    // Done once: the next start does not run it again.
    expect(await runDataSteps(t.database, dataSteps(t.keyring))).toEqual([]);
  });
});

describe('personal fields in stored events and notifications', () => {
  it('publishes a completed interview without the candidate’s name; the API still has it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/register',
      payload: { email: `candidate-${Date.now()}@example.com`, password: 'correct horse battery', fullName: '홍길동' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const auth = { authorization: `Bearer ${res.json().tokens.accessToken}` };
    const started = await t.app.inject({
      method: 'POST',
      url: '/v1/interview/sessions',
      headers: auth,
      payload: { position: 'Backend Developer', questionCount: 1 },
    });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().session.id as string;
    const answered = await t.app.inject({
      method: 'POST',
      url: `/v1/interview/sessions/${id}/answers`,
      headers: auth,
      payload: { text: '주문 서비스를 PostgreSQL로 설계하고 모든 쓰기를 멱등으로 만들었습니다.', order: 1 },
    });
    expect(answered.statusCode, answered.body).toBe(201);
    const events = await waitForValue('session.completed stored', async () => {
      const rows = await t.database.query<{ event: string; data: Record<string, unknown> }>(
        'SELECT event, data FROM core.channel_events WHERE channel = $1 ORDER BY seq',
        [`interview:${id}`],
      );
      return rows.some((r) => r.event === 'session.completed') ? rows : null;
    });
    const completed = events.find((e) => e.event === 'session.completed')!;
    expect(completed.data).toMatchObject({ id, status: 'completed' });
    expect(completed.data).not.toHaveProperty('userName');
    expect(JSON.stringify(events)).not.toContain('홍길동');
    const session = (await t.app.inject({ url: `/v1/interview/sessions/${id}`, headers: auth })).json();
    expect(session.session.userName).toBe('홍길동');
  });

  it('tells the owner a voice is ready without naming the persona, in the notification and its event', async () => {
    const u = await signUp(t.app);
    const p = await newPersona(u.auth, { name: '김순자', phoneNumber: '010-5555-0303' });
    await sendTrainingNotice(t.app.core.forProducts, { personaId: p.id, status: 'COMPLETED' });
    const notes = await t.database.query<{ message: string; data: Record<string, unknown> }>(
      'SELECT message, data FROM core.notifications WHERE user_id = $1',
      [u.user.id],
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]!.data).toMatchObject({ personaId: p.id });
    const events = await t.database.query<{ data: unknown }>('SELECT data FROM core.channel_events WHERE channel = $1', [
      `user:${u.user.id}`,
    ]);
    expect(JSON.stringify([notes, events])).not.toContain('김순자');
  });

  it('migration 0019 scrubs the copies stored before', async () => {
    const channel = `interview:${crypto.randomUUID()}`;
    await t.database.query(`INSERT INTO core.channel_events (channel, seq, event, data) VALUES ($1, 1, 'session.completed', $2::jsonb)`, [
      channel,
      JSON.stringify({ id: 'x', userName: '옛이름', status: 'completed' }),
    ]);
    const u = await signUp(t.app);
    await t.database.query(
      `INSERT INTO core.notifications (id, user_id, type, title, message, data, created_at) VALUES ($1, $2, 'calls.training_completed', 'Voice ready', $3, '{}'::jsonb, now())`,
      [crypto.randomUUID(), u.user.id, "김순자's voice is ready: you can call now."],
    );
    const migration = fs.readFileSync(new URL('../../migrations/0019_personal_fields_encrypted.sql', import.meta.url), 'utf8');
    for (const statement of migration.split('--> statement-breakpoint').filter((s) => /^\s*(--[^\n]*\n\s*)*UPDATE/.test(s)))
      await t.database.query(statement);
    const [event] = await t.database.query<{ data: Record<string, unknown> }>('SELECT data FROM core.channel_events WHERE channel = $1', [
      channel,
    ]);
    expect(event!.data).toEqual({ id: 'x', status: 'completed' });
    const [note] = await t.database.query<{ message: string }>('SELECT message FROM core.notifications WHERE user_id = $1', [u.user.id]);
    expect(note!.message).not.toContain('김순자');
  });
});
