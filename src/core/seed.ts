import { inArray } from 'drizzle-orm';
import type { Core } from './context.js';
import { emailLookup, registerAccount } from './identity/accounts.js';
import { users } from './identity/schema.js';

export const DEMO_EMAIL = 'demo@talkbase.local';
export const DEMO_PASSWORD = 'talkbase-demo';

/** The demo account and every enabled product's demo data; running it twice changes nothing. */
export async function seedDemo(core: Core, progress: (message: string) => void): Promise<void> {
  const [existing] = await core.db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.emailBlindIndex, emailLookup(core, DEMO_EMAIL)));
  if (!existing) {
    await registerAccount(core, { email: DEMO_EMAIL, password: DEMO_PASSWORD, username: 'demo', fullName: 'Demo User' });
    progress(`created ${DEMO_EMAIL} (password ${DEMO_PASSWORD})`);
  } else {
    progress(`${DEMO_EMAIL} exists`);
  }
  for (const product of core.products) {
    if (!product.seed) continue;
    progress(`seeding ${product.name}…`);
    await product.seed(core, (m) => progress(`${product.name}: ${m}`));
  }
  progress('seed complete');
}
