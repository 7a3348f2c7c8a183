import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TELECOM_FAQ } from '../../src/products/assist/telecom-faq.js';
import { openBrowser, type ConsoleBrowser } from './support/browser.js';
import { tr, trx } from './support/i18n.js';
import { startServer, type Account, type ConsoleServer } from './support/server.js';

let server: ConsoleServer;
let browser: ConsoleBrowser;
let admin: Account;
let agentSeq = 0;

beforeAll(async () => {
  // The assistant runs after every third final line, so a short call shows a summary and suggestions.
  server = await startServer({ env: { ASSIST_SUMMARY_EVERY_FINALS: '3' } });
  admin = await server.signUp('admin');
  await server.cli('admin', 'grant', admin.email);
  await server.api('POST', '/v1/assist/knowledge/documents', { token: admin.accessToken, body: { documents: TELECOM_FAQ } });
  browser = await openBrowser(server);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** An agent (made by the admin through the API) with a customer record of their own. */
async function agentWithCustomer(phoneNumber: string) {
  const agent = await server.signUp('agent');
  agentSeq++;
  await server.api('POST', '/v1/assist/agents', {
    token: admin.accessToken,
    body: { userId: agent.id, agentCode: `C-${agentSeq}-${agent.id.slice(-4)}`, agentName: `Agent Park ${agentSeq}` },
  });
  const customer = await server.api('POST', '/v1/assist/customers', {
    token: agent.accessToken,
    body: { customerName: '김민준', phoneNumber, membershipGrade: 'VIP', currentPlan: '5G 프리미엄', monthlyFee: 89000 },
  });
  return { agent, customer: customer as { id: string } };
}

const roomIdOf = (url: string) => /\/assist\/rooms\/([0-9a-f-]{36})/.exec(url)![1]!;

describe('assist console', () => {
  it('the agent’s room view shows the customer’s line as it is sent, without a reload (two users)', async () => {
    const { agent, customer } = await agentWithCustomer('010-5555-0101');
    const room = await server.api('POST', '/v1/assist/rooms', {
      token: agent.accessToken,
      body: { roomName: 'Live line check', customerId: customer.id },
    });
    const agentPage = await browser.newPage({ account: agent });
    await agentPage.goto(`/assist/rooms/${room.id}`);
    await agentPage.getByText(tr('assist:transcript.empty')).waitFor({ timeout: 20_000 });
    await agentPage.evaluate(() => ((window as any).__sameDocument = true));

    const caller = await server.signUp('caller');
    const callerPage = await browser.newPage({ account: caller });
    await callerPage.goto(`/assist/join/${room.id}?code=${room.joinCode}`);
    await callerPage.getByLabel(tr('assist:join.yourName')).fill('Min-jun');
    await callerPage.getByRole('button', { name: trx('assist:join.joinCall') }).click();
    await agentPage.getByText(tr('assist:room.callers', { names: 'Min-jun' })).waitFor({ timeout: 20_000 });

    const line = '로밍 요금이 얼마인가요?';
    await callerPage.getByLabel(tr('assist:composer.toAgent')).fill(line);
    await callerPage.getByRole('button', { name: trx('assist:composer.say') }).click();
    const bubble = agentPage.getByLabel(tr('assist:transcript.label')).getByText(line, { exact: true });
    await bubble.waitFor({ timeout: 20_000 });
    expect(await agentPage.evaluate(() => (window as any).__sameDocument)).toBe(true);
    expect(await agentPage.getByLabel(tr('assist:transcript.label')).locator('.bubble-meta').last().innerText()).toBe(
      `Min-jun · ${tr('assist:role.customer')}`,
    );

    const finals = await server.api('GET', `/v1/assist/rooms/${room.id}/transcripts`, { token: agent.accessToken });
    expect(finals).toEqual([expect.objectContaining({ text: line, speakerRole: 'customer', nickname: 'Min-jun', finalIndex: 1 })]);
    expect(browser.problems()).toEqual([]);
  });

  it('looks up the caller, runs a call with summary, intent and suggestions, accepts one, and ends the call into the history', async () => {
    const { agent, customer } = await agentWithCustomer('010-7777-0202');
    const agentPage = await browser.newPage({ account: agent });
    await agentPage.goto('/assist');
    // The desk asks for the agent record first: on a loaded machine that can take a while.
    await agentPage.getByLabel(tr('assist:desk.phone')).waitFor({ timeout: 60_000 });
    await agentPage.getByLabel(tr('assist:desk.phone')).fill('01077770202');
    await agentPage.getByRole('button', { name: trx('assist:desk.lookUp') }).click();
    await agentPage.getByText('김민준').waitFor();
    await agentPage.getByRole('button', { name: trx('assist:desk.openRoom') }).click();
    await agentPage.waitForURL(/\/assist\/rooms\//);
    const roomId = roomIdOf(agentPage.url());
    const code = await agentPage.getByTestId('join-code').innerText();

    // The customer's profile and (empty) history sit beside the transcript.
    await agentPage.getByRole('heading', { name: '김민준', exact: true }).waitFor();
    await agentPage.getByText(tr('assist:customer.history', { n: 0 })).waitFor();
    expect(await agentPage.locator('.facts').innerText()).toContain('5G 프리미엄');

    const caller = await server.signUp('caller');
    const callerPage = await browser.newPage({ account: caller });
    await callerPage.goto(`/assist/join/${roomId}?code=${code}`);
    await callerPage.getByLabel(tr('assist:join.yourName')).fill('Min-jun');
    await callerPage.getByRole('button', { name: trx('assist:join.joinCall') }).click();
    await callerPage.getByLabel(tr('assist:composer.toAgent')).waitFor();

    const script: ['agent' | 'customer', string][] = [
      ['agent', '안녕하세요, 고객센터입니다. 무엇을 도와드릴까요?'],
      ['customer', '다음 주에 일본에 가는데 해외에서 데이터를 쓰려면 어떻게 하나요? 로밍 요금이 얼마인가요?'],
      ['agent', '로밍 데이터 패스를 신청하시면 됩니다.'],
    ];
    for (const [who, text] of script) {
      const page = who === 'agent' ? agentPage : callerPage;
      await page.getByLabel(tr(who === 'agent' ? 'assist:composer.toCaller' : 'assist:composer.toAgent')).fill(text);
      await page.getByRole('button', { name: trx('assist:composer.say') }).click();
      await agentPage.getByLabel(tr('assist:transcript.label')).getByText(text, { exact: true }).waitFor({ timeout: 45_000 });
    }
    // Both sides see the whole call in order.
    await expect
      .poll(() => callerPage.getByLabel(tr('assist:transcript.label')).locator('.bubble').allInnerTexts(), { timeout: 20_000 })
      .toEqual(script.map(([, text]) => text));

    // After the third line the assistant's summary, the intent and suggestions arrive live.
    await agentPage.getByLabel(tr('assist:room.rollingSummary')).waitFor({ timeout: 60_000 });
    await expect.poll(() => agentPage.getByTestId('intent').innerText(), { timeout: 60_000 }).not.toBe('—');
    const suggestion = agentPage.getByLabel(tr('assist:suggestion.label'), { exact: true }).first();
    await suggestion.waitFor({ timeout: 60_000 });
    await suggestion.getByRole('button', { name: trx('assist:suggestion.accept') }).click();
    await suggestion.getByText(tr('assist:suggestion.accepted'), { exact: true }).waitFor();

    const assistance = await server.api('GET', `/v1/assist/rooms/${roomId}/assistant`, { token: agent.accessToken });
    expect(assistance.summaries[0]).toMatchObject({ lastSummarizedIndex: 3 });
    expect(await agentPage.getByLabel(tr('assist:room.rollingSummary')).innerText()).toContain(assistance.summaries[0].summaryText);
    const intent = assistance.results.find((r: { resultType: string }) => r.resultType === 'intent');
    // The intent's code, shown by its name in the page's language.
    expect(await agentPage.getByTestId('intent').getAttribute('data-intent')).toBe(intent.resultData.intent);
    expect(await agentPage.getByTestId('intent').innerText()).toBe(tr(`assist:intent.${intent.resultData.intent}`));
    expect(assistance.results.filter((r: { feedback: string | null }) => r.feedback === 'accepted')).toHaveLength(1);

    // Ending the call saves it: the final summary on the page, the session in the customer's history.
    await agentPage.getByRole('button', { name: trx('assist:room.endCall') }).click();
    await agentPage.getByTestId('final-summary').waitFor({ timeout: 30_000 });
    await callerPage.getByText(tr('assist:join.ended')).waitFor({ timeout: 20_000 });
    const record = await server.api('GET', `/v1/assist/customers/${customer.id}`, { token: agent.accessToken });
    expect(record.summary.consultationCount).toBe(1);
    const session = await server.api('GET', `/v1/assist/sessions/${record.history[0].sessionId}`, { token: agent.accessToken });
    expect(session.turns.map((t: { text: string }) => t.text)).toEqual(script.map(([, text]) => text));
    expect(await agentPage.getByTestId('final-summary').innerText()).toBe(session.session.finalSummary);

    // The desk lists the room as ended.
    await agentPage.getByRole('link', { name: trx('assist:room.backToDesk') }).click();
    await agentPage
      .getByRole('row', { name: new RegExp(tr('assist:desk.callWith', { name: '김민준' })) })
      .getByText(tr('assist:status.ended'), { exact: true })
      .waitFor();
    expect(browser.problems()).toEqual([]);
  });

  it('tells an account that is not an agent how to get there, and lets it join a call as the customer', async () => {
    const someone = await server.signUp('visitor');
    const page = await browser.newPage({ account: someone });
    await page.goto('/assist');
    await page.getByRole('heading', { name: trx('assist:desk.agentsOnly') }).waitFor();
    await expect(page.getByRole('button', { name: trx('assist:join.joinCall') }).isDisabled()).resolves.toBe(true);
    await page.getByLabel(tr('assist:desk.room'), { exact: true }).fill('not-a-room');
    await page.getByText(tr('assist:desk.roomIdLength')).waitFor();
    expect(browser.problems()).toEqual([]);
  });
});
