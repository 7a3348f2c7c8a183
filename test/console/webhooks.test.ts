import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { openAdminConsole } from './support/admin-console.js';
import type { ConsoleBrowser } from './support/browser.js';
import { tr, trx } from './support/i18n.js';
import type { Account, ConsoleServer } from './support/server.js';

interface Hit {
  webhookId: string;
  verified: boolean;
  type: string | null;
}

let server: ConsoleServer;
let browser: ConsoleBrowser;
let admin: Account;
let page: Page;
let secret = '';
/** The status the receiver answers to its n-th request. */
let answer: (n: number) => number = () => 204;
const hits: Hit[] = [];
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    let hit: Hit = { webhookId: String(req.headers['webhook-id']), verified: false, type: null };
    try {
      const event = new Webhook(secret).verify(body, req.headers as Record<string, string>) as { type: string };
      hit = { ...hit, verified: true, type: event.type };
    } catch {
      // recorded unverified; the test fails on it
    }
    hits.push(hit);
    res.statusCode = hit.verified ? answer(hits.length) : 401;
    res.end();
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  // One retry a second after the first failure, so the test sees a retry without waiting long.
  ({ server, browser, admin, page } = await openAdminConsole('hooks', {
    env: { TALKBASE_WEBHOOK_RETRIES: '1', TALKBASE_WEBHOOK_RETRY_SECONDS: '1' },
  }));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((r) => receiver.close(r));
});

/** The start of an attempt's line as the page writes it, up to its latency. */
const attempt = (key: 'attempt' | 'attemptByHand', n: number, answer: number) =>
  tr(`operator:webhooks.deliveries.${key}`, { n, answer, ms: '' })
    .replace(/\s*ms$/, '')
    .trimEnd();

describe('webhooks console page', () => {
  it('registers an endpoint showing its secret once, lists its verified deliveries with each attempt, and redelivers one', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/talkbase`;
    await page.goto('/operator/webhooks');
    await page.getByRole('heading', { name: trx('operator:pages.webhooks.title') }).waitFor();
    await page.getByText(tr('operator:webhooks.table.empty')).waitFor();

    // The server names the bad field.
    await page.getByLabel(tr('operator:webhooks.new.url'), { exact: true }).fill('ftp://example.com/hook');
    await page.getByRole('checkbox', { name: /tutor\.session\.completed/ }).check();
    await page.getByRole('button', { name: trx('operator:webhooks.new.create') }).click();
    await page.getByText('must be an http:// or https:// URL').waitFor();

    await page.getByLabel(tr('operator:webhooks.new.url'), { exact: true }).fill(url);
    await page.getByLabel(tr('operator:webhooks.new.description'), { exact: true }).fill('상담 CRM');
    await page.getByRole('button', { name: trx('operator:webhooks.new.create') }).click();
    const shown = page.getByTestId('webhook-secret');
    await shown.waitFor();
    secret = (await shown.innerText()).trim();
    expect(secret).toMatch(/^whsec_/);
    const listed = await server.api<{ items: { id: string; url: string; eventTypes: string[] }[] }>('GET', '/v1/admin/webhooks', {
      token: admin.accessToken,
    });
    expect(listed.items).toEqual([expect.objectContaining({ url, eventTypes: ['tutor.session.completed'] })]);
    const endpointId = listed.items[0]!.id;
    await page.getByRole('button', { name: trx('operator:webhooks.secret.stored') }).click();
    await shown.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('row', { name: new RegExp(url) }).waitFor();
    expect(await page.content()).not.toContain(secret);

    // A student ends a practice session: the receiver first answers 500, then takes the retry.
    answer = (n) => (n === 1 ? 500 : 204);
    const student = await server.signUp('student');
    await server.api('POST', '/v1/me/roles', { token: student.accessToken, body: { product: 'tutor', role: 'student' } });
    await server.api('PUT', '/v1/tutor/profile', { token: student.accessToken, body: { role: 'student', name: '학생' } });
    const session = await server.api('POST', '/v1/tutor/sessions', { token: student.accessToken, body: { sessionType: 'practice' } });
    await server.api('POST', `/v1/tutor/sessions/${session.id}/end`, {
      token: student.accessToken,
      body: { duration: 60, speakingDuration: 30 },
    });

    await page.getByRole('button', { name: trx('operator:webhooks.deliveries.refresh') }).click();
    // The delivery's row (the endpoint's row names the event too, but has no Redeliver button).
    const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: trx('operator:webhooks.deliveries.redeliver') }) });
    await row.getByText(tr('operator:webhooks.deliveries.states.delivered'), { exact: true }).waitFor({ timeout: 30_000 });
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toContain(attempt('attempt', 2, 204));
    expect(await row.innerText()).toContain(attempt('attempt', 1, 500));
    const [delivery] = (
      await server.api<{ items: { id: string; messageId: string; attempts: number }[] }>(
        'GET',
        `/v1/admin/webhooks/${endpointId}/deliveries`,
        { token: admin.accessToken },
      )
    ).items;
    expect(delivery!.attempts).toBe(2);

    await row.getByRole('button', { name: trx('operator:webhooks.deliveries.redeliver') }).click();
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain(attempt('attemptByHand', 3, 204));
    expect(hits.map((h) => [h.verified, h.type, h.webhookId])).toEqual([
      [true, 'tutor.session.completed', delivery!.messageId],
      [true, 'tutor.session.completed', delivery!.messageId],
      [true, 'tutor.session.completed', delivery!.messageId],
    ]);
    expect(browser.problems()).toEqual([]);
  });
});
