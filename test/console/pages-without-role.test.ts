// Pages opened by an account without what they are for — not a tutor or student yet, not an agent, a persona without
// consent, a room it is not in — say so as a state of the page. Nothing is thrown, and the browser's console shows no
// error: a request the console knows will be refused is not sent (the browser logs every 403 and 404 it receives).
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type ConsoleBrowser } from './support/browser.js';
import { tr, trx } from './support/i18n.js';
import { startServer, type Account, type ConsoleServer } from './support/server.js';

let server: ConsoleServer;
let browser: ConsoleBrowser;
let newcomer: Account;
let roomId: string;

beforeAll(async () => {
  server = await startServer();
  const agent = await server.signUp('agent');
  await server.cli('admin', 'grant', agent.email);
  browser = await openBrowser(server);
  newcomer = await server.signUp('newcomer');
  const as = { token: agent.accessToken };
  await server.api('POST', '/v1/assist/agents', { ...as, body: { userId: agent.id, agentCode: 'A-0900', agentName: 'Agent Kang' } });
  const room = await server.api('POST', '/v1/assist/rooms', { ...as, body: { roomName: '요금제 문의' } });
  roomId = room.id;
  // The newcomer is the caller in that room: a peer, not its agent.
  await server.api('POST', `/v1/assist/rooms/${roomId}/join`, {
    token: newcomer.accessToken,
    body: { nickname: '고객', joinCode: room.joinCode },
  });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') console.error(`${await browser.diagnose()}\n--- server log ---\n${server.log().slice(-3000)}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Every console error and uncaught error of the page, with where it came from. */
function watch(page: Page) {
  const errors: { text: string; url: string }[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push({ text: `${page.url()}: ${m.text()}`, url: m.location().url });
  });
  page.on('pageerror', (err) => errors.push({ text: `${page.url()}: uncaught ${err.message}`, url: page.url() }));
  return errors;
}

async function visit(page: Page, path: string, shows: string) {
  await page.goto(path);
  await page.getByText(shows).first().waitFor();
  await page.waitForLoadState('networkidle');
}

describe('pages opened without their role', () => {
  it('tutor, assist and consent pages show what is missing, with no error in the console', async () => {
    const persona = await server.api('POST', '/v1/calls/personas', {
      token: newcomer.accessToken,
      body: { name: 'Grandpa Lee', phoneNumber: '010-2222-3333' },
    });
    const page = await browser.newPage({ account: newcomer });
    const errors = watch(page);

    await visit(page, '/tutor', tr('tutor:setup.createStudent'));
    await visit(page, '/tutor/dashboard', tr('tutor:setup.createTutor'));
    await visit(page, '/tutor/role-play', tr('tutor:rolePlay.mine'));
    await visit(page, '/assist', tr('assist:desk.agentsOnly'));
    await visit(page, `/assist/rooms/${roomId}`, tr('assist:room.agentView'));
    await visit(page, `/calls/personas/${persona.id}`, tr('calls:needs.both'));
    await page.getByRole('button', { name: trx('calls:consent.submit') }).waitFor();

    expect(errors.map((e) => e.text)).toEqual([]);
    expect(browser.problems()).toEqual([]);
  });

  it('a room that does not exist (or that the account is not in) is a page saying so', async () => {
    const page = await browser.newPage({ account: newcomer });
    const errors = watch(page);
    const missing = '01900000-0000-7000-8000-000000000000';
    await visit(page, `/assist/rooms/${missing}`, tr('assist:room.notFound'));
    await page.getByRole('link', { name: trx('assist:room.backToCenter') }).waitFor();
    // Only the browser's own line for the one answer that says so (404 for this room): the console asks nothing else
    // in vain and throws nothing.
    expect(errors.filter((e) => !e.url.endsWith(`/v1/assist/rooms/${missing}`)).map((e) => e.text)).toEqual([]);
    expect(errors.every((e) => /status of 404/.test(e.text))).toBe(true);
  });
});
