import { and, between, desc, eq, getTableColumns, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { rowsOf } from '../../core/db/database.js';
import { inTransaction } from '../../core/db/transaction.js';
import { dailyStatistics, learningSessions, statisticsRollups, tutorStudents } from './schema.js';
import { afterKey } from '../../core/http/pagination.js';
import type { Session, Statistics } from './contract.js';
import { tutorSettings } from './environment.js';

type SessionRow = typeof learningSessions.$inferSelect;
type StatisticsRow = typeof dailyStatistics.$inferSelect;

export const ROLLUP_SCHEDULE = 'tutor.daily-rollup';

export function sessionView(s: SessionRow): Session {
  return {
    id: s.id,
    studentId: s.studentId,
    timestamp: s.startedAt.toISOString(),
    sessionType: s.sessionType,
    endedAt: s.endedAt?.toISOString() ?? null,
    duration: s.duration,
    speakingDuration: s.speakingDuration,
    recordingTime: s.recordingTime,
    paceRatio: s.paceRatio,
    responseLatency: s.responseLatency,
    responseQuality: s.responseQuality,
    chatTurns: s.chatTurns,
    practiceCount: s.practiceCount,
  };
}

const num = (v: string | number) => Number(v);

export function statisticsView(s: StatisticsRow): Statistics {
  return {
    studentId: s.studentId,
    date: s.date,
    avgNetSpeakingDensity: s.avgNetSpeakingDensity,
    avgPaceRatio: s.avgPaceRatio,
    avgResponseLatency: s.avgResponseLatency,
    avgResponseQuality: s.avgResponseQuality,
    chatTurnsCount: s.chatTurnsCount,
    paceRatioCount: s.paceRatioCount,
    practiceCount: s.practiceCount,
    sessionsCount: s.sessionsCount,
    totalRecordingTime: num(s.totalRecordingTime),
    totalSpeakingTime: num(s.totalSpeakingTime),
  };
}

/**
 * What one ended session adds to its day, as SQL over a learning_sessions row: the live update and the
 * nightly roll-up use these same expressions, so both compute identical numbers.
 */
const contribution = {
  sessions_count: sql`1`,
  practice_count: sql`ls.practice_count`,
  chat_turns_count: sql`ls.chat_turns`,
  pace_ratio_count: sql`(ls.pace_ratio IS NOT NULL)::int`,
  response_count: sql`(ls.response_latency IS NOT NULL)::int`,
  total_recording_time: sql`coalesce(ls.recording_time, 0)::numeric`,
  total_speaking_time: sql`coalesce(ls.speaking_duration, 0)::numeric`,
  sum_net_speaking_density: sql`coalesce(ls.speaking_duration / nullif(ls.duration, 0), 0)::numeric`,
  sum_pace_ratio: sql`coalesce(ls.pace_ratio, 0)::numeric`,
  sum_response_latency: sql`coalesce(ls.response_latency, 0)::numeric`,
  sum_response_quality: sql`coalesce(ls.response_quality, 0)::numeric`,
} as const;
type Counter = keyof typeof contribution;
const COUNTERS = Object.keys(contribution) as Counter[];
/** Each average is its sum over its count. */
const AVERAGES: [string, Counter, Counter][] = [
  ['avg_net_speaking_density', 'sum_net_speaking_density', 'sessions_count'],
  ['avg_pace_ratio', 'sum_pace_ratio', 'pace_ratio_count'],
  ['avg_response_latency', 'sum_response_latency', 'response_count'],
  ['avg_response_quality', 'sum_response_quality', 'response_count'],
];
const ident = (name: string) => sql.identifier(name);
/** A session counts on the day it started, in the students' time zone (TUTOR_TIME_ZONE): midnight in Seoul, not in UTC. */
const dayOf = (timeZone: string) => sql`(ls.started_at AT TIME ZONE ${timeZone})::date`;

/** The calendar date (YYYY-MM-DD) of `at` in `timeZone`. */
export function dateIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/**
 * Adds an ended session to its day's statistics as one INSERT … ON CONFLICT DO UPDATE (the seed's
 * `UpdateExpression ADD`): concurrent ends for one student and day queue on the row and none is lost;
 * averages are recomputed from the sums.
 */
export async function addToDay(tx: Db, sessionId: string, now: Date, timeZone: string) {
  const columns = [...COUNTERS, ...AVERAGES.map(([a]) => a)];
  const selected = [
    ...COUNTERS.map((c) => contribution[c]),
    ...AVERAGES.map(([, s, n]) => sql`(${contribution[s]} / nullif(${contribution[n]}, 0))::float8`),
  ];
  const updates: SQL[] = [
    ...COUNTERS.map((c) => sql`${ident(c)} = s.${ident(c)} + excluded.${ident(c)}`),
    ...AVERAGES.map(
      ([a, s, n]) => sql`${ident(a)} = ((s.${ident(s)} + excluded.${ident(s)}) / nullif(s.${ident(n)} + excluded.${ident(n)}, 0))::float8`,
    ),
    sql`updated_at = excluded.updated_at`,
  ];
  await tx.execute(sql`
    INSERT INTO tutor.daily_statistics AS s (student_id, date, ${sql.join(columns.map(ident), sql`, `)}, updated_at)
    SELECT ls.student_id, ${dayOf(timeZone)}, ${sql.join(selected, sql`, `)}, ${now.toISOString()}::timestamptz
    FROM tutor.learning_sessions ls WHERE ls.id = ${sessionId}
    ON CONFLICT (student_id, date) DO UPDATE SET ${sql.join(updates, sql`, `)}`);
}

/** What the day's ended sessions add up to, per student, computed from the sessions alone. */
async function recomputeDay(db: Db, date: string, timeZone: string) {
  const sums = COUNTERS.map((c) => sql`sum(${contribution[c]}) AS ${ident(c)}`);
  // The day's bounds are its midnights in the time zone (a timestamp without zone read AT TIME ZONE gives the instant).
  const result = await db.execute(sql`
    SELECT ls.student_id, ${sql.join(sums, sql`, `)}
    FROM tutor.learning_sessions ls
    WHERE ls.ended_at IS NOT NULL
      AND ls.started_at >= (${date}::date)::timestamp AT TIME ZONE ${timeZone}
      AND ls.started_at < (${date}::date + 1)::timestamp AT TIME ZONE ${timeZone}
    GROUP BY ls.student_id`);
  return rowsOf<Record<string, string | number> & { student_id: string }>(result);
}

export interface RollupReport {
  date: string;
  studentsChecked: number;
  differences: { studentId: string; field: string; stored: number | null; recomputed: number }[];
}

/**
 * The nightly check: recomputes a day from its sessions, compares with what the live updates stored,
 * corrects any row that differs (the sessions are the source) and records and logs what differed.
 */
export async function rollupDay(core: ProductContext, date: string): Promise<RollupReport> {
  const recomputed = await recomputeDay(core.db, date, core.settings(tutorSettings).timeZone);
  const differences: RollupReport['differences'] = [];
  await inTransaction(core.db, async (tx) => {
    for (const row of recomputed) {
      const [stored] = rowsOf<Record<string, string | number | null>>(
        await tx.execute(
          sql`SELECT ${sql.join(COUNTERS.map(ident), sql`, `)} FROM tutor.daily_statistics WHERE student_id = ${row.student_id} AND date = ${date}::date FOR UPDATE`,
        ),
      );
      const diff = COUNTERS.filter((c) => stored?.[c] === undefined || stored[c] === null || num(stored[c]!) !== num(row[c]!)).map((c) => ({
        studentId: row.student_id,
        field: c,
        stored: stored?.[c] == null ? null : num(stored[c]!),
        recomputed: num(row[c]!),
      }));
      if (!diff.length) continue;
      differences.push(...diff);
      const values = COUNTERS.map((c) => sql`${String(row[c])}::numeric`);
      const averages = AVERAGES.map(([, s, n]) => sql`(${String(row[s])}::numeric / nullif(${String(row[n])}::numeric, 0))::float8`);
      await tx.execute(sql`
        INSERT INTO tutor.daily_statistics (student_id, date, ${sql.join([...COUNTERS, ...AVERAGES.map(([a]) => a)].map(ident), sql`, `)}, updated_at)
        VALUES (${row.student_id}, ${date}::date, ${sql.join([...values, ...averages], sql`, `)}, ${core.clock.now().toISOString()}::timestamptz)
        ON CONFLICT (student_id, date) DO UPDATE SET ${sql.join(
          [...COUNTERS, ...AVERAGES.map(([a]) => a), 'updated_at'].map((c) => sql`${ident(c)} = excluded.${ident(c)}`),
          sql`, `,
        )}`);
    }
    await tx
      .insert(statisticsRollups)
      .values({ date, studentsChecked: recomputed.length, differences, ranAt: core.clock.now() })
      .onConflictDoUpdate({
        target: statisticsRollups.date,
        set: { studentsChecked: recomputed.length, differences, ranAt: core.clock.now() },
      });
  });
  if (differences.length)
    core.log.warn({ date, differences: differences.slice(0, 50) }, 'tutor statistics roll-up found differences and corrected them');
  else core.log.info({ date, students: recomputed.length }, 'tutor statistics roll-up matched');
  return { date, studentsChecked: recomputed.length, differences };
}

/** Yesterday in `timeZone`: the last day that has certainly ended there. */
export function previousDay(now: Date, timeZone: string): string {
  const today = dateIn(now, timeZone);
  return new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Seed pattern 4: a student's days in a range (PK student + date BETWEEN). */
export const statisticsRangeQuery = (db: Db, studentId: string, from: string, to: string) =>
  db
    .select()
    .from(dailyStatistics)
    .where(and(eq(dailyStatistics.studentId, studentId), between(dailyStatistics.date, from, to)))
    .orderBy(dailyStatistics.date);

/** A student's sessions in a time range, newest first. */
export function studentSessionsQuery(
  db: Db,
  studentId: string,
  opts: { from?: Date; to?: Date; limit: number; after?: { at: Date; id: string } | null },
) {
  return db
    .select()
    .from(learningSessions)
    .where(
      and(
        eq(learningSessions.studentId, studentId),
        opts.from ? gte(learningSessions.startedAt, opts.from) : undefined,
        opts.to ? lt(learningSessions.startedAt, opts.to) : undefined,
        afterKey(learningSessions.startedAt, learningSessions.id, opts.after, 'desc'),
      ),
    )
    .orderBy(desc(learningSessions.startedAt), desc(learningSessions.id))
    .limit(opts.limit);
}

/**
 * The seed's tutor_email-timestamp-index: the tutor's linked students' sessions, newest first. Each
 * student's newest sessions come from their (student, started_at) index, then the few are merged.
 */
export function tutorSessionsQuery(db: Db, tutorId: string, limit: number) {
  const recent = db
    .select()
    .from(learningSessions)
    .where(eq(learningSessions.studentId, tutorStudents.studentId))
    .orderBy(desc(learningSessions.startedAt), desc(learningSessions.id))
    .limit(limit)
    .as('recent');
  const columns = Object.fromEntries(Object.keys(getTableColumns(learningSessions)).map((k) => [k, recent[k as keyof SessionRow]])) as {
    [K in keyof SessionRow]: (typeof recent)[K];
  };
  return db
    .select(columns)
    .from(tutorStudents)
    .innerJoinLateral(recent, sql`true`)
    .where(and(eq(tutorStudents.tutorId, tutorId), eq(tutorStudents.status, 'active')))
    .orderBy(desc(recent.startedAt), desc(recent.id))
    .limit(limit);
}
