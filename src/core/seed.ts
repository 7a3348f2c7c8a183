import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Core } from './context.js';
import { emailLookup, registerAccount } from './identity/accounts.js';
import { users } from './identity/schema.js';

export const DEMO_EMAIL = 'demo@talkbase.local';
export const DEMO_PASSWORD = 'talkbase-demo';

/** The demo account and every enabled product's demo data; running it twice changes nothing. */
export async function seedDemo(core: Core, progress: (message: string) => void, opts: { password?: string } = {}): Promise<void> {
  const password = opts.password ?? DEMO_PASSWORD;
  const [existing] = await core.db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.emailBlindIndex, emailLookup(core, DEMO_EMAIL)));
  if (!existing) {
    await registerAccount(core, { email: DEMO_EMAIL, password, username: 'demo', fullName: 'Demo User' }, { strengthCheck: false });
    progress(opts.password ? `created ${DEMO_EMAIL}` : `created ${DEMO_EMAIL} (password ${password})`);
  } else {
    progress(`${DEMO_EMAIL} exists`);
  }
  for (const product of core.products) {
    if (!product.seed) continue;
    progress(`seeding ${product.name}…`);
    await product.seed(core, (m) => progress(`${product.name}: ${m}`), { password, published: !opts.password });
  }
  progress('seed complete');
}

/** Where a first start with `--demo` leaves the demo account's generated password (mode 0600). */
export const demoCredentialsPath = (dataDir: string) => path.join(dataDir, 'demo.json');

/**
 * `serve --demo` (what `npm start` runs): on a database with no accounts yet, the demo account and every product's
 * demo data, so a first start has something to show. The password is generated, never a published one, and written
 * to `<dataDir>/demo.json` (mode 0600) once everything is seeded. A database that has accounts is left alone.
 */
export async function seedDemoOnFirstStart(core: Core, dataDir: string, log: (message: string) => void): Promise<boolean> {
  const [anyone] = await core.db.select({ id: users.id }).from(users).limit(1);
  if (anyone) return false;
  const password = randomBytes(12).toString('base64url');
  await seedDemo(core, (m) => log(`demo: ${m}`), { password });
  const file = demoCredentialsPath(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ email: DEMO_EMAIL, password }, null, 2) + '\n', { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  log(`demo: sign in as ${DEMO_EMAIL} with the password in ${file}`);
  return true;
}
