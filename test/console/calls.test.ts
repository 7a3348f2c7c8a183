import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toneWav } from './support/audio.js';
import { openBrowser, type ConsoleBrowser } from './support/browser.js';
import { eventually } from './support/eventually.js';
import { tr, trx } from './support/i18n.js';
import { startServer, type Account, type ConsoleServer } from './support/server.js';

let server: ConsoleServer;
let browser: ConsoleBrowser;
let account: Account;

beforeAll(async () => {
  server = await startServer({ env: { AI_OFFLINE_TRAINING_STEP_MS: '150' } });
  browser = await openBrowser(server);
  account = await server.signUp('caller');
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') console.error(`${await browser.diagnose()}\n--- server log ---\n${server.log().slice(-3000)}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('calls console', () => {
  it('adds a person, uploads a voice, records consent, trains, calls, talks and hangs up', async () => {
    const as = { token: account.accessToken };
    const page = await browser.newPage({ account });
    await page.goto('/calls');
    await page.getByText(tr('calls:phonebook.empty')).waitFor();

    await page.getByRole('button', { name: trx('calls:phonebook.add') }).click();
    const form = page.getByRole('form', { name: trx('calls:addPerson.title') });
    await form.getByLabel(tr('calls:addPerson.name')).fill('Grandma Rose');
    await form.getByLabel(tr('calls:addPerson.phone')).fill('+82 10-1234-5678');
    await form.getByLabel(tr('calls:addPerson.relationship')).fill('grandmother');
    await form.getByLabel(tr('calls:addPerson.memo')).fill('She grew tomatoes every summer and always asked whether I had eaten.');
    await form.getByRole('button', { name: trx('calls:addPerson.save') }).click();
    await page.getByRole('heading', { name: 'Grandma Rose' }).waitFor();
    const [persona] = await server.api('GET', '/v1/calls/personas', as);
    expect(persona).toMatchObject({
      name: 'Grandma Rose',
      phoneNumber: '+82 10-1234-5678',
      relationship: 'grandmother',
      learningStatus: 'NOT_STARTED',
    });
    expect(page.url()).toContain(`/calls/personas/${persona.id}`);
    // Calling waits for a trained voice, and training waits for a recording and the consent: the page says which.
    expect(await page.getByRole('button', { name: trx('calls:persona.call', { name: 'Grandma' }) }).isDisabled()).toBe(true);
    const startTraining = page.getByRole('button', { name: trx('calls:training.start') });
    const needs = page.getByTestId('training-needs');
    await eventually(() => needs.innerText()).toBe(tr('calls:needs.both'));
    expect(await startTraining.isDisabled()).toBe(true);
    expect(await startTraining.getAttribute('aria-describedby')).toBe(await needs.getAttribute('id'));

    await page
      .getByLabel(tr('calls:voiceFiles.fileInput'))
      .setInputFiles({ name: 'grandma-voicemail.wav', mimeType: 'audio/wav', buffer: toneWav() });
    await page.getByRole('cell', { name: 'grandma-voicemail.wav', exact: true }).waitFor();
    const voices = await server.api('GET', `/v1/calls/personas/${persona.id}/voice-files`, as);
    expect(voices).toHaveLength(1);
    expect(voices[0]).toMatchObject({ fileName: 'grandma-voicemail.wav' });
    expect(voices[0].aiFileId).toBeTruthy();

    // With the recording, the consent is what is missing.
    await eventually(() => needs.innerText()).toBe(tr('calls:needs.consent'));
    expect(await startTraining.isDisabled()).toBe(true);

    const consent = page.getByRole('form', { name: trx('calls:consent.title') });
    await consent.getByLabel(tr('calls:consent.whoseField')).fill('Rose Kim');
    await consent.getByLabel(tr('calls:consent.yourStatement')).fill('I am her grandchild; our family agreed to keep her voice.');
    await consent.getByRole('button', { name: trx('calls:consent.submit') }).click();
    await page.getByText(tr('calls:consent.recorded'), { exact: true }).waitFor();
    expect(await server.api('GET', `/v1/calls/personas/${persona.id}/consent`, as)).toMatchObject({ voiceOwner: 'Rose Kim' });
    expect((await server.api('GET', `/v1/calls/personas/${persona.id}/training`, as)).missing).toEqual([]);

    await eventually(() => startTraining.isEnabled()).toBe(true);
    expect(await needs.count()).toBe(0);
    await startTraining.click();
    // The status follows the engine live until the voice is ready.
    await page.getByText(tr('calls:trainingStatus.COMPLETED')).first().waitFor({ timeout: 60_000 });
    expect((await server.api('GET', `/v1/calls/personas/${persona.id}/training`, as)).learningStatus).toBe('COMPLETED');

    await page.getByRole('button', { name: trx('calls:persona.call', { name: 'Grandma' }) }).click();
    await page.waitForURL(/\/calls\/call\//);
    const callId = page.url().split('/').pop()!;
    expect((await server.api('GET', `/v1/calls/sessions/${callId}`, as)).status).toBe('INIT');
    await page.getByRole('button', { name: trx('calls:call.dial') }).click();
    await page.locator('.page-header .badge', { hasText: tr('calls:callStatus.ACTIVE') }).waitFor();
    expect((await server.api('GET', `/v1/calls/sessions/${callId}`, as)).status).toBe('ACTIVE');

    await page.getByLabel(tr('calls:call.message'), { exact: true }).fill('Hi Grandma, I planted tomatoes this year, like you did.');
    await page.getByRole('button', { name: trx('calls:call.send') }).click();
    const reply = page.locator('.bubble[data-speaker="persona"]').first();
    await reply.waitFor();
    const turns = await server.api('GET', `/v1/calls/sessions/${callId}/turns`, as);
    expect(turns.map((t: { speaker: string }) => t.speaker)).toEqual(['user', 'persona']);
    expect(await reply.innerText()).toBe(turns[1].text);
    // The persona's latencies are shown next to its words.
    await eventually(() => page.locator('.bubble-meta').nth(1).innerText()).toMatch(
      new RegExp(`${tr('calls:turn.reply', { time: '' })}\\d`),
    );

    // Talking live is one button away (test/console/voice.test.ts speaks through it).
    await page.getByRole('button', { name: trx('voice:button.talkLabel') }).waitFor();

    await page.getByRole('button', { name: trx('calls:call.hangUp') }).click();
    await page.locator('.page-header .badge', { hasText: tr('calls:callStatus.ENDED') }).waitFor();
    await page.getByText(tr('calls:ended.user_hangup')).waitFor();
    expect(await server.api('GET', `/v1/calls/sessions/${callId}`, as)).toMatchObject({ status: 'ENDED', endedReason: 'user_hangup' });
    const logs = await server.api('GET', '/v1/calls/logs', as);
    expect(logs.items).toHaveLength(1);
    expect(logs.items[0]).toMatchObject({ callSessionId: callId, endedReason: 'user_hangup' });

    await page
      .getByRole('link', { name: trx('calls:pages.recent.nav') })
      .first()
      .click();
    await page.getByRole('heading', { name: trx('calls:pages.recent.title') }).waitFor();
    await page.getByRole('cell', { name: 'Grandma Rose', exact: true }).waitFor();
    expect(browser.problems()).toEqual([]);
  });

  it('the phone field’s pattern compiles as browsers compile it (v flag), and the browser refuses a number with letters', async () => {
    const dialer = await server.signUp('dialer');
    const page = await browser.newPage({ account: dialer });
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await page.goto('/calls');
    await page.getByText(tr('calls:phonebook.empty')).waitFor();
    await page.getByRole('button', { name: trx('calls:phonebook.add') }).click();
    const form = page.getByRole('form', { name: trx('calls:addPerson.title') });
    const phone = form.getByLabel(tr('calls:addPerson.phone'));
    const pattern = (await phone.getAttribute('pattern'))!;
    expect(
      await page.evaluate((p) => {
        try {
          new RegExp(`^(?:${p})$`, 'v');
          return 'compiles';
        } catch (err) {
          return String(err);
        }
      }, pattern),
    ).toBe('compiles');

    await form.getByLabel(tr('calls:addPerson.name')).fill('Wrong Number');
    await phone.fill('call me maybe');
    expect(await phone.evaluate((el: HTMLInputElement) => el.validity.patternMismatch)).toBe(true);
    await form.getByRole('button', { name: trx('calls:addPerson.save') }).click();
    // The browser keeps the form: nothing reached the server.
    await page.waitForTimeout(500);
    expect(await server.api('GET', '/v1/calls/personas', { token: dialer.accessToken })).toEqual([]);
    expect(await form.isVisible()).toBe(true);

    for (const ok of ['+82 (10) 1234-5678', '010.1234.5678', '02/123/4567']) {
      await phone.fill(ok);
      expect(await phone.evaluate((el: HTMLInputElement) => el.validity.valid)).toBe(true);
    }
    await form.getByRole('button', { name: trx('calls:addPerson.save') }).click();
    await page.getByRole('heading', { name: 'Wrong Number' }).waitFor();
    expect(consoleErrors.filter((e) => /pattern/i.test(e))).toEqual([]);
    expect(browser.problems()).toEqual([]);
  });
});
