import { desc, eq, inArray } from 'drizzle-orm';
import { defineProduct } from '../../core/product.js';
import { ownedRowChannelKind } from '../../core/realtime/channels.js';
import { users } from '../../core/identity/schema.js';
import { DEMO_EMAIL } from '../../core/seed.js';
import * as tables from './schema.js';
import { EVALUATE_JOB, EVALUATION_RETRIES, answerQuestion, sessionView } from './interviews.js';
import { evaluateRecord } from './evaluation.js';
import { startSession } from './operations/start-session.js';
import { interviewRoutes } from './routes.js';
import { interviewVoice } from './voice.js';
import { interviewWebhookEvents } from './webhooks.js';
import { interviewAiTasks } from './ai-tasks.js';
import { interviewSettings } from './environment.js';

/** `interview:<id>` is for the session's candidate only. */
const interviewChannelKind = ownedRowChannelKind('interview', tables.sessions.id, tables.sessions.userId);

export const interviewProduct = defineProduct({
  name: 'interview',
  settings: interviewSettings,
  tables,
  routes: interviewRoutes,
  channels: [interviewChannelKind],
  voice: interviewVoice,
  aiTasks: interviewAiTasks,
  webhookEvents: interviewWebhookEvents,
  jobs: [
    {
      name: EVALUATE_JOB,
      retryLimit: EVALUATION_RETRIES,
      retryDelay: 2,
      run: (core, data: { recordId: string }, job) => evaluateRecord(core, data.recordId, job.attempt),
    },
  ],
  async seed(core, progress) {
    const [demo] = await core.db
      .select({ id: users.id })
      .from(users)
      .where(inArray(users.emailBlindIndex, core.accounts.emailLookup(DEMO_EMAIL)));
    if (!demo) return;
    const existing = await core.db
      .select({ id: tables.sessions.id })
      .from(tables.sessions)
      .where(eq(tables.sessions.userId, demo.id))
      .limit(1);
    if (existing.length) return progress('demo interview exists');
    const { session } = await startSession(core, demo.id, { position: 'Backend Developer', questionCount: 3 });
    const answers = [
      'I designed an order service in TypeScript with PostgreSQL; we traded strict consistency for idempotent retries and measured p99 latency.',
      'I version APIs by adding fields, never removing them, and I test contracts against real clients before a release.',
      'I start from the query plan, add the missing index, and confirm the fix with a benchmark on production-sized data.',
    ];
    for (const [i, text] of answers.entries()) await answerQuestion(core, demo.id, session.id, { text, mode: 'text', order: i + 1 });
    progress('demo interview answered; evaluations run in the background');
  },
  async exportUser(core, userId) {
    const list = await core.db
      .select()
      .from(tables.sessions)
      .where(eq(tables.sessions.userId, userId))
      .orderBy(desc(tables.sessions.createdAt));
    const out = [];
    for (const s of list) {
      const recs = await core.db.select().from(tables.records).where(eq(tables.records.sessionId, s.id));
      out.push({ ...sessionView(core, s), records: recs });
    }
    return { sessions: out };
  },
});
