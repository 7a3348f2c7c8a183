// Debian's chromium through playwright-core, watching every request the console makes: anything that
// goes to a host other than the Talkbase server under test fails the test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { BROWSER_LOCALE } from './i18n.js';
import type { Account, ConsoleServer } from './server.js';

export const CHROMIUM = '/usr/bin/chromium';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export interface ConsoleBrowser {
  browser: Browser;
  /** A new browser context (its own storage: a second user), watched like the first. */
  /** `locale` is the browser's language (default: this run's, see i18n.ts); `timezoneId` the browser's zone (default UTC). */
  newPage(options?: {
    viewport?: { width: number; height: number };
    account?: Account;
    theme?: 'light' | 'dark';
    locale?: string;
    timezoneId?: string;
  }): Promise<Page>;
  /** Every URL requested so far, by every page. */
  requests: string[];
  /** Requests to other hosts, uncaught page errors: must be empty at the end of a test. */
  problems(): string[];
  /** For a failed test: every page's URL, visible text and console errors, with a screenshot in the temp directory. */
  diagnose(): Promise<string>;
  close(): Promise<void>;
}

export async function launchChromium(extraArgs: string[] = [], executablePath = CHROMIUM): Promise<Browser> {
  if (!fs.existsSync(executablePath)) {
    throw new Error(
      `Debian's chromium is not installed at ${executablePath}: install it with \`apt-get install chromium\` (.ci/system-packages installs it for CI)`,
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/** What the console reads at start, set once per tab: the theme, and the stored session of `account` (signed in). */
function initScript(theme: string, account?: Account) {
  const lines = [`localStorage.setItem('talkbase.theme', ${JSON.stringify(theme)});`];
  if (account) lines.push(`localStorage.setItem('talkbase.session', ${JSON.stringify(JSON.stringify(sessionOf(account)))});`);
  return `if (!sessionStorage.getItem('talkbase.test.init')) { sessionStorage.setItem('talkbase.test.init', '1'); ${lines.join(' ')} }`;
}

function sessionOf(account: Account) {
  const session = {
    accessToken: account.accessToken,
    refreshToken: account.refreshToken,
    expiresAt: Date.now() + 10 * 60_000,
    user: {
      id: account.id,
      email: account.email,
      username: null,
      fullName: account.fullName,
      locale: null,
      timeZone: null,
      isActive: true,
      isVerified: false,
      isAdmin: false,
      roles: [],
      lastLoginAt: null,
      createdAt: new Date().toISOString(),
    },
  };
  return session;
}

export async function openBrowser(server: ConsoleServer, options: { args?: string[] } = {}): Promise<ConsoleBrowser> {
  const browser = await launchChromium(options.args);
  const requests: string[] = [];
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const consoleErrors: string[] = [];

  const watch = (context: BrowserContext) => {
    context.on('request', (req) => {
      const url = req.url();
      requests.push(url);
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      try {
        const host = new URL(url).host;
        if (host !== server.host) problems.push(`request to another host: ${req.method()} ${url}`);
      } catch {
        problems.push(`request to an unparsable URL: ${url}`);
      }
    });
  };

  return {
    browser,
    requests,
    problems: () => [...problems],
    async newPage({ viewport = DESKTOP, account, theme = 'light', locale = BROWSER_LOCALE, timezoneId = 'UTC' } = {}) {
      const context = await browser.newContext({ viewport, colorScheme: theme, baseURL: server.url, locale, timezoneId });
      contexts.push(context);
      watch(context);
      await context.addInitScript(initScript(theme, account));
      const page = await context.newPage();
      page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
      page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
      pages.push(page);
      return page;
    },
    async diagnose() {
      const out: string[] = [...problems, ...consoleErrors.map((e) => `console: ${e}`)];
      for (const [i, page] of pages.entries()) {
        if (page.isClosed()) continue;
        const shot = path.join(os.tmpdir(), `talkbase-console-failure-${process.pid}-${i}.png`);
        await page.screenshot({ path: shot }).catch(() => undefined);
        const text = await page
          .locator('body')
          .innerText({ timeout: 2000 })
          .catch(() => '(unreadable)');
        out.push(`page ${i} at ${page.url()} (screenshot ${shot}):\n${text.slice(0, 1500)}`);
      }
      return out.join('\n');
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
    },
  };
}
