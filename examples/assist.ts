// A contact-center call, as an agent console and a customer app would run it: two clients in one room.
// Run against a server: `npx tsx examples/assist.ts` (TALKBASE_URL, default http://localhost:8080).
// The agent is the demo account, which is an agent with demo customers: `npm start` seeds it on its first start (and
// `talkbase seed` on any database) and leaves its generated password in ./data/demo.json.
// TALKBASE_DEMO_EMAIL and TALKBASE_DEMO_PASSWORD override it. HTTP calls go through @talkbase/client; signaling and the
// streamed transcript are messages on the realtime socket itself, so this example speaks that socket directly.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BASE_URL, Client, StepError, check, step } from './client.js';

const demoFile = path.join(process.env.TALKBASE_DATA_DIR ?? 'data', 'demo.json');
/** The demo account's credentials: from the environment, or from the demo.json the seed wrote (empty until then). */
function demoCredentials(): { email: string; password: string } {
  if (process.env.TALKBASE_DEMO_PASSWORD)
    return { email: process.env.TALKBASE_DEMO_EMAIL ?? 'demo@talkbase.local', password: process.env.TALKBASE_DEMO_PASSWORD };
  try {
    const demo = JSON.parse(fs.readFileSync(demoFile, 'utf8')) as { email: string; password: string | null };
    return { email: demo.email, password: demo.password ?? '' };
  } catch {
    return { email: process.env.TALKBASE_DEMO_EMAIL ?? 'demo@talkbase.local', password: '' };
  }
}

const agent = new Client();
const customer = new Client();
console.log(`Talkbase assist example against ${BASE_URL}`);

await step('server is ready', () => agent.api.get('/ready'));
const agentUser = await step('the agent signs in (the demo account is agent A-0001)', async () => {
  // A first start seeds the demo data just after it starts listening and writes demo.json when done: wait for it
  // (watching the file, not retrying the password, which would count as failed sign-ins).
  const attempt = async () => {
    const { email, password } = demoCredentials();
    return agent.api.post('/v1/auth/login', { body: { email, password } }).then(
      () => 200,
      (err: StepError) => err.problem?.status ?? 0,
    );
  };
  if (!process.env.TALKBASE_DEMO_PASSWORD && !fs.existsSync(demoFile)) {
    for (const until = Date.now() + 90_000; Date.now() < until && !fs.existsSync(demoFile);) await sleep(500);
  }
  const status = await attempt();
  check(
    status === 200,
    `the demo account cannot sign in (${status}): start the server with \`npm start\` on a new data directory, or run \`npx tsx src/main.ts seed\``,
  );
  const { email, password } = demoCredentials();
  const user = await agent.logIn(email, password);
  const me = await agent.api.get('/v1/assist/agents/me');
  console.log(`  agent ${me.agentCode}`);
  return user;
});
const customerRecord = await step('look the caller up by phone number', async () => {
  const found = await agent.api.get('/v1/assist/customers', { params: { query: { phone: '01012345678' } } });
  check(found.length >= 1, 'the demo customer 010-1234-5678 is missing; run the seed');
  console.log(`  ${found[0]!.customerName}, plan ${found[0]!.currentPlan}`);
  return found[0]!;
});
const room = await step('open a room for the customer', () =>
  agent.api.post('/v1/assist/rooms', {
    body: { roomName: 'Roaming question', customerId: customerRecord.id, metadata: { consultationType: 'roaming' } },
  }),
);
await step('the customer app signs up', () => customer.signUp('caller'));
await step('both join the room', async () => {
  const a = await agent.api.post('/v1/assist/rooms/{id}/join', { params: { path: { id: room.id } }, body: { nickname: 'Agent' } });
  const c = await customer.api.post('/v1/assist/rooms/{id}/join', {
    params: { path: { id: room.id } },
    body: { nickname: 'Caller', joinCode: room.joinCode ?? undefined },
  });
  check(a.peer.role === 'agent' && c.peer.role === 'customer', 'wrong peer roles');
});
const channel = `room:${room.id}`;
const [agentRt, customerRt] = await step('both follow room:<id>; the agent also follows their own channel for suggestions', async () => {
  const a = await agent.realtime();
  const c = await customer.realtime();
  await a.subscribe(channel, 0);
  await a.subscribe(`user:${agentUser.id}`);
  await c.subscribe(channel, 0);
  return [a, c];
});
await step('WebRTC signaling: offer from the customer, answer from the agent, relayed by the server', async () => {
  customerRt.ws.send(JSON.stringify({ type: 'signal', channel, data: { kind: 'offer', sdp: 'v=0 (customer offer)' } }));
  const offer = await agentRt.next((m) => m.type === 'signal' && m.data?.kind === 'offer', 5000, 'the offer');
  agentRt.ws.send(
    JSON.stringify({ type: 'signal', channel, to: offer.from.connectionId, data: { kind: 'answer', sdp: 'v=0 (agent answer)' } }),
  );
  await customerRt.next((m) => m.type === 'signal' && m.data?.kind === 'answer', 5000, 'the answer');
});

const script: { who: 'agent' | 'customer'; text: string }[] = [
  { who: 'agent', text: '안녕하세요, 고객센터입니다. 무엇을 도와드릴까요?' },
  { who: 'customer', text: '다음 주에 일본에 가는데 해외에서 데이터를 쓰려면 어떻게 하나요?' },
  { who: 'agent', text: '로밍 데이터 패스를 신청하시면 됩니다.' },
  { who: 'customer', text: '로밍 요금이 얼마인가요?' },
  { who: 'agent', text: '하루 11,000원이고 VIP 고객님은 30% 할인됩니다.' },
  { who: 'customer', text: '좋네요, 신청할게요. 감사합니다.' },
];
await step(`stream a scripted call: ${script.length} utterances, each as partials and then a final`, async () => {
  let at = 0;
  for (const [i, line] of script.entries()) {
    const client = line.who === 'agent' ? agent : customer;
    const words = line.text.split(' ');
    const segment = `utt-${i + 1}`;
    if (line.who === 'customer') {
      // The caller's app streams its speech recognition on its realtime socket: each partial as it comes, without
      // waiting, then the final and a late partial (network reordering) in one message whose ack it checks.
      for (let w = 1; w < words.length; w++) {
        const partial = { segmentId: segment, text: words.slice(0, w).join(' '), isFinal: false, startMs: at, endMs: at + w * 300 };
        customerRt.ws.send(JSON.stringify({ type: 'assist.transcript', room: room.id, segments: [partial] }));
      }
      customerRt.ws.send(
        JSON.stringify({
          type: 'assist.transcript',
          ref: segment,
          room: room.id,
          segments: [
            { segmentId: segment, text: line.text, isFinal: true, startMs: at, endMs: at + words.length * 300, confidence: 0.93 },
            { segmentId: segment, text: words[0], isFinal: false, startMs: at, endMs: at + 300 },
          ],
        }),
      );
      const ack = await customerRt.next((m) => m.ref === segment, 10_000, `the ack of ${segment}`);
      check(ack.type === 'ack', `${segment} was refused: ${JSON.stringify(ack)}`);
      check(ack.results[0].finalIndex === i + 1, `utterance ${i + 1} got final index ${ack.results[0].finalIndex}`);
      check(!ack.results[1].applied, 'a late partial overwrote a final');
      at += words.length * 300 + 500;
      continue;
    }
    // The agent's desk sends its side over HTTP, one request per result.
    for (let w = 1; w < words.length; w++) {
      await client.api.put('/v1/assist/rooms/{id}/transcripts/{segmentId}', {
        params: { path: { id: room.id, segmentId: segment } },
        body: { text: words.slice(0, w).join(' '), isFinal: false, startMs: at, endMs: at + w * 300 },
      });
    }
    const final = await client.api.put('/v1/assist/rooms/{id}/transcripts/{segmentId}', {
      params: { path: { id: room.id, segmentId: segment } },
      body: { text: line.text, isFinal: true, startMs: at, endMs: at + words.length * 300, confidence: 0.93 },
    });
    check(final.segment.finalIndex === i + 1, `utterance ${i + 1} got final index ${final.segment.finalIndex}`);
    // A late partial (network reordering) must not touch the final.
    const late = await client.api.put('/v1/assist/rooms/{id}/transcripts/{segmentId}', {
      params: { path: { id: room.id, segmentId: segment } },
      body: { text: words[0]!, isFinal: false, startMs: at, endMs: at + 300 },
    });
    check(!late.applied, 'a late partial overwrote a final');
    at += words.length * 300 + 500;
  }
});
await step('both clients received every final, in order', async () => {
  for (const rt of [agentRt, customerRt]) {
    await rt.next(
      (m) => m.type === 'event' && m.channel === channel && m.event === 'transcript.final' && m.data.finalIndex === script.length,
      10_000,
      'the last final',
    );
    const order = rt.messages.filter((m) => m.type === 'event' && m.event === 'transcript.final').map((m) => m.data.finalIndex);
    check(JSON.stringify(order) === JSON.stringify(script.map((_, i) => i + 1)), `finals arrived as ${order.join(',')}`);
  }
});
const pushed = await step('the assistant pushes a summary, intent, sentiment and suggestions to the agent', async () => {
  const event = await agentRt.next((m) => m.type === 'event' && m.event === 'assist.results', 60_000, 'assist.results');
  return event.data as {
    summary: { summaryText: string; lastSummarizedIndex: number };
    results: { id: string; resultType: string; resultData: any; modelVersion: string; processingTimeMs: number }[];
  };
});
console.log(`  summary (finals 1–${pushed.summary.lastSummarizedIndex}): ${pushed.summary.summaryText}`);
for (const r of pushed.results) {
  if (r.resultType === 'intent') console.log(`  intent: ${r.resultData.intent} (${r.resultData.confidence})`);
  if (r.resultType === 'sentiment') console.log(`  sentiment: ${r.resultData.sentiment?.label}`);
  if (r.resultType === 'recommendation')
    console.log(`  suggestion: ${r.resultData.suggestions?.[0]?.title ?? '(none)'} [cache ${r.resultData.cache?.hit ? 'hit' : 'miss'}]`);
}
const recommendation = pushed.results.find((r) => r.resultType === 'recommendation');
if (recommendation) {
  await step('the agent accepts the suggestion', async () => {
    const r = await agent.api.post('/v1/assist/results/{id}/feedback', {
      params: { path: { id: recommendation.id } },
      body: { feedback: 'accepted' },
    });
    check(r.feedback === 'accepted', 'feedback not stored');
  });
}
const ended = await step('the agent ends the call: session, transcript, final summary and history in one go', () =>
  agent.api.post('/v1/assist/rooms/{id}/end', { params: { path: { id: room.id }, query: { consultationType: 'roaming' } } }),
);
check(ended.turns.length === script.length, `the session has ${ended.turns.length} turns`);
console.log(`  session ${ended.session.id}: ${ended.session.durationSeconds} s, ${ended.turns.length} turns`);
console.log(`  final summary: ${ended.session.finalSummary}`);
await step('the customer’s history shows the consultation', async () => {
  const c = await agent.api.get('/v1/assist/customers/{id}', { params: { path: { id: customerRecord.id } } });
  check(
    c.history.some((h) => h.sessionId === ended.session.id),
    'the consultation is not in the history',
  );
  console.log(`  ${c.summary.consultationCount} consultation(s) on record`);
});
agentRt.close();
customerRt.close();
console.log('assist example finished');
process.exit(0);
