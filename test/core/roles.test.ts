import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { generateKeyring, serializeKeyring } from '../../src/core/crypto/keyring.js';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/test-app.js';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { waitForValue } from '../support/wait-for.js';

const redisUrl = loadConfig().redisUrl ?? 'redis://127.0.0.1:6379';
const SCHEDULE = 'calls.connect-timeout-sweep';

let testDb: TestDatabase | null = null;
const servers: ServerProcess[] = [];

afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill()));
  await testDb?.drop();
});

const http = async (base: string, path: string, init: { method?: string; token?: string; body?: unknown } = {}) => {
  const res = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : null };
};

describe.skipIf(!usingPostgres())('talkbase serve --role api and --role worker (needs DATABASE_URL for PostgreSQL and Redis)', () => {
  it('a job sent through the api process waits for a worker and is run by the worker; schedules run only on the worker, which serves no public API', async () => {
    testDb = await createTestDatabase();
    const shared = {
      DATABASE_URL: testDb.url!,
      REDIS_URL: redisUrl,
      TALKBASE_KEYS: serializeKeyring(generateKeyring()),
      TALKBASE_BCRYPT_COST: '4',
      TALKBASE_DB_POOL_SIZE: '4',
      LOG_LEVEL: 'warn',
    };
    const apiPort = await freePort();
    const api = await startServerProcess(apiPort, shared, 90_000, ['--role', 'api']);
    servers.push(api);
    const apiUrl = `http://127.0.0.1:${apiPort}`;

    // An admin imports knowledge: the import is a job.
    const registered = await http(apiUrl, '/v1/auth/register', {
      method: 'POST',
      body: { email: 'roles-admin@example.com', password: 'correct horse battery' },
    });
    expect(registered.status).toBe(201);
    await testDb.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [registered.body!.user.id]);
    const token = registered.body!.tokens.accessToken as string;
    expect((await http(apiUrl, '/v1/knowledge/collections', { method: 'POST', token, body: { name: 'faq', dimension: 64 } })).status).toBe(
      201,
    );
    const content = ['refunds take 5 days', 'plans change at midnight'].map((c) => JSON.stringify({ content: c })).join('\n');
    const started = await http(apiUrl, '/v1/knowledge/collections/faq/imports', {
      method: 'POST',
      token,
      body: { format: 'jsonl', content, fileName: 'faq.jsonl' },
    });
    expect(started.status).toBe(202);
    const importId = started.body!.id as string;
    const importJob = async () =>
      (
        await testDb!.database.query<{ state: string }>(
          `SELECT state::text AS state FROM pgboss.job WHERE name = 'knowledge.import' AND data->>'importId' = $1`,
          [importId],
        )
      )[0]?.state;
    const importStatus = async () =>
      (await testDb!.database.query<{ status: string }>('SELECT status FROM core.knowledge_imports WHERE id = $1', [importId]))[0]?.status;

    // With only the api process up, the job is stored but nobody runs it, and no schedule is registered or run.
    await new Promise((r) => setTimeout(r, 3000));
    expect(await importJob()).toBe('created');
    expect(await importStatus()).toBe('queued');
    expect(await testDb.database.query('SELECT name FROM pgboss.schedule')).toEqual([]);
    expect(await testDb.database.query(`SELECT id FROM pgboss.job WHERE name = $1`, [SCHEDULE])).toEqual([]);

    const workerPort = await freePort();
    const worker = await startServerProcess(workerPort, shared, 90_000, ['--role', 'worker']);
    servers.push(worker);
    const workerUrl = `http://127.0.0.1:${workerPort}`;

    // The worker runs the job the api sent, and the schedules.
    expect(
      await waitForValue('the import completed by the worker', async () => ((await importStatus()) === 'completed' ? true : null), 60_000),
    ).toBe(true);
    expect(await waitForValue('the import job marked done', async () => ((await importJob()) === 'completed' ? true : null), 30_000)).toBe(
      true,
    );
    await waitForValue(
      'the schedules registered by the worker',
      async () => (await testDb!.database.query('SELECT name FROM pgboss.schedule WHERE name = $1', [SCHEDULE]))[0] ?? null,
      30_000,
    );
    await waitForValue(
      'a scheduled sweep completed',
      async () =>
        (await testDb!.database.query(`SELECT id FROM pgboss.job WHERE name = $1 AND state = 'completed'`, [SCHEDULE]))[0] ?? null,
      120_000,
    );

    // The worker answers health, readiness and metrics (to clients on its own machine), but no public API or console.
    expect((await http(workerUrl, '/health')).status).toBe(200);
    expect((await http(workerUrl, '/ready')).status).toBe(200);
    expect((await fetch(`${workerUrl}/metrics`)).status).toBe(200);
    expect(
      (await http(workerUrl, '/v1/auth/register', { method: 'POST', body: { email: 'x@example.com', password: 'correct horse battery' } }))
        .status,
    ).toBe(404);
    expect((await fetch(`${workerUrl}/`)).status).toBe(404);
    // The api still serves everything, and its search finds what the worker imported.
    expect((await http(apiUrl, '/v1/knowledge/collections/faq', { token })).status).toBe(200);
  }, 300_000);
});
