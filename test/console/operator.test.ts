import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { openAdminConsole } from './support/admin-console.js';
import type { ConsoleBrowser } from './support/browser.js';
import { BROWSER_LOCALE, tr, trx } from './support/i18n.js';
import type { Account, ConsoleServer } from './support/server.js';

let server: ConsoleServer;
let browser: ConsoleBrowser;
let admin: Account;
let page: Page;

beforeAll(async () => {
  ({ server, browser, admin, page } = await openAdminConsole('operator'));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const asAdmin = <T = any>(path: string) => server.api<T>('GET', path, { token: admin.accessToken });
const nav = (key: string) =>
  page
    .getByRole('navigation', { name: tr('shell:productPages', { product: tr('operator:product.label') }) })
    .getByRole('link', { name: trx(`operator:pages.${key}.nav`) });

describe('operator console', () => {
  it('lists users and disables and enables an account, which the API and sign-in then reflect', async () => {
    const member = await server.signUp('member');
    await page.goto('/operator');
    const row = page.getByRole('row', { name: new RegExp(member.email) });
    await row.waitFor({ timeout: 20_000 });
    expect(await page.getByRole('row', { name: new RegExp(admin.email) }).innerText()).toContain(tr('operator:users.admin'));
    await row.getByRole('button', { name: trx('operator:users.disable') }).click();
    await row.getByText(tr('operator:users.disabled'), { exact: true }).waitFor();
    const users = await asAdmin<{ items: { email: string; isActive: boolean }[] }>('/v1/admin/users?limit=100');
    expect(users.items.find((u) => u.email === member.email)!.isActive).toBe(false);
    const login = await fetch(`${server.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: member.email, password: member.password }),
    });
    expect(login.ok).toBe(false);

    await row.getByRole('button', { name: trx('operator:users.enable') }).click();
    await row.getByText(tr('operator:users.active'), { exact: true }).waitFor();
    const again = await asAdmin<{ items: { email: string; isActive: boolean }[] }>('/v1/admin/users?limit=100');
    expect(again.items.find((u) => u.email === member.email)!.isActive).toBe(true);
    expect(browser.problems()).toEqual([]);
  });

  it('creates a knowledge collection, imports a JSONL file with progress to the end, and shows the AI usage it caused', async () => {
    await page.goto('/operator/knowledge');
    await page.getByLabel(tr('operator:knowledge.new.name'), { exact: true }).fill('console-faq');
    await page.getByLabel(tr('operator:knowledge.new.description'), { exact: true }).fill('Questions from the console test');
    await page.getByRole('button', { name: trx('operator:knowledge.new.create') }).click();
    await page.getByRole('heading', { name: trx('operator:knowledge.imports.title', { name: 'console-faq' }) }).waitFor();

    const lines = [
      { content: 'Roaming in Japan costs 11,000 won a day with the data pass.', metadata: { category: 'roaming' } },
      { content: 'A bill can be paid by card or bank transfer until the 25th.', metadata: { category: 'billing' } },
      { content: 'Restart the router, then check the fiber light.', metadata: { category: 'internet' } },
    ];
    await page.getByLabel(tr('operator:knowledge.imports.file'), { exact: true }).setInputFiles({
      name: 'faq.jsonl',
      mimeType: 'application/jsonl',
      buffer: Buffer.from(lines.map((l) => JSON.stringify(l)).join('\n')),
    });
    // The import list answers slowly (as on a busy server or a slow link), so the import has ended before the
    // page first sees it: the collection's counts must be read again all the same.
    const slowList = async (route: Route) => {
      if (route.request().method() === 'GET') await new Promise((r) => setTimeout(r, 3000));
      await route.continue();
    };
    await page.route('**/v1/knowledge/collections/console-faq/imports?*', slowList);
    await page.getByRole('button', { name: trx('operator:knowledge.imports.import') }).click();
    const run = page.getByRole('row', { name: /faq\.jsonl/ });
    await run.getByText(tr('operator:knowledge.imports.states.completed'), { exact: true }).waitFor({ timeout: 60_000 });
    await page.unroute('**/v1/knowledge/collections/console-faq/imports?*', slowList);
    expect(await run.getByTestId('import-progress').innerText()).toBe('3 / 3');
    await expect.poll(async () => page.getByRole('row', { name: /console-faq/ }).innerText(), { timeout: 20_000 }).toMatch(/\b3\b/);

    const collection = await asAdmin('/v1/knowledge/collections/console-faq');
    expect(collection).toMatchObject({ chunkCount: 3, description: 'Questions from the console test' });
    const imports = await asAdmin('/v1/knowledge/collections/console-faq/imports');
    expect(imports.items).toEqual([expect.objectContaining({ fileName: 'faq.jsonl', status: 'completed', done: 3, total: 3 })]);

    // The import embedded three chunks: the AI usage page counts the same calls as the API.
    await nav('ai').click();
    await page.getByRole('heading', { name: trx('operator:pages.ai.title') }).waitFor();
    const usage = await asAdmin('/v1/admin/ai/usage');
    expect(usage.totals.calls).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('ai-calls').innerText()).toBe(usage.totals.calls.toLocaleString(BROWSER_LOCALE));
    const embed = usage.rows.find((r: { capability: string }) => r.capability === 'embed');
    const embedRow = page.getByRole('row', {
      name: new RegExp(`${embed.provider}.*${embed.model}.*${tr('operator:ai.capabilities.embed')}`),
    });
    expect(await embedRow.innerText()).toContain(String(embed.calls));
    await page.getByRole('img', { name: trx('operator:ai.chartLabel') }).waitFor();
    expect(browser.problems()).toEqual([]);
  });

  it('shows the open realtime connections with their user and channels, as the API lists them', async () => {
    const student = await server.signUp('watcher');
    await server.api('POST', '/v1/me/roles', { token: student.accessToken, body: { product: 'tutor', role: 'student' } });
    await server.api('PUT', '/v1/tutor/profile', { token: student.accessToken, body: { role: 'student', name: 'Watcher' } });
    const other = await browser.newPage({ account: student });
    await other.goto('/tutor');
    await other.getByRole('heading', { name: trx('tutor:pages.practice.title') }).waitFor();

    await nav('realtime').click();
    const row = page.getByRole('row', { name: new RegExp(student.email) });
    await row.waitFor({ timeout: 20_000 });
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).toMatch(/student/);
    // The page subscribes to its channels one after another: the list shows the first before the server holds all.
    let report: { total: number; items: { email: string; channels: string[] }[] } = { total: 0, items: [] };
    await expect
      .poll(
        async () => {
          report = await asAdmin('/v1/admin/realtime/connections');
          return report.items.find((c) => c.email === student.email)?.channels ?? [];
        },
        { timeout: 20_000 },
      )
      .toEqual(expect.arrayContaining([`student:${student.id}`, `user:${student.id}`]));
    await expect.poll(() => page.getByTestId('connections-total').innerText(), { timeout: 20_000 }).toBe(String(report.total));

    // The student closes the app: the connection leaves the list on the next refresh.
    await other.context().close();
    await row.waitFor({ state: 'detached', timeout: 30_000 });
    const after = await asAdmin('/v1/admin/realtime/connections');
    expect(after.items.some((c: { email: string }) => c.email === student.email)).toBe(false);
    expect(browser.problems()).toEqual([]);
  });

  it('shows the job queue with the state filter, and the system logs, as the API holds them', async () => {
    await nav('jobs').click();
    await page.getByRole('heading', { name: trx('operator:pages.jobs.title') }).waitFor();
    const jobs = await asAdmin('/v1/admin/jobs?state=completed');
    await page.getByLabel(tr('operator:jobs.stateFilter'), { exact: true }).selectOption('completed');
    if (jobs.items.length) {
      await page.getByRole('cell', { name: jobs.items[0].queue }).first().waitFor();
      // The queue summary names the queue too; the filtered job list comes after it, once loaded.
      await expect
        .poll(() => page.locator('tbody tr').last().innerText(), { timeout: 20_000 })
        .toContain(tr('operator:jobs.state.completed'));
    } else {
      await page.getByText(tr('operator:jobs.emptyIn', { state: tr('operator:jobs.state.completed').toLowerCase() })).waitFor();
    }
    const failed = await asAdmin('/v1/admin/jobs?state=failed');
    const totalFailed = failed.queues.reduce((n: number, q: { failed: number }) => n + q.failed, 0);
    expect(await page.getByTestId('jobs-failed').innerText()).toBe(String(totalFailed));

    await nav('logs').click();
    await page.getByRole('heading', { name: trx('operator:pages.logs.title') }).waitFor();
    const logs = await asAdmin('/v1/admin/logs?limit=30');
    if (logs.items.length) await page.getByRole('cell', { name: logs.items[0].message }).first().waitFor();
    else await page.getByText(tr('operator:logs.empty')).waitFor();
    // Context is shown as fields, never as a JSON document.
    expect(await page.locator('main, .content').first().innerText()).not.toMatch(/[{[]"/);
    expect(browser.problems()).toEqual([]);
  });

  it('is for admins only: a member sees no operator product and no operator data', async () => {
    const member = await server.signUp('plain');
    const memberPage = await browser.newPage({ account: member });
    await memberPage.goto('/');
    const products = await memberPage
      .getByRole('navigation', { name: tr('shell:products') })
      .getByRole('link')
      .allInnerTexts();
    expect(products).not.toContain(tr('operator:product.label'));
    await memberPage.goto('/operator');
    await memberPage.getByRole('heading', { name: trx('shell:pageNotFound') }).waitFor();
    const res = await fetch(`${server.url}/v1/admin/realtime/connections`, { headers: { authorization: `Bearer ${member.accessToken}` } });
    expect(res.status).toBe(403);
    expect(browser.problems()).toEqual([]);
  });
});
