import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { assistProduct } from '../../src/products/assist/index.js';
import { ingestSegments } from '../../src/products/assist/transcripts.js';
import { authenticateToken, type AuthUser } from '../../src/core/identity/access.js';
import { createManualClock } from '../../src/core/time/clock.js';
import { createTestApp, signUp, usingPostgres, type TestApp } from '../support/test-app.js';
import { TestSocket } from '../support/realtime-client.js';

// Transcripts streamed over the realtime WebSocket (`assist.transcript`) and the group commit every batch goes through.
const clock = createManualClock('2026-05-04T09:00:00Z');
let t: TestApp;
let wsUrl: string;
let admin: Awaited<ReturnType<typeof signUp>>;
let agentCount = 0;

beforeAll(async () => {
  t = await createTestApp({
    config: {
      accessTokenSeconds: 900,
      productEnvironment: {
        ASSIST_SUMMARY_EVERY_FINALS: '1000',
        ASSIST_SUMMARY_INTERVAL_SECONDS: '36000',
        ASSIST_EMPTY_ROOM_SECONDS: '600',
      },
    },
    deps: { products: [assistProduct], clock },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/v1/realtime`;
  admin = await signUp(t.app);
  await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
}, 60_000);
afterAll(async () => t?.close());

async function ok(res: { statusCode: number; body: string; json(): any }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

/** An agent with a room, and a customer in it. */
async function call() {
  const agent = await signUp(t.app);
  agentCount++;
  await ok(
    await t.app.inject({
      method: 'POST',
      url: '/v1/assist/agents',
      // Signed in now: the test clock may have moved past the first token's lifetime.
      headers: { authorization: `Bearer ${(await signInAgain(admin)).accessToken}` },
      payload: { userId: agent.user.id, agentCode: `S-${agentCount}-${agent.user.id.slice(-6)}`, agentName: `Agent ${agentCount}` },
    }),
    201,
  );
  const customer = await signUp(t.app);
  return { agent, customer, room: await openRoom(agent, customer) };
}

/** A room of the agent's, with the agent and the customer in it (the customer through the join code). */
async function openRoom(agent: { auth: Record<string, string> }, customer: { auth: Record<string, string> }) {
  const room = await ok(
    await t.app.inject({ method: 'POST', url: '/v1/assist/rooms', headers: agent.auth, payload: { roomName: '요금 상담' } }),
    201,
  );
  await ok(
    await t.app.inject({ method: 'POST', url: `/v1/assist/rooms/${room.id}/join`, headers: agent.auth, payload: { nickname: '상담사' } }),
  );
  await ok(
    await t.app.inject({
      method: 'POST',
      url: `/v1/assist/rooms/${room.id}/join`,
      headers: customer.auth,
      payload: { nickname: '고객', joinCode: room.joinCode },
    }),
  );
  return room as { id: string; joinCode: string };
}

const seg = (segmentId: string, text: string, isFinal: boolean, startMs = 0) => ({
  segmentId,
  text,
  isFinal,
  startMs,
  endMs: startMs + 800,
});

async function stored(roomId: string) {
  return t.database.query<{ segment_id: string; text: string; is_final: boolean; final_index: number | null; speaker_role: string }>(
    'SELECT segment_id, text, is_final, final_index, speaker_role FROM assist.transcripts WHERE room_id = $1 ORDER BY final_index NULLS LAST, segment_id',
    [roomId],
  );
}

describe('transcripts over the realtime WebSocket', () => {
  it('acks each message with what its segments became, and the agent gets the finals in order, live', async () => {
    const { agent, customer, room } = await call();
    const desk = await TestSocket.connect(wsUrl, agent.tokens.accessToken);
    expect((await desk.subscribe(`room:${room.id}`)).type).toBe('subscribed');
    const phone = await TestSocket.connect(wsUrl, customer.tokens.accessToken);
    // Sent back to back without waiting: they are applied in the order sent.
    phone.send({ type: 'assist.transcript', ref: 1, room: room.id, segments: [seg('c1', '해외에서', false)] });
    phone.send({
      type: 'assist.transcript',
      ref: 2,
      room: room.id,
      segments: [seg('c1', '해외에서 데이터 쓰려면', true), seg('c2', '요금이', false, 900)],
    });
    phone.send({
      type: 'assist.transcript',
      ref: 'three',
      room: room.id,
      segments: [seg('c2', '요금이 얼마예요?', true, 900), seg('c1', '해외', false)],
    });
    const acks = await Promise.all([1, 2, 'three'].map((ref) => phone.next((m) => m.ref === ref)));
    expect(acks.map((a) => a.type)).toEqual(['ack', 'ack', 'ack']);
    expect(acks[1]!.results).toEqual([
      { segmentId: 'c1', applied: true, isFinal: true, finalIndex: 1, revision: 1, assistantQueued: false },
      { segmentId: 'c2', applied: true, isFinal: false, finalIndex: null, revision: 0, assistantQueued: false },
    ]);
    // The late partial of c1 changes nothing.
    expect(acks[2]!.results.map((r: { applied: boolean; finalIndex: number | null }) => [r.applied, r.finalIndex])).toEqual([
      [true, 2],
      [false, 1],
    ]);
    const finals = await desk.waitForEvents(`room:${room.id}`, 2);
    expect(finals.map((e) => [e.event, e.data.segmentId, e.data.finalIndex, e.data.speakerRole])).toEqual([
      ['transcript.final', 'c1', 1, 'customer'],
      ['transcript.final', 'c2', 2, 'customer'],
    ]);
    const partial = await desk.next((m) => m.event === 'transcript.partial' && m.data.segmentId === 'c2');
    expect(partial).toMatchObject({ ephemeral: true, data: { text: '요금이', isFinal: false } });
    expect(await stored(room.id)).toEqual([
      { segment_id: 'c1', text: '해외에서 데이터 쓰려면', is_final: true, final_index: 1, speaker_role: 'customer' },
      { segment_id: 'c2', text: '요금이 얼마예요?', is_final: true, final_index: 2, speaker_role: 'customer' },
    ]);
    const [roomRow] = await t.database.query<{ final_count: number }>('SELECT final_count FROM assist.rooms WHERE id = $1', [room.id]);
    expect(roomRow!.final_count).toBe(2);
    // The same finals are on the HTTP side.
    const listed = await ok(await t.app.inject({ url: `/v1/assist/rooms/${room.id}/transcripts`, headers: agent.auth }));
    expect(listed.map((s: { segmentId: string }) => s.segmentId)).toEqual(['c1', 'c2']);
    await desk.close();
    await phone.close();
  });

  it('answers a bad message with an error naming the field, and writes nothing', async () => {
    const { customer, room } = await call();
    const phone = await TestSocket.connect(wsUrl, customer.tokens.accessToken);
    const cases: [Record<string, unknown>, string][] = [
      [{ room: room.id, segments: [{ ...seg('x1', '네', true, 500), endMs: 100 }] }, 'segments[0].endMs'],
      [{ room: room.id, segments: [seg('x1', '네', true), { ...seg('x2', '네', true), colour: 'red' }] }, 'segments[1].colour'],
      [{ room: room.id, segments: [{ segmentId: 'x1', text: '네', isFinal: true, startMs: 0 }] }, 'segments[0].endMs'],
      [{ room: room.id, segments: [seg('x1', '네\u0000요', true)] }, 'segments[0].text'],
      [{ room: room.id, segments: [seg('x1', '네\uD800요', true)] }, 'segments[0].text'],
      [{ room: room.id, segments: [{ ...seg('x1', '네', true), endMs: 1e308 }] }, 'segments[0].endMs'],
      [{ room: room.id, segments: [{ ...seg('x1', '네', true), startMs: 2 ** 64, endMs: 2 ** 64 }] }, 'segments[0].startMs'],
      [{ room: room.id, segments: [seg('x1', '   ', true)] }, 'segments[0].text'],
      [{ room: room.id, segments: [seg('bad id!', '네', true)] }, 'segments[0].segmentId'],
      [{ room: room.id, segments: [] }, 'segments'],
      [{ segments: [seg('x1', '네', true)] }, 'room'],
      [{ room: 'not-a-room-id-but-36-characters-long', segments: [seg('x1', '네', true)] }, 'room'],
    ];
    for (const [i, [body, field]] of cases.entries()) {
      phone.send({ type: 'assist.transcript', ref: i, ...body });
      const reply = await phone.next((m) => m.ref === i);
      expect(reply, JSON.stringify(body)).toMatchObject({ type: 'error', code: 'validation', status: 400 });
      expect(reply.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    phone.send({ type: 'assist.transcript', ref: { nested: true }, room: room.id, segments: [seg('x1', '네', true)] });
    expect((await phone.next((m) => m.code === 'realtime.invalid_ref')).type).toBe('error');
    expect(await stored(room.id)).toEqual([]);
    await phone.close();
  });

  it('refuses a sender who is not in the room, and a connection whose token has expired', async () => {
    const { customer, room } = await call();
    const stranger = await signUp(t.app);
    const intruder = await TestSocket.connect(wsUrl, stranger.tokens.accessToken);
    intruder.send({ type: 'assist.transcript', ref: 'x', room: room.id, segments: [seg('i1', '끼어들기', true)] });
    expect(await intruder.next((m) => m.ref === 'x')).toMatchObject({ type: 'error', code: 'assist.room_not_found', status: 404 });
    expect(await stored(room.id)).toEqual([]);

    const phone = await TestSocket.connect(wsUrl, customer.tokens.accessToken);
    clock.advance(901_000);
    try {
      phone.send({ type: 'assist.transcript', ref: 'late', room: room.id, segments: [seg('e1', '여보세요', true)] });
      expect(await phone.next((m) => m.ref === 'late')).toMatchObject({ type: 'error', code: 'auth.invalid_token' });
      expect(await stored(room.id)).toEqual([]);
      // A fresh token on the same connection, and the message goes through.
      const fresh = await ok(
        await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: customer.tokens.refreshToken } }),
      );
      phone.send({ type: 'auth', token: fresh.accessToken ?? fresh.tokens?.accessToken });
      await phone.next((m) => m.type === 'authenticated');
      phone.send({ type: 'assist.transcript', ref: 'again', room: room.id, segments: [seg('e1', '여보세요', true)] });
      expect(await phone.next((m) => m.ref === 'again')).toMatchObject({ type: 'ack', results: [{ segmentId: 'e1', finalIndex: 1 }] });
    } finally {
      await phone.close();
      await intruder.close();
    }
    // A disabled account's open connection can no longer write.
    const phone2 = await TestSocket.connect(wsUrl, (await signInAgain(customer)).accessToken);
    await t.database.query('UPDATE core.users SET is_active = false WHERE id = $1', [customer.user.id]);
    phone2.send({ type: 'assist.transcript', ref: 'gone', room: room.id, segments: [seg('e2', '끊을게요', true)] });
    expect(await phone2.next((m) => m.ref === 'gone')).toMatchObject({ type: 'error', code: 'assist.room_not_found' });
    expect((await stored(room.id)).map((r) => r.segment_id)).toEqual(['e1']);
    await phone2.close();
  });
});

async function signInAgain(u: { email: string; password: string }) {
  const res = await ok(await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: u.password } }));
  return (res.tokens ?? res) as { accessToken: string };
}

describe('the group commit', () => {
  it('numbers concurrent batches of many rooms and both speakers per room without gaps, in the order each sender sent them', async () => {
    const first = await call();
    const roomIds = [first.room.id];
    for (let i = 0; i < 3; i++) roomIds.push((await openRoom(first.agent, first.customer)).id);
    const agent = (await authenticateToken(t.app.core, first.agent.tokens.accessToken))!;
    const customer = (await authenticateToken(t.app.core, first.customer.tokens.accessToken))!;
    const stranger = (await authenticateToken(t.app.core, (await signUp(t.app)).tokens.accessToken))!;
    // 4 rooms × 2 speakers × 6 batches, all submitted at once; each batch a partial and two finals. They go in a few
    // transactions of many rooms each.
    const submitted: { user: AuthUser; roomId: string; ids: string[]; promise: Promise<unknown> }[] = [];
    for (let b = 0; b < 6; b++) {
      for (const roomId of roomIds) {
        for (const [who, user] of [
          ['a', agent],
          ['c', customer],
        ] as const) {
          const ids = [`${who}${b}-1`, `${who}${b}-2`];
          const promise = ingestSegments(t.app.core.forProducts, user, roomId, [
            // Batch 4 names a segment twice (its partial, then its final), so it is applied on its own.
            seg(b === 4 ? ids[1]! : `${who}${b}-p`, '...', false, b * 1000 + 400),
            seg(ids[0]!, `${who} ${b} 첫째`, true, b * 1000),
            seg(ids[1]!, `${who} ${b} 둘째`, true, b * 1000 + 400),
          ]);
          submitted.push({ user, roomId, ids, promise });
        }
      }
      if (b === 2) {
        const intruding = ingestSegments(t.app.core.forProducts, stranger, roomIds[1]!, [seg('s1', '끼어들기', true)]);
        await expect(intruding).rejects.toMatchObject({ code: 'assist.room_not_found', status: 404 });
      }
    }
    const settled = await Promise.allSettled(submitted.map((s) => s.promise));
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
    for (const roomId of roomIds) {
      const rows = (await stored(roomId)).filter((r) => r.is_final);
      expect(rows.map((r) => r.final_index)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      for (const who of ['a', 'c']) {
        // Each speaker's finals keep the order they were sent in.
        const own = rows.filter((r) => r.segment_id.startsWith(who)).map((r) => r.segment_id);
        expect(own).toEqual(submitted.filter((s) => s.roomId === roomId && s.ids[0]!.startsWith(who)).flatMap((s) => s.ids));
      }
      expect(rows.some((r) => r.segment_id === 's1')).toBe(false);
      const events = (await t.app.core.realtime.readEvents(`room:${roomId}`, 0, 1000)).filter((e) => e.event === 'transcript.final');
      expect(events.map((e) => (e.data as { finalIndex: number }).finalIndex)).toEqual(rows.map((r) => r.final_index));
      const [room] = await t.database.query<{ final_count: number }>('SELECT final_count FROM assist.rooms WHERE id = $1', [roomId]);
      expect(room!.final_count).toBe(24);
    }
  });

  it('a batch the database refuses fails alone: the batches written with it are written again without it', async () => {
    const { agent: agentAccount, customer: customerAccount, room } = await call();
    const second = await openRoom(agentAccount, customerAccount);
    const customer = (await authenticateToken(t.app.core, customerAccount.tokens.accessToken))!;
    // A failure only the database knows about: a trigger refusing one segment id.
    await t.database.query(`
      CREATE OR REPLACE FUNCTION assist.test_refuse_segment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.segment_id = 'refused' THEN RAISE EXCEPTION 'refused by the test'; END IF;
        RETURN NEW;
      END $$`);
    await t.database.query(
      'CREATE TRIGGER test_refuse_segment BEFORE INSERT ON assist.transcripts FOR EACH ROW EXECUTE FUNCTION assist.test_refuse_segment()',
    );
    try {
      const batches = [
        ingestSegments(t.app.core.forProducts, customer, room.id, [seg('g1', '첫 번째', true)]),
        ingestSegments(t.app.core.forProducts, customer, second.id, [seg('refused', '거절될 문장', true)]),
        ingestSegments(t.app.core.forProducts, customer, room.id, [seg('g2', '두 번째', true)]),
        ingestSegments(t.app.core.forProducts, customer, second.id, [seg('h1', '다른 방', true)]),
      ];
      const settled = await Promise.allSettled(batches);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      const reason = (settled[1] as PromiseRejectedResult).reason as Error & { cause?: Error };
      expect(String(reason.cause?.message ?? reason.message)).toContain('refused by the test');
      expect((await stored(room.id)).map((r) => [r.segment_id, r.final_index])).toEqual([
        ['g1', 1],
        ['g2', 2],
      ]);
      expect((await stored(second.id)).map((r) => [r.segment_id, r.final_index])).toEqual([['h1', 1]]);
      const events = (await t.app.core.realtime.readEvents(`room:${second.id}`, 0)).filter((e) => e.event === 'transcript.final');
      expect(events.map((e) => (e.data as { segmentId: string }).segmentId)).toEqual(['h1']);
    } finally {
      await t.database.query('DROP TRIGGER test_refuse_segment ON assist.transcripts');
      await t.database.query('DROP FUNCTION assist.test_refuse_segment()');
    }
  });
});

describe.skipIf(!usingPostgres())('two writers of one room (PostgreSQL: two connections)', () => {
  it('a final another writer made final while this write waited for the room leaves no hole in the numbering', async () => {
    const { customer: account, room } = await call();
    const customer = (await authenticateToken(t.app.core, account.tokens.accessToken))!;
    await ingestSegments(t.app.core.forProducts, customer, room.id, [seg('w1', '첫 문장', true)]);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let writing: Promise<unknown> | null = null;
    // Another instance holds the room and makes w2 final; this write of w2 and w3 starts meanwhile and waits for the
    // room, having already taken its snapshot (w2 not there yet).
    const other = t.database.transaction(async (q) => {
      await q('SELECT id FROM assist.rooms WHERE id = $1 FOR NO KEY UPDATE', [room.id]);
      const [peer] = await q<{ peer_id: string }>('SELECT peer_id FROM assist.peers WHERE room_id = $1 AND user_id = $2', [
        room.id,
        customer.id,
      ]);
      await q(
        `INSERT INTO assist.transcripts (id, room_id, segment_id, peer_id, nickname, speaker_role, text, start_ms, end_ms, timestamp, source, is_final, final_index)
         VALUES (gen_random_uuid(), $1, 'w2', $2, '고객', 'customer', '다른 인스턴스가 쓴 문장', 0, 10, now(), 'client', true, 2)`,
        [room.id, peer!.peer_id],
      );
      await q('UPDATE assist.rooms SET final_count = 2 WHERE id = $1', [room.id]);
      writing = ingestSegments(t.app.core.forProducts, customer, room.id, [seg('w2', '같은 문장', true), seg('w3', '그다음 문장', true)]);
      await released;
    });
    await waitUntil(async () => writing !== null && (await waitingForLock()));
    release();
    await other;
    const outcomes = (await writing!) as { applied: boolean; row: { segmentId: string; finalIndex: number } }[];
    expect(outcomes.map((o) => [o.row.segmentId, o.applied, o.row.finalIndex])).toEqual([
      ['w2', false, 2],
      ['w3', true, 3],
    ]);
    expect((await stored(room.id)).map((r) => [r.segment_id, r.final_index])).toEqual([
      ['w1', 1],
      ['w2', 2],
      ['w3', 3],
    ]);
    const [roomRow] = await t.database.query<{ final_count: number }>('SELECT final_count FROM assist.rooms WHERE id = $1', [room.id]);
    expect(roomRow!.final_count).toBe(3);
  });
});

/** Whether a statement is waiting for a row lock (the write queued behind the other writer). */
async function waitingForLock() {
  const rows = await t.database.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%WITH pairs AS%' AND datname = current_database()`,
  );
  return rows[0]!.n > 0;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('shutting down', () => {
  it('answers every message it was processing before the socket closes', async () => {
    const own = await createTestApp({ deps: { products: [assistProduct] } });
    try {
      await own.app.listen({ port: 0, host: '127.0.0.1' });
      const url = `ws://127.0.0.1:${(own.app.server.address() as AddressInfo).port}/v1/realtime`;
      const boss = await signUp(own.app);
      await own.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [boss.user.id]);
      const agent = await signUp(own.app);
      const made = await own.app.inject({
        method: 'POST',
        url: '/v1/assist/agents',
        headers: boss.auth,
        payload: { userId: agent.user.id, agentCode: 'SHUT-1', agentName: 'Closing Agent' },
      });
      expect(made.statusCode, made.body).toBe(201);
      const room = (
        await own.app.inject({ method: 'POST', url: '/v1/assist/rooms', headers: agent.auth, payload: { roomName: 'closing' } })
      ).json();
      await own.app.inject({
        method: 'POST',
        url: `/v1/assist/rooms/${room.id}/join`,
        headers: agent.auth,
        payload: { nickname: '상담사' },
      });
      const socket = await TestSocket.connect(url, agent.tokens.accessToken);
      const sent = 40;
      for (let i = 0; i < sent; i++)
        socket.send({ type: 'assist.transcript', ref: i, room: room.id, segments: [seg(`q${i}`, `문장 ${i}`, true, i * 1000)] });
      // Close once the server has started on them.
      await socket.next((m) => m.type === 'ack');
      await own.app.close();
      await socket.closed;
      const answers = socket.messages.filter((m) => typeof m.ref === 'number');
      // Each message that was answered was answered once; every ack is stored, and nothing else is.
      expect(new Set(answers.map((m) => m.ref)).size).toBe(answers.length);
      const acked = answers.filter((m) => m.type === 'ack').map((m) => `q${m.ref}`);
      expect(acked.length).toBeGreaterThan(0);
      const rows = await own.database.query<{ segment_id: string }>('SELECT segment_id FROM assist.transcripts WHERE room_id = $1', [
        room.id,
      ]);
      expect(rows.map((r) => r.segment_id).sort()).toEqual(acked.sort());
      // The ones not acked were refused as the server shut down, or never read.
      for (const m of answers.filter((a) => a.type === 'error')) expect(m.code).toBe('realtime.shutting_down');
    } finally {
      await own.close().catch(() => undefined);
    }
  });
});
