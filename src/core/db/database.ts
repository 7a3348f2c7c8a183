import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { PGlite } from '@electric-sql/pglite';
import type { DatabaseConfig } from '../../config.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';

/** The one Drizzle handle products use; both drivers present the same PostgreSQL dialect. */
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** True where the pgvector extension is installed (PGlite always; a server only if it has it). */
  hasVector: boolean;
  /** What sits underneath, for a library that brings its own driver (the job queue); nothing else uses it. */
  readonly native: NativeConnection;
  /** Raw SQL for migrations, plans and maintenance; products use `db`. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Raw SQL on one connection inside BEGIN/COMMIT, rolled back if `work` throws. */
  transaction<R>(work: (query: RawQuery) => Promise<R>): Promise<R>;
  ping(): Promise<void>;
  /** Connections in use and queries waiting for one (PostgreSQL's pool; PGlite has none and leaves this out). */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** The embedded database's directory lock (one process per directory); released by close(). */
  readonly lock?: DataDirLock;
  close(): Promise<void>;
}

export type NativeConnection = { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; url: string };

export type RawQuery = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  return config.kind === 'postgres' ? openPostgres(config.url, config.poolSize, config.acquireTimeoutMs ?? 0) : openPglite(config.dataDir);
}

async function openPglite(dataDir: string | null): Promise<Database> {
  const [{ PGlite }, { vector }, { drizzle }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-pgvector'),
    import('drizzle-orm/pglite'),
  ]);
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  // Two processes on one directory corrupt it: the second stops here with the first one's pid.
  const lock = dataDir ? lockDataDir(dataDir) : undefined;
  let client: PGlite;
  try {
    const snapshot = dataDir && !fs.existsSync(path.join(dataDir, 'PG_VERSION')) ? initialSnapshot() : null;
    client = await PGlite.create({
      dataDir: dataDir ?? undefined,
      extensions: { vector },
      ...(snapshot ? { loadDataDir: new Blob([new Uint8Array(snapshot)]) } : {}),
    });
    await client.exec('CREATE EXTENSION IF NOT EXISTS vector');
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = drizzle({ client }) as unknown as Db;
  let closed = false;
  return {
    kind: 'pglite',
    db,
    hasVector: true,
    native: { kind: 'pglite', client },
    lock,
    async query<T>(text: string, params?: unknown[]) {
      if (params && params.length) return (await client.query<T>(text, params)).rows;
      const results = await client.exec(text);
      return (results.at(-1)?.rows ?? []) as T[];
    },
    async transaction(work) {
      return client.transaction(async (tx) =>
        work(async <T>(text: string, params?: unknown[]) => (await tx.query<T>(text, params ?? [])).rows),
      );
    },
    async ping() {
      await client.query('SELECT 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Where `npm install` keeps the prepared embedded database (scripts/prepare-embedded-database.ts). The name
 * carries the PGlite version and a digest of the migrations, so a snapshot never outlives either.
 */
export function embeddedSnapshotPath(): string {
  const version = (
    JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }
  ).version;
  const digest = createHash('sha256');
  const folder = path.join(ROOT, 'migrations');
  for (const name of fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.sql'))
    .sort())
    digest.update(name).update(fs.readFileSync(path.join(folder, name)));
  return path.join(ROOT, 'node_modules/.cache/talkbase', `pglite-${version}-${digest.digest('hex').slice(0, 16)}.tar.gz`);
}

function initialSnapshot(): Buffer | null {
  try {
    return fs.readFileSync(embeddedSnapshotPath());
  } catch {
    return null;
  }
}

async function openPostgres(url: string, poolSize: number, acquireTimeoutMs: number): Promise<Database> {
  const [{ default: pg }, { drizzle }] = await Promise.all([import('pg'), import('drizzle-orm/node-postgres')]);
  // timestamptz and bigint come back as strings from node-postgres by default; keep Date for timestamps as Drizzle expects.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000, connectionTimeoutMillis: acquireTimeoutMs });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it and /ready reports the database state.
  });
  // A checked-out client (a transaction) has no listener of its own: without this one, a database that goes away
  // mid-transaction would crash the process with an unhandled 'error'. Its query fails instead, and the pool drops it.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzle({ client: pool }) as unknown as Db;
  const database: Database = {
    kind: 'postgres',
    db,
    hasVector: false,
    native: { kind: 'postgres', url },
    async query<T>(text: string, params?: unknown[]) {
      return (await pool.query(text, params)).rows as T[];
    },
    async transaction(work) {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const result = await work(async <T>(text: string, params?: unknown[]) => (await conn.query(text, params)).rows as T[]);
        await conn.query('COMMIT');
        return result;
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    async close() {
      if (!pool.ended) await pool.end();
    },
  };
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS vector');
    database.hasVector = true;
  } catch {
    database.hasVector = false;
  }
  return database;
}

/** The rows of `db.execute(sql`…`)`; both drivers answer with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** The PostgreSQL SQLSTATE of an error, looking through Drizzle's wrapper. */
export function pgErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The violated constraint's name, for turning a database rule into a clear error. */
export function pgConstraint(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const c = (e as { constraint?: unknown }).constraint;
    if (typeof c === 'string') return c;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
export const CHECK_VIOLATION = '23514';

export { sql };
