import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app.js';
import { generateKeyring, serializeKeyring, withNewFieldKey, type Keyring } from '../../src/core/crypto/keyring.js';
import { createFieldCipher } from '../../src/core/crypto/field-cipher.js';
import { rotateEncryptedColumns } from '../../src/core/crypto/rotation.js';
import { allTables } from '../../src/core/schema.js';
import { registerAccount } from '../../src/core/identity/accounts.js';
import { createTestDatabase, testConfig, usingPostgres, type TestDatabase } from '../support/test-app.js';
import { createNotesTable, notesProduct } from '../support/notes-product.js';
import type { FastifyInstance } from 'fastify';

async function seedUsers(app: FastifyInstance, n: number, prefix: string) {
  for (let i = 0; i < n; i++)
    await registerAccount(app.core, { email: `${prefix}${i}@example.com`, password: 'quiet harbour lanterns', fullName: `Person ${i}` });
}

async function keyIdsInUse(db: TestDatabase) {
  const rows = await db.database.query<{ k: string; n: string | number }>(
    `SELECT split_part(email, '.', 2) AS k, count(*) AS n FROM core.users GROUP BY 1 ORDER BY 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
}

async function readAllUnder(db: TestDatabase, keyring: Keyring, prefix: string, n: number) {
  const app = await buildApp(testConfig(), { logger: false, database: db.database, keyring, products: [notesProduct] });
  try {
    const { getProfile } = await import('../../src/core/identity/accounts.js');
    const ids = await db.database.query<{ id: string }>('SELECT id FROM core.users');
    const emails = new Set<string>();
    for (const { id } of ids) emails.add((await getProfile(app.core, id)).email);
    for (let i = 0; i < n; i++) expect(emails.has(`${prefix}${i}@example.com`)).toBe(true);
  } finally {
    await app.close();
  }
}

describe('keys rotate', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await createNotesTable(db.database);
  });
  afterAll(async () => db?.drop());

  it('an interrupted rotation resumes and finishes; every row then reads back under the new key', async () => {
    const oldKeys = generateKeyring();
    const app = await buildApp(testConfig(), { logger: false, database: db.database, keyring: oldKeys, products: [notesProduct] });
    await seedUsers(app, 30, 'resume');
    await app.close();
    const newKeys = withNewFieldKey(oldKeys);
    const cipher = createFieldCipher(newKeys);
    const tables = allTables([notesProduct]);
    let batches = 0;
    await expect(
      rotateEncryptedColumns(db.database, cipher, tables, {
        batchSize: 7,
        onProgress: (p) => {
          if (p.done > 0 && ++batches === 2) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    const midway = await keyIdsInUse(db);
    expect(midway[newKeys.active]).toBe(14);
    expect(midway[oldKeys.active]).toBe(16);
    const lines: string[] = [];
    await rotateEncryptedColumns(db.database, cipher, tables, {
      batchSize: 7,
      onProgress: (p) => lines.push(`${p.table} ${p.done}/${p.total}`),
    });
    expect(await keyIdsInUse(db)).toEqual({ [newKeys.active]: 30 });
    expect(lines).toContain('core.users 16/16');
    const fullNames = await db.database.query<{ full_name: string }>('SELECT full_name FROM core.users');
    expect(fullNames.every((r) => r.full_name.startsWith(`tb1.${newKeys.active}.`))).toBe(true);
    await readAllUnder(db, { ...newKeys, keys: new Map([[newKeys.active, newKeys.keys.get(newKeys.active)!]]) }, 'resume', 30);
  });
});

describe('talkbase keys rotate, killed with SIGKILL', () => {
  let db: TestDatabase | null = null;
  let dataDir: string | null = null;
  afterAll(async () => {
    await db?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes after the kill and finishes', async () => {
    const oldKeys = generateKeyring();
    const env: Record<string, string> = { ...(process.env as Record<string, string>), LOG_LEVEL: 'warn', TALKBASE_BCRYPT_COST: '4' };
    let database;
    if (usingPostgres()) {
      db = await createTestDatabase();
      env.DATABASE_URL = db.url!;
      database = db.database;
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-rotate-'));
      delete env.DATABASE_URL;
      env.TALKBASE_DATA_DIR = dataDir;
      const { openDatabase } = await import('../../src/core/db/database.js');
      database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') });
    }
    const app = await buildApp(testConfig(), { logger: false, database, keyring: oldKeys, products: [] });
    await seedUsers(app, 120, 'kill');
    await app.close();
    if (!db) await database.close();

    const newKeys = withNewFieldKey(oldKeys);
    env.TALKBASE_KEYS = serializeKeyring(newKeys);
    const run = (killAfterProgress: boolean) =>
      new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'keys', 'rotate', '--batch', '4'], {
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /core\.users: (\d+)\/(\d+)/g;
          let last: RegExpExecArray | null = null;
          for (let x = m.exec(out); x; x = m.exec(out)) last = x;
          if (killAfterProgress && last && Number(last[1]) >= 8 && Number(last[1]) < Number(last[2])) child.kill('SIGKILL');
        });
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', (code, signal) => resolve({ code, signal, out }));
      });
    const killed = await run(true);
    expect(killed.signal).toBe('SIGKILL');
    const resumed = await run(false);
    expect(resumed.code, resumed.out).toBe(0);
    expect(resumed.out).toMatch(/every personal field is under key "k2"/);
    const first = /core\.users: 0\/(\d+)/.exec(resumed.out);
    expect(Number(first![1])).toBeLessThan(120);
    expect(Number(first![1])).toBeGreaterThan(0);

    let check = db?.database;
    if (!check) {
      const { openDatabase } = await import('../../src/core/db/database.js');
      check = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir!, 'pgdata') });
    }
    const rows = await check.query<{ k: string; n: string | number }>(
      `SELECT split_part(email, '.', 2) AS k, count(*) AS n FROM core.users GROUP BY 1`,
    );
    expect(rows.map((r) => [r.k, Number(r.n)])).toEqual([['k2', 120]]);
    if (!db) await check.close();
  }, 120_000);
});
