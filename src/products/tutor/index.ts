import { and, desc, eq, or, sql } from 'drizzle-orm';
import { defineProduct } from '../../core/product.js';
import * as tables from './schema.js';
import { tutorRoutes } from './routes.js';
import { tutorVoice } from './voice.js';
import { studentChannelKind, tutorChannelKind } from './presence.js';
import { isActiveTutorOf } from './matching.js';
import { runSpeakJob, SPEAK_JOB, SPEAK_RETRIES } from './practice.js';
import { previousDay, rollupDay, ROLLUP_SCHEDULE } from './statistics.js';
import { seedTutor } from './seed.js';
import { tutorWebhookEvents } from './webhooks.js';
import { tutorSettings } from './environment.js';

export const tutorProduct = defineProduct({
  name: 'tutor',
  settings: tutorSettings,
  tables,
  webhookEvents: tutorWebhookEvents,
  roles: [
    { name: 'student', selfAssign: true, description: 'Practises speaking and may ask a tutor to take them on' },
    { name: 'tutor', selfAssign: true, description: 'Takes students on request, watches them live and sends feedback' },
  ],
  routes: tutorRoutes,
  channels: [tutorChannelKind, studentChannelKind],
  voice: tutorVoice,
  /** A linked tutor reads a student's recordings and sentence audio; a student reads feedback audio sent to them. */
  async fileAccess(core, user, file) {
    if (file.purpose === 'feedback-audio') {
      const [row] = await core.db
        .select({ id: tables.feedbackMessages.id })
        .from(tables.feedbackMessages)
        .where(and(eq(tables.feedbackMessages.audioFileId, file.id), eq(tables.feedbackMessages.studentId, user.id)));
      return !!row;
    }
    return isActiveTutorOf(core, user.id, file.ownerId);
  },
  // The seed's TTLs.
  retention: [
    { name: 'tutor.requests', kind: 'ttl', table: tables.tutorRequests, column: 'processed_at', days: 30, where: sql`status <> 'PENDING'` },
    { name: 'tutor.learning_sessions', kind: 'ttl', table: tables.learningSessions, column: 'started_at', days: 90 },
    { name: 'tutor.daily_statistics', kind: 'ttl', table: tables.dailyStatistics, column: 'date', days: 365 },
    { name: 'tutor.ai_conversations', kind: 'ttl', table: tables.aiConversations, column: 'created_at', days: 30 },
    {
      name: 'tutor.feedback_messages',
      kind: 'ttl',
      table: tables.feedbackMessages,
      column: 'created_at',
      days: 90,
      fileColumns: ['audio_file_id'],
    },
    { name: 'tutor.async_jobs', kind: 'ttl', table: tables.asyncJobs, column: 'created_at', days: 7 },
    {
      name: 'tutor.sentence_audio',
      kind: 'ttl',
      table: tables.sentenceAudio,
      column: 'request_at',
      days: 7,
      fileColumns: ['audio_file_id'],
    },
    {
      name: 'tutor.pronunciation_results',
      kind: 'ttl',
      table: tables.pronunciationResults,
      column: 'created_at',
      days: 30,
      fileColumns: ['recording_file_id'],
    },
  ],
  schedules: [
    {
      name: ROLLUP_SCHEDULE,
      cron: '5 0 * * *',
      async run(core) {
        await rollupDay(core, previousDay(core.clock.now(), core.settings(tutorSettings).timeZone));
      },
    },
  ],
  jobs: [
    {
      name: SPEAK_JOB,
      retryLimit: SPEAK_RETRIES,
      retryDelay: 1,
      run: (core, data: { jobId: string }, job) => runSpeakJob(core, data.jobId, job.attempt),
    },
  ],
  seed: seedTutor,
  async exportUser(core, userId) {
    const t = tables;
    const [profile] = await core.db.select().from(t.profiles).where(eq(t.profiles.userId, userId));
    return {
      profile: profile ? { ...profile, name: core.crypt.open(t.profiles.name, userId, profile.name) } : null,
      requests: await core.db
        .select()
        .from(t.tutorRequests)
        .where(or(eq(t.tutorRequests.studentId, userId), eq(t.tutorRequests.tutorId, userId))),
      links: await core.db
        .select()
        .from(t.tutorStudents)
        .where(or(eq(t.tutorStudents.studentId, userId), eq(t.tutorStudents.tutorId, userId))),
      sessions: await core.db
        .select()
        .from(t.learningSessions)
        .where(eq(t.learningSessions.studentId, userId))
        .orderBy(desc(t.learningSessions.startedAt)),
      dailyStatistics: await core.db.select().from(t.dailyStatistics).where(eq(t.dailyStatistics.studentId, userId)),
      conversations: await core.db.select().from(t.aiConversations).where(eq(t.aiConversations.studentId, userId)),
      feedback: await core.db
        .select()
        .from(t.feedbackMessages)
        .where(or(eq(t.feedbackMessages.studentId, userId), eq(t.feedbackMessages.tutorId, userId))),
      pronunciationResults: await core.db.select().from(t.pronunciationResults).where(eq(t.pronunciationResults.studentId, userId)),
      sentenceAudio: await core.db.select().from(t.sentenceAudio).where(eq(t.sentenceAudio.studentId, userId)),
    };
  },
});
