import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { AppError } from '../../../core/http/errors.js';
import { tutorSettings } from '../environment.js';
import { assertCanViewStudent } from '../matching.js';
import { dateIn, statisticsRangeQuery, statisticsView } from '../statistics.js';
import type { Statistics, StatisticsQuery } from '../contract.js';

const invalid = (field: string, message: string) =>
  new AppError('validation', 400, `${field} ${message}`, { errors: [{ field, message }] });

/** A student's daily statistics from one day to another, or for the last `days` days. */
export async function studentStatistics(
  core: ProductContext,
  viewer: AuthUser,
  studentId: string,
  { from, to, days }: StatisticsQuery,
): Promise<Statistics[]> {
  await assertCanViewStudent(core, viewer, studentId);
  if (days !== undefined) {
    if (from !== undefined || to !== undefined) throw invalid('days', 'cannot be combined with from and to');
    return lastDaysStatistics(core, studentId, days);
  }
  if (from === undefined) throw invalid('from', 'is required without days');
  if (to === undefined) throw invalid('to', 'is required without days');
  if (from > to) throw invalid('from', 'must not be after to');
  return (await statisticsRangeQuery(core.db, studentId, from, to)).map(statisticsView);
}

/** One row for each of the last `days` days up to today in the statistics time zone; days without practice as zeros. */
async function lastDaysStatistics(core: ProductContext, studentId: string, days: number): Promise<Statistics[]> {
  const to = dateIn(core.clock.now(), core.settings(tutorSettings).timeZone);
  const dates = Array.from({ length: days }, (_, i) => {
    const d = new Date(`${to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - (days - 1 - i));
    return d.toISOString().slice(0, 10);
  });
  const stored = new Map((await statisticsRangeQuery(core.db, studentId, dates[0]!, to)).map((r) => [r.date, statisticsView(r)]));
  return dates.map(
    (date) =>
      stored.get(date) ?? {
        studentId,
        date,
        avgNetSpeakingDensity: null,
        avgPaceRatio: null,
        avgResponseLatency: null,
        avgResponseQuality: null,
        chatTurnsCount: 0,
        paceRatioCount: 0,
        practiceCount: 0,
        sessionsCount: 0,
        totalRecordingTime: 0,
        totalSpeakingTime: 0,
      },
  );
}
