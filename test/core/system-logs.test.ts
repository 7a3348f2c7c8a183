import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineProduct } from '../../src/core/product.js';
import { createSystemLogSink, systemLogRetention, toSystemLogEntry } from '../../src/core/observability/system-logs.js';
import { systemLogs } from '../../src/core/observability/schema.js';
import { createTestApp, createTestDatabase, signUp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

const failingProduct = defineProduct({
  name: 'logtest',
  routes: (app) => {
    app.get('/boom', { config: { public: true } }, async () => {
      throw new Error('storage exploded while saving bob@example.com');
    });
  },
});

interface LogRow {
  level: string;
  message: string;
  context: Record<string, unknown>;
  request_id: string | null;
}

let t: TestApp;
beforeAll(async () => {
  // Logging on (stdout silent): warnings and errors still reach core.system_logs.
  t = await createTestApp({ config: { logLevel: 'silent' }, deps: { products: [failingProduct], logger: {} } });
});
afterAll(async () => t?.close());

const rows = () => t.database.query<LogRow>('SELECT level, message, context, request_id FROM core.system_logs ORDER BY created_at, id');

describe('system logs', () => {
  it('stores warnings and errors with the request id, scrubbed of personal values, and not info', async () => {
    const res = await t.app.inject({ url: '/v1/logtest/boom', headers: { 'x-request-id': 'req-boom-1' } });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/bob@example\.com|exploded/);
    t.app.log.info('routine detail that stays on stdout only');
    t.app.log.warn(
      {
        userId: 'u-123',
        email: 'carol@example.com',
        password: 'hunter22',
        headers: { authorization: 'Bearer abc.def' },
        note: 'token eyJhbGciOi.eyJzdWIiOi.sig and dave@example.org',
      },
      'sign-in trouble for erin@example.net',
    );

    await waitFor(async () => (await rows()).length >= 2, 10_000, 'two stored log entries');
    const stored = await rows();
    expect(stored.map((r) => r.level)).toEqual(['error', 'warn']);
    expect(stored.some((r) => r.message.includes('routine detail'))).toBe(false);

    const [error, warn] = stored as [LogRow, LogRow];
    expect(error.request_id).toBe('req-boom-1');
    expect(error.message).toBe('request failed');
    expect((error.context.err as { message: string; type?: string }).message).toBe('storage exploded while saving [email]');

    expect(warn.message).toBe('sign-in trouble for [email]');
    expect(warn.context).toMatchObject({ userId: 'u-123', email: '[redacted]', password: '[redacted]', headers: '[redacted]' });
    expect(warn.context.note).toBe('token [token] and [email]');
    const everything = JSON.stringify(stored);
    for (const personal of ['bob@', 'carol@', 'dave@', 'erin@', 'hunter22', 'abc.def', 'eyJhbGciOi'])
      expect(everything).not.toContain(personal);
  });

  it('lists stored logs for admins, newest first, filtered by level, page by page', async () => {
    const user = await signUp(t.app);
    expect((await t.app.inject({ url: '/v1/admin/logs', headers: user.auth })).statusCode).toBe(403);
    await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [user.user.id]);

    t.app.log.error('a later failure');
    await waitFor(async () => (await rows()).length >= 3, 10_000, 'the third entry');

    const all = await t.app.inject({ url: '/v1/admin/logs', headers: user.auth });
    expect(all.statusCode).toBe(200);
    const messages = all.json().items.map((i: { message: string }) => i.message);
    expect(messages[0]).toBe('a later failure');
    expect(messages).toContain('sign-in trouble for [email]');

    const errors = await t.app.inject({ url: '/v1/admin/logs?level=error', headers: user.auth });
    expect(errors.json().items.every((i: { level: string }) => i.level === 'error')).toBe(true);
    expect(errors.json().items).toHaveLength(2);

    const first = await t.app.inject({ url: '/v1/admin/logs?limit=1', headers: user.auth });
    expect(first.json().items).toHaveLength(1);
    const second = await t.app.inject({ url: `/v1/admin/logs?limit=1&cursor=${first.json().nextCursor}`, headers: user.auth });
    expect(second.json().items).toHaveLength(1);
    expect(second.json().items[0].id).not.toBe(first.json().items[0].id);
    expect(second.json().items[0].createdAt <= first.json().items[0].createdAt).toBe(true);

    const bad = await t.app.inject({ url: '/v1/admin/logs?level=info', headers: user.auth });
    expect(bad.statusCode).toBe(400);
  });

  it('declares a 30-day retention on created_at', () => {
    expect(systemLogRetention).toMatchObject({ kind: 'ttl', table: systemLogs, column: 'created_at', days: 30 });
  });
});

describe('system log sink', () => {
  const line = (level: number, msg: string) => JSON.stringify({ level, time: Date.now(), pid: 1, hostname: 'h', msg });

  it('ignores what is below warn and what is not JSON', () => {
    expect(toSystemLogEntry(line(30, 'info'))).toBeNull();
    expect(toSystemLogEntry('not json')).toBeNull();
    expect(toSystemLogEntry(line(40, 'w'))).toMatchObject({ level: 'warn', message: 'w', context: {} });
  });

  it('buffers a bounded number of entries until it has a database, then writes them in batches', async () => {
    const testDb = await createTestDatabase();
    try {
      const sink = createSystemLogSink({ maxBuffered: 100, batchSize: 30 });
      const started = performance.now();
      for (let i = 0; i < 150; i++) sink.stream.write(line(50, `failure ${i}`));
      expect(performance.now() - started).toBeLessThan(500);
      expect(sink.dropped).toBe(50);
      sink.attach(testDb.database);
      await sink.close();
      const [{ n }] = (await testDb.database.query<{ n: number | string }>('SELECT count(*) AS n FROM core.system_logs')) as [
        { n: number | string },
      ];
      expect(Number(n)).toBe(100);
      const [oldest] = await testDb.database.query<{ message: string }>(
        'SELECT message FROM core.system_logs ORDER BY created_at, message LIMIT 1',
      );
      expect(oldest!.message).toMatch(/^failure (5\d|1\d\d)$/);
      sink.stream.write(line(50, 'after close'));
      expect(await testDb.database.query(`SELECT 1 FROM core.system_logs WHERE message = 'after close'`)).toHaveLength(0);
    } finally {
      await testDb.drop();
    }
  });

  it('never throws into the logger when the database refuses the write', async () => {
    const testDb = await createTestDatabase();
    await testDb.drop();
    const sink = createSystemLogSink();
    sink.attach(testDb.database);
    const stderrWrite = process.stderr.write;
    let complaints = 0;
    process.stderr.write = ((chunk: string) => {
      if (String(chunk).includes('could not store')) complaints++;
      return true;
    }) as typeof process.stderr.write;
    try {
      expect(() => sink.stream.write(line(50, 'lost'))).not.toThrow();
      await sink.flush();
      expect(sink.dropped).toBe(1);
      expect(complaints).toBe(1);
    } finally {
      process.stderr.write = stderrWrite;
    }
  });
});
