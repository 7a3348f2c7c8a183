// Talking to a persona and to a role-play partner through the console: Chromium's fake microphone plays a
// sentence made by the server's offline speech, the page streams it on /v1/voice, and the test checks the
// captions shown and the turns the API holds afterwards.
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { toneWav } from './support/audio.js';
import { openBrowser, PHONE, type ConsoleBrowser } from './support/browser.js';
import { eventually, until } from './support/eventually.js';
import { tr, trx } from './support/i18n.js';
import { REPO, startServer, type Account, type ConsoleServer } from './support/server.js';
import { fakeMicrophoneFile, speak, wordErrorRate } from './support/speech.js';

let server: ConsoleServer;
/** The caption's speaker name before the user's words, and a turn's time to the first audio, in this run's language. */
const YOU = new RegExp(`^${tr('voice:captions.you')}\\s*`, 'i');
const FIRST_AUDIO = new RegExp(`${tr('voice:latency.firstAudio', { time: '' })}\\d`);
let browser: ConsoleBrowser | null = null;

beforeAll(async () => {
  // The recognizer of the server's own speech: deterministic, where pocketsphinx (when installed) is not.
  server = await startServer({ env: { AI_OFFLINE_TRAINING_STEP_MS: '100', AI_OFFLINE_RECOGNIZER: 'own-speech' } });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail' && browser)
    console.error(`${await browser.diagnose()}\n--- server log ---\n${server.log().slice(-3000)}`);
  await browser?.close();
  browser = null;
});

afterAll(async () => {
  await server?.stop();
});

/** A browser whose microphone says `sentence` (then 8 s of silence, in a loop). */
async function browserSaying(account: Account, sentence: string): Promise<ConsoleBrowser> {
  const file = fakeMicrophoneFile(await speak(server, account.accessToken, sentence));
  browser = await openBrowser(server, {
    args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${file}`],
  });
  return browser;
}

/** An ACTIVE call with a trained persona, set up through the API. */
async function activeCall(account: Account): Promise<string> {
  const as = { token: account.accessToken };
  const persona = await server.api('POST', '/v1/calls/personas', {
    ...as,
    body: { name: 'Grandma Rose', phoneNumber: '+82 10-1234-5678', relationship: 'grandmother', memo: 'She grew tomatoes.' },
  });
  const upload = await fetch(`${server.url}/v1/calls/personas/${persona.id}/voice-files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${account.accessToken}`, 'content-type': 'audio/wav', 'x-file-name': 'voicemail.wav' },
    body: new Uint8Array(toneWav()),
  });
  expect(upload.status, await upload.text()).toBe(201);
  await server.api('PUT', `/v1/calls/personas/${persona.id}/consent`, {
    ...as,
    body: { voiceOwner: 'Rose Kim', statement: 'I am her grandchild; our family agreed to keep her voice.' },
  });
  await server.api('POST', `/v1/calls/personas/${persona.id}/training`, as);
  await eventually(async () => (await server.api('GET', `/v1/calls/personas/${persona.id}/training`, as)).learningStatus).toBe('COMPLETED');
  const call = await server.api('POST', '/v1/calls/sessions', { ...as, body: { personaId: persona.id } });
  await server.api('POST', `/v1/calls/sessions/${call.id}/dial`, as);
  await server.api('POST', `/v1/calls/sessions/${call.id}/answer`, as);
  return call.id;
}

/** Counts the audio buffers the page schedules for playback (the reply's frames). */
async function countPlayback(page: Page) {
  await page.addInitScript(() => {
    const played = { frames: 0, seconds: 0 };
    (window as any).__played = played;
    const start = AudioBufferSourceNode.prototype.start;
    AudioBufferSourceNode.prototype.start = function (this: AudioBufferSourceNode, ...args: Parameters<typeof start>) {
      played.frames++;
      played.seconds += this.buffer?.duration ?? 0;
      return start.apply(this, args);
    };
  });
}

/** Presses Talk and waits for the first turn's captions: the user's final words, the reply, and its latency. */
async function talkOneTurn(page: Page, sentence: string) {
  await page.getByRole('button', { name: trx('voice:button.talkLabel') }).click();
  await page.getByRole('button', { name: trx('voice:button.stop') }).waitFor();
  const captions = page.getByLabel(tr('voice:captions.label'));
  const heard = captions.locator('.caption-user[data-final="true"]').first();
  await heard.waitFor({ timeout: 60_000 });
  const heardText = (await heard.innerText()).replace(YOU, '');
  expect(wordErrorRate(sentence, heardText), `heard “${heardText}” for “${sentence}”`).toBeLessThanOrEqual(0.4);
  await captions.locator('.caption-reply').first().waitFor({ timeout: 60_000 });
  await eventually(() => captions.getByLabel(tr('voice:captions.latency')).first().innerText(), 60_000).toMatch(FIRST_AUDIO);
  return heardText;
}

describe('live voice in the console', () => {
  it('a spoken call: captions as the user speaks, the reply heard, the turns stored with their latency', { timeout: 240_000 }, async () => {
    const account = await server.signUp('caller');
    const sentence = 'Hello grandma, how are you today?';
    const callId = await activeCall(account);
    const b = await browserSaying(account, sentence);
    const page = await b.newPage({ account });
    await countPlayback(page);
    await page.goto(`/calls/call/${callId}`);
    await page.locator('.page-header .badge', { hasText: tr('calls:callStatus.ACTIVE') }).waitFor();

    const heard = await talkOneTurn(page, sentence);
    // The reply's audio was played as it streamed: one scheduled buffer per 20 ms frame at 24 kHz.
    const played = await page.evaluate(() => (window as any).__played as { frames: number; seconds: number });
    expect(played.frames).toBeGreaterThan(10);
    expect(played.seconds).toBeCloseTo(played.frames * 0.02, 1);
    // The offline engine answered, and the page says so.
    await page.locator('.engine-note summary', { hasText: tr('voice:engine.offline') }).waitFor();

    // The API holds the turn as the captions showed it, and the persona's reply with its stages.
    const turns = await until(
      async () => (await server.api('GET', `/v1/calls/sessions/${callId}/turns`, { token: account.accessToken })) as any[],
      (ts) => ts.some((t) => t.speaker === 'persona' && t.stages),
      30_000,
    );
    const user = turns.find((t) => t.speaker === 'user')!;
    expect(user.text.toLowerCase().replace(/[^a-z ]/g, '')).toBe(heard.toLowerCase().replace(/[^a-z ]/g, ''));
    expect(wordErrorRate(sentence, user.text)).toBeLessThanOrEqual(0.4);
    const persona = turns.find((t) => t.speaker === 'persona')!;
    expect(persona.text.length).toBeGreaterThan(0);
    expect(persona.stages.totalMs).toBeGreaterThanOrEqual(0);
    expect(persona.stages.talkbaseMs).toBeGreaterThanOrEqual(0);
    // The call's turn list shows the stored stages next to the persona's words.
    await eventually(() => page.locator('.bubble-meta .turn-stages').first().innerText()).toMatch(FIRST_AUDIO);
    if (process.env.TALKBASE_SCREENSHOTS === '1') {
      await page.screenshot({ path: path.join(REPO, 'docs/screenshots/calls-voice-desktop.png') });
    }

    await page.getByRole('button', { name: trx('voice:button.stop') }).click();
    await page.getByRole('button', { name: trx('voice:button.talkLabel') }).waitFor();
    expect(b.problems()).toEqual([]);
  });

  it(
    'a spoken role-play: the student’s line and the partner’s reply stored as one turn with its latency',
    { timeout: 240_000 },
    async () => {
      const account = await server.signUp('student');
      const sentence = 'Could I have a large coffee with milk, please?';
      const conversation = await server.api('POST', '/v1/tutor/conversations', {
        token: account.accessToken,
        body: { role: 'barista', situation: 'Ordering a coffee at a busy café.', difficulty: '중' },
      });
      const b = await browserSaying(account, sentence);
      const page = await b.newPage({ account });
      await page.goto(`/tutor/role-play/${conversation.conversationId}`);
      await page.getByRole('heading', { name: /barista/i }).waitFor();

      const heard = await talkOneTurn(page, sentence);

      const stored = await until(
        async () =>
          (await server.api('GET', `/v1/tutor/conversations/${conversation.conversationId}`, { token: account.accessToken }))
            .turns as any[],
        (ts) => ts.length > 0 && !!ts[0].latency,
        30_000,
      );
      expect(stored[0].studentText.toLowerCase().replace(/[^a-z ]/g, '')).toBe(heard.toLowerCase().replace(/[^a-z ]/g, ''));
      expect(wordErrorRate(sentence, stored[0].studentText)).toBeLessThanOrEqual(0.4);
      expect(stored[0].latency.totalMs).toBeGreaterThanOrEqual(0);
      await eventually(() => page.locator('.bubble-meta .turn-stages').first().innerText()).toMatch(FIRST_AUDIO);

      // At phone width the captions and the controls fit the screen.
      await page.setViewportSize(PHONE);
      await page.getByRole('button', { name: trx('voice:button.stop') }).scrollIntoViewIfNeeded();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      if (process.env.TALKBASE_SCREENSHOTS === '1') await page.screenshot({ path: path.join(os.tmpdir(), 'talkbase-role-play-phone.png') });

      await page.getByRole('button', { name: trx('voice:button.stop') }).click();
      expect(b.problems()).toEqual([]);
    },
  );

  it('a spoken interview answer: the question is said first, the answer is stored as the spoken words', { timeout: 240_000 }, async () => {
    const account = await server.signUp('candidate');
    const as = { token: account.accessToken };
    const sentence = 'I led a small team that built a payments service.';
    const positions = await server.api<string[]>('GET', '/v1/interview/positions', as);
    const started = await server.api('POST', '/v1/interview/sessions', { ...as, body: { position: positions[0], questionCount: 3 } });
    const sessionId = started.session.id as string;
    const question = started.records[0].questionText as string;
    const b = await browserSaying(account, sentence);
    const page = await b.newPage({ account });
    await page.goto(`/interview/sessions/${sessionId}`);
    await page.getByLabel(tr('interview:session.questionLabel'), { exact: true }).waitFor();

    await page.getByRole('button', { name: trx('voice:button.talkLabel') }).click();
    const captions = page.getByLabel(tr('voice:captions.label'));
    // The open question is spoken first (the answer may talk over its end).
    await eventually(() => captions.locator('.caption-reply').first().innerText(), 60_000).toContain(
      question.split(' ').slice(0, 3).join(' '),
    );
    const heard = captions.locator('.caption-user[data-final="true"]').first();
    await heard.waitFor({ timeout: 60_000 });
    expect(wordErrorRate(sentence, (await heard.innerText()).replace(YOU, ''))).toBeLessThanOrEqual(0.4);

    const answered = await until(
      async () => (await server.api('GET', `/v1/interview/sessions/${sessionId}`, as)).records as any[],
      (rs) => rs[0].answerText !== null,
      30_000,
    );
    expect(answered[0].answerMode).toBe('audio');
    expect(wordErrorRate(sentence, answered[0].answerText)).toBeLessThanOrEqual(0.4);
    // The page moves on to the next question, and lists the answer as spoken.
    await page.getByText(tr('interview:session.question', { order: 2 }), { exact: true }).waitFor({ timeout: 30_000 });
    await page
      .getByText(new RegExp(`^${tr('interview:session.spoken')}`))
      .first()
      .waitFor();

    await page.getByRole('button', { name: trx('voice:button.stop') }).click();
    expect(b.problems()).toEqual([]);
  });
});
