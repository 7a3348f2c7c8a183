// `npm run screenshots [-- --lang ko|en] [name …]`: starts a seeded server, signs in as the demo account and writes
// each screen listed in console/screenshots.config.ts, in Korean and in English (the browser's language picks the
// console's), at desktop and phone width to docs/screenshots/<lang>/. Fails when a page requests another host,
// throws, shows raw JSON, is wider than the phone's screen, or draws Korean text without a Korean font.
import fs from 'node:fs';
import path from 'node:path';
import { shots, type ShotContext } from '../console/screenshots.config.js';
import { DESKTOP, PHONE, openBrowser } from '../test/console/support/browser.js';
import { tr } from '../test/console/support/i18n.js';
import { REPO, startServer, type Account } from '../test/console/support/server.js';

const OUT = path.join(REPO, 'docs', 'screenshots');
const args = process.argv.slice(2);
const langAt = args.indexOf('--lang');
const languages = langAt >= 0 ? [args[langAt + 1] as 'ko' | 'en'] : (['ko', 'en'] as const);
const only = args.filter((a, i) => a !== '--lang' && i !== langAt + 1);
const LOCALES = { ko: 'ko-KR', en: 'en-US' } as const;

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  console.log('starting a seeded server …');
  const server = await startServer({ seed: true, env: { AI_OFFLINE_TRAINING_STEP_MS: '200' } });
  let failures = 0;
  try {
    // `talkbase seed` lists the demo accounts with their generated passwords in the data directory's demo.json.
    const demo = JSON.parse(fs.readFileSync(path.join(server.env.TALKBASE_DATA_DIR!, 'demo.json'), 'utf8')) as {
      email: string;
      password: string;
    };
    const DEMO = { email: demo.email, password: demo.password };
    await server.cli('admin', 'grant', DEMO.email);
    const login = await server.api('POST', '/v1/auth/login', { body: DEMO });
    const account: Account = {
      id: login.user.id,
      email: DEMO.email,
      password: DEMO.password,
      fullName: login.user.fullName ?? 'Demo',
      accessToken: login.tokens.accessToken,
      refreshToken: login.tokens.refreshToken,
    };
    const api: ShotContext['api'] = (method, p, body) => server.api(method, p, { token: account.accessToken, body });
    const browser = await openBrowser(server);
    try {
      for (const lang of languages)
        for (const shot of shots) {
          const ctx: ShotContext = { api, tr: (key, vars) => tr(key, vars, lang) };
          fs.mkdirSync(path.join(OUT, lang), { recursive: true });
          if (only.length && !only.includes(shot.name)) continue;
          const target = typeof shot.path === 'string' ? shot.path : await shot.path(ctx);
          for (const [size, viewport] of [
            ['desktop', DESKTOP],
            ['phone', PHONE],
          ] as const) {
            // A fresh session per page: sessions rotate their refresh token, and each context starts signed in.
            const fresh = shot.signedOut ? undefined : await signIn(server.api, account);
            const page = await browser.newPage({
              viewport,
              account: fresh,
              theme: shot.theme ?? 'light',
              locale: LOCALES[lang],
              timezoneId: 'Asia/Seoul',
            });
            const file = path.join(OUT, lang, `${shot.name}-${size}.png`);
            try {
              await page.goto(target);
              const ready = typeof shot.ready === 'string' ? shot.ready : shot.ready(ctx);
              await page.locator(ready).first().waitFor({ timeout: 60_000 });
              await page.waitForLoadState('networkidle');
              await page.evaluate(() => document.fonts.ready);
              await page.waitForTimeout(300);
              const text = await page.locator('body').innerText();
              if (/\{\s*"|urn:talkbase:problem/.test(text)) throw new Error('the page shows raw JSON');
              const width = await page.evaluate(() => document.documentElement.scrollWidth);
              if (width > viewport.width) throw new Error(`the page is ${width} px wide at ${viewport.width} px`);
              if ((await page.evaluate(() => document.documentElement.lang)) !== lang) throw new Error(`the console did not speak ${lang}`);
              // Hangul on the page must be drawn with a font that has it (fonts-noto-cjk), not as boxes.
              if (/[가-힣]/.test(text) && !(await page.evaluate(() => document.fonts.check('16px "Noto Sans CJK KR"', '한국어')))) {
                throw new Error('no Korean font: install fonts-noto-cjk');
              }
              await page.screenshot({ path: file });
              console.log(`✔ ${path.relative(REPO, file)} (${(fs.statSync(file).size / 1024).toFixed(0)} KB) ${target}`);
            } catch (err) {
              failures++;
              console.error(`✘ ${shot.name} at ${size} (${target}): ${err instanceof Error ? err.message : String(err)}`);
            } finally {
              await page.context().close();
            }
          }
        }
      for (const problem of browser.problems()) {
        failures++;
        console.error(`✘ ${problem}`);
      }
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
  if (failures) {
    console.error(`${failures} screenshot problem(s)`);
    process.exit(1);
  }
}

async function signIn(api: (m: string, p: string, o?: { body?: unknown }) => Promise<any>, account: Account): Promise<Account> {
  const login = await api('POST', '/v1/auth/login', { body: { email: account.email, password: account.password } });
  return { ...account, accessToken: login.tokens.accessToken, refreshToken: login.tokens.refreshToken };
}

await main();
