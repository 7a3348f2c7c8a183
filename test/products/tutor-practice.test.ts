import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { tutorProduct } from '../../src/products/tutor/index.js';
import { dateIn, rollupDay } from '../../src/products/tutor/statistics.js';
import { tutorSettings } from '../../src/products/tutor/environment.js';
import { AppError } from '../../src/core/http/errors.js';
import type { SpeakProvider } from '../../src/core/ai/providers/provider.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { link, member } from './tutor-setup.js';
import { waitForValue } from '../support/wait-for.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ deps: { products: [tutorProduct], jobs: { pollingSeconds: 0.5 } } });
});
afterAll(async () => t?.close());

describe('learning sessions and daily statistics', () => {
  it('100 concurrent session ends for one student and day add up exactly; the roll-up agrees, then finds and corrects a difference', async () => {
    const student = await member(t.app, 'student');
    const started = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/v1/tutor/sessions',
          headers: student.auth,
          payload: { sessionType: i % 2 ? 'practice' : 'conversation' },
        }),
      ),
    );
    const ids: string[] = started.map((res) => res.json().id);
    // Values that binary floating point holds exactly, so the expected means are exact too.
    const ends = ids.map((id, i) => ({
      id,
      body: {
        duration: 100,
        speakingDuration: 25 + (i % 4) * 12.5,
        recordingTime: i % 2 ? 10 : undefined,
        paceRatio: i % 3 === 0 ? 0.75 + (i % 2) * 0.5 : undefined,
        ...(i % 2 ? { practiceCount: 3 } : { responseLatency: 1 + (i % 5) * 0.25, responseQuality: 50 + (i % 10), chatTurns: 4 }),
      },
    }));
    const results = await Promise.all(
      ends.map((e) => t.app.inject({ method: 'POST', url: `/v1/tutor/sessions/${e.id}/end`, headers: student.auth, payload: e.body })),
    );
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    const date = dateIn(new Date(), t.app.core.forProducts.settings(tutorSettings).timeZone);
    const [stats] = (
      await t.app.inject({ url: `/v1/tutor/students/${student.id}/statistics?from=${date}&to=${date}`, headers: student.auth })
    ).json();
    const b = ends.map(
      (e) => e.body as { speakingDuration: number; paceRatio?: number; responseLatency?: number; responseQuality?: number },
    );
    const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);
    const paces = b.filter((x) => x.paceRatio !== undefined).map((x) => x.paceRatio!);
    const resp = b.filter((x) => x.responseLatency !== undefined);
    expect(stats).toEqual({
      studentId: student.id,
      date,
      sessionsCount: 100,
      practiceCount: 150,
      chatTurnsCount: 200,
      paceRatioCount: paces.length,
      totalRecordingTime: 500,
      totalSpeakingTime: sum(b.map((x) => x.speakingDuration)),
      avgNetSpeakingDensity: sum(b.map((x) => x.speakingDuration / 100)) / 100,
      avgPaceRatio: sum(paces) / paces.length,
      avgResponseLatency: sum(resp.map((x) => x.responseLatency!)) / resp.length,
      avgResponseQuality: sum(resp.map((x) => x.responseQuality!)) / resp.length,
    });
    const again = await t.app.inject({
      method: 'POST',
      url: `/v1/tutor/sessions/${ids[0]}/end`,
      headers: student.auth,
      payload: { speakingDuration: 1 },
    });
    expect(again.statusCode).toBe(409);

    const clean = await rollupDay(t.app.core.forProducts, date);
    expect(clean.differences.filter((d) => d.studentId === student.id)).toEqual([]);
    await t.database.query('UPDATE tutor.daily_statistics SET sessions_count = 99, total_speaking_time = 1 WHERE student_id = $1', [
      student.id,
    ]);
    const found = await rollupDay(t.app.core.forProducts, date);
    expect(found.differences.filter((d) => d.studentId === student.id).map((d) => [d.field, d.stored, d.recomputed])).toEqual([
      ['sessions_count', 99, 100],
      ['total_speaking_time', 1, stats.totalSpeakingTime],
    ]);
    const [fixed] = await t.database.query<{ sessions_count: number }>(
      'SELECT sessions_count FROM tutor.daily_statistics WHERE student_id = $1',
      [student.id],
    );
    expect(fixed!.sessions_count).toBe(100);
    const [stored] = await t.database.query<{ differences: unknown }>('SELECT differences FROM tutor.statistics_rollups WHERE date = $1', [
      date,
    ]);
    expect(JSON.stringify(stored!.differences)).toContain('sessions_count');
    expect(tutorProduct.schedules![0]).toMatchObject({ name: 'tutor.daily-rollup', cron: '5 0 * * *' });
  }, 60_000);

  it('refuses speaking longer than the session, and a second end', async () => {
    const student = await member(t.app, 'student');
    const s = (
      await t.app.inject({ method: 'POST', url: '/v1/tutor/sessions', headers: student.auth, payload: { sessionType: 'practice' } })
    ).json();
    const bad = await t.app.inject({
      method: 'POST',
      url: `/v1/tutor/sessions/${s.id}/end`,
      headers: student.auth,
      payload: { duration: 10, speakingDuration: 20 },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('speakingDuration');
    const other = await member(t.app, 'student');
    expect(
      (await t.app.inject({ method: 'POST', url: `/v1/tutor/sessions/${s.id}/end`, headers: other.auth, payload: { speakingDuration: 1 } }))
        .statusCode,
    ).toBe(404);
  });
});

describe('practice', () => {
  it('makes reference audio by speak jobs, then scores a recording by word alignment', async () => {
    const tutor = await member(t.app, 'tutor', { maxStudents: 5 });
    const student = await member(t.app, 'student');
    await link(t.app, student, tutor);
    const sessionId = randomUUID();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/tutor/practice/audio',
      headers: student.auth,
      payload: {
        sessionId,
        sentences: [
          { english: 'The quick brown fox jumps over the lazy dog', korean: '빠른 갈색 여우' },
          { english: 'I would like a cup of coffee' },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(202);
    const sentences = res.json();
    expect(sentences.map((s: { status: string }) => s.status)).toEqual(['PENDING', 'PENDING']);
    const job = await waitForValue('the first speak job', async () => {
      const j = (await t.app.inject({ url: `/v1/tutor/jobs/${sentences[0].jobId}`, headers: student.auth })).json();
      return j.status === 'COMPLETED' || j.status === 'FAILED' ? j : null;
    });
    expect(job.status, job.error).toBe('COMPLETED');
    expect(job.audioUrl).toContain('/signed-content?');
    expect((await t.app.inject({ url: `/v1/tutor/jobs/${sentences[0].jobId}`, headers: tutor.auth })).statusCode).toBe(404);
    const events = await t.app.core.realtime.readEvents(`user:${student.id}`, 0);
    expect(events.some((e) => e.event === 'tutor.audio.completed' && (e.data as { jobId: string }).jobId === sentences[0].jobId)).toBe(
      true,
    );
    const listed = (await t.app.inject({ url: `/v1/tutor/practice/audio/${sessionId}`, headers: student.auth })).json();
    expect(listed[0]).toMatchObject({ sentenceIndex: 0, status: 'COMPLETED', korean: '빠른 갈색 여우' });
    expect(listed[0].durationMs).toBeGreaterThan(0);

    // The offline engine reads back what its own speech says: a recording of the sentence without two of its words.
    const spoken = await t.app.core.ai.speak('The quick fox jumps over the dog', { format: 'wav' });
    const scored = await t.app.inject({
      method: 'POST',
      url: `/v1/tutor/practice/recordings?sessionId=${sessionId}&sentenceIndex=0`,
      headers: { ...student.auth, 'content-type': 'audio/wav' },
      payload: spoken.audio,
    });
    expect(scored.statusCode, scored.body).toBe(201);
    const { result } = scored.json();
    expect(result.originalText).toBe('The quick brown fox jumps over the lazy dog');
    expect(result.missedWords).toEqual(['brown', 'lazy']);
    expect(result.extraWords).toEqual([]);
    expect(result.completenessScore).toBe(78);
    expect(result.overallScore).toBeLessThan(90);
    expect(result.sentenceId).toBe(`${sessionId}#0`);
    const perfect = await t.app.core.ai.speak('I would like a cup of coffee', { format: 'wav' });
    const good = await t.app.inject({
      method: 'POST',
      url: `/v1/tutor/practice/recordings?text=${encodeURIComponent('I would like a cup of coffee')}`,
      headers: { ...student.auth, 'content-type': 'audio/wav' },
      payload: perfect.audio,
    });
    expect(good.json().result).toMatchObject({ overallScore: 100, grade: 'A+', missedWords: [], extraWords: [] });
    const seen = (await t.app.inject({ url: `/v1/tutor/students/${student.id}/results`, headers: tutor.auth })).json();
    expect(seen.map((r: { overallScore: number }) => r.overallScore)).toEqual([100, result.overallScore]);
    const [file] = await t.database.query<{ purpose: string; owner_id: string }>(
      'SELECT f.purpose, f.owner_id FROM core.files f JOIN tutor.pronunciation_results r ON r.recording_file_id = f.id WHERE r.id = $1',
      [result.id],
    );
    expect(file).toEqual({ purpose: 'recording', owner_id: student.id });
    // The linked tutor may play the student's recording.
    expect((await t.app.inject({ url: `/v1/files/${result.recordingFileId}`, headers: tutor.auth })).statusCode).toBe(200);
  }, 60_000);

  it('a missing speech engine fails the job with a clear error in its status', async () => {
    const missing: SpeakProvider = {
      name: 'offline',
      async speak() {
        throw new AppError(
          'ai.speech_unavailable',
          503,
          'offline speech needs espeak-ng: install it (apt-get install espeak-ng) or set AI_SPEAK_PROVIDER=openai',
        );
      },
    };
    const f = await createTestApp({ deps: { products: [tutorProduct], aiProviders: { speak: missing }, jobs: { pollingSeconds: 0.5 } } });
    try {
      const student = await member(f.app, 'student');
      const res = await f.app.inject({
        method: 'POST',
        url: '/v1/tutor/practice/audio',
        headers: student.auth,
        payload: { sessionId: randomUUID(), sentences: [{ english: 'Hello there' }] },
      });
      const jobId = res.json()[0].jobId;
      const job = await waitForValue('the failed job', async () => {
        const j = (await f.app.inject({ url: `/v1/tutor/jobs/${jobId}`, headers: student.auth })).json();
        return j.status === 'FAILED' ? j : null;
      });
      expect(job.error).toContain('espeak-ng');
      expect(job.audioUrl).toBeNull();
      const [row] = await f.database.query<{ status: string; error: string }>(
        'SELECT status, error FROM tutor.sentence_audio WHERE job_id = $1',
        [jobId],
      );
      expect(row).toMatchObject({ status: 'FAILED' });
    } finally {
      await f.close();
    }
  }, 60_000);
});
