import { desc, eq, sql } from 'drizzle-orm';
import { defineProduct } from '../../core/product.js';
import { callsVoice } from './voice.js';
import { ownedRowChannelKind } from '../../core/realtime/channels.js';
import * as tables from './schema.js';
import { callsRoutes } from './routes.js';
import { CONNECT_TIMEOUT_JOB, CONNECTION_LOST_JOB, endTimedOutCalls, logView, sessionView } from './call-sessions.js';
import { callPresenceChanged, endLostCall, endLostCalls } from './call-presence.js';
import { personaView, RESTORE_DAYS } from './personas.js';
import { sendTrainingNotice, TRAINING_NOTICE_JOB, type TrainingNotice } from './training.js';
import { turnView } from './conversation.js';
import { consentView } from './personas.js';
import { settingsView } from './settings.js';
import { seedCalls } from './seed.js';
import { callsWebhookEvents } from './webhooks.js';
import { callsSettings } from './environment.js';

/** `call:<id>` is for the call's owner only; the owner's connections on it keep an ACTIVE call alive. */
const callChannelKind = {
  ...ownedRowChannelKind('call', tables.sessions.id, tables.sessions.userId),
  onPresence: callPresenceChanged,
};

export const callsProduct = defineProduct({
  name: 'calls',
  settings: callsSettings,
  tables,
  routes: callsRoutes,
  channels: [callChannelKind],
  webhookEvents: callsWebhookEvents,
  voice: callsVoice,
  retention: [
    {
      // The purge of soft-deleted personas: voice data, sessions, logs and turns go by cascade; their files and blobs with them.
      name: 'calls.personas.purge',
      kind: 'soft-delete',
      table: tables.personas,
      column: 'deleted_at',
      days: RESTORE_DAYS,
      where: sql`is_deleted`,
      fileColumns: ['profile_image_file_id'],
      cascadeBlobs: [
        { table: tables.voiceData, foreignKey: 'persona_id', fileColumns: ['file_id'] },
        { table: tables.turns, foreignKey: 'persona_id', fileColumns: ['audio_file_id'] },
      ],
    },
  ],
  jobs: [
    {
      name: CONNECT_TIMEOUT_JOB,
      retryLimit: 3,
      retryDelay: 5,
      run: async (core, data: { sessionId: string }) => void (await endTimedOutCalls(core, data.sessionId)),
    },
    {
      name: CONNECTION_LOST_JOB,
      retryLimit: 3,
      retryDelay: 5,
      run: async (core, data: { sessionId: string }) => void (await endLostCall(core, data.sessionId)),
    },
    { name: TRAINING_NOTICE_JOB, retryLimit: 5, retryDelay: 5, run: (core, data: TrainingNotice) => sendTrainingNotice(core, data) },
  ],
  schedules: [
    {
      // Catches calls whose own timeout job ran early (the user raised the timeout) or was lost.
      name: 'calls.connect-timeout-sweep',
      cron: '* * * * *',
      timeoutSeconds: 120,
      run: async (core) => void (await endTimedOutCalls(core)),
    },
    {
      // Catches ACTIVE calls left without their owner whose own check was never scheduled.
      name: 'calls.connection-lost-sweep',
      cron: '* * * * *',
      timeoutSeconds: 120,
      run: async (core) => void (await endLostCalls(core)),
    },
  ],
  seed: seedCalls,
  async exportUser(core, userId) {
    const [settings] = await core.db.select().from(tables.settings).where(eq(tables.settings.userId, userId));
    const personas = await core.db
      .select()
      .from(tables.personas)
      .where(eq(tables.personas.userId, userId))
      .orderBy(tables.personas.createdAt);
    const out = [];
    for (const p of personas) {
      const voice = await core.db.select().from(tables.voiceData).where(eq(tables.voiceData.personaId, p.id));
      const [consent] = await core.db.select().from(tables.voiceConsents).where(eq(tables.voiceConsents.personaId, p.id));
      out.push({
        ...personaView(core, p),
        trainedVoiceId: p.trainedVoiceId,
        voiceFiles: voice.map((v) => ({
          id: v.id,
          fileId: v.fileId,
          fileSize: v.fileSize,
          aiFileId: v.aiFileId,
          uploadedAt: v.uploadedAt.toISOString(),
        })),
        consent: consent ? consentView(core, consent) : null,
      });
    }
    const sessions = await core.db
      .select()
      .from(tables.sessions)
      .where(eq(tables.sessions.userId, userId))
      .orderBy(desc(tables.sessions.createdAt));
    const calls = [];
    for (const s of sessions) {
      const t = await core.db.select().from(tables.turns).where(eq(tables.turns.callSessionId, s.id)).orderBy(tables.turns.seq);
      calls.push({ ...sessionView(core, s), turns: t.map(turnView) });
    }
    const logs = await core.db
      .select()
      .from(tables.callLogs)
      .where(eq(tables.callLogs.userId, userId))
      .orderBy(desc(tables.callLogs.startedAt));
    return { settings: settings ? settingsView(settings) : null, personas: out, calls, logs: logs.map(logView) };
  },
  // Every row cascades from the user; every file (voice samples, call audio, images) is a core.files row the account deletion removes with its blob.
});
