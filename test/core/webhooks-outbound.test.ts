import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { Value } from 'typebox/value';
import { loadConfig } from '../../src/config.js';
import { webhookCatalog } from '../../src/core/webhooks/catalog.js';
import { allProducts } from '../../src/products/index.js';
import { seedPersonas } from '../../src/products/chat/personas.js';
import { toneWav } from '../../src/products/calls/seed.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { waitForValue } from '../support/wait-for.js';

type User = Awaited<ReturnType<typeof signUp>>;

interface Received {
  path: string;
  webhookId: string;
  at: number;
  event: { type: string; timestamp: string; data: Record<string, unknown> };
  body: string;
}

/** A receiver on 127.0.0.1 that checks every delivery with the official Standard Webhooks library. */
class Receiver {
  readonly received: Received[] = [];
  readonly rejected: { path: string; reason: string }[] = [];
  readonly secrets = new Map<string, string>();
  /** The status answered to the n-th request (1-based) to a path; 204 by default. */
  readonly behaviour = new Map<string, (n: number) => number>();
  /** While a path has a gate, its requests are answered only once the gate opens (a receiver still working). */
  readonly gates = new Map<string, Promise<void>>();
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const route = req.url ?? '/';
      const secret = this.secrets.get(route);
      try {
        if (!secret) throw new Error('no secret for this path');
        const event = new Webhook(secret).verify(body, req.headers as Record<string, string>) as Received['event'];
        this.received.push({ path: route, webhookId: String(req.headers['webhook-id']), at: Date.now(), event, body });
        const n = this.received.filter((r) => r.path === route).length;
        res.statusCode = this.behaviour.get(route)?.(n) ?? 204;
      } catch (err) {
        this.rejected.push({ path: route, reason: (err as Error).message });
        res.statusCode = 401;
      }
      void (this.gates.get(route) ?? Promise.resolve()).then(() => res.end());
    });
  });
  url = '';

  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  stop() {
    return new Promise((r) => this.server.close(r));
  }
  at(route: string) {
    return this.received.filter((r) => r.path === route);
  }
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

const receiver = new Receiver();
let t: TestApp;
let admin: User;
let blobRoot: string;
const catalog = webhookCatalog(allProducts);

beforeAll(async () => {
  await receiver.start();
  const port = await freePort();
  blobRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-webhooks-'));
  const base = loadConfig();
  t = await createTestApp({
    config: {
      publicUrl: `http://127.0.0.1:${port}`,
      blobs: { kind: 'local', root: blobRoot },
      ai: { ...base.ai, providers: { ...base.ai.providers, voice: 'offline' }, offlineTrainingStepMs: 40 },
      webhooks: { retries: 2, retrySeconds: 1, timeoutMs: 5000 },
    },
    deps: { products: allProducts, jobs: { pollingSeconds: 0.5 } },
  });
  // The offline voice trainer reports through the engine webhook, so the app listens.
  await t.app.listen({ port, host: '127.0.0.1' });
  await seedPersonas(t.app.core.forProducts);
  admin = await signUp(t.app);
  await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
});

afterAll(async () => {
  await t?.close();
  await receiver.stop();
  fs.rmSync(blobRoot, { recursive: true, force: true });
});

const call = (user: User | null, method: string, url: string, payload?: unknown) =>
  t.app.inject({
    method: method as 'GET',
    url,
    headers: user ? user.auth : {},
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

interface Endpoint {
  id: string;
  url: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: string | null;
  secret?: string;
}

interface Delivery {
  id: string;
  messageId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  log: { attempt: number; trigger: string; statusCode: number | null; latencyMs: number; error: string | null; attemptedAt: string }[];
}

async function register(route: string, eventTypes: string[]): Promise<Endpoint> {
  const res = await call(admin, 'POST', '/v1/admin/webhooks', { url: receiver.url + route, eventTypes, description: `수신 ${route}` });
  expect(res.statusCode, res.body).toBe(201);
  const endpoint = res.json() as Endpoint;
  receiver.secrets.set(route, endpoint.secret!);
  return endpoint;
}

const endpoint = async (id: string) => (await call(admin, 'GET', `/v1/admin/webhooks/${id}`)).json() as Endpoint;
const deliveries = async (id: string) =>
  ((await call(admin, 'GET', `/v1/admin/webhooks/${id}/deliveries?limit=100`)).json() as { items: Delivery[] }).items;
const settled = (id: string, count = 1) =>
  waitForValue(`${count} settled deliveries`, async () => {
    const items = await deliveries(id);
    return items.length >= count && items.every((d) => d.status !== 'pending') ? items : null;
  });

async function tutorMember(role: 'student' | 'tutor'): Promise<User> {
  const u = await signUp(t.app);
  expect((await call(u, 'POST', '/v1/me/roles', { product: 'tutor', role })).statusCode).toBe(200);
  const profile = await call(u, 'PUT', '/v1/tutor/profile', { role, name: role === 'tutor' ? '김선생' : '이학생' });
  expect(profile.statusCode, profile.body).toBe(200);
  return u;
}

/** A learning session started and ended through the tutor routes; answers the session id. */
async function endLearningSession(student: User): Promise<string> {
  const started = await call(student, 'POST', '/v1/tutor/sessions', { sessionType: 'practice' });
  expect(started.statusCode, started.body).toBe(201);
  const id = started.json().id as string;
  const ended = await call(student, 'POST', `/v1/tutor/sessions/${id}/end`, { duration: 120, speakingDuration: 45, practiceCount: 3 });
  expect(ended.statusCode, ended.body).toBe(200);
  return id;
}

const problem = (res: { statusCode: number; headers: Record<string, unknown>; json(): any }, status: number) => {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  return res.json() as { type: string; errors?: { field: string; message: string }[] };
};

const endpointCount = async () =>
  Number((await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM core.webhook_endpoints'))[0]!.n);

describe('webhook endpoints (admin)', () => {
  it('refuses every webhook route to members (403) and anonymous callers (401), changing nothing', async () => {
    const target = await register('/authz', ['tutor.student.linked']);
    const member = await signUp(t.app);
    const routes: [string, string, unknown?][] = [
      ['GET', '/v1/admin/webhooks'],
      ['GET', '/v1/admin/webhooks/event-types'],
      ['POST', '/v1/admin/webhooks', { url: 'http://127.0.0.1:9/x', eventTypes: ['*'] }],
      ['GET', `/v1/admin/webhooks/${target.id}`],
      ['PATCH', `/v1/admin/webhooks/${target.id}`, { enabled: false }],
      ['DELETE', `/v1/admin/webhooks/${target.id}`],
      ['POST', `/v1/admin/webhooks/${target.id}/secret`],
      ['GET', `/v1/admin/webhooks/${target.id}/deliveries`],
      ['POST', `/v1/admin/webhooks/${target.id}/deliveries/${target.id}/redeliver`],
    ];
    const before = await endpointCount();
    for (const [method, url, payload] of routes) {
      problem(await call(member, method, url, payload), 403);
      problem(await call(null, method, url, payload), 401);
    }
    expect(await endpointCount()).toBe(before);
    const [row] = await t.database.query<{ enabled: boolean; secret: string }>(
      'SELECT enabled, secret FROM core.webhook_endpoints WHERE id = $1',
      [target.id],
    );
    expect(row!.enabled).toBe(true);
    expect((await call(admin, 'DELETE', `/v1/admin/webhooks/${target.id}`)).statusCode).toBe(204);
    problem(await call(admin, 'GET', `/v1/admin/webhooks/${target.id}`), 404);
  });

  it('answers bad input with problem+json naming the field, and stores nothing', async () => {
    const before = await endpointCount();
    const cases: [unknown, string][] = [
      [{ url: 'ftp://example.com/hook', eventTypes: ['*'] }, 'url'],
      [{ url: 'not a url', eventTypes: ['*'] }, 'url'],
      [{ url: 'https://user:pw@example.com/hook', eventTypes: ['*'] }, 'url'],
      [{ url: 'https://example.com/hook', eventTypes: ['calls.call.ended', 'calls.call.exploded'] }, 'eventTypes.1'],
      [{ url: 'https://example.com/hook', eventTypes: [] }, 'eventTypes'],
      [{ url: 'https://example.com/hook' }, 'eventTypes'],
      [{ url: 'https://example.com/hook', eventTypes: ['*'], secret: 'whsec_bWluZS1taW5lLW1pbmUtbWluZQ==' }, 'secret'],
    ];
    for (const [payload, field] of cases) {
      const body = problem(await call(admin, 'POST', '/v1/admin/webhooks', payload), 400);
      expect(
        body.errors?.map((e) => e.field),
        JSON.stringify(payload),
      ).toContain(field);
    }
    expect(await endpointCount()).toBe(before);

    const kept = await register('/kept', ['tutor.student.linked']);
    const patched = problem(await call(admin, 'PATCH', `/v1/admin/webhooks/${kept.id}`, { url: 'javascript:alert(1)' }), 400);
    expect(patched.errors?.map((e) => e.field)).toContain('url');
    problem(await call(admin, 'PATCH', `/v1/admin/webhooks/${kept.id}`, { eventTypes: ['nope'] }), 400);
    problem(await call(admin, 'PATCH', `/v1/admin/webhooks/${kept.id}`, {}), 400);
    problem(await call(admin, 'PATCH', '/v1/admin/webhooks/00000000-0000-7000-8000-000000000000', { enabled: true }), 404);
    problem(await call(admin, 'GET', '/v1/admin/webhooks/not-an-id'), 400);
    expect(await endpoint(kept.id)).toMatchObject({ url: receiver.url + '/kept', eventTypes: ['tutor.student.linked'], enabled: true });
    expect((await call(admin, 'DELETE', `/v1/admin/webhooks/${kept.id}`)).statusCode).toBe(204);
  });

  it('shows the signing secret only when it is made, and keeps it encrypted', async () => {
    const created = await register('/secret', ['tutor.student.linked']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    const listed = (await call(admin, 'GET', '/v1/admin/webhooks')).json().items as Record<string, unknown>[];
    const mine = listed.find((e) => e.id === created.id)!;
    expect(mine).toMatchObject({ url: receiver.url + '/secret', enabled: true, description: '수신 /secret' });
    expect(mine).not.toHaveProperty('secret');
    expect(await endpoint(created.id)).not.toHaveProperty('secret');
    const [row] = await t.database.query<{ secret: string }>('SELECT secret FROM core.webhook_endpoints WHERE id = $1', [created.id]);
    expect(row!.secret.startsWith('tb1.')).toBe(true);
    expect(row!.secret).not.toContain(created.secret!.slice('whsec_'.length, 20));

    const rotated = (await call(admin, 'POST', `/v1/admin/webhooks/${created.id}/secret`)).json() as Endpoint;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    expect((await call(admin, 'DELETE', `/v1/admin/webhooks/${created.id}`)).statusCode).toBe(204);
  });

  it('lists the event catalog with the schema of each event’s data', async () => {
    const res = await call(admin, 'GET', '/v1/admin/webhooks/event-types');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { type: string; product: string; summary: string; payload: { properties: object } }[];
    expect(items.map((i) => i.type).sort()).toEqual([...catalog.keys()].sort());
    expect(items.map((i) => i.type)).toEqual(
      expect.arrayContaining([
        'calls.call.ended',
        'calls.voice.training_completed',
        'calls.voice.training_failed',
        'chat.reply.completed',
        'interview.session.completed',
        'assist.room.ended',
        'tutor.session.completed',
      ]),
    );
    for (const i of items) {
      expect(i.type.startsWith(`${i.product}.`)).toBe(true);
      expect(Object.keys(i.payload.properties).length).toBeGreaterThan(0);
    }
  });
});

describe('the catalog in the documentation', () => {
  it('docs/webhooks.md lists every event type with every field of its data, and each product page names its own', () => {
    const repo = fileURLToPath(new URL('../../', import.meta.url));
    for (const [type] of catalog) {
      const page = fs.readFileSync(path.join(repo, `docs/products/${type.split('.')[0]}.md`), 'utf8');
      expect(page, `docs/products/${type.split('.')[0]}.md names ${type}`).toContain(`\`${type}\``);
    }
    for (const file of ['docs/webhooks.md']) {
      const lines = fs.readFileSync(path.join(repo, file), 'utf8').split('\n');
      for (const [type, event] of catalog) {
        const line = lines.find((l) => l.startsWith(`| \`${type}\` |`));
        expect(line, `${file} lists ${type}`).toBeDefined();
        for (const field of Object.keys((event.payload as { properties: object }).properties))
          expect(line, `${file}: ${type} names ${field}`).toContain(`\`${field}\``);
      }
    }
  });
});

describe('deliveries', () => {
  it('sends each product’s key event to the endpoints that take it, signed, with ids and no personal text', async () => {
    const all = await register('/all', ['*']);
    const interviewOnly = await register('/interview-only', ['interview.session.completed']);
    const expected = new Map<string, Record<string, unknown>>();

    // tutor: a tutor takes a student on, and the student ends a practice session.
    const student = await tutorMember('student');
    const tutor = await tutorMember('tutor');
    const request = await call(student, 'POST', '/v1/tutor/requests', { tutorId: tutor.user.id, message: '영어 회화를 배우고 싶어요' });
    expect(request.statusCode, request.body).toBe(201);
    expect((await call(tutor, 'POST', `/v1/tutor/requests/${request.json().id}/approve`)).statusCode).toBe(200);
    expected.set('tutor.student.linked', { requestId: request.json().id, tutorId: tutor.user.id, studentId: student.user.id });
    const sessionId = await endLearningSession(student);
    expected.set('tutor.session.completed', { sessionId, studentId: student.user.id, sessionType: 'practice', durationSeconds: 120 });

    // calls: a voice trains (through the engine's signed webhook), a call ends, and a training with a file the engine never issued fails.
    const owner = await signUp(t.app);
    const persona = async (phone: string) => {
      const res = await call(owner, 'POST', '/v1/calls/personas', {
        name: 'Grandma Rose',
        phoneNumber: phone,
        relationship: 'grandmother',
        memo: 'She loved tomatoes.',
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id as string;
      const upload = await t.app.inject({
        method: 'POST',
        url: `/v1/calls/personas/${id}/voice-files`,
        headers: { ...owner.auth, 'content-type': 'audio/wav', 'x-file-name': 'voicemail.wav' },
        payload: toneWav(0.25, 330),
      });
      expect(upload.statusCode, upload.body).toBe(201);
      const consent = await call(owner, 'PUT', `/v1/calls/personas/${id}/consent`, {
        voiceOwner: 'Rose Kim',
        statement: 'I am her grandchild and the family agreed to keep her voice.',
      });
      expect(consent.statusCode, consent.body).toBe(200);
      return id;
    };
    const trained = await persona('+82 10-5555-0001');
    expect((await call(owner, 'POST', `/v1/calls/personas/${trained}/training`)).statusCode).toBe(202);
    const broken = await persona('+82 10-5555-0002');
    await t.database.query(`UPDATE calls.voice_data SET ai_file_id = 'file_never_issued' WHERE persona_id = $1`, [broken]);
    expect((await call(owner, 'POST', `/v1/calls/personas/${broken}/training`)).statusCode).toBe(202);
    expected.set('calls.voice.training_completed', { personaId: trained, userId: owner.user.id });
    expected.set('calls.voice.training_failed', { personaId: broken, userId: owner.user.id });
    const created = await call(owner, 'POST', '/v1/calls/sessions', { personaId: trained });
    expect(created.statusCode, created.body).toBe(201);
    const hangup = await call(owner, 'POST', `/v1/calls/sessions/${created.json().id}/hangup`);
    expect(hangup.statusCode, hangup.body).toBe(200);
    expected.set('calls.call.ended', { callId: created.json().id, personaId: trained, userId: owner.user.id, endedReason: 'user_hangup' });

    // chat: the persona answers a message.
    const chatter = await signUp(t.app);
    const conversation = await call(chatter, 'POST', '/v1/chat/conversations', { personaId: 'education-tutor' });
    expect(conversation.statusCode, conversation.body).toBe(201);
    const sent = await call(chatter, 'POST', `/v1/chat/conversations/${conversation.json().id}/messages`, {
      content: '제 이름은 박민수이고 영어 공부를 도와주세요',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expected.set('chat.reply.completed', { conversationId: conversation.json().id, userId: chatter.user.id, personaId: 'education-tutor' });

    // interview: a one-question interview is answered and evaluated in the background.
    const candidate = await signUp(t.app);
    const interview = await call(candidate, 'POST', '/v1/interview/sessions', { position: 'Backend Developer', questionCount: 1 });
    expect(interview.statusCode, interview.body).toBe(201);
    const interviewId = interview.json().session.id as string;
    const answered = await call(candidate, 'POST', `/v1/interview/sessions/${interviewId}/answers`, {
      order: 1,
      text: 'I built an idempotent order service on PostgreSQL, which removed duplicate charges entirely.',
    });
    expect(answered.statusCode, answered.body).toBe(201);
    expected.set('interview.session.completed', { sessionId: interviewId, userId: candidate.user.id, position: 'Backend Developer' });

    // assist: an agent's consultation ends with its summary.
    const agent = await signUp(t.app);
    const made = await call(admin, 'POST', '/v1/assist/agents', { userId: agent.user.id, agentCode: 'W-1', agentName: '최상담' });
    expect(made.statusCode, made.body).toBe(201);
    const room = await call(agent, 'POST', '/v1/assist/rooms', { roomName: '요금제 상담', metadata: { consultationType: 'plan_change' } });
    expect(room.statusCode, room.body).toBe(201);
    const roomId = room.json().id as string;
    expect((await call(agent, 'POST', `/v1/assist/rooms/${roomId}/join`, { nickname: '상담사' })).statusCode).toBe(200);
    const said = await call(agent, 'PUT', `/v1/assist/rooms/${roomId}/transcripts/s1`, {
      text: '고객님 요금제를 데이터 무제한으로 변경해 드렸습니다',
      isFinal: true,
      startMs: 0,
      endMs: 1500,
      confidence: 0.9,
    });
    expect(said.statusCode, said.body).toBe(200);
    const ended = await call(agent, 'POST', `/v1/assist/rooms/${roomId}/end`);
    expect(ended.statusCode, ended.body).toBe(200);
    expected.set('assist.room.ended', { roomId, sessionId: ended.json().session.id, consultationType: 'plan_change', turns: 1 });

    const got = await waitForValue(
      'a delivery of every event type',
      async () => {
        const types = new Set(receiver.at('/all').map((r) => r.event.type));
        return [...expected.keys()].every((type) => types.has(type)) ? receiver.at('/all') : null;
      },
      60_000,
    );
    expect(receiver.rejected).toEqual([]);
    for (const [type, facts] of expected) {
      const r = got.find((x) => x.event.type === type)!;
      expect(Value.Check(catalog.get(type)!.payload, r.event.data), `${type}: ${r.body}`).toBe(true);
      expect(r.event.data, type).toMatchObject(facts);
      expect(r.webhookId).toMatch(/^msg_/);
    }
    const room_ = got.find((x) => x.event.type === 'assist.room.ended')!;
    expect(room_.event.data.summary).toEqual(expect.any(String));
    // Names, consent details, messages and answers stay in Talkbase.
    for (const word of [
      'Grandma Rose',
      'Rose Kim',
      'tomatoes',
      '김선생',
      '이학생',
      '박민수',
      'idempotent',
      '최상담',
      '상담사',
      '영어 회화',
    ]) {
      expect(got.map((r) => r.body).join('\n')).not.toContain(word);
    }
    // The stored bodies are sealed, the summary with them.
    const stored = await t.database.query<{ payload: string }>(
      `SELECT payload FROM core.webhook_deliveries WHERE event_type = 'assist.room.ended'`,
    );
    expect(stored.length).toBeGreaterThan(0);
    for (const s of stored) {
      expect(s.payload.startsWith('tb1.')).toBe(true);
      expect(s.payload).not.toContain('요금제');
    }

    // Filtering: the interview-only endpoint got the interview and nothing else.
    const onlyInterview = await settled(interviewOnly.id);
    expect(onlyInterview.map((d) => d.eventType)).toEqual(['interview.session.completed']);
    expect(receiver.at('/interview-only').map((r) => r.event.type)).toEqual(['interview.session.completed']);
    expect(receiver.at('/interview-only')[0]!.event.data.sessionId).toBe(interviewId);

    // The delivery log: one automatic attempt each, 204, timed.
    const log = await settled(all.id, expected.size);
    for (const d of log) {
      expect(d.status).toBe('delivered');
      expect(d.log).toEqual([expect.objectContaining({ attempt: 1, trigger: 'automatic', statusCode: 204, error: null })]);
      expect(d.log[0]!.latencyMs).toBeGreaterThanOrEqual(0);
    }
    for (const id of [all.id, interviewOnly.id]) expect((await call(admin, 'DELETE', `/v1/admin/webhooks/${id}`)).statusCode).toBe(204);
    expect(await t.database.query('SELECT 1 FROM core.webhook_deliveries WHERE endpoint_id = $1', [all.id])).toHaveLength(0);
  });

  it('sends only the event types an endpoint takes, also after they change', async () => {
    const filtered = await register('/filter', ['calls.call.ended']);
    const student = await tutorMember('student');
    await endLearningSession(student);
    // The deliveries are written in the product's own transaction, so none exists once the request has answered.
    expect(await deliveries(filtered.id)).toEqual([]);
    const changed = await call(admin, 'PATCH', `/v1/admin/webhooks/${filtered.id}`, { eventTypes: ['tutor.session.completed'] });
    expect(changed.statusCode, changed.body).toBe(200);
    const sessionId = await endLearningSession(student);
    const [d] = await settled(filtered.id);
    expect(d!.eventType).toBe('tutor.session.completed');
    expect(receiver.at('/filter').map((r) => r.event.data.sessionId)).toEqual([sessionId]);
    expect((await call(admin, 'DELETE', `/v1/admin/webhooks/${filtered.id}`)).statusCode).toBe(204);
  });

  it('retries a failed delivery with growing waits and the same webhook id, until it succeeds', async () => {
    receiver.behaviour.set('/flaky', (n) => (n <= 2 ? 500 : 200));
    const flaky = await register('/flaky', ['tutor.session.completed']);
    await endLearningSession(await tutorMember('student'));
    const [d] = await settled(flaky.id);
    expect(d).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(d!.log.map((a) => [a.attempt, a.trigger, a.statusCode])).toEqual([
      [1, 'automatic', 500],
      [2, 'automatic', 500],
      [3, 'automatic', 200],
    ]);
    expect(d!.log[0]!.error).toBe('the endpoint answered 500');
    const times = d!.log.map((a) => new Date(a.attemptedAt).getTime());
    // retrySeconds 1: the first retry waits at least 1 s, the second at least 2 s.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(1950);
    const hits = receiver.at('/flaky');
    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((h) => h.webhookId))).toEqual(new Set([d!.messageId]));
    expect(await endpoint(flaky.id)).toMatchObject({ enabled: true, failingSince: null });
    expect((await call(admin, 'DELETE', `/v1/admin/webhooks/${flaky.id}`)).statusCode).toBe(204);
  });

  it('disables an endpoint that fails through every retry, tells the admins, and redelivers by hand once it works', async () => {
    let up = false;
    receiver.behaviour.set('/down', () => (up ? 200 : 503));
    const down = await register('/down', ['tutor.session.completed']);
    const student = await tutorMember('student');
    await endLearningSession(student);
    const disabled = await waitForValue('the endpoint disabled', async () => {
      const e = await endpoint(down.id);
      return e.enabled ? null : e;
    });
    expect(disabled.disabledReason).toMatch(/failed/);
    const [failed] = await deliveries(down.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 3 });
    expect(failed!.log.map((a) => a.statusCode)).toEqual([503, 503, 503]);
    expect(receiver.at('/down')).toHaveLength(3);

    const notices = (await call(admin, 'GET', '/v1/notifications')).json();
    const notice = (notices.items as { type: string; data: { endpointId: string } }[]).find((n) => n.type === 'webhook_endpoint_disabled');
    expect(notice?.data.endpointId).toBe(down.id);
    const memberNotices = (await call(student, 'GET', '/v1/notifications')).json();
    expect((memberNotices.items as { type: string }[]).some((n) => n.type === 'webhook_endpoint_disabled')).toBe(false);

    // A disabled endpoint gets no new deliveries and cannot be redelivered to.
    await endLearningSession(student);
    expect(await deliveries(down.id)).toHaveLength(1);
    const refused = problem(await call(admin, 'POST', `/v1/admin/webhooks/${down.id}/deliveries/${failed!.id}/redeliver`), 409);
    expect(refused.type).toContain('webhook.endpoint_disabled');

    // The receiver is fixed, the endpoint enabled again, the failed delivery sent by hand. The receiver holds its answer
    // until the second redelivery has been asked for, so that one meets the delivery still being tried.
    up = true;
    let answer!: () => void;
    receiver.gates.set('/down', new Promise<void>((r) => (answer = r)));
    const enabled = await call(admin, 'PATCH', `/v1/admin/webhooks/${down.id}`, { enabled: true });
    expect(enabled.json()).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
    const again = await call(admin, 'POST', `/v1/admin/webhooks/${down.id}/deliveries/${failed!.id}/redeliver`);
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json().status).toBe('pending');
    problem(await call(admin, 'POST', `/v1/admin/webhooks/${down.id}/deliveries/${failed!.id}/redeliver`), 409);
    problem(await call(admin, 'POST', `/v1/admin/webhooks/${down.id}/deliveries/00000000-0000-7000-8000-000000000000/redeliver`), 404);
    receiver.gates.delete('/down');
    answer();
    const [redelivered] = await settled(down.id);
    expect(redelivered).toMatchObject({ id: failed!.id, status: 'delivered', attempts: 4 });
    expect(redelivered!.log.at(-1)).toMatchObject({ attempt: 4, trigger: 'manual', statusCode: 200, error: null });
    const hits = receiver.at('/down');
    expect(hits).toHaveLength(4);
    expect(new Set(hits.map((h) => h.webhookId))).toEqual(new Set([failed!.messageId]));
    expect(receiver.rejected).toEqual([]);
  });
});
