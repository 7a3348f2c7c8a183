import { Type } from 'typebox';
import { defineSettings } from '../../core/product-settings.js';

/**
 * Assist's environment. The assistant runs after every `summaryEveryFinals` finals or `summaryIntervalSeconds`; empty
 * rooms end after `emptyRoomSeconds`. Retention: an ended room's live data (peers, live transcript, incremental
 * summaries) goes `roomDays` after it ended; consultation records (sessions, their transcripts and AI results, customer
 * history) and customers left with none go `recordDays` after the consultation.
 */
export const assistSettings = defineSettings(
  Type.Object({
    ASSIST_SUMMARY_EVERY_FINALS: Type.Integer({
      description: 'The assist assistant runs after this many new final transcripts.',
      minimum: 1,
      maximum: 1000,
      default: 5,
    }),
    ASSIST_SUMMARY_INTERVAL_SECONDS: Type.Integer({
      description: 'The assist assistant runs once this many seconds have passed with finals not yet summarized.',
      minimum: 1,
      default: 30,
    }),
    ASSIST_EMPTY_ROOM_SECONDS: Type.Integer({
      description: 'An assist room every peer has left ends after this many seconds.',
      minimum: 1,
      default: 120,
    }),
    ASSIST_KNOWLEDGE_COLLECTION: Type.String({
      description: 'Knowledge collection that assist suggestions come from.',
      pattern: '^[a-z0-9][a-z0-9_.-]{0,62}$',
      default: 'assist-faq',
    }),
    ASSIST_SUGGESTION_COUNT: Type.Integer({ description: 'Assist suggestions per assistant pass.', minimum: 1, maximum: 20, default: 3 }),
    ASSIST_ROOM_RETENTION_DAYS: Type.Integer({
      description: "Days an ended assist room's live data (peers, live transcript, summaries) is kept.",
      minimum: 1,
      maximum: 36500,
      default: 30,
    }),
    ASSIST_RECORD_RETENTION_DAYS: Type.Integer({
      description: 'Days a consultation record and customer history entry are kept after the call.',
      minimum: 1,
      maximum: 36500,
      default: 1095,
    }),
  }),
  (e) => ({
    summaryEveryFinals: e.ASSIST_SUMMARY_EVERY_FINALS,
    summaryIntervalSeconds: e.ASSIST_SUMMARY_INTERVAL_SECONDS,
    emptyRoomSeconds: e.ASSIST_EMPTY_ROOM_SECONDS,
    knowledgeCollection: e.ASSIST_KNOWLEDGE_COLLECTION,
    suggestionCount: e.ASSIST_SUGGESTION_COUNT,
    retention: { roomDays: e.ASSIST_ROOM_RETENTION_DAYS, recordDays: e.ASSIST_RECORD_RETENTION_DAYS },
  }),
);

export type AssistSettings = ReturnType<typeof assistSettings.build>;
