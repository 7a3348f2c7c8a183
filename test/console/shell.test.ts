import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openBrowser, PHONE, type ConsoleBrowser } from './support/browser.js';
import { eventually } from './support/eventually.js';
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
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.waitForURL(/\/signup/);
    const email = `shell-${Date.now()}@example.com`;
    await page.getByLabel('Full name').fill('Mina Park');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Sign up' }).click();
    // The browser's own check stops a short password before the server sees it.
    expect(await page.getByLabel('Password').evaluate((el: HTMLInputElement) => el.validity.tooShort)).toBe(true);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Hello, Mina' }).waitFor();
    await expect(page.getByRole('navigation', { name: 'Products' }).getByRole('link').allInnerTexts()).resolves.toEqual([
      'Home',
      'Calls',
      'Chat',
      'Tutor',
      'Assist',
      'Interview',
    ]);

    // The account exists with the name given, and the stored refresh token works until sign-out.
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('talkbase.session')))!);
    const me = await server.api('GET', '/v1/me', { token: stored.accessToken });
    expect(me).toMatchObject({ email, fullName: 'Mina Park', isAdmin: false });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin$/);
    expect(await page.evaluate(() => localStorage.getItem('talkbase.session'))).toBeNull();
    const refreshed = await fetch(`${server.url}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: stored.refreshToken }),
    });
    expect(refreshed.status).toBe(401);

    // A wrong password is explained in words, not as a raw problem document.
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toMatch(/[a-z]{3,}/i);
    expect(text).not.toMatch(/[{}]|urn:|"status"/);

    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Hello, Mina' }).waitFor();
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
    await page.getByRole('heading', { name: 'Hello, Phone' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');

    // At phone width the sidebar is off screen until the menu opens it.
    const sidebar = page.locator('#sidebar');
    const box = async () => (await sidebar.boundingBox())!;
    expect((await box()).x + (await box()).width).toBeLessThanOrEqual(1);
    await page.getByRole('button', { name: 'Menu' }).click();
    await eventually(async () => (await box()).x).toBe(0);
    await page.getByRole('button', { name: /Switch to dark theme/ }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByRole('navigation', { name: 'Products' }).getByRole('link', { name: 'Chat' }).click();
    await page.waitForURL(/\/chat/);
    await eventually(async () => (await box()).x + (await box()).width).toBeLessThanOrEqual(1);
    expect(await page.locator('.topbar-product').innerText()).toBe('Chat');

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

  it('says how to install chromium when it is missing', async () => {
    await expect(launchChromium([], '/nonexistent/chromium')).rejects.toThrow(/apt-get install chromium/);
  });
});
