// Assist keeps callers' data for a set time (ASSIST_ROOM_RETENTION_DAYS, ASSIST_RECORD_RETENTION_DAYS): the retention
// sweeper removes an ended room's live data, then the consultation record, then a customer left with nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assistProduct } from '../../src/products/assist/index.js';
import { trimConsultationDigests } from '../../src/products/assist/retention.js';
import { allRetentionPolicies } from '../../src/core/retention/policies.js';
import { purgeExpired } from '../../src/core/retention/retention.js';
import { readProductSettings } from '../../src/core/product-settings.js';
import { assistSettings } from '../../src/products/assist/environment.js';
import { createManualClock } from '../../src/core/time/clock.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;
const clock = createManualClock('2026-03-02T01:00:00Z');
let t: TestApp;
type Auth = Record<string, string>;

beforeAll(async () => {
  // Tokens outlive the years the clock moves through.
  t = await createTestApp({ config: { accessTokenSeconds: 5 * 365 * 86_400 }, deps: { products: [assistProduct], clock } });
});
afterAll(async () => t?.close());

async function ok(res: { statusCode: number; body: string; json(): any }, status = 200) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

const count = async (sql: string, params: unknown[]) => Number((await t.database.query<{ n: number }>(sql, params))[0]!.n);

/** One call with a customer: joined by both, a few finals, ended. */
async function consultation(agent: Auth, customer: Auth, customerId: string, words: string[]) {
  const room = await ok(
    await t.app.inject({ method: 'POST', url: '/v1/assist/rooms', headers: agent, payload: { roomName: '요금 상담', customerId } }),
    201,
  );
  await ok(
    await t.app.inject({ method: 'POST', url: `/v1/assist/rooms/${room.id}/join`, headers: agent, payload: { nickname: '상담사' } }),
  );
  await ok(
    await t.app.inject({
      method: 'POST',
      url: `/v1/assist/rooms/${room.id}/join`,
      headers: customer,
      payload: { nickname: '고객', joinCode: room.joinCode },
    }),
  );
  await ok(
    await t.app.inject({
      method: 'POST',
      url: `/v1/assist/rooms/${room.id}/transcripts`,
      headers: customer,
      payload: {
        segments: words.map((text, i) => ({ segmentId: `s${i}`, text, isFinal: true, startMs: i * 1000, endMs: i * 1000 + 900 })),
      },
    }),
  );
  const ended = await ok(await t.app.inject({ method: 'POST', url: `/v1/assist/rooms/${room.id}/end`, headers: agent }));
  return { roomId: room.id as string, sessionId: ended.session.id as string };
}

const sweep = () =>
  purgeExpired(t.app.core, { policies: allRetentionPolicies(t.app.core.config, [assistProduct]).filter((p) => p.owner === 'assist') });

describe('assist retention', () => {
  it('has documented defaults: live room data 30 days, consultation records three years', () => {
    expect(readProductSettings(assistSettings, {}).retention).toEqual({ roomDays: 30, recordDays: 1095 });
    expect(readProductSettings(assistSettings, { ASSIST_ROOM_RETENTION_DAYS: '7', ASSIST_RECORD_RETENTION_DAYS: '365' }).retention).toEqual(
      {
        roomDays: 7,
        recordDays: 365,
      },
    );
    const names = allRetentionPolicies(t.app.core.config, [assistProduct])
      .filter((p) => p.owner === 'assist')
      .map((p) => [p.policy.name, p.policy.days]);
    expect(names).toEqual([
      ['assist.rooms.ended', 30],
      ['assist.rooms.unused', 30],
      ['assist.consultation_sessions', 1095],
      ['assist.consultation_history', 1095],
      ['assist.customers', 1095],
    ]);
  });

  it('removes an ended room’s live data after 30 days, the consultation record after three years, then the customer', async () => {
    const admin = await signUp(t.app);
    await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
    const agentUser = await signUp(t.app);
    await ok(
      await t.app.inject({
        method: 'POST',
        url: '/v1/assist/agents',
        headers: admin.auth,
        payload: { userId: agentUser.user.id, agentCode: 'R-1', agentName: '김상담' },
      }),
      201,
    );
    const caller = await signUp(t.app);
    const kim = await ok(
      await t.app.inject({
        method: 'POST',
        url: '/v1/assist/customers',
        headers: agentUser.auth,
        payload: { customerName: '김민수', phoneNumber: '010-2222-3333', residence: '서울', age: 41 },
      }),
      201,
    );
    const lee = await ok(
      await t.app.inject({ method: 'POST', url: '/v1/assist/customers', headers: agentUser.auth, payload: { customerName: '이영희' } }),
      201,
    );
    const first = await consultation(agentUser.auth, caller.auth, kim.id, ['요금제를 바꾸고 싶어요', '데이터가 부족해요']);
    const unused = await ok(
      await t.app.inject({
        method: 'POST',
        url: '/v1/assist/rooms',
        headers: agentUser.auth,
        payload: { roomName: '아무도 오지 않은 방' },
      }),
      201,
    );

    // A day short of 30: everything stays.
    clock.advance(29 * DAY);
    await sweep();
    expect(await count('SELECT count(*)::int AS n FROM assist.rooms WHERE id = ANY($1)', [[first.roomId, unused.id]])).toBe(2);

    // Past 30 days the rooms go with their peers and live transcript; the consultation record stays.
    clock.advance(2 * DAY);
    const rooms = await sweep();
    expect(rooms.policies.find((p) => p.policy === 'assist.rooms.ended')?.rows).toBe(1);
    expect(rooms.policies.find((p) => p.policy === 'assist.rooms.unused')?.rows).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM assist.rooms WHERE id = ANY($1)', [[first.roomId, unused.id]])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM assist.peers WHERE room_id = $1', [first.roomId])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM assist.transcripts WHERE room_id = $1', [first.roomId])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM assist.consultation_transcripts WHERE session_id = $1', [first.sessionId])).toBe(2);
    const kept = await ok(await t.app.inject({ url: `/v1/assist/sessions/${first.sessionId}`, headers: agentUser.auth }));
    expect(kept.turns.map((x: { text: string }) => x.text)).toEqual(['요금제를 바꾸고 싶어요', '데이터가 부족해요']);

    // Two years on, Kim calls again.
    clock.advance(2 * 365 * DAY);
    const second = await consultation(agentUser.auth, caller.auth, kim.id, ['해외 로밍 문의입니다']);

    // Three years after the first call its record goes; Kim's second one and Kim stay, Lee (nothing kept) goes.
    clock.set(new Date(Date.parse('2026-03-02T01:00:00Z') + 1096 * DAY));
    const records = await sweep();
    expect(records.policies.find((p) => p.policy === 'assist.consultation_sessions')?.rows).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM assist.consultation_sessions WHERE id = $1', [first.sessionId])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM assist.consultation_transcripts WHERE session_id = $1', [first.sessionId])).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM assist.consultation_agent_results WHERE session_id = $1', [first.sessionId])).toBe(
      0,
    );
    expect(await count('SELECT count(*)::int AS n FROM assist.consultation_history WHERE customer_id = $1', [kim.id])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM assist.consultation_sessions WHERE id = $1', [second.sessionId])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM assist.customers WHERE id = ANY($1)', [[kim.id, lee.id]])).toBe(1);
    await ok(await t.app.inject({ url: `/v1/assist/customers/${lee.id}`, headers: agentUser.auth }), 404);

    // The digest on Kim keeps only the consultation still on record.
    expect(await trimConsultationDigests(t.app.core.forProducts)).toBe(1);
    const kimNow = await ok(await t.app.inject({ url: `/v1/assist/customers/${kim.id}`, headers: agentUser.auth }));
    expect(kimNow.customer.consultationHistory.map((d: { sessionId: string }) => d.sessionId)).toEqual([second.sessionId]);
    expect(kimNow.history.map((h: { sessionId: string }) => h.sessionId)).toEqual([second.sessionId]);

    // Three more years: nothing of Kim is left, and Kim goes too.
    clock.advance(3 * 365 * DAY);
    await sweep();
    expect(await count('SELECT count(*)::int AS n FROM assist.customers WHERE id = $1', [kim.id])).toBe(0);
  });
});
