import { desc, eq } from 'drizzle-orm';
import { defineProduct } from '../../core/product.js';
import * as tables from './schema.js';
import { conversationChannelKind } from './events.js';
import { chatRoutes } from './routes.js';
import { seedPersonas } from './personas.js';
import { seedChat } from './seed.js';
import { chatWebhookEvents } from './webhooks.js';
import { chatSettings } from './environment.js';

export const ARCHIVE_AFTER_DAYS = 183;

export const chatProduct = defineProduct({
  name: 'chat',
  settings: chatSettings,
  tables,
  routes: chatRoutes,
  channels: [conversationChannelKind],
  webhookEvents: chatWebhookEvents,
  retention: [
    {
      name: 'chat.conversations.archive',
      kind: 'archive',
      table: tables.conversations,
      column: 'updated_at',
      days: ARCHIVE_AFTER_DAYS,
      archivedColumn: 'archived_at',
    },
  ],
  async seed(core, progress) {
    progress(`${await seedPersonas(core)} personas added`);
    await seedChat(core, progress);
  },
  async exportUser(core, userId) {
    const convs = await core.db
      .select()
      .from(tables.conversations)
      .where(eq(tables.conversations.userId, userId))
      .orderBy(desc(tables.conversations.createdAt));
    const out = [];
    for (const c of convs) {
      const msgs = await core.db
        .select()
        .from(tables.messages)
        .where(eq(tables.messages.conversationId, c.id))
        .orderBy(tables.messages.createdAt);
      out.push({ ...c, messages: msgs });
    }
    const [prefs] = await core.db.select().from(tables.preferences).where(eq(tables.preferences.userId, userId));
    const usage = await core.db.select().from(tables.dailyTokenUsage).where(eq(tables.dailyTokenUsage.userId, userId));
    return { preferences: prefs ?? null, conversations: out, dailyTokenUsage: usage };
  },
});
