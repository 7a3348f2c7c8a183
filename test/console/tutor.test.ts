import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, PHONE, type ConsoleBrowser } from './support/browser.js';
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
    await expect.poll(() => where.innerText(), { timeout: 20_000 }).toBe('Not practising');
    expect(await tutorPage.getByTestId(`online-${student.id}`).innerText()).toBe('Offline');
    const sameDocument = await countLoads(tutorPage);

    const studentPage = await browser.newPage({ account: student });
    await studentPage.goto('/tutor');
    await studentPage.getByRole('heading', { name: 'Speaking practice' }).waitFor();

    await expect.poll(() => where.innerText(), { timeout: 20_000 }).toBe('In practice');
    await expect.poll(() => tutorPage.getByTestId(`online-${student.id}`).innerText(), { timeout: 20_000 }).toBe('Online');
    expect(await sameDocument()).toBe('still the same document');
    // Read until it agrees: under load the board's answer was seen to trail the page by a moment.
    await expect
      .poll(async () => (await board(tutor)).find((s) => s.studentId === student.id), { timeout: 20_000 })
      .toMatchObject({ room: 'practice', online: true });

    // The student leaves practice for the home page: the dashboard follows, still without a reload.
    await studentPage.getByRole('navigation', { name: 'Products' }).getByRole('link', { name: 'Home' }).click();
    await expect.poll(() => where.innerText(), { timeout: 20_000 }).toBe('Not practising');
    expect(await sameDocument()).toBe('still the same document');
    expect((await board(tutor)).find((s) => s.studentId === student.id)!.room).toBeNull();

    // Back into practice, then the app is closed: the dashboard shows the student offline.
    await studentPage.getByRole('navigation', { name: 'Products' }).getByRole('link', { name: 'Tutor' }).click();
    await expect.poll(() => where.innerText(), { timeout: 20_000 }).toBe('In practice');
    await studentPage.context().close();
    await expect.poll(() => tutorPage.getByTestId(`online-${student.id}`).innerText(), { timeout: 30_000 }).toBe('Offline');
    expect(browser.problems()).toEqual([]);
  });

  it('sets up both profiles, matches, practises a sentence scored word by word, and the tutor sees the statistics and sends feedback', async () => {
    const tutor = await server.signUp('teacher');
    const student = await server.signUp('learner');

    // The tutor creates a profile on the dashboard's first visit.
    const tutorPage = await browser.newPage({ account: tutor });
    await tutorPage.goto('/tutor/dashboard');
    await tutorPage.getByLabel('Your name').fill('Mr Lee');
    await tutorPage.getByRole('button', { name: 'Create my tutor profile' }).click();
    await tutorPage.getByText('Mr Lee · 0 of 20 places taken').waitFor();
    expect(await server.api('GET', '/v1/tutor/profile', { token: tutor.accessToken })).toMatchObject({
      role: 'tutor',
      name: 'Mr Lee',
      isAccepting: true,
    });

    // The student creates theirs on the practice screen and asks the tutor to take them on.
    const studentPage = await browser.newPage({ account: student });
    await studentPage.goto('/tutor');
    await studentPage.getByLabel('Your name').fill('Ji-woo');
    await studentPage.getByRole('button', { name: 'Create my student profile' }).click();
    const tutorRow = studentPage.locator('li', { hasText: 'Mr Lee' });
    await tutorRow.getByRole('button', { name: 'Ask to join' }).click();
    await tutorRow.getByRole('button', { name: 'Requested' }).waitFor();

    // The request reaches the dashboard live; the tutor approves it there.
    await tutorPage.getByText(/Requests \(1\)/).waitFor({ timeout: 20_000 });
    await tutorPage.getByRole('button', { name: 'Approve' }).click();
    await tutorPage.getByRole('cell', { name: 'Ji-woo' }).waitFor();
    const links = await server.api('GET', '/v1/tutor/tutors/mine', { token: student.accessToken });
    expect(links).toEqual([expect.objectContaining({ tutorId: tutor.id, status: 'active' })]);

    // Practice: reference audio for two sentences, then the first one "recorded" as the reference itself.
    await studentPage.reload();
    await studentPage.getByLabel('One sentence per line').fill('I would like a window seat, please.\nThe meeting starts at nine.');
    const prepared = studentPage.waitForResponse((r) => r.url().endsWith('/v1/tutor/practice/audio') && r.request().method() === 'POST');
    await studentPage.getByRole('button', { name: 'Prepare reference audio' }).click();
    const sentences = (await (await prepared).json()) as { sessionId: string }[];
    const first = studentPage.getByLabel('Sentence 1');
    await expect.poll(() => first.getByRole('button', { name: 'Play reference' }).isEnabled(), { timeout: 60_000 }).toBe(true);
    await first.getByRole('button', { name: 'Play reference' }).click();
    await first.getByLabel('Reference audio').waitFor();

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
    await first.getByLabel('Recording for sentence 1').setInputFiles({ name: 'take-1.wav', mimeType: 'audio/wav', buffer: wav });
    const score = first.getByLabel('Pronunciation score');
    await score.waitFor({ timeout: 30_000 });
    const words = await score.locator('.word').evaluateAll((els) => els.map((e) => [e.textContent, (e as HTMLElement).dataset.status]));
    expect(words.map((w) => w[0]!.toLowerCase().replace(/[^a-z]/g, ''))).toEqual(['i', 'would', 'like', 'a', 'window', 'seat', 'please']);
    expect(words.every((w) => w[1] === 'correct')).toBe(true);
    await expect(first.locator('.badge').innerText()).resolves.toMatch(/^100 · A/);
    expect(await studentPage.getByTestId('practice-summary').innerText()).toBe('1 of 2 scored · average 100');

    await studentPage.getByRole('button', { name: 'Finish session' }).click();
    await studentPage.getByText('Session saved to today’s statistics').waitFor();
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
    await tutorPage
      .getByRole('img', { name: /last 7 days/ })
      .first()
      .waitFor();
    await expect.poll(() => tutorPage.getByTestId('stat-sessions').innerText()).toBe('1');
    await tutorPage.getByRole('button', { name: 'Month' }).click();
    await tutorPage.getByRole('img', { name: 'Sessions and sentences per day over the last 30 days' }).waitFor();
    expect(
      await tutorPage
        .getByRole('img', { name: /last 30 days/ })
        .first()
        .locator('rect')
        .count(),
    ).toBe(60);
    await tutorPage.getByRole('cell', { name: 'I would like a window seat, please.' }).waitFor();

    await tutorPage.getByLabel('Message to Ji-woo').fill('Clear vowels. Try linking "would" and "like".');
    await tutorPage.getByRole('button', { name: 'Send feedback' }).click();
    await tutorPage.getByText('Delivered live', { exact: true }).waitFor();
    await studentPage.getByText('Clear vowels. Try linking "would" and "like".').waitFor({ timeout: 20_000 });
    const received = await server.api('GET', '/v1/tutor/feedback', { token: student.accessToken });
    expect(received[0]).toMatchObject({ message: 'Clear vowels. Try linking "would" and "like".', websocketSent: true, tutorId: tutor.id });
    expect(browser.problems()).toEqual([]);
  });

  it('works at phone width: the practice screen fits the screen', async () => {
    const { student } = await linkedPair();
    const page = await browser.newPage({ account: student, viewport: PHONE });
    await page.goto('/tutor');
    await page.getByRole('button', { name: 'Prepare reference audio' }).waitFor();
    await page.getByRole('button', { name: 'Prepare reference audio' }).click();
    await expect
      .poll(() => page.getByLabel('Sentence 1').getByRole('button', { name: 'Play reference' }).isEnabled(), { timeout: 60_000 })
      .toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(browser.problems()).toEqual([]);
  });
});
