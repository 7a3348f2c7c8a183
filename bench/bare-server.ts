// The references for bench/http-paths.ts, on the raw driver (node-postgres, or PGlite's own client) with none of
// Talkbase in between: a bare Fastify server whose one route runs the chat messages-page query and returns the rows
// (no authentication, validation, access check or response schema), and an insert loop writing the same row as
// POST /v1/chat/conversations. The SQL text is what Drizzle generates for Talkbase's own queries.
//
//   tsx bench/bare-server.ts serve        (PORT, DATABASE_URL or TALKBASE_DATA_DIR)
//   tsx bench/bare-server.ts insert-loop --seconds 10 --concurrency 16 --user <id> --persona <id>
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { drizzle } from 'drizzle-orm/node-postgres';
import { conversations } from '../src/products/chat/schema.js';
import { messagesPageQuery } from '../src/products/chat/conversations.js';
import type { Db } from '../src/core/db/database.js';
import { flagValue } from './support.js';

type Run = (text: string, params: unknown[]) => Promise<unknown[]>;

async function openRaw(): Promise<{ run: Run; close: () => Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.TALKBASE_DB_POOL_SIZE ?? 10) });
    return { run: async (text, params) => (await pool.query(text, params)).rows, close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite-pgvector');
  const client = await PGlite.create({ dataDir: path.join(process.env.TALKBASE_DATA_DIR!, 'pgdata'), extensions: { vector } });
  return { run: async (text, params) => (await client.query(text, params)).rows, close: () => client.close() };
}

// Drizzle only renders SQL here; nothing is sent through it.
const renderer = drizzle.mock() as unknown as Db;
const [command] = process.argv.slice(2);
const raw = await openRaw();

if (command === 'serve') {
  const page = messagesPageQuery(renderer, '00000000-0000-0000-0000-000000000000', { limit: 20 }).toSQL();
  const app = Fastify({ logger: false });
  app.get('/ready', async () => ({ status: 'ready' }));
  app.get<{ Params: { id: string } }>('/messages/:id', async (request) => {
    const params = [...page.params];
    params[0] = request.params.id;
    const rows = await raw.run(page.sql, params);
    return { items: rows.slice(0, 20), nextCursor: null };
  });
  const stop = async () => {
    await app.close();
    await raw.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
} else if (command === 'insert-loop') {
  const seconds = Number(flagValue('seconds', '10'));
  const concurrency = Number(flagValue('concurrency', '16'));
  const userId = flagValue('user', '');
  const personaId = flagValue('persona', '');
  const now = new Date();
  const insert = renderer
    .insert(conversations)
    .values({ id: randomUUID(), userId, personaId, title: null, createdAt: now, updatedAt: now })
    .returning()
    .toSQL();
  const latencies: number[] = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const params = [...insert.params];
        params[0] = randomUUID();
        const t = performance.now();
        try {
          await raw.run(insert.sql, params);
          latencies.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
  console.log(
    `JSON ${JSON.stringify({ requests: latencies.length, seconds: elapsed, errors, p50: pct(50), p90: pct(90), p99: pct(99), sql: insert.sql })}`,
  );
  await raw.close();
  process.exit(0);
} else {
  console.error('usage: bare-server.ts serve | insert-loop --seconds N --concurrency N --user ID --persona ID');
  process.exit(2);
}
