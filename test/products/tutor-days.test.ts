// A student's statistics day starts at midnight in the students' time zone (TUTOR_TIME_ZONE, Asia/Seoul by default):
// practice at 00:30 in Seoul counts on that day, not on the UTC day before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tutorProduct } from '../../src/products/tutor/index.js';
import { rollupDay } from '../../src/products/tutor/statistics.js';
import { ConfigError } from '../../src/config.js';
import { readProductSettings } from '../../src/core/product-settings.js';
import { tutorSettings } from '../../src/products/tutor/environment.js';
import { createManualClock } from '../../src/core/time/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { member, type Member } from './tutor-setup.js';

const clock = createManualClock('2026-05-04T15:00:00Z');
let t: TestApp;
beforeAll(async () => {
  // Tokens live for days here: the test clock moves across them.
  t = await createTestApp({ config: { accessTokenSeconds: 7 * 86_400 }, deps: { products: [tutorProduct], clock } });
});
afterAll(async () => t?.close());

/** A session that starts at `at` (UTC) and lasts 20 minutes, ended through the API. */
async function practise(student: Member, at: string) {
  clock.set(at);
  const started = await t.app.inject({
    method: 'POST',
    url: '/v1/tutor/sessions',
    headers: student.auth,
    payload: { sessionType: 'practice' },
  });
  expect(started.statusCode, started.body).toBe(201);
  clock.advance(20 * 60_000);
  const ended = await t.app.inject({
    method: 'POST',
    url: `/v1/tutor/sessions/${started.json().id}/end`,
    headers: student.auth,
    payload: { duration: 1200, speakingDuration: 600, practiceCount: 5 },
  });
  expect(ended.statusCode, ended.body).toBe(200);
  return ended.json() as { statistics: { date: string; sessionsCount: number } };
}

async function days(student: Member, from: string, to: string) {
  const res = await t.app.inject({ url: `/v1/tutor/students/${student.id}/statistics?from=${from}&to=${to}`, headers: student.auth });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { date: string; sessionsCount: number; practiceCount: number }[]).map((d) => [
    d.date,
    d.sessionsCount,
    d.practiceCount,
  ]);
}

describe('statistics days in the students’ time zone', () => {
  it('counts a session at 00:30 in Seoul on that Seoul day, and one at 23:30 on the same day', async () => {
    const student = await member(t.app, 'student');
    // 2026-05-04 15:30 UTC is 2026-05-05 00:30 in Seoul.
    const early = await practise(student, '2026-05-04T15:30:00Z');
    expect(early.statistics.date).toBe('2026-05-05');
    // 2026-05-05 14:30 UTC is 23:30 in Seoul, the same day; 15:00 UTC is midnight, the next one.
    expect((await practise(student, '2026-05-05T14:30:00Z')).statistics).toMatchObject({ date: '2026-05-05', sessionsCount: 2 });
    expect((await practise(student, '2026-05-05T15:00:00Z')).statistics).toMatchObject({ date: '2026-05-06', sessionsCount: 1 });
    expect(await days(student, '2026-05-04', '2026-05-06')).toEqual([
      ['2026-05-05', 2, 10],
      ['2026-05-06', 1, 5],
    ]);

    // The nightly check recomputes the same Seoul day, finds nothing to correct, and puts a damaged row right.
    const clean = await rollupDay(t.app.core.forProducts, '2026-05-05');
    expect(clean.differences.filter((d) => d.studentId === student.id)).toEqual([]);
    await t.database.query(`UPDATE tutor.daily_statistics SET sessions_count = 5 WHERE student_id = $1 AND date = '2026-05-05'`, [
      student.id,
    ]);
    const fixed = await rollupDay(t.app.core.forProducts, '2026-05-05');
    expect(fixed.differences.filter((d) => d.studentId === student.id).map((d) => [d.field, d.stored, d.recomputed])).toEqual([
      ['sessions_count', 5, 2],
    ]);
    expect(await days(student, '2026-05-05', '2026-05-05')).toEqual([['2026-05-05', 2, 10]]);
  });

  it('`days` gives the last days up to today in Seoul, one row each, so a chart needs no clock of its own', async () => {
    clock.set('2026-07-09T15:00:00Z');
    const student = await member(t.app, 'student');
    await practise(student, '2026-07-09T16:00:00Z'); // 01:00 on 10 July in Seoul, still 9 July in UTC
    const res = await t.app.inject({ url: `/v1/tutor/students/${student.id}/statistics?days=3`, headers: student.auth });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as { date: string; sessionsCount: number }[]).map((d) => [d.date, d.sessionsCount])).toEqual([
      ['2026-07-08', 0],
      ['2026-07-09', 0],
      ['2026-07-10', 1],
    ]);
    for (const [query, field] of [
      ['days=3&from=2026-07-01', 'days'],
      ['days=0', 'days'],
      ['from=2026-07-01', 'to'],
      ['to=2026-07-01', 'from'],
    ] as const) {
      const bad = await t.app.inject({ url: `/v1/tutor/students/${student.id}/statistics?${query}`, headers: student.auth });
      expect(bad.statusCode, query).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(bad.json()), query).toContain(field);
    }
  });

  it('the nightly roll-up at 00:05 UTC checks the Seoul day that has just ended', async () => {
    clock.set('2026-06-01T15:00:00Z');
    const student = await member(t.app, 'student');
    await practise(student, '2026-06-01T16:00:00Z'); // 01:00 on 2 June in Seoul
    clock.set('2026-06-03T00:05:00Z'); // 09:05 on 3 June in Seoul
    const schedule = tutorProduct.schedules!.find((s) => s.name === 'tutor.daily-rollup')!;
    await schedule.run(t.app.core.forProducts);
    const [row] = await t.database.query<{ students_checked: number }>(
      `SELECT students_checked FROM tutor.statistics_rollups WHERE date = '2026-06-02'`,
    );
    expect(row?.students_checked).toBe(1);
  });

  it('takes the time zone from TUTOR_TIME_ZONE, and refuses a name that is not an IANA zone', () => {
    const timeZone = (env: Record<string, string>) => readProductSettings(tutorSettings, env).timeZone;
    expect(timeZone({})).toBe('Asia/Seoul');
    expect(t.app.core.forProducts.settings(tutorSettings).timeZone).toBe('Asia/Seoul');
    expect(timeZone({ TUTOR_TIME_ZONE: 'Europe/Berlin' })).toBe('Europe/Berlin');
    expect(timeZone({ TUTOR_TIME_ZONE: 'UTC' })).toBe('UTC');
    for (const bad of ['Asia/Nowhere', '+09:00', 'KST 9']) expect(() => timeZone({ TUTOR_TIME_ZONE: bad }), bad).toThrow(ConfigError);
    expect(() => timeZone({ TUTOR_TIME_ZONE: 'Asia/Nowhere' })).toThrow(/^TUTOR_TIME_ZONE: "Asia\/Nowhere" is not an IANA time zone/);
  });
});
