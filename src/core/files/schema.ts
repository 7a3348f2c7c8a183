import { sql } from 'drizzle-orm';
import { bigint, check, index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { coreSchema } from '../db/core-schema.js';
import { encryptedText } from '../db/encrypted-column.js';
import { users } from '../identity/schema.js';

/** One uploaded file: who owns it, which product and purpose it serves, and where its bytes are. */
export const files = coreSchema.table(
  'files',
  {
    id: uuid('id').primaryKey(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    product: text('product').notNull(),
    purpose: text('purpose').notNull(),
    /** Random and meaningless, so a key reveals nothing and cannot be guessed. */
    blobKey: text('blob_key').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    originalName: encryptedText('original_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('files_blob_key_key').on(t.blobKey),
    index('files_owner_created_idx').on(t.ownerId, t.createdAt, t.id),
    index('files_deleted_at_idx')
      .on(t.deletedAt)
      .where(sql`${t.deletedAt} IS NOT NULL`),
    check('files_size_nonnegative', sql`${t.size} >= 0`),
  ],
);
