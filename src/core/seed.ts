import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Core } from './context.js';
import type { DemoAccounts } from './product.js';
import { emailLookup, registerAccount } from './identity/accounts.js';
import { users } from './identity/schema.js';

export const DEMO_EMAIL = 'demo@talkbase.local';

/** One demo account as demo.json lists it: `password` is null for an account that existed already and kept its own. */
export interface DemoAccount {
  email: string;
  password: string | null;
  name: string;
  /** What a newcomer finds signed in as this account, a line per product. */
  opens: string[];
}

/** demo.json: the main demo account's sign-in at the top, then every demo account. */
export interface DemoCredentials {
  email: string;
  password: string | null;
  accounts: DemoAccount[];
}

/** Where the demo accounts and their generated passwords are kept (mode 0600). */
export const demoCredentialsPath = (dataDir: string) => path.join(dataDir, 'demo.json');

/** 16 random characters: no published password, and strong enough for any password rule. */
const generatePassword = () => randomBytes(12).toString('base64url');

function readDemoCredentials(file: string): DemoAccount[] {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<DemoCredentials>;
    return Array.isArray(parsed.accounts) ? parsed.accounts.filter((a) => typeof a?.email === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Demo accounts for the products' seeds: an account is found by email or created with a generated password, and
 * remembered with what it opens. A password already in demo.json (`known`) is listed again for an account that exists.
 */
export function demoAccounts(core: Core, known: DemoAccount[] = []): DemoAccounts & { list(): DemoAccount[]; created(): string[] } {
  const listed = new Map<string, DemoAccount>();
  const created: string[] = [];
  return {
    async account({ email, fullName, username, opens }) {
      const [found] = await core.db
        .select({ id: users.id })
        .from(users)
        .where(inArray(users.emailBlindIndex, emailLookup(core, email)));
      let id = found?.id;
      let entry = listed.get(email);
      if (!id) {
        const password = generatePassword();
        id = (await registerAccount(core, { email, password, username, fullName })).userId;
        created.push(email);
        entry = { email, password, name: fullName, opens: entry?.opens ?? [] };
        listed.set(email, entry);
      } else if (!entry) {
        entry = { email, password: known.find((k) => k.email === email)?.password ?? null, name: fullName, opens: [] };
        listed.set(email, entry);
      }
      if (opens && !entry!.opens.includes(opens)) entry!.opens.push(opens);
      return id;
    },
    list: () => [...listed.values()],
    created: () => [...created],
  };
}

/**
 * The demo accounts and every enabled product's demo data; running it again creates only what is missing. Each account
 * created gets its own generated password; all of them, with what each opens, are written to `<dataDir>/demo.json`
 * (mode 0600), never printed.
 */
export async function seedDemo(core: Core, dataDir: string, progress: (message: string) => void): Promise<DemoCredentials> {
  const file = demoCredentialsPath(dataDir);
  const before = readDemoCredentials(file);
  const demo = demoAccounts(core, before);
  await demo.account({
    email: DEMO_EMAIL,
    fullName: 'Demo User',
    username: 'demo',
    opens: `the demo data of every enabled product (${core.products.map((p) => p.name).join(', ')})`,
  });
  progress(demo.created().includes(DEMO_EMAIL) ? `created ${DEMO_EMAIL}` : `${DEMO_EMAIL} exists`);
  for (const product of core.products) {
    if (!product.seed) continue;
    progress(`seeding ${product.name}…`);
    await product.seed(core.forProducts, (m) => progress(`${product.name}: ${m}`), demo);
  }
  const accounts = demo.list();
  // Accounts an earlier run listed and this one did not touch (a product since disabled) stay listed.
  for (const old of before) if (!accounts.some((a) => a.email === old.email)) accounts.push(old);
  const main = accounts.find((a) => a.email === DEMO_EMAIL)!;
  const credentials: DemoCredentials = { email: main.email, password: main.password, accounts };
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  const unknown = accounts.filter((a) => a.password === null).map((a) => a.email);
  if (unknown.length) progress(`${unknown.join(', ')} existed already and kept their passwords (not in ${file})`);
  progress(`seed complete: ${accounts.length} demo accounts, with their passwords and what each opens, are in ${file}`);
  return credentials;
}

/**
 * `serve --demo` (what `npm start` runs): on a database with no accounts yet, the demo accounts and every product's
 * demo data, so a first start has something to show. A database that has accounts is left alone.
 */
export async function seedDemoOnFirstStart(core: Core, dataDir: string, log: (message: string) => void): Promise<boolean> {
  const [anyone] = await core.db.select({ id: users.id }).from(users).limit(1);
  if (anyone) return false;
  await seedDemo(core, dataDir, (m) => log(`demo: ${m}`));
  return true;
}
