import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { assistProduct } from '../../src/products/assist/index.js';
import { endEmptyRooms, endRoom } from '../../src/products/assist/rooms.js';
import { TELECOM_FAQ } from '../../src/products/assist/telecom-faq.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { queryPlan } from '../support/query-plan.js';
import { waitForValue } from '../support/wait-for.js';
import { TestSocket } from '../support/realtime-client.js';
import SwaggerParser from '@apidevtools/swagger-parser';

let t: TestApp;
let wsUrl: string;
let admin: Awaited<ReturnType<typeof signUp>>;
let agentCodes = 0;

beforeAll(async () => {
  t = await createTestApp({
    config: {
      productEnvironment: { ASSIST_SUMMARY_EVERY_FINALS: '3', ASSIST_SUMMARY_INTERVAL_SECONDS: '3600', ASSIST_EMPTY_ROOM_SECONDS: '60' },
    },
    deps: { products: [assistProduct], jobs: { pollingSeconds: 0.5 } },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  wsUrl = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/v1/realtime`;
  admin = await signUp(t.app);
  await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
  const imported = await t.app.inject({
    method: 'POST',
    url: '/v1/assist/knowledge/documents',
    headers: admin.auth,
    payload: { documents: TELECOM_FAQ },
  });
  expect(imported.statusCode, imported.body).toBe(201);
}, 60_000);
afterAll(async () => t?.close());

async function newAgent() {
  const u = await signUp(t.app);
  agentCodes++;
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/assist/agents',
    headers: admin.auth,
    payload: { userId: u.user.id, agentCode: `T-${agentCodes}-${u.user.id.slice(-6)}`, agentName: `Agent ${agentCodes}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { ...u, agent: res.json() as { id: string } };
}

async function newCustomer(
  agent: { auth: Record<string, string> },
  phoneNumber = `010-${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}-${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`,
) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/assist/customers',
    headers: agent.auth,
    payload: { customerName: '박지훈', phoneNumber, membershipGrade: 'VIP', currentPlan: '5G 프리미엄', monthlyFee: 89000 },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; phoneNumber: string };
}

/** An agent, a customer record, a room, and both in it (the customer through the join code). */
async function callSetup() {
  const agent = await newAgent();
  const customerRecord = await newCustomer(agent);
  const caller = await signUp(t.app);
  const opened = await t.app.inject({
    method: 'POST',
    url: '/v1/assist/rooms',
    headers: agent.auth,
    payload: { roomName: '요금제 상담', customerId: customerRecord.id, metadata: { consultationType: 'plan_change' } },
  });
  expect(opened.statusCode, opened.body).toBe(201);
  const room = opened.json() as { id: string; joinCode: string; status: string };
  const a = await t.app.inject({
    method: 'POST',
    url: `/v1/assist/rooms/${room.id}/join`,
    headers: agent.auth,
    payload: { nickname: '상담사' },
  });
  expect(a.statusCode, a.body).toBe(200);
  expect(a.json().peer.role).toBe('agent');
  const c = await t.app.inject({
    method: 'POST',
    url: `/v1/assist/rooms/${room.id}/join`,
    headers: caller.auth,
    payload: { nickname: '고객', joinCode: room.joinCode },
  });
  expect(c.statusCode, c.body).toBe(200);
  expect(c.json().peer.role).toBe('customer');
  return { agent, caller, customerRecord, room };
}

const segment = (auth: Record<string, string>, roomId: string, segmentId: string, text: string, isFinal: boolean, startMs = 0) =>
  t.app.inject({
    method: 'PUT',
    url: `/v1/assist/rooms/${roomId}/transcripts/${segmentId}`,
    headers: auth,
    payload: { text, isFinal, startMs, endMs: startMs + 1500, confidence: 0.9 },
  });

describe('customers and agents', () => {
  it('stores name and phone encrypted and finds the customer by phone in another format', async () => {
    const agent = await newAgent();
    const c = await newCustomer(agent, '010-5555-7777');
    const [raw] = await t.database.query<{ customer_name: string; phone_number: string; phone_bidx: string }>(
      'SELECT customer_name, phone_number, phone_bidx FROM assist.customers WHERE id = $1',
      [c.id],
    );
    expect(raw!.customer_name).not.toContain('박지훈');
    expect(raw!.phone_number).not.toContain('5555');
    expect(raw!.phone_bidx).toBeTruthy();
    const found = await t.app.inject({ url: `/v1/assist/customers?phone=${encodeURIComponent('01055557777')}`, headers: agent.auth });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect(found.json()[0].customerName).toBe('박지훈');
  });

  it('only an admin makes agents; the role cannot be self-assigned; non-agents see no customers', async () => {
    const u = await signUp(t.app);
    const self = await t.app.inject({
      method: 'POST',
      url: '/v1/me/roles',
      headers: u.auth,
      payload: { product: 'assist', role: 'agent' },
    });
    expect(self.statusCode).toBe(403);
    const byUser = await t.app.inject({
      method: 'POST',
      url: '/v1/assist/agents',
      headers: u.auth,
      payload: { userId: u.user.id, agentCode: 'X-1', agentName: 'x' },
    });
    expect(byUser.statusCode).toBe(403);
    const customers = await t.app.inject({ url: '/v1/assist/customers?phone=01012345678', headers: u.auth });
    expect(customers.statusCode).toBe(403);
    const agent = await newAgent();
    const [dup] = await Promise.all([
      t.app.inject({
        method: 'POST',
        url: '/v1/assist/agents',
        headers: admin.auth,
        payload: {
          userId: u.user.id,
          agentCode: (
            await t.database.query<{ agent_code: string }>('SELECT agent_code FROM assist.agents WHERE id = $1', [agent.agent.id])
          )[0]!.agent_code,
          agentName: 'dup',
        },
      }),
    ]);
    expect(dup!.statusCode).toBe(409);
    expect(dup!.json().errors[0].field).toBe('agentCode');
  });
});

describe('rooms and realtime', () => {
  it('an agent not in the room cannot subscribe; peers exchange signaling and get finals in order, with replay', async () => {
    const { agent, caller, room } = await callSetup();
    const outsider = await newAgent();
    const outsiderSocket = await TestSocket.connect(wsUrl, outsider.tokens.accessToken);
    const agentSocket = await TestSocket.connect(wsUrl, agent.tokens.accessToken);
    const callerSocket = await TestSocket.connect(wsUrl, caller.tokens.accessToken);
    try {
      const refused = await outsiderSocket.subscribe(`room:${room.id}`);
      expect(refused.type).toBe('error');
      expect(refused.code).toBe('realtime.channel_not_found');
      expect((await agentSocket.subscribe(`room:${room.id}`, 0)).type).toBe('subscribed');
      expect((await callerSocket.subscribe(`room:${room.id}`, 0)).type).toBe('subscribed');
      callerSocket.send({ type: 'signal', channel: `room:${room.id}`, data: { kind: 'offer', sdp: 'v=0 test' } });
      const offer = await agentSocket.next((m) => m.type === 'signal' && m.channel === `room:${room.id}`);
      expect(offer.data).toEqual({ kind: 'offer', sdp: 'v=0 test' });
      expect(offer.from.userId).toBe(caller.user.id);
      // An outsider's signal is refused: it is not subscribed.
      outsiderSocket.send({ type: 'signal', channel: `room:${room.id}`, data: { kind: 'offer', sdp: 'x' } });
      expect((await outsiderSocket.next((m) => m.type === 'error')).code).toBeTruthy();

      for (let i = 1; i <= 4; i++) {
        const who = i % 2 ? caller : agent;
        expect((await segment(who.auth, room.id, `seg-${i}`, `문장 ${i}`, true, i * 2000)).statusCode).toBe(200);
      }
      const finals = (events: { event: string; data: { finalIndex: number } }[]) =>
        events.filter((e) => e.event === 'transcript.final').map((e) => e.data.finalIndex);
      await waitForValue(
        'four finals on the agent socket',
        async () => finals(agentSocket.events(`room:${room.id}`) as never).length === 4,
      );
      expect(finals(agentSocket.events(`room:${room.id}`) as never)).toEqual([1, 2, 3, 4]);
      // A reconnecting client resumes after the last sequence number it processed.
      const seen = agentSocket.events(`room:${room.id}`);
      const secondSeq = seen.find((e) => e.event === 'transcript.final' && e.data.finalIndex === 2)!.seq as number;
      const again = await TestSocket.connect(wsUrl, agent.tokens.accessToken);
      await again.subscribe(`room:${room.id}`, secondSeq);
      await again.waitForEvents(`room:${room.id}`, 2);
      expect(finals(again.events(`room:${room.id}`) as never)).toEqual([3, 4]);
      again.close();

      // After leaving, the customer may no longer subscribe.
      expect((await t.app.inject({ method: 'POST', url: `/v1/assist/rooms/${room.id}/leave`, headers: caller.auth })).statusCode).toBe(200);
      const late = await TestSocket.connect(wsUrl, caller.tokens.accessToken);
      expect((await late.subscribe(`room:${room.id}`)).type).toBe('error');
      late.close();
    } finally {
      outsiderSocket.close();
      agentSocket.close();
      callerSocket.close();
    }
  });

  it('a customer needs the join code; another agent cannot read the room', async () => {
    const { room } = await callSetup();
    const stranger = await signUp(t.app);
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/v1/assist/rooms/${room.id}/join`,
      headers: stranger.auth,
      payload: { nickname: 'x', joinCode: 'wrong' },
    });
    expect(wrong.statusCode).toBe(404);
    const other = await newAgent();
    expect((await t.app.inject({ url: `/v1/assist/rooms/${room.id}`, headers: other.auth })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/v1/assist/rooms/${room.id}/end`, headers: other.auth })).statusCode).toBe(404);
    expect((await segment(stranger.auth, room.id, 's', 'hello', true)).statusCode).toBe(404);
  });
});

describe('live transcripts', () => {
  it('out-of-order and duplicated partials end in exactly one final per segment', async () => {
    const { caller, agent, room } = await callSetup();
    const r1 = await segment(caller.auth, room.id, 'u1', '요금', false);
    expect(r1.json().applied).toBe(true);
    await segment(caller.auth, room.id, 'u1', '요금제를', false);
    await segment(caller.auth, room.id, 'u1', '요금제를', false);
    const final1 = await segment(caller.auth, room.id, 'u1', '요금제를 바꾸고 싶어요', true);
    expect(final1.json().segment.finalIndex).toBe(1);
    const late = await segment(caller.auth, room.id, 'u1', '요금제를 바', false);
    expect(late.json().applied).toBe(false);
    expect(late.json().segment.text).toBe('요금제를 바꾸고 싶어요');
    const dupFinal = await segment(caller.auth, room.id, 'u1', '요금제를 바꾸고 싶어요!!', true);
    expect(dupFinal.json().applied).toBe(false);
    // A final arriving before its partials, and a burst of concurrent partials racing a final.
    await segment(agent.auth, room.id, 'u2', '네 고객님', true, 3000);
    await segment(agent.auth, room.id, 'u2', '네', false, 3000);
    const racing = ['어떤', '어떤 요금', '어떤 요금제로'].map((text) => segment(caller.auth, room.id, 'u3', text, false, 6000));
    racing.splice(1, 0, segment(caller.auth, room.id, 'u3', '어떤 요금제로 바꿀 수 있나요', true, 6000));
    racing.push(segment(caller.auth, room.id, 'u3', '어떤 요금제로 바꿀 수 있나요', true, 6000));
    for (const res of await Promise.all(racing)) expect(res.statusCode, res.body).toBe(200);
    await segment(caller.auth, room.id, 'u3', '어떤 요', false, 6000);

    const rows = await t.database.query<{ segment_id: string; is_final: boolean; final_index: number; text: string }>(
      'SELECT segment_id, is_final, final_index, text FROM assist.transcripts WHERE room_id = $1 ORDER BY segment_id',
      [room.id],
    );
    expect(rows.map((r) => [r.segment_id, r.is_final, r.text])).toEqual([
      ['u1', true, '요금제를 바꾸고 싶어요'],
      ['u2', true, '네 고객님'],
      ['u3', true, '어떤 요금제로 바꿀 수 있나요'],
    ]);
    expect(rows.map((r) => r.final_index).sort()).toEqual([1, 2, 3]);
    const events = await t.app.core.realtime.readEvents(`room:${room.id}`, 0);
    const finalEvents = events
      .filter((e) => e.event === 'transcript.final')
      .map((e) => e.data as { segmentId: string; finalIndex: number });
    expect(finalEvents.map((e) => e.finalIndex)).toEqual([1, 2, 3]);
    expect(new Set(finalEvents.map((e) => e.segmentId)).size).toBe(3);
    const listed = await t.app.inject({ url: `/v1/assist/rooms/${room.id}/transcripts`, headers: agent.auth });
    expect(listed.json().map((s: { speakerRole: string }) => s.speakerRole)).toEqual(['customer', 'agent', 'customer']);
  });

  it('applies a batch of segments in order with the same rules, naming a bad item', async () => {
    const { caller, room } = await callSetup();
    const batch = (segments: Record<string, unknown>[]) =>
      t.app.inject({ method: 'POST', url: `/v1/assist/rooms/${room.id}/transcripts`, headers: caller.auth, payload: { segments } });
    const seg = (segmentId: string, text: string, isFinal: boolean) => ({ segmentId, text, isFinal, startMs: 0, endMs: 100 });
    const res = await batch([
      seg('b1', '로밍', false),
      seg('b1', '로밍 신청', true),
      seg('b1', '로', false),
      seg('b2', '얼마예요?', true),
      seg('b2', '얼마예요?', true),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().map((r: { applied: boolean }) => r.applied)).toEqual([true, true, false, true, false]);
    const rows = await t.database.query<{ segment_id: string; text: string; final_index: number }>(
      'SELECT segment_id, text, final_index FROM assist.transcripts WHERE room_id = $1 ORDER BY final_index',
      [room.id],
    );
    expect(rows.map((r) => [r.segment_id, r.text, r.final_index])).toEqual([
      ['b1', '로밍 신청', 1],
      ['b2', '얼마예요?', 2],
    ]);
    // Distinct segments go in one statement: finals already stored keep their text and take no number.
    const mixed = await batch([
      seg('b2', 'late', false),
      seg('b5', '다섯', true),
      seg('b1', 'again', true),
      seg('b6', '여섯', false),
      seg('b7', '일곱', true),
    ]);
    expect(mixed.statusCode, mixed.body).toBe(200);
    const out = mixed.json() as { applied: boolean; segment: { text: string; finalIndex: number | null; revision: number } }[];
    expect(out.map((r) => r.applied)).toEqual([false, true, false, true, true]);
    expect(out.map((r) => [r.segment.text, r.segment.finalIndex])).toEqual([
      ['얼마예요?', 2],
      ['다섯', 3],
      ['로밍 신청', 1],
      ['여섯', null],
      ['일곱', 4],
    ]);
    const finals = await t.database.query<{ segment_id: string; final_index: number }>(
      'SELECT segment_id, final_index FROM assist.transcripts WHERE room_id = $1 AND is_final ORDER BY final_index',
      [room.id],
    );
    expect(finals.map((r) => `${r.final_index}:${r.segment_id}`)).toEqual(['1:b1', '2:b2', '3:b5', '4:b7']);
    const [counted] = await t.database.query<{ final_count: number }>('SELECT final_count FROM assist.rooms WHERE id = $1', [room.id]);
    expect(Number(counted!.final_count)).toBe(4);
    const bad = await batch([seg('b3', 'ok', true), { ...seg('b4', 'x', true), startMs: 500 }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('segments[1].endMs');
    expect(await t.database.query('SELECT 1 FROM assist.transcripts WHERE room_id = $1 AND segment_id = $2', [room.id, 'b3'])).toHaveLength(
      0,
    );
  });

  it('rejects offsets that end before they start, naming the field', async () => {
    const { caller, room } = await callSetup();
    const res = await t.app.inject({
      method: 'PUT',
      url: `/v1/assist/rooms/${room.id}/transcripts/x1`,
      headers: caller.auth,
      payload: { text: 'a', isFinal: true, startMs: 500, endMs: 100 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('endMs');
  });

  it('transcribes an audio clip on the server into a final segment', async () => {
    const { caller, room } = await callSetup();
    const spoken = await t.app.core.ai.speak('I would like to change my plan');
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/assist/rooms/${room.id}/transcripts/audio?segmentId=audio-1&startMs=1000`,
      headers: { ...caller.auth, 'content-type': spoken.contentType },
      payload: spoken.audio,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().segment.isFinal).toBe(true);
    expect(res.json().segment.source).toMatch(/^server-stt/);
    expect(res.json().segment.text.toLowerCase()).toContain('plan');
    expect(res.json().segment.endMs).toBeGreaterThan(1000);
  });
});

describe('the assistant', () => {
  it('runs as a job after every N finals; the second summary covers only finals after the first', async () => {
    const { caller, agent, room } = await callSetup();
    const agentSocket = await TestSocket.connect(wsUrl, agent.tokens.accessToken);
    await agentSocket.subscribe(`user:${agent.user.id}`);
    const lines = [
      '요금제를 바꾸고 싶어요',
      '네 어떤 요금제를 원하세요',
      '저렴한 5G 요금제가 있나요',
      '5G 슬림 요금제가 있습니다',
      '가격이 얼마인가요',
      '월 55,000원입니다',
    ];
    try {
      for (let i = 0; i < 3; i++) {
        const res = await segment(i % 2 ? agent.auth : caller.auth, room.id, `a${i}`, lines[i]!, true, i * 2000);
        expect(res.json().assistantQueued).toBe(i === 2);
      }
      const first = await waitForValue(
        'the first summary',
        async () => (await t.app.inject({ url: `/v1/assist/rooms/${room.id}/assistant`, headers: agent.auth })).json().summaries[0],
      );
      expect(first.fromIndex).toBe(0);
      expect(first.lastSummarizedIndex).toBe(3);
      for (let i = 3; i < 6; i++) await segment(i % 2 ? agent.auth : caller.auth, room.id, `a${i}`, lines[i]!, true, i * 2000);
      const body = await waitForValue('the second summary', async () => {
        const b = (await t.app.inject({ url: `/v1/assist/rooms/${room.id}/assistant`, headers: agent.auth })).json();
        return b.summaries.length === 2 ? b : null;
      });
      expect(body.summaries[1].fromIndex).toBe(3);
      expect(body.summaries[1].lastSummarizedIndex).toBe(6);
      const summaryResults = body.results.filter((r: { resultType: string }) => r.resultType === 'summary');
      expect(summaryResults.map((r: { turnId: string }) => r.turnId)).toEqual(['1-3', '4-6']);
      for (const r of body.results) {
        expect(r.processingTimeMs).toBeGreaterThanOrEqual(0);
        expect(r.modelVersion.length).toBeGreaterThan(3);
      }
      expect(new Set(body.results.map((r: { resultType: string }) => r.resultType))).toEqual(
        new Set(['summary', 'intent', 'sentiment', 'recommendation']),
      );
      const intent = body.results.find((r: { resultType: string }) => r.resultType === 'intent');
      expect(typeof intent.resultData.intent).toBe('string');
      // Pushed to the agent on their own channel.
      const pushed = await agentSocket.next(
        (m) => m.type === 'event' && m.event === 'assist.results' && m.data.summary.lastSummarizedIndex === 6,
        10_000,
      );
      expect(pushed.data.roomId).toBe(room.id);
      const view = await t.app.inject({ url: `/v1/assist/rooms/${room.id}`, headers: agent.auth });
      expect(view.json().summary.lastSummarizedIndex).toBe(6);
      expect(view.json().summary.transcriptCount).toBe(6);
      expect(view.json().summary.peerCount).toBe(2);
      // The customer does not see the assistant.
      expect((await t.app.inject({ url: `/v1/assist/rooms/${room.id}/assistant`, headers: caller.auth })).statusCode).toBe(404);
    } finally {
      agentSocket.close();
    }
  });

  it('a repeated similar question is answered from the semantic cache and hit_count grows; feedback is kept per model version', async () => {
    const { runAssistant } = await import('../../src/products/assist/assistant.js');
    const question = '해외에서 데이터를 쓰려면 어떻게 하나요?';
    const recommendations = [];
    for (const text of [question, '해외에서 데이터를 쓰려면 어떻게 하나요']) {
      const { caller, room } = await callSetup();
      await segment(caller.auth, room.id, 'q1', text, true);
      const out = await runAssistant(t.app.core.forProducts, room.id);
      recommendations.push(out!.results.find((r) => r.resultType === 'recommendation')!);
    }
    const [first, second] = recommendations.map(
      (r) => r.resultData as { cache: { hit: boolean; entryId: string; hitCount: number }; suggestions: { title: string }[] },
    );
    expect(first!.cache.hit).toBe(false);
    expect(first!.suggestions[0]!.title).toBe('해외 로밍 데이터 패스');
    expect(second!.cache.hit).toBe(true);
    expect(second!.cache.entryId).toBe(first!.cache.entryId);
    expect(second!.suggestions[0]!.title).toBe('해외 로밍 데이터 패스');
    const [entry] = await t.database.query<{ hit_count: number }>('SELECT hit_count FROM core.knowledge_query_cache WHERE id = $1', [
      first!.cache.entryId,
    ]);
    expect(Number(entry!.hit_count)).toBe(1);

    const room2Agent = (
      await t.database.query<{ user_id: string }>(
        'SELECT a.user_id FROM assist.consultation_agent_results r JOIN assist.rooms m ON m.id = r.room_id JOIN assist.agents a ON a.id = m.agent_id WHERE r.id = $1',
        [recommendations[1]!.id],
      )
    )[0]!;
    expect(room2Agent.user_id).toBeTruthy();
    const other = await newAgent();
    const refused = await t.app.inject({
      method: 'POST',
      url: `/v1/assist/results/${recommendations[1]!.id}/feedback`,
      headers: other.auth,
      payload: { feedback: 'accepted' },
    });
    expect(refused.statusCode).toBe(404);
  });

  it('recognizes the intent and sentiment of Korean call lines, not "other"', async () => {
    const { runAssistant } = await import('../../src/products/assist/assistant.js');
    const calls: [string[], string, string][] = [
      [['다음 주에 일본에 가는데 해외에서 데이터를 쓰려면 어떻게 하나요? 로밍 요금이 얼마인가요?'], 'roaming', 'neutral'],
      [['요금제를 바꾸고 싶어요', '저렴한 5G 요금제가 있나요'], 'plan_change', 'neutral'],
      [['이번 달 요금이 왜 이렇게 많이 나왔나요?', '정말 화가 나요'], 'billing_inquiry', 'negative'],
      [['휴대폰 액정이 깨졌어요', '수리 접수는 어디서 하나요?'], 'device_support', 'neutral'],
      [['좋네요, 로밍 패스 신청할게요. 감사합니다.'], 'roaming', 'positive'],
    ];
    for (const [lines, intent, sentiment] of calls) {
      const { caller, agent, room } = await callSetup();
      for (const [i, line] of lines.entries())
        expect((await segment(caller.auth, room.id, `k${i}`, line, true, i * 2000)).statusCode).toBe(200);
      await runAssistant(t.app.core.forProducts, room.id);
      const body = (await t.app.inject({ url: `/v1/assist/rooms/${room.id}/assistant`, headers: agent.auth })).json();
      const result = (type: string) => body.results.find((r: { resultType: string }) => r.resultType === type)?.resultData;
      expect(result('intent'), lines.join(' ')).toMatchObject({ intent });
      expect(result('intent').confidence, lines.join(' ')).toBeGreaterThan(0.5);
      expect(result('sentiment').sentiment.label, lines.join(' ')).toBe(sentiment);
    }
  });

  it('the room’s agent accepts or dismisses suggestions', async () => {
    const { runAssistant } = await import('../../src/products/assist/assistant.js');
    const { caller, agent, room } = await callSetup();
    await segment(caller.auth, room.id, 'q1', '약정 중에 해지하면 위약금이 얼마인가요?', true);
    const out = await runAssistant(t.app.core.forProducts, room.id);
    const rec = out!.results.find((r) => r.resultType === 'recommendation')!;
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/v1/assist/results/${rec.id}/feedback`,
      headers: agent.auth,
      payload: { feedback: 'accepted' },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().feedback).toBe('accepted');
    const intent = out!.results.find((r) => r.resultType === 'intent')!;
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/v1/assist/results/${intent.id}/feedback`,
          headers: agent.auth,
          payload: { feedback: 'dismissed' },
        })
      ).statusCode,
    ).toBe(200);
    const [row] = await t.database.query<{ feedback: string; feedback_at: Date }>(
      'SELECT feedback, feedback_at FROM assist.consultation_agent_results WHERE id = $1',
      [rec.id],
    );
    expect(row!.feedback).toBe('accepted');
    expect(row!.feedback_at).toBeTruthy();
    const byModel = (await t.app.inject({ url: '/v1/assist/feedback/models', headers: admin.auth })).json() as {
      resultType: string;
      accepted: number;
      dismissed: number;
    }[];
    expect(byModel.find((m) => m.resultType === 'recommendation')!.accepted).toBeGreaterThanOrEqual(1);
    expect(byModel.find((m) => m.resultType === 'intent')!.dismissed).toBeGreaterThanOrEqual(1);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/v1/assist/results/${rec.id}/feedback`,
      headers: agent.auth,
      payload: { feedback: 'maybe' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('ending a room', () => {
  async function counts(roomId: string, customerId: string) {
    const q = async (sql: string, p: unknown[]) => Number((await t.database.query<{ n: string | number }>(sql, p))[0]!.n);
    return {
      sessions: await q('SELECT count(*) AS n FROM assist.consultation_sessions WHERE room_id = $1', [roomId]),
      turns: await q(
        'SELECT count(*) AS n FROM assist.consultation_transcripts ct JOIN assist.consultation_sessions s ON s.id = ct.session_id WHERE s.room_id = $1',
        [roomId],
      ),
      history: await q('SELECT count(*) AS n FROM assist.consultation_history WHERE customer_id = $1', [customerId]),
      digest: await q('SELECT jsonb_array_length(consultation_history) AS n FROM assist.customers WHERE id = $1', [customerId]),
    };
  }

  it('writes transcripts, final summary, session and history together — or, after an injected failure, none of them', async () => {
    const { caller, agent, room, customerRecord } = await callSetup();
    await segment(caller.auth, room.id, 'e1', '인터넷이 자주 끊겨요', true, 0);
    await segment(agent.auth, room.id, 'e2', '불편을 드려 죄송합니다 점검을 예약해 드릴게요', true, 2000);
    await segment(caller.auth, room.id, 'e3', '감사합니다', true, 5000);
    await expect(
      endRoom(t.app.core.forProducts, room.id, {
        afterSessionInsert: () => {
          throw new Error('injected failure');
        },
      }),
    ).rejects.toThrow('injected failure');
    expect(await counts(room.id, customerRecord.id)).toEqual({ sessions: 0, turns: 0, history: 0, digest: 0 });
    const [still] = await t.database.query<{ status: string }>('SELECT status FROM assist.rooms WHERE id = $1', [room.id]);
    expect(still!.status).toBe('active');

    const ended = await t.app.inject({
      method: 'POST',
      url: `/v1/assist/rooms/${room.id}/end?consultationType=network_issue`,
      headers: agent.auth,
    });
    expect(ended.statusCode, ended.body).toBe(200);
    const body = ended.json();
    expect(body.room.status).toBe('ended');
    expect(body.session.durationSeconds).toBeGreaterThanOrEqual(0);
    expect(body.session.finalSummary.length).toBeGreaterThan(0);
    expect(body.turns.map((x: { turnIndex: number; speakerType: string }) => [x.turnIndex, x.speakerType])).toEqual([
      [1, 'customer'],
      [2, 'agent'],
      [3, 'customer'],
    ]);
    expect(await counts(room.id, customerRecord.id)).toEqual({ sessions: 1, turns: 3, history: 1, digest: 1 });
    const customer = (await t.app.inject({ url: `/v1/assist/customers/${customerRecord.id}`, headers: agent.auth })).json();
    expect(customer.history[0].consultationType).toBe('network_issue');
    expect(customer.summary).toEqual({
      customerId: customerRecord.id,
      consultationCount: 1,
      lastConsultationDate: customer.history[0].consultationDate,
      consultationTypes: ['network_issue'],
    });
    expect(customer.customer.consultationHistory[0].sessionId).toBe(body.session.id);
    const again = await t.app.inject({ method: 'POST', url: `/v1/assist/rooms/${room.id}/end`, headers: agent.auth });
    expect(again.statusCode).toBe(409);
    expect((await segment(caller.auth, room.id, 'e4', 'late', true)).statusCode).toBe(409);
    const session = await t.app.inject({ url: `/v1/assist/sessions/${body.session.id}`, headers: agent.auth });
    expect(session.json().turns).toHaveLength(3);
  });

  it('a room every peer left ends after the configured time', async () => {
    const { caller, agent, room, customerRecord } = await callSetup();
    await segment(caller.auth, room.id, 'x1', '여보세요', true);
    await t.app.inject({ method: 'POST', url: `/v1/assist/rooms/${room.id}/leave`, headers: caller.auth });
    expect(await endEmptyRooms(t.app.core.forProducts)).toBe(0);
    await t.app.inject({ method: 'POST', url: `/v1/assist/rooms/${room.id}/leave`, headers: agent.auth });
    expect(await endEmptyRooms(t.app.core.forProducts)).toBe(0);
    await t.database.query(`UPDATE assist.rooms SET empty_since = now() - interval '61 seconds' WHERE id = $1`, [room.id]);
    expect(await endEmptyRooms(t.app.core.forProducts)).toBe(1);
    expect(await counts(room.id, customerRecord.id)).toMatchObject({ sessions: 1, turns: 1, history: 1 });
  });
});

describe('knowledge', () => {
  it('searches the imported documents with the seed’s metadata filters', async () => {
    const agent = await newAgent();
    const search = async (body: Record<string, unknown>) => {
      const res = await t.app.inject({ method: 'POST', url: '/v1/assist/knowledge/search', headers: agent.auth, payload: body });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { title: string; metadata: Record<string, unknown> }[];
    };
    const cheap = await search({ query: '저렴한 5G 요금제 추천', category: '요금제', maxPrice: 60000 });
    expect(cheap.map((h) => h.title).sort()).toEqual(['5G 슬림 요금제', 'LTE 베이직 요금제']);
    const policy = await search({ query: '해지하면 위약금이 있나요', classification: '정책' });
    expect(policy.map((h) => h.title)).toEqual(['약정 해지 위약금 안내']);
    const roaming = await search({ query: '데이터', keywords: ['로밍'] });
    expect(roaming.map((h) => h.title)).toEqual(['해외 로밍 데이터 패스']);
    expect(roaming[0]!.metadata.hypothetical_questions).toContain('로밍 요금이 얼마인가요?');
    expect(roaming[0]!.metadata.discount_info).toBe('VIP 등급은 로밍 패스 30% 할인');
    const range = await search({ query: '요금제', minPrice: 50000, maxPrice: 90000 });
    expect(range.every((h) => (h.metadata.price as number) >= 50000 && (h.metadata.price as number) <= 90000)).toBe(true);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/v1/assist/knowledge/search',
      headers: agent.auth,
      payload: { query: 'x', minPrice: 10, maxPrice: 5 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('minPrice');
  });

  it('imports a JSONL file of seed-shaped documents with snake_case fields, naming a bad record', async () => {
    const jsonl = [
      JSON.stringify({
        title: '데이터 쉐어링',
        content: '가족과 데이터를 나눠 쓸 수 있습니다.',
        category: '부가서비스',
        classification: 'FAQ',
        keywords: ['쉐어링'],
        hypothetical_questions: ['가족과 데이터를 나눌 수 있나요?'],
        price: 0,
        discount_info: '첫 달 무료',
      }),
    ].join('\n');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/v1/assist/knowledge/documents',
      headers: admin.auth,
      payload: { format: 'jsonl', content: jsonl, collection: 'assist-extra' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toEqual({ collection: 'assist-extra', imported: 1 });
    const [chunk] = await t.database.query<{ metadata: Record<string, unknown> }>(
      `SELECT k.metadata FROM core.knowledge_chunks k JOIN core.knowledge_collections c ON c.id = k.collection_id WHERE c.name = 'assist-extra'`,
    );
    expect(chunk!.metadata).toMatchObject({
      category: '부가서비스',
      classification: 'FAQ',
      keywords: ['쉐어링'],
      price: 0,
      discount_info: '첫 달 무료',
    });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/v1/assist/knowledge/documents',
      headers: admin.auth,
      payload: { format: 'jsonl', content: JSON.stringify({ title: 'x', content: 'y' }), collection: 'assist-extra' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('documents[0].category');
  });
});

describe('OpenAPI', () => {
  it('documents every assist route with request and response schemas in a valid document', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    await SwaggerParser.validate(structuredClone(doc));
    const assistPaths = Object.keys(doc.paths).filter((p) => p.startsWith('/v1/assist/'));
    expect(assistPaths.length).toBeGreaterThanOrEqual(15);
    for (const p of assistPaths)
      for (const op of Object.values<{ responses: Record<string, unknown> }>(doc.paths[p]))
        expect(Object.keys(op.responses).some((s) => s.startsWith('2'))).toBe(true);
  });
});

describe('query plans at 50,000 transcript rows', () => {
  it('reads a room’s finals and finds a customer by phone through their indexes', async () => {
    const { finalsQuery } = await import('../../src/products/assist/transcripts.js');
    const { customersByPhoneQuery } = await import('../../src/products/assist/customers.js');
    await t.database.query(`
      INSERT INTO core.users (id, email, email_bidx, password_hash) VALUES ('00000000-0000-7000-8000-00000000a001', 'tb1.k.x', 'plan.assist', 'x');
      INSERT INTO assist.agents (id, agent_code, agent_name, user_id) VALUES ('00000000-0000-7000-8000-00000000a002', 'PLAN-1', 'plan', '00000000-0000-7000-8000-00000000a001');
      INSERT INTO assist.rooms (id, room_name, status, agent_id, join_code, final_count)
        SELECT ('00000000-0000-7000-9000-' || lpad(i::text, 12, '0'))::uuid, 'plan ' || i, 'active', '00000000-0000-7000-8000-00000000a002', 'c', 100 FROM generate_series(1, 500) i;
      INSERT INTO assist.transcripts (id, room_id, segment_id, peer_id, nickname, speaker_role, text, start_ms, end_ms, timestamp, source, is_final, final_index)
        SELECT gen_random_uuid(), ('00000000-0000-7000-9000-' || lpad((1 + i % 500)::text, 12, '0'))::uuid, 's' || i, 'p', 'n',
               CASE WHEN i % 2 = 0 THEN 'agent' ELSE 'customer' END, 'text ' || i, 0, 10, now(), 'client', true, 1 + i / 500
        FROM generate_series(1, 50000) i;
      INSERT INTO assist.customers (id, customer_name, phone_bidx)
        SELECT gen_random_uuid(), 'sealed', 'plan-bidx-' || i FROM generate_series(1, 20000) i;
      ANALYZE assist.transcripts; ANALYZE assist.customers; ANALYZE assist.rooms;`);
    const plan = (query: Parameters<typeof queryPlan>[1]) => queryPlan(t.database, query);
    const finals = await plan(finalsQuery(t.app.core.db, '00000000-0000-7000-9000-000000000007', 40));
    expect(finals).toContain('transcripts_room_final_key');
    expect(finals).not.toContain('"Seq Scan"');
    const phone = await plan(customersByPhoneQuery(t.app.core.forProducts, '010-1234-5678'));
    expect(phone).toContain('customers_phone_bidx_idx');
    expect(phone).not.toContain('"Seq Scan"');
  });
});
