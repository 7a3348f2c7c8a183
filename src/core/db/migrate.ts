import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { rowsOf, type Database } from './database.js';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/** An arbitrary constant: every Talkbase instance takes this advisory lock while migrating. */
const MIGRATION_LOCK = 7_245_001;

export interface MigrationResult {
  applied: string[];
  total: number;
}

/**
 * Applies the committed migrations in order, in one transaction under an advisory lock, so several
 * instances starting at once migrate exactly once.
 */
export async function migrate(database: Database, opts: { folder?: string; log?: (m: string) => void } = {}): Promise<MigrationResult> {
  const folder = opts.folder ?? MIGRATIONS_DIR;
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const applied: string[] = [];
  await database.db.transaction(async (tx) => {
    const run = async <T>(text: string) => rowsOf<T>(await tx.execute(sql.raw(text)));
    await run(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await run(
      `CREATE TABLE IF NOT EXISTS public.talkbase_migrations (hash text PRIMARY KEY, created_at bigint NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const done = new Set((await run<{ hash: string }>('SELECT hash FROM public.talkbase_migrations')).map((r) => r.hash));
    for (const m of migrations) {
      if (done.has(m.hash)) continue;
      for (const statement of m.sql) {
        if (statement.trim()) await run(statement);
      }
      await tx.execute(sql`INSERT INTO public.talkbase_migrations (hash, created_at) VALUES (${m.hash}, ${m.folderMillis})`);
      applied.push(String(m.folderMillis));
      opts.log?.(`applied migration ${m.folderMillis}`);
    }
  });
  return { applied, total: migrations.length };
}
