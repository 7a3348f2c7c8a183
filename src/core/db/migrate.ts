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

/** Work on the data that a migration's SQL cannot do (it needs the application's keys): run once, after the migrations. */
export interface DataStep {
  /** Unique and never reused; a step that must run again gets a new name. */
  name: string;
  /** Idempotent and resumable: a run stopped half way is started again from the beginning. */
  run(database: Database): Promise<void>;
}

/**
 * Runs the data steps not yet recorded in `public.talkbase_data_steps`, in order, recording each once it finished.
 * Several instances starting at once may run a step together, so a step must tolerate that (guarded updates).
 */
export async function runDataSteps(database: Database, steps: DataStep[], opts: { log?: (m: string) => void } = {}): Promise<string[]> {
  // Under the migration lock: two instances creating the table at once collide in PostgreSQL's catalog even with IF NOT EXISTS.
  await database.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`));
    await tx.execute(
      sql.raw('CREATE TABLE IF NOT EXISTS public.talkbase_data_steps (name text PRIMARY KEY, done_at timestamptz NOT NULL DEFAULT now())'),
    );
  });
  const done = new Set((await database.query<{ name: string }>('SELECT name FROM public.talkbase_data_steps')).map((r) => r.name));
  const ran: string[] = [];
  for (const step of steps) {
    if (done.has(step.name)) continue;
    await step.run(database);
    await database.query('INSERT INTO public.talkbase_data_steps (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [step.name]);
    ran.push(step.name);
    opts.log?.(`ran data step ${step.name}`);
  }
  return ran;
}
