// A student and a tutor side by side, as two apps would run them: matching, live presence, speaking
// practice with reference audio and pronunciation scoring, statistics, an AI role-play and feedback.
// Run against a server: `npx tsx examples/tutor.ts` (TALKBASE_URL, default http://localhost:8080).
import { randomUUID } from 'node:crypto';
import { BASE_URL, Client, check, refusal, step } from './client.js';

const tutor = new Client();
const student = new Client();
console.log(`Talkbase tutor example against ${BASE_URL}`);

await step('server is ready', () => tutor.api.get('/ready'));
const tutorUser = await step('tutor signs up and opens a profile for 3 students', async () => {
  const me = await tutor.signUp('tutor');
  await tutor.api.post('/v1/me/roles', { body: { product: 'tutor', role: 'tutor' } });
  await tutor.api.put('/v1/tutor/profile', { body: { role: 'tutor', name: 'Ms Tutor', maxStudents: 3, isAccepting: true } });
  return me;
});
const studentUser = await step('student signs up with a student profile', async () => {
  const me = await student.signUp('student');
  await student.api.post('/v1/me/roles', { body: { product: 'tutor', role: 'student' } });
  await student.api.put('/v1/tutor/profile', { body: { role: 'student', name: 'Min-jun' } });
  return me;
});

const tutorLive = await step('tutor opens the dashboard channel', async () => {
  const rt = tutor.live();
  await rt.subscribe(`tutor:${tutorUser.id}`);
  return rt;
});
const studentLive = await step('student follows their own channel', async () => {
  const rt = student.live();
  await rt.subscribe(`user:${studentUser.id}`);
  return rt;
});

const request = await step('student finds the tutor and asks to be taken on', async () => {
  const tutors = await student.api.get('/v1/tutor/tutors');
  check(
    tutors.some((t) => t.userId === tutorUser.id && t.isAccepting),
    'the tutor is not listed as accepting',
  );
  return student.api.post('/v1/tutor/requests', { body: { tutorId: tutorUser.id, message: 'I want to practise for a job interview.' } });
});
await step('tutor sees the pending request live and approves it', async () => {
  await tutorLive.next((e) => e.event === 'request.created', 10_000, 'request.created');
  const pending = await tutor.api.get('/v1/tutor/requests', { params: { query: { side: 'received', status: 'PENDING' } } });
  check(
    pending.items.some((r) => r.id === request.id),
    'the request is not in the pending list',
  );
  const approved = await tutor.api.post('/v1/tutor/requests/{id}/approve', { params: { path: { id: request.id } } });
  check(approved.request.status === 'APPROVED', 'not approved');
});
await step('student is notified of the match', async () => {
  const note = await studentLive.next(
    (e) => e.event === 'notification.created' && e.data.type === 'tutor_match',
    10_000,
    'the match notification',
  );
  console.log(`  notification: ${note.data.title} — ${note.data.message}`);
});

await step('tutor follows the student’s presence; the student’s app comes online', async () => {
  await tutorLive.subscribe(`student:${studentUser.id}`);
  await studentLive.subscribe(`student:${studentUser.id}`);
  await tutorLive.next(
    (e) => e.event === 'presence' && e.data.userId === studentUser.id && e.data.action === 'join',
    10_000,
    'the student’s presence',
  );
});
await step('student enters practice; the tutor’s dashboard hears it live', async () => {
  await student.api.put('/v1/tutor/room', { body: { room: 'practice' } });
  const event = await tutorLive.next((e) => e.event === 'student.room' && e.data.room === 'practice', 10_000, 'student.room');
  check(event.data.studentId === studentUser.id && event.data.online === true, 'the event does not show the student online in practice');
  const board = await tutor.api.get('/v1/tutor/students');
  check(board[0]?.room === 'practice' && board[0].online, 'the dashboard does not show the student in practice');
});

const session = await step('student starts a practice session', () =>
  student.api.post('/v1/tutor/sessions', { body: { sessionType: 'practice' } }),
);
const practiceId = randomUUID();
const sentences = [
  { english: 'Could you tell me about your last project?', korean: '지난 프로젝트에 대해 말씀해 주시겠어요?' },
  { english: 'I enjoy working with people from different teams.', korean: '저는 여러 팀 사람들과 일하는 것을 좋아합니다.' },
];
const audio = await step('student asks for reference audio; each sentence becomes a speak job', async () => {
  const rows = await student.api.post('/v1/tutor/practice/audio', { body: { sessionId: practiceId, sentences } });
  check(rows.length === 2, 'two sentences expected');
  for (const row of rows) {
    const done = await studentLive.next(
      (e) => e.data?.jobId === row.jobId && (e.event === 'tutor.audio.completed' || e.event === 'tutor.audio.failed'),
      30_000,
      `the speak job ${row.jobId}`,
    );
    if (done.event === 'tutor.audio.failed') throw new Error(`speech failed: ${done.data.error}`);
  }
  const jobId = rows[0]!.jobId;
  check(jobId, 'the sentence has no speak job');
  const job = await student.api.get('/v1/tutor/jobs/{id}', { params: { path: { id: jobId } } });
  check(job.status === 'COMPLETED' && job.audioUrl, 'the job status does not show the audio');
  return student.api.get('/v1/tutor/practice/audio/{sessionId}', { params: { path: { sessionId: practiceId } } });
});
const result = await step('student "records" the first sentence (here: replays the reference) and gets a score', async () => {
  const bytes = await student.download(`/v1/files/${audio[0]!.audioFileId}/content`);
  const scored = await student.upload<{ result: { overallScore: number; grade: string; missedWords: string[] } }>(
    `/v1/tutor/practice/recordings?sessionId=${practiceId}&sentenceIndex=0`,
    bytes,
    'audio/wav',
  );
  check(scored.result.overallScore === 100, `score ${scored.result.overallScore}`);
  return scored.result;
});
console.log(`  pronunciation: ${result.overallScore}/100, grade ${result.grade}`);
// The day the statistics count it on, in the deployment's time zone (TUTOR_TIME_ZONE, Asia/Seoul by default).
let today = '';
await step('student ends the session; the day’s statistics grow at once', async () => {
  const out = await student.api.post('/v1/tutor/sessions/{id}/end', {
    params: { path: { id: session.id } },
    body: { duration: 300, speakingDuration: 120, recordingTime: 60, paceRatio: 0.9, practiceCount: 2 },
  });
  check(out.statistics.sessionsCount >= 1 && out.statistics.totalSpeakingTime >= 120, 'the statistics did not grow');
  today = out.statistics.date;
});

await step('student holds an AI role-play with a shop clerk', async () => {
  await student.api.put('/v1/tutor/room', { body: { room: 'ai-conversation' } });
  const conv = await student.api.post('/v1/tutor/conversations', {
    body: { role: 'shop clerk', situation: 'returning a jacket that is too small', difficulty: '중' },
  });
  const turn = await student.api.post('/v1/tutor/conversations/{id}/turns', {
    params: { path: { id: conv.conversationId } },
    body: { text: 'Hi, I would like to return this jacket, please.' },
  });
  check(turn.conversation.turnCount === 1, 'the turn was not counted');
  console.log(`  AI: ${turn.turn.aiText.slice(0, 100)}`);
});

await step('tutor reviews the student’s results and statistics', async () => {
  const results = await tutor.api.get('/v1/tutor/students/{studentId}/results', { params: { path: { studentId: studentUser.id } } });
  check(results.length === 1, 'the tutor does not see the result');
  const stats = await tutor.api.get('/v1/tutor/students/{studentId}/statistics', {
    params: { path: { studentId: studentUser.id }, query: { from: today, to: today } },
  });
  check(stats[0]?.sessionsCount === 1, 'the tutor does not see today’s statistics');
});
await step('tutor sends audio feedback; the connected student gets it live', async () => {
  const sent = await tutor.api.post('/v1/tutor/feedback', {
    body: {
      studentId: studentUser.id,
      message: 'Lovely intonation. Slow down a little on long sentences.',
      messageType: 'audio',
      sessionId: session.id,
    },
  });
  check(sent.websocketSent, 'the feedback was not sent live');
  const event = await studentLive.next((e) => e.event === 'tutor.feedback', 10_000, 'tutor.feedback');
  check(event.data.feedbackId === sent.feedbackId, 'another feedback arrived');
});
await step('tutor ends the tutoring; the student’s results are closed to them at once', async () => {
  await tutor.api.delete('/v1/tutor/students/{studentId}', { params: { path: { studentId: studentUser.id } } });
  const refused = await refusal(
    tutor.api.get('/v1/tutor/students/{studentId}/results', { params: { path: { studentId: studentUser.id } } }),
  );
  check(refused.status === 404, `expected 404, got ${refused.status}`);
});
tutorLive.close();
studentLive.close();
console.log('tutor example finished');
process.exit(0);
