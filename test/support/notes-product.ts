// A tiny product used by the core's tests: it exercises the defineProduct contract the way a real product does.
import { and, desc, eq } from 'drizzle-orm';
import { pgSchema, timestamp, uuid } from 'drizzle-orm/pg-core';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { defineProduct } from '../../src/core/product.js';
import { encryptedText } from '../../src/core/db/encrypted-column.js';
import { uuidv7 } from '../../src/core/db/ids.js';
import { requireUser } from '../../src/core/identity/access.js';
import { AppError } from '../../src/core/http/errors.js';
import { errorResponses, IdParams, Strict } from '../../src/core/http/schemas.js';
import type { Database } from '../../src/core/db/database.js';

export const notesSchema = pgSchema('notes');
export const notes = notesSchema.table('notes', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').notNull(),
  title: encryptedText('title').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The product's own table; a real product gets this from a committed migration. */
export async function createNotesTable(database: Database): Promise<void> {
  await database.query(`CREATE SCHEMA IF NOT EXISTS notes;
    CREATE TABLE IF NOT EXISTS notes.notes (id uuid PRIMARY KEY, user_id uuid NOT NULL REFERENCES core.users(id), title text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
}

const Note = Type.Object({ id: Type.String(), title: Type.String(), createdAt: Type.String() });

export const notesProduct = defineProduct({
  name: 'notes',
  tables: { notes },
  roles: [
    { name: 'writer', selfAssign: true },
    { name: 'editor', selfAssign: false },
  ],
  routes(root: FastifyInstance, core) {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/notes',
      {
        schema: { body: Strict({ title: Type.String({ minLength: 1, maxLength: 200 }) }), response: { 201: Note, ...errorResponses(400) } },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const id = uuidv7();
        const [row] = await core.db
          .insert(notes)
          .values({ id, userId: user.id, title: core.crypt.seal(notes.title, id, request.body.title) })
          .returning();
        return reply.status(201).send({ id, title: request.body.title, createdAt: row!.createdAt.toISOString() });
      },
    );
    app.get('/notes/:id', { schema: { params: IdParams, response: { 200: Note, ...errorResponses(404) } } }, async (request) => {
      const user = requireUser(request);
      const [row] = await core.db
        .select()
        .from(notes)
        .where(and(eq(notes.id, request.params.id), eq(notes.userId, user.id)));
      if (!row) throw new AppError('note.not_found', 404, 'note not found');
      return { id: row.id, title: core.crypt.open(notes.title, row.id, row.title), createdAt: row.createdAt.toISOString() };
    });
  },
  async exportUser(core, userId) {
    const rows = await core.db.select().from(notes).where(eq(notes.userId, userId)).orderBy(desc(notes.createdAt));
    return { notes: rows.map((r) => ({ id: r.id, title: core.crypt.open(notes.title, r.id, r.title) })) };
  },
  async eraseUser(_core, { tx, userId }) {
    await tx.delete(notes).where(eq(notes.userId, userId));
  },
});
