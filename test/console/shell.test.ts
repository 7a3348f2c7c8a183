import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openBrowser, PHONE, type ConsoleBrowser } from './support/browser.js';
import { eventually } from './support/eventually.js';
import { tr, trx } from './support/i18n.js';
import { startServer, type ConsoleServer } from './support/server.js';

let server: ConsoleServer;
let browser: ConsoleBrowser;

beforeAll(async () => {
  server = await startServer();
  browser = await openBrowser(server);
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') console.error(`${await browser.diagnose()}\n--- server log ---\n${server.log().slice(-3000)}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('console shell', () => {
  it('signs up, signs out and signs in again through the pages, and the API agrees at each step', async () => {
    const page = await browser.newPage();
    await page.goto('/calls');
    // A deep link while signed out goes to sign in and remembers where it was going.
    await page.waitForURL(/\/signin\?next=%2Fcalls/);
    await page.getByRole('link', { name: trx('auth:createAccount') }).click();
    await page.waitForURL(/\/signup/);
    const email = `shell-${Date.now()}@example.com`;
    await page.getByLabel(tr('auth:fullName')).fill('Mina Park');
    await page.getByLabel(tr('auth:email')).fill(email);
    await page.getByLabel(tr('auth:password')).fill('short');
    await page.getByRole('button', { name: trx('auth:signUp') }).click();
    // The browser's own check stops a short password before the server sees it.
    expect(await page.getByLabel(tr('auth:password')).evaluate((el: HTMLInputElement) => el.validity.tooShort)).toBe(true);
    await page.getByLabel(tr('auth:password')).fill('correct horse battery');
    await page.getByRole('button', { name: trx('auth:signUp') }).click();
    await page.getByRole('heading', { name: tr('home:helloName', { name: 'Mina' }) }).waitFor();
    await expect(
      page
        .getByRole('navigation', { name: tr('shell:products') })
        .getByRole('link')
        .allInnerTexts(),
    ).resolves.toEqual([tr('shell:home'), ...['calls', 'chat', 'tutor', 'assist', 'interview'].map((p) => tr(`${p}:product.label`))]);

    // The account exists with the name given, and the stored refresh token works until sign-out.
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('talkbase.session')))!);
    const me = await server.api('GET', '/v1/me', { token: stored.accessToken });
    expect(me).toMatchObject({ email, fullName: 'Mina Park', isAdmin: false });

    await page.getByRole('button', { name: trx('shell:signOut') }).click();
    await page.waitForURL(/\/signin$/);
    expect(await page.evaluate(() => localStorage.getItem('talkbase.session'))).toBeNull();
    const refreshed = await fetch(`${server.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: stored.refreshToken }),
    });
    expect(refreshed.status).toBe(401);

    // A wrong password is explained in words, not as a raw problem document.
    await page.getByLabel(tr('auth:email')).fill(email);
    await page.getByLabel(tr('auth:password')).fill('not the password');
    await page.getByRole('button', { name: trx('auth:signIn') }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toBe(tr('common:problems.auth.invalid_credentials'));
    expect(text).not.toMatch(/[{}]|urn:|"status"/);

    await page.getByLabel(tr('auth:password')).fill('correct horse battery');
    await page.getByRole('button', { name: trx('auth:signIn') }).click();
    await page.getByRole('heading', { name: tr('home:helloName', { name: 'Mina' }) }).waitFor();
    const after = await server.api('GET', '/v1/me', {
      token: JSON.parse((await page.evaluate(() => localStorage.getItem('talkbase.session')))!).accessToken,
    });
    expect(after.lastLoginAt).not.toBeNull();
    expect(browser.problems()).toEqual([]);
  });

  it('switches theme (kept across reloads) and works at phone width with a menu', async () => {
    const account = await server.signUp('phone');
    const page = await browser.newPage({ viewport: PHONE, account });
    await page.goto('/');
    await page.getByRole('heading', { name: tr('home:helloName', { name: 'Phone' }) }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');

    // At phone width the sidebar is off screen until the menu opens it.
    const sidebar = page.locator('#sidebar');
    const box = async () => (await sidebar.boundingBox())!;
    expect((await box()).x + (await box()).width).toBeLessThanOrEqual(1);
    await page.getByRole('button', { name: tr('shell:menu') }).click();
    await eventually(async () => (await box()).x).toBe(0);
    await page.getByRole('button', { name: tr('shell:theme.switchTo', { theme: tr('shell:theme.darkName') }) }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page
      .getByRole('navigation', { name: tr('shell:products') })
      .getByRole('link', { name: tr('chat:product.label') })
      .click();
    await page.waitForURL(/\/chat/);
    await eventually(async () => (await box()).x + (await box()).width).toBeLessThanOrEqual(1);
    expect(await page.locator('.topbar-product').innerText()).toBe(tr('chat:product.label'));

    await page.reload();
    await page.locator('.topbar').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // Nothing is wider than the phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(browser.problems()).toEqual([]);
  });

  it('serves the console for page paths while the API, docs and operations endpoints keep their answers', async () => {
    const index = await fetch(`${server.url}/interview/sessions/123`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    expect(html).toContain('<div id="root">');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const js = await fetch(`${server.url}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(js.headers.get('content-type')).toContain('javascript');

    const api404 = await fetch(`${server.url}/v1/no-such-thing`);
    expect(api404.status).toBe(404);
    expect(api404.headers.get('content-type')).toContain('application/problem+json');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/ready`)).status).toBe(200);
    expect((await fetch(`${server.url}/openapi.json`)).headers.get('content-type')).toContain('json');
    expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${server.url}/docs/`)).status).toBe(200);
  });

  it('speaks Korean to a browser that prefers it and English otherwise, remembers a switch, and follows the profile', async () => {
    const korean = await browser.newPage({ locale: 'ko-KR' });
    await korean.goto('/signin');
    await korean.getByRole('heading', { name: tr('auth:signIn', {}, 'ko') }).waitFor();
    expect(await korean.evaluate(() => document.documentElement.lang)).toBe('ko');
    expect(tr('auth:signIn', {}, 'ko')).toBe('로그인');

    const english = await browser.newPage({ locale: 'en-US' });
    await english.goto('/signin');
    await english.getByRole('heading', { name: 'Sign in' }).waitFor();
    // The switch takes effect at once and is remembered on this browser.
    await english.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await english.getByRole('heading', { name: '로그인' }).waitFor();
    await english.reload();
    await english.getByRole('heading', { name: '로그인' }).waitFor();
    await english.getByRole('combobox', { name: '언어' }).selectOption('en');
    await english.getByRole('heading', { name: 'Sign in' }).waitFor();

    // Signed in, the settings page keeps the language and the time zone in the profile.
    const account = await server.signUp('zone');
    const page = await browser.newPage({ locale: 'en-US', timezoneId: 'UTC', account });
    await page.goto('/settings');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    const form = page.getByRole('form', { name: 'Settings' });
    await form.getByRole('combobox', { name: 'Language' }).selectOption('ko');
    await form.getByRole('combobox', { name: 'Time zone' }).selectOption('America/New_York');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: '설정' }).waitFor();
    await eventually(async () => server.api('GET', '/v1/me', { token: account.accessToken })).toMatchObject({
      locale: 'ko',
      timeZone: 'America/New_York',
    });
    // Times are shown in the profile's zone (New York's hour, not Seoul's or the browser's UTC), formatted for Korean.
    const hint = await page.locator('.zone-now').innerText();
    expect(hint).toMatch(/^지금: \d+월 \d+일 (오전|오후) \d{1,2}:\d{2}/);
    const hourIn = (zone: string, at: number) =>
      Number(new Intl.DateTimeFormat('en-US', { hour: 'numeric', hour12: true, timeZone: zone }).format(at).replace(/\D/g, ''));
    const shownHour = Number(/(\d{1,2}):\d{2}/.exec(hint)![1]);
    const now = Date.now();
    expect([hourIn('America/New_York', now - 60_000), hourIn('America/New_York', now + 60_000)]).toContain(shownHour);
    expect(hourIn('America/New_York', now)).not.toBe(hourIn('Asia/Seoul', now));

    // Another browser that prefers English follows the profile once signed in.
    const elsewhere = await browser.newPage({ locale: 'en-US', account });
    await elsewhere.goto('/');
    await elsewhere.getByRole('heading', { name: tr('home:helloName', { name: 'Zone' }, 'ko') }).waitFor();
    expect(browser.problems()).toEqual([]);
  });

  it('says how to install chromium when it is missing', async () => {
    await expect(launchChromium([], '/nonexistent/chromium')).rejects.toThrow(/apt-get install chromium/);
  });
});
