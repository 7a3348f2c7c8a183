import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, PHONE, type ConsoleBrowser } from './support/browser.js';
import { tr, trx } from './support/i18n.js';
import { startServer, type Account, type ConsoleServer } from './support/server.js';

let server: ConsoleServer;
let browser: ConsoleBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser(server);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A tutor and a linked student, set up through the API (the page flow is the next test). */
async function linkedPair() {
  const tutor = await server.signUp('tutor');
  const student = await server.signUp('student');
  await server.api('POST', '/v1/me/roles', { token: tutor.accessToken, body: { product: 'tutor', role: 'tutor' } });
  await server.api('PUT', '/v1/tutor/profile', {
    token: tutor.accessToken,
    body: { role: 'tutor', name: 'Ms Kim', isAccepting: true, maxStudents: 5 },
  });
  await server.api('POST', '/v1/me/roles', { token: student.accessToken, body: { product: 'tutor', role: 'student' } });
  await server.api('PUT', '/v1/tutor/profile', { token: student.accessToken, body: { role: 'student', name: 'Min-jun' } });
  const request = await server.api('POST', '/v1/tutor/requests', { token: student.accessToken, body: { tutorId: tutor.id } });
  await server.api('POST', `/v1/tutor/requests/${request.id}/approve`, { token: tutor.accessToken });
  return { tutor, student };
}

const board = (tutor: Account) =>
  server.api<{ studentId: string; room: string | null; online: boolean }[]>('GET', '/v1/tutor/students', { token: tutor.accessToken });

/** Counts full page loads, so a test can show that something changed without one. */
async function countLoads(page: Page) {
  await page.evaluate(() => ((window as any).__loadsMarker = 'still the same document'));
  return async () => page.evaluate(() => (window as any).__loadsMarker as string | undefined);
}

describe('tutor console', () => {
  it('the tutor’s dashboard shows a student entering and leaving practice live, without a reload (two users)', async () => {
    const { tutor, student } = await linkedPair();
    const tutorPage = await browser.newPage({ account: tutor });
    await tutorPage.goto('/tutor/dashboard');
    const where = tutorPage.getByTestId(`room-${student.id}`);
    await expect.poll(() => where.innerText(), { timeout: 20_000 }).toBe(tr('tutor:dashboard.notPractising'));
    expect(await tutorPage.getByTestId(`online-${student.id}`).innerText()).toBe(tr('tutor:dashboard.offline'));
    const sameDocument = await countLoads(tutorPage);

    const studentPage = await browser.newPage({ account: student });
    await studentPage.goto('/tutor');
    await studentPage.getByRole('heading', { name: trx('tutor:pages.practice.title') }).waitFor();

    await expect.poll(() => where.innerText(), { timeout: 20_000 }).toBe(tr('tutor:room.practice'));
    await expect
      .poll(() => tutorPage.getByTestId(`online-${student.id}`).innerText(), { timeout: 20_000 })
      .toBe(tr('tutor:dashboard.online'));
    expect(await sameDocument()).toBe('still the same document');
    // Read until it agrees: under load the board's answer was seen to trail the page by a moment.
    await expect
      .poll(async () => (await board(tutor)).find((s) => s.studentId === student.id), { timeout: 20_000 })
      .toMatchObject({ room: 'practice', online: true });

    // The student leaves practice for the home page: the dashboard follows, still without a reload.
    await studentPage
      .getByRole('navigation', { name: trx('shell:products') })
      .getByRole('link', { name: trx('shell:home') })
      .click();
    await expect.poll(() => where.innerText(), { timeout: 20_000 }).toBe(tr('tutor:dashboard.notPractising'));
    expect(await sameDocument()).toBe('still the same document');
    expect((await board(tutor)).find((s) => s.studentId === student.id)!.room).toBeNull();

    // Back into practice, then the app is closed: the dashboard shows the student offline.
    await studentPage
      .getByRole('navigation', { name: trx('shell:products') })
      .getByRole('link', { name: trx('tutor:product.label') })
      .click();
    await expect.poll(() => where.innerText(), { timeout: 20_000 }).toBe(tr('tutor:room.practice'));
    await studentPage.context().close();
    await expect
      .poll(() => tutorPage.getByTestId(`online-${student.id}`).innerText(), { timeout: 30_000 })
      .toBe(tr('tutor:dashboard.offline'));
    expect(browser.problems()).toEqual([]);
  });

  it('sets up both profiles, matches, practises a sentence scored word by word, and the tutor sees the statistics and sends feedback', async () => {
    const tutor = await server.signUp('teacher');
    const student = await server.signUp('learner');

    // The tutor creates a profile on the dashboard's first visit.
    const tutorPage = await browser.newPage({ account: tutor });
    await tutorPage.goto('/tutor/dashboard');
    await tutorPage.getByLabel(tr('tutor:setup.yourName')).fill('Mr Lee');
    await tutorPage.getByRole('button', { name: trx('tutor:setup.createTutor') }).click();
    await tutorPage.getByText(`Mr Lee · ${tr('tutor:dashboard.places', { taken: 0, max: 20 })}`).waitFor();
    expect(await server.api('GET', '/v1/tutor/profile', { token: tutor.accessToken })).toMatchObject({
      role: 'tutor',
      name: 'Mr Lee',
      isAccepting: true,
    });

    // The student creates theirs on the practice screen and asks the tutor to take them on.
    const studentPage = await browser.newPage({ account: student });
    await studentPage.goto('/tutor');
    await studentPage.getByLabel(tr('tutor:setup.yourName')).fill('Ji-woo');
    await studentPage.getByRole('button', { name: trx('tutor:setup.createStudent') }).click();
    const tutorRow = studentPage.locator('li', { hasText: 'Mr Lee' });
    await tutorRow.getByRole('button', { name: trx('tutor:myTutor.ask') }).click();
    await tutorRow.getByRole('button', { name: trx('tutor:myTutor.requested') }).waitFor();

    // The request reaches the dashboard live; the tutor approves it there.
    await tutorPage.getByText(tr('tutor:dashboard.requests', { n: 1 })).waitFor({ timeout: 20_000 });
    // The student's request carries its words in the student's language.
    await tutorPage.getByText(tr('tutor:myTutor.requestMessage'), { exact: false }).waitFor();
    await tutorPage.getByRole('button', { name: trx('tutor:dashboard.approve') }).click();
    await tutorPage.getByRole('cell', { name: 'Ji-woo' }).waitFor();
    const links = await server.api('GET', '/v1/tutor/tutors/mine', { token: student.accessToken });
    expect(links).toEqual([expect.objectContaining({ tutorId: tutor.id, status: 'active' })]);

    // Practice: reference audio for two sentences, then the first one "recorded" as the reference itself.
    await studentPage.reload();
    await studentPage.getByLabel(tr('tutor:practice.onePerLine')).fill('I would like a window seat, please.\nThe meeting starts at nine.');
    const prepared = studentPage.waitForResponse((r) => r.url().endsWith('/v1/tutor/practice/audio') && r.request().method() === 'POST');
    await studentPage.getByRole('button', { name: trx('tutor:practice.prepare') }).click();
    const sentences = (await (await prepared).json()) as { sessionId: string }[];
    const first = studentPage.getByLabel(tr('tutor:sentence.label', { n: 1 }), { exact: true });
    const play = first.getByRole('button', { name: trx('tutor:sentence.play') });
    await expect.poll(() => play.isEnabled(), { timeout: 60_000 }).toBe(true);
    await play.click();
    await first.getByLabel(tr('tutor:sentence.referenceAudio'), { exact: true }).waitFor();

    const audio = await server.api<{ audioFileId: string }[]>('GET', `/v1/tutor/practice/audio/${sentences[0]!.sessionId}`, {
      token: student.accessToken,
    });
    const wav = Buffer.from(
      await (
        await fetch(`${server.url}/v1/files/${audio[0]!.audioFileId}/content`, {
          headers: { authorization: `Bearer ${student.accessToken}` },
        })
      ).arrayBuffer(),
    );
    await first
      .getByLabel(tr('tutor:sentence.recordingFor', { n: 1 }))
      .setInputFiles({ name: 'take-1.wav', mimeType: 'audio/wav', buffer: wav });
    const score = first.getByLabel(tr('tutor:score.label'));
    await score.waitFor({ timeout: 30_000 });
    const words = await score.locator('.word').evaluateAll((els) => els.map((e) => [e.textContent, (e as HTMLElement).dataset.status]));
    expect(words.map((w) => w[0]!.toLowerCase().replace(/[^a-z]/g, ''))).toEqual(['i', 'would', 'like', 'a', 'window', 'seat', 'please']);
    expect(words.every((w) => w[1] === 'correct')).toBe(true);
    await expect(first.locator('.badge').innerText()).resolves.toMatch(/^100 · A/);
    expect(await studentPage.getByTestId('practice-summary').innerText()).toBe(
      `${tr('tutor:practice.scored', { scored: 1, total: 2 })} · ${tr('tutor:practice.average', { average: 100 })}`,
    );

    await studentPage.getByRole('button', { name: trx('tutor:practice.finish') }).click();
    await studentPage.getByText(tr('tutor:practice.saved')).waitFor();
    await expect.poll(() => studentPage.getByTestId('stat-sessions').innerText()).toBe('1');
    expect(await studentPage.getByTestId('stat-practice').innerText()).toBe('1');

    // The API holds what the page showed.
    const results = await server.api('GET', `/v1/tutor/students/${student.id}/results`, { token: tutor.accessToken });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ originalText: 'I would like a window seat, please.', overallScore: 100, missedWords: [] });
    // Today as the statistics count days (the deployment's time zone, Asia/Seoul), whatever the UTC date is.
    const stats = await server.api('GET', `/v1/tutor/students/${student.id}/statistics?days=1`, { token: tutor.accessToken });
    expect(stats).toHaveLength(1);
    expect(stats[0]).toMatchObject({ sessionsCount: 1, practiceCount: 1 });

    // The tutor opens the student: week and month charts, the result, and feedback that reaches the student live.
    await tutorPage.getByRole('cell', { name: 'Ji-woo' }).click();
    await tutorPage.getByRole('img', { name: trx('tutor:stats.barLabel', { count: 7 }) }).waitFor();
    await tutorPage.getByRole('img', { name: trx('tutor:stats.lineLabel', { count: 7 }) }).waitFor();
    await expect.poll(() => tutorPage.getByTestId('stat-sessions').innerText()).toBe('1');
    await tutorPage.getByRole('button', { name: trx('tutor:stats.month') }).click();
    await tutorPage.getByRole('img', { name: trx('tutor:stats.barLabel', { count: 30 }) }).waitFor();
    expect(
      await tutorPage
        .getByRole('img', { name: trx('tutor:stats.barLabel', { count: 30 }) })
        .locator('rect')
        .count(),
    ).toBe(60);
    await tutorPage.getByRole('cell', { name: 'I would like a window seat, please.' }).waitFor();

    await tutorPage.getByLabel(tr('tutor:feedback.messageTo', { name: 'Ji-woo' })).fill('Clear vowels. Try linking "would" and "like".');
    await tutorPage.getByRole('button', { name: trx('tutor:feedback.send') }).click();
    await tutorPage.getByText(tr('tutor:feedback.deliveredLive'), { exact: true }).waitFor();
    await studentPage.getByText('Clear vowels. Try linking "would" and "like".').waitFor({ timeout: 20_000 });
    const received = await server.api('GET', '/v1/tutor/feedback', { token: student.accessToken });
    expect(received[0]).toMatchObject({ message: 'Clear vowels. Try linking "would" and "like".', websocketSent: true, tutorId: tutor.id });
    expect(browser.problems()).toEqual([]);
  });

  it('works at phone width: the practice screen fits the screen', async () => {
    const { student } = await linkedPair();
    const page = await browser.newPage({ account: student, viewport: PHONE });
    await page.goto('/tutor');
    await page.getByRole('button', { name: trx('tutor:practice.prepare') }).waitFor();
    await page.getByRole('button', { name: trx('tutor:practice.prepare') }).click();
    await expect
      .poll(
        () =>
          page
            .getByLabel(tr('tutor:sentence.label', { n: 1 }), { exact: true })
            .getByRole('button', { name: trx('tutor:sentence.play') })
            .isEnabled(),
        { timeout: 60_000 },
      )
      .toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(browser.problems()).toEqual([]);
  });
});
