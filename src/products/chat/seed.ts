import { inArray } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import { users } from '../../core/identity/schema.js';
import { conversations } from './schema.js';
import { createConversation, storeUserMessage } from './conversations.js';
import { generateReply } from './replies.js';
import { DEMO_EMAIL } from '../../core/seed.js';

/** A short conversation for the demo account, so the console has something to show. */
export async function seedChat(core: ProductContext, progress: (m: string) => void): Promise<void> {
  const [demo] = await core.db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.emailBlindIndex, core.accounts.emailLookup(DEMO_EMAIL)));
  if (!demo) return;
  const existing = await core.db
    .select({ id: conversations.id })
    .from(conversations)
    .where(inArray(conversations.userId, [demo.id]))
    .limit(1);
  if (existing.length) return progress('demo conversation exists');
  const conv = await createConversation(core, demo.id, { personaId: 'personal-assistant' });
  for (const text of ['Can you help me plan a relaxed weekend in the mountains?', 'Great, what should I pack?']) {
    const message = await storeUserMessage(core, demo.id, conv.id, text);
    await generateReply(core, demo.id, message);
  }
  progress('demo conversation created');
}
