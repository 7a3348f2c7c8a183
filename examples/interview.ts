// A full mock interview, as an interview app would run it.
// Run against a server: `npx tsx examples/interview.ts` (TALKBASE_URL, default http://localhost:8080).
import { BASE_URL, Client, check, step } from './client.js';

const client = new Client();
console.log(`Talkbase interview example against ${BASE_URL}`);

await step('server is ready', () => client.api.get('/ready'));
await step('sign up', () => client.signUp('candidate'));
const positions = await step('list positions', () => client.api.get('/v1/interview/positions'));
check(positions.length >= 8, 'fewer than eight positions');
const started = await step('start an interview for Backend Developer (3 questions)', () =>
  client.api.post('/v1/interview/sessions', { body: { position: 'Backend Developer', questionCount: 3 } }),
);
const sessionId = started.session.id;
const realtime = await step('follow the interview over WebSocket', async () => {
  const rt = client.live();
  await rt.subscribe(`interview:${sessionId}`, 0);
  return rt;
});

const answers = [
  'I built an order service in TypeScript on PostgreSQL. The main trade-off was consistency against latency; I used idempotency keys so retries were safe, and p99 latency stayed under 50 ms.',
  'I add fields without removing old ones, version breaking changes, and run contract tests against the real clients before every release.',
  'First I read the query plan, then I add the index it is missing, and I confirm the fix with a benchmark on production-sized data.',
];
let question = started.records[0]!;
for (const [i, text] of answers.entries()) {
  console.log(`  Q${question.order}: ${question.questionText}`);
  const result = await step(`answer question ${question.order}`, () =>
    client.api.post('/v1/interview/sessions/{id}/answers', { params: { path: { id: sessionId } }, body: { text, order: question.order } }),
  );
  if (i < answers.length - 1) {
    check(result.next, 'no next question was asked');
    question = result.next;
  } else check(result.next === null, 'a question was asked after the last one');
}

const completed = await step('wait for the evaluations and the completed session', async () => {
  const event = await realtime.next((e) => e.event === 'session.completed', 60_000, 'session.completed');
  return event.data;
});
const report = await step('read the report', async () => {
  const s = await client.api.get('/v1/interview/sessions/{id}', { params: { path: { id: sessionId } } });
  check(s.session.status === 'completed', `status is ${s.session.status}`);
  check(
    s.records.every((r) => typeof r.evaluation?.score === 'number' && r.evaluation.feedback),
    'an answer has no evaluation',
  );
  return s;
});
console.log(
  `  overall score ${completed.overallScore}; strongest: Q${report.session.overallEvaluation?.strongest?.order}; weakest: Q${report.session.overallEvaluation?.weakest?.order}`,
);
for (const r of report.records) console.log(`  Q${r.order}: ${r.evaluation?.score}/100 — ${r.evaluation?.feedback}`);
if (report.session.emotionSummary) console.log(`  dominant emotion: ${report.session.emotionSummary.dominant_emotion}`);
await step('see the score trend for the position', async () => {
  const trend = await client.api.get('/v1/interview/trend', { params: { query: { position: 'Backend Developer' } } });
  check(trend[0]?.points.length === 1, 'the trend does not show this session');
});
realtime.close();
console.log('interview example finished');
process.exit(0);
