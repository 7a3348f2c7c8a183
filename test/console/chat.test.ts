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
  account = await server.signUp('chatter');
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') console.error(`${await browser.diagnose()}\n--- server log ---\n${server.log().slice(-3000)}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('chat console', () => {
  it('picks a persona, streams a reply, regenerates into a branch, rates it and finds the conversation by title', async () => {
    const as = { token: account.accessToken };
    const page = await browser.newPage({ account });
    await page.goto('/chat');
    const personas = await server.api('GET', '/v1/chat/personas', as);
    expect(personas.length).toBeGreaterThanOrEqual(6);
    // Every persona is offered, with its avatar and description.
    await eventually(() => page.locator('.persona-card').count()).toBe(personas.length);
    const tutor = personas.find((p: { id: string }) => p.id === 'education-tutor');
    await page.getByRole('button', { name: tr('chat:home.chatWith', { name: tutor.name }) }).click();
    await page.waitForURL(/\/chat\/c\//);
    const conversationId = page.url().split('/').pop()!;

    await page.getByLabel(tr('chat:composer.message'), { exact: true }).fill('Can you explain what a prime number is?');
    await page.getByRole('button', { name: trx('chat:composer.send') }).click();
    const reply = page.locator('.message[data-role="assistant"] .bubble');
    await reply.first().waitFor();
    const stored = (await server.api('GET', `/v1/chat/conversations/${conversationId}/messages`, as)).items;
    expect(stored.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    expect(stored[0].content).toBe('Can you explain what a prime number is?');
    expect(await reply.first().innerText()).toBe(stored[1].content);
    // The title came from the first message; the list beside shows it.
    const conversation = await server.api('GET', `/v1/chat/conversations/${conversationId}`, as);
    expect(conversation.messageCount).toBe(2);
    await page
      .getByRole('navigation', { name: trx('chat:list.label') })
      .getByText(conversation.title)
      .waitFor();
    await page.getByLabel(tr('chat:message.emotionLabel', { emotion: tr(`chat:emotion.${stored[1].emotion}`) })).waitFor();

    await page.getByRole('button', { name: trx('chat:message.regenerate') }).click();
    await page
      .getByRole('group', { name: trx('chat:message.versions') })
      .or(page.getByLabel(tr('chat:message.versions')))
      .getByText('2/2')
      .waitFor();
    const branches = await server.api('GET', `/v1/chat/messages/${stored[1].id}/branches`, as);
    expect(branches).toHaveLength(2);
    // Back to the first version: the API now shows it as the active branch.
    await page.getByRole('button', { name: trx('chat:message.previousVersion') }).click();
    await page.getByLabel(tr('chat:message.versions')).getByText('1/2').waitFor();
    await eventually(async () => (await server.api('GET', `/v1/chat/conversations/${conversationId}/messages`, as)).items[1].id).toBe(
      stored[1].id,
    );
    expect(await reply.first().innerText()).toBe(stored[1].content);

    await page.getByRole('button', { name: trx('chat:message.good') }).click();
    await eventually(() => page.getByRole('button', { name: trx('chat:message.good') }).getAttribute('aria-pressed')).toBe('true');
    const rated = (await server.api('GET', `/v1/chat/conversations/${conversationId}/messages`, as)).items[1];
    expect(rated.feedback).toBe('up');

    // A second conversation, then search by the first one's title.
    await page.getByRole('link', { name: trx('chat:list.newChat') }).click();
    const other = personas.find((p: { id: string }) => p.id === 'business-assistant');
    await page.getByRole('button', { name: tr('chat:home.chatWith', { name: other.name }) }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/chat/c/') && !url.pathname.endsWith(conversationId));
    await page.getByLabel(tr('chat:composer.message'), { exact: true }).fill('Draft an agenda for a quarterly planning meeting');
    await page.getByRole('button', { name: trx('chat:composer.send') }).click();
    await page.locator('.message[data-role="assistant"]').first().waitFor();
    const list = page.getByRole('navigation', { name: trx('chat:list.label') });
    await eventually(() => list.getByRole('link').count()).toBe(2);
    await page.getByLabel(tr('chat:list.search')).fill('prime');
    await eventually(() => list.getByRole('link').count()).toBe(1);
    expect(await list.getByRole('link').innerText()).toContain(conversation.title);
    const found = await server.api('GET', '/v1/chat/conversations?q=prime', as);
    expect(found.items.map((c: { id: string }) => c.id)).toEqual([conversationId]);
    expect(browser.problems()).toEqual([]);
  });

  it('shows the conversation alone at phone width with a way back to the list', async () => {
    const page = await browser.newPage({ account, viewport: PHONE });
    const [first] = (await server.api('GET', '/v1/chat/conversations', { token: account.accessToken })).items;
    await page.goto(`/chat/c/${first.id}`);
    await page.locator('.message[data-role="assistant"]').first().waitFor();
    expect(await page.locator('.chat-list').isVisible()).toBe(false);
    await page.getByRole('link', { name: trx('chat:conversation.back') }).click();
    await page.waitForURL(/\/chat$/);
    await page.getByRole('navigation', { name: trx('chat:list.label') }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(browser.problems()).toEqual([]);
  });
});
