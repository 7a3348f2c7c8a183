import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDeps } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/core/db/database.js';
import { migrate } from '../../src/core/db/migrate.js';
import { generateKeyring, type Keyring } from '../../src/core/crypto/keyring.js';

/**
 * The configuration tests start from: the environment (so DATABASE_URL selects PostgreSQL), quiet and fast hashing.
 * Event-loop load shedding is off: on a shared machine an in-process PGlite stalls the loop for reasons that are not
 * the app's load, and a test would get a 503 it did not ask for. Its own tests turn it on. The account cache is off:
 * tests write admin flags and roles straight into the database, which Talkbase hears of only after the cache's
 * lifetime; test/core/account-cache.test.ts turns it on.
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  const base = loadConfig();
  return {
    ...base,
    logLevel: 'silent',
    bcryptCost: 4,
    accountCacheMs: 0,
    shedding: { ...base.shedding, eventLoopDelayMs: 0 },
    ...overrides,
  };
}

export const usingPostgres = () => loadConfig().database.kind === 'postgres';

export interface TestDatabase {
  database: Database;
  /** For PostgreSQL: the URL of this test's own database. */
  url: string | null;
  drop(): Promise<void>;
}

/** A fresh, migrated database: an in-memory PGlite copy of the template, or a new database on the PostgreSQL server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const config = loadConfig();
  if (config.database.kind === 'postgres') {
    const adminUrl = config.database.url;
    const name = `talkbase_t_${randomBytes(6).toString('hex')}`;
    const admin = await openDatabase({ kind: 'postgres', url: adminUrl, poolSize: 1 });
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.close();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 10 });
    await migrate(database);
    return {
      database,
      url: url.toString(),
      async drop() {
        await database.close();
        const a = await openDatabase({ kind: 'postgres', url: adminUrl, poolSize: 1 });
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.close();
      },
    };
  }
  const [{ PGlite }, { vector }, { drizzle }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-pgvector'),
    import('drizzle-orm/pglite'),
  ]);
  let template: string | undefined;
  try {
    template = inject('pgliteTemplate');
  } catch {
    template = undefined;
  }
  if (!template || !fs.existsSync(template)) {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrate(database);
    return { database, url: null, drop: () => database.close() };
  }
  const client = await PGlite.create({ extensions: { vector }, loadDataDir: new Blob([fs.readFileSync(template)]) });
  const db = drizzle({ client });
  const database: Database = {
    kind: 'pglite',
    db: db as unknown as Database['db'],
    hasVector: true,
    native: { kind: 'pglite', client },
    async query<T>(text: string, params?: unknown[]) {
      if (params && params.length) return (await client.query<T>(text, params)).rows;
      return ((await client.exec(text)).at(-1)?.rows ?? []) as T[];
    },
    transaction: (work) =>
      client.transaction(async (tx) => work(async <T>(text: string, params?: unknown[]) => (await tx.query<T>(text, params ?? [])).rows)),
    ping: async () => void (await client.query('SELECT 1')),
    close: () => client.close(),
  };
  await migrate(database);
  return { database, url: null, drop: () => database.close() };
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  keyring: Keyring;
  config: Config;
  close(): Promise<void>;
}

export async function createTestApp(opts: { config?: Partial<Config>; deps?: AppDeps } = {}): Promise<TestApp> {
  const testDb = await createTestDatabase();
  const keyring = opts.deps?.keyring ?? generateKeyring();
  const config = testConfig(opts.config);
  const app = await buildApp(config, { logger: false, products: [], ...opts.deps, database: testDb.database, keyring });
  return {
    app,
    database: testDb.database,
    keyring,
    config,
    async close() {
      await app.close();
      await testDb.drop();
    },
  };
}

/** Registers and signs in a user through the public API; returns the tokens and profile. */
export async function signUp(
  app: FastifyInstance,
  email = `u${randomBytes(4).toString('hex')}@example.com`,
  password = 'correct horse battery',
) {
  const res = await app.inject({ method: 'POST', url: '/v1/auth/register', payload: { email, password } });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { user: { id: string; email: string }; tokens: { accessToken: string; refreshToken: string } };
  return { ...body, email, password, auth: { authorization: `Bearer ${body.tokens.accessToken}` } };
}
