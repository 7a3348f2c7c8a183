import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, PHONE, type ConsoleBrowser } from './support/browser.js';
import { eventually } from './support/eventually.js';
import { tr, trx } from './support/i18n.js';
import { startServer, type Account, type ConsoleServer } from './support/server.js';

let server: ConsoleServer;
let browser: ConsoleBrowser;
let account: Account;

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser(server);
  account = await server.signUp('candidate');
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') console.error(`${await browser.diagnose()}\n--- server log ---\n${server.log().slice(-3000)}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const ANSWERS = [
  'I built an order service in TypeScript on PostgreSQL. The main trade-off was consistency against latency; I used idempotency keys so retries were safe, and p99 latency stayed under 50 ms.',
  'I add fields without removing old ones, version breaking changes, and run contract tests against the real clients before every release.',
  'First I read the query plan, then I add the index it is missing, and I confirm the fix with a benchmark on production-sized data.',
];

describe('interview console', () => {
  it('starts an interview by position, answers each question, and shows the scored report and the trend', async () => {
    const as = { token: account.accessToken };
    const page = await browser.newPage({ account });
    await page.goto('/interview');
    await page.getByText(tr('interview:home.empty')).waitFor();
    const form = page.getByRole('form', { name: trx('interview:home.start') });
    await form.getByLabel(tr('interview:home.position'), { exact: true }).selectOption('Backend Developer');
    await form.getByLabel(tr('interview:home.questions'), { exact: true }).selectOption('3');
    await form.getByRole('button', { name: trx('interview:home.submit') }).click();
    await page.waitForURL(/\/interview\/sessions\//);
    const sessionId = page.url().split('/').pop()!;

    for (const [i, text] of ANSWERS.entries()) {
      await page.getByText(tr('interview:session.progressOf', { number: i + 1, total: 3 })).waitFor();
      // The page asks the question the API holds as waiting.
      await eventually(
        async () => (await server.api('GET', `/v1/interview/sessions/${sessionId}`, as)).records[i]?.questionText,
      ).toBeTruthy();
      const held = await server.api('GET', `/v1/interview/sessions/${sessionId}`, as);
      await eventually(() => page.getByLabel(tr('interview:session.questionLabel'), { exact: true }).innerText()).toBe(
        held.records[i].questionText,
      );
      await page.getByRole('textbox', { name: trx('interview:session.answer') }).fill(text);
      await page
        .getByRole('button', { name: trx(i === ANSWERS.length - 1 ? 'interview:session.submitLast' : 'interview:session.submit') })
        .click();
      await eventually(async () => (await server.api('GET', `/v1/interview/sessions/${sessionId}`, as)).records[i].answerText).toBe(text);
    }

    // The report appears by itself once the evaluations are in.
    await page
      .getByRole('heading', { name: trx('interview:report.title', { position: 'Backend Developer' }) })
      .waitFor({ timeout: 60_000 });
    const report = await server.api('GET', `/v1/interview/sessions/${sessionId}`, as);
    expect(report.session.status).toBe('completed');
    expect(await page.getByLabel(tr('interview:report.overall'), { exact: true }).innerText()).toBe(
      String(report.session.overallEvaluation.score),
    );
    for (const r of report.records) {
      const card = page.getByRole('article', { name: trx('interview:session.question', { order: r.order }) });
      expect(await card.innerText()).toContain(`${r.evaluation.score} / 100`);
      expect(await card.innerText()).toContain(r.evaluation.feedback);
    }
    const strengths = await page.getByRole('list', { name: trx('interview:report.strengths') }).innerText();
    for (const s of report.session.overallEvaluation.strengths) expect(strengths).toContain(s);
    const improvements = await page.getByRole('list', { name: trx('interview:report.improvements') }).innerText();
    for (const s of report.session.overallEvaluation.improvements) expect(improvements).toContain(s);
    expect(await page.locator('main').innerText()).not.toMatch(/[{}[\]]"|"score":/);

    // Back on the start page: the session is listed with its score, and the trend chart has its point.
    await page.getByRole('link', { name: trx('interview:report.newInterview') }).click();
    await page.getByRole('cell', { name: `${report.session.overallScore} / 100` }).waitFor();
    const trend = await server.api('GET', '/v1/interview/trend?position=Backend%20Developer', as);
    expect(trend[0].points).toHaveLength(1);
    await page.getByRole('img', { name: trx('interview:home.chartLabel') }).waitFor();
    expect(await page.locator('.chart circle').count()).toBe(1);
    expect(browser.problems()).toEqual([]);
  });

  it('shows the report readably at phone width', async () => {
    const page = await browser.newPage({ account, viewport: PHONE });
    const [done] = (await server.api('GET', '/v1/interview/sessions', { token: account.accessToken })).items;
    await page.goto(`/interview/sessions/${done.id}`);
    await page.getByLabel(tr('interview:report.overall'), { exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(browser.problems()).toEqual([]);
  });
});
