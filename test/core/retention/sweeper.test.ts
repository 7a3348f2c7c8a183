import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { boolean, pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { defineProduct } from '../../../src/core/product.js';
import { uuidv7 } from '../../../src/core/db/ids.js';
import { createManualClock, DAY_MS } from '../../../src/core/time/clock.js';
import { purgeExpired } from '../../../src/core/retention/retention.js';
import { createTestApp, signUp, type TestApp } from '../../support/test-app.js';

const rtest = pgSchema('rtest');
const recordings = rtest.table('recordings', {
  id: uuid('id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  audioKey: text('audio_key'),
  fileId: uuid('file_id'),
  pinned: boolean('pinned').notNull(),
});
const personas = rtest.table('personas', { id: uuid('id').primaryKey(), deletedAt: timestamp('deleted_at', { withTimezone: true }) });
const personaClips = rtest.table('persona_clips', {
  id: uuid('id').primaryKey(),
  personaId: uuid('persona_id').notNull(),
  clipKey: text('clip_key').notNull(),
});
const conversations = rtest.table('conversations', {
  id: uuid('id').primaryKey(),
  lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull(),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
});

const product = defineProduct({
  name: 'rtest',
  tables: { recordings, personas, personaClips, conversations },
  retention: [
    {
      name: 'rtest.recordings',
      kind: 'ttl',
      table: recordings,
      column: 'created_at',
      days: 30,
      where: sql`NOT ${recordings.pinned}`,
      blobColumns: ['audio_key'],
      fileColumns: ['file_id'],
    },
    {
      name: 'rtest.personas',
      kind: 'soft-delete',
      table: personas,
      column: 'deleted_at',
      days: 30,
      cascadeBlobs: [{ table: personaClips, foreignKey: 'persona_id', blobColumns: ['clip_key'] }],
    },
    {
      name: 'rtest.conversations',
      kind: 'archive',
      table: conversations,
      column: 'last_activity_at',
      days: 180,
      archivedColumn: 'archived_at',
    },
  ],
});

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY_MS);
const clock = createManualClock(T0);
let t: TestApp;
let root: string;

const blobPath = (key: string) => path.join(root, ...key.split('/'));
const ids = async (table: string) => (await t.database.query<{ id: string }>(`SELECT id FROM ${table} ORDER BY id`)).map((r) => r.id);

async function putBlob(key: string) {
  await t.app.core.blobs.put(key, Buffer.from(`bytes of ${key}`), { contentType: 'application/octet-stream' });
}

async function waitForBlobsGone(keys: string[]) {
  const until = Date.now() + 20_000;
  while (keys.some((k) => fs.existsSync(blobPath(k))) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

const id = {
  recOld: uuidv7(),
  recPinned: uuidv7(),
  recNewer: uuidv7(),
  personaDeleted: uuidv7(),
  personaLive: uuidv7(),
  clipDeleted1: uuidv7(),
  clipDeleted2: uuidv7(),
  clipLive: uuidv7(),
  convIdle: uuidv7(),
  convActive: uuidv7(),
};
let attachedFile: { id: string; blobKey: string };
let deletedCoreFile: { id: string; blobKey: string };
let liveCoreFile: { id: string; blobKey: string };

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-retention-'));
  t = await createTestApp({
    config: { blobs: { kind: 'local', root }, files: { uploadMaxBytes: 1 << 20, deleteGraceDays: 7 } },
    deps: { clock, products: [product], jobs: { pollingSeconds: 0.5 } },
  });
  await t.database.query(`CREATE SCHEMA rtest;
    CREATE TABLE rtest.recordings (id uuid PRIMARY KEY, created_at timestamptz NOT NULL, audio_key text, file_id uuid REFERENCES core.files(id), pinned boolean NOT NULL);
    CREATE TABLE rtest.personas (id uuid PRIMARY KEY, deleted_at timestamptz);
    CREATE TABLE rtest.persona_clips (id uuid PRIMARY KEY, persona_id uuid NOT NULL REFERENCES rtest.personas(id) ON DELETE CASCADE, clip_key text NOT NULL);
    CREATE TABLE rtest.conversations (id uuid PRIMARY KEY, last_activity_at timestamptz NOT NULL, archived_at timestamptz)`);

  const owner = await signUp(t.app);
  const wav = Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt '), Buffer.alloc(32)]);
  const store = async () => {
    const f = await t.app.core.files.store({
      ownerId: owner.user.id,
      product: 'rtest',
      purpose: 'recording',
      body: wav,
      contentType: 'audio/wav',
    });
    return { id: f.id, blobKey: (await t.app.core.files.find(f.id))!.blobKey };
  };
  attachedFile = await store();
  deletedCoreFile = await store();
  liveCoreFile = await store();
  await t.app.core.files.markDeleted([deletedCoreFile.id]);

  for (const key of ['rec/old', 'rec/pinned', 'rec/newer', 'clip/d1', 'clip/d2', 'clip/live']) await putBlob(key);
  const q = (text: string, params: unknown[]) => t.database.query(text, params);
  await q('INSERT INTO rtest.recordings VALUES ($1, $2, $3, $4, false), ($5, $2, $6, NULL, true), ($7, $8, $9, NULL, false)', [
    id.recOld,
    T0,
    'rec/old',
    attachedFile.id,
    id.recPinned,
    'rec/pinned',
    id.recNewer,
    at(10),
    'rec/newer',
  ]);
  await q('INSERT INTO rtest.personas VALUES ($1, $2), ($3, NULL)', [id.personaDeleted, at(1), id.personaLive]);
  await q('INSERT INTO rtest.persona_clips VALUES ($1, $2, $3), ($4, $2, $5), ($6, $7, $8)', [
    id.clipDeleted1,
    id.personaDeleted,
    'clip/d1',
    id.clipDeleted2,
    'clip/d2',
    id.clipLive,
    id.personaLive,
    'clip/live',
  ]);
  await q('INSERT INTO rtest.conversations VALUES ($1, $2, NULL), ($3, $4, NULL)', [id.convIdle, T0, id.convActive, at(100)]);
});

afterAll(async () => {
  await t?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

const reportOf = (report: Awaited<ReturnType<typeof purgeExpired>>, name: string) => report.policies.find((p) => p.policy === name)!;

describe('retention sweeper', () => {
  it('does nothing within the time budget of zero, and reports it as incomplete', async () => {
    clock.set(at(400));
    const report = await purgeExpired(t.app.core, { timeBudgetMs: 0 });
    expect(report.complete).toBe(false);
    expect(report.policies.every((p) => p.rows === 0 && p.batches === 0)).toBe(true);
    clock.set(T0);
  });

  it('at day 6 removes nothing', async () => {
    clock.set(at(6));
    const report = await purgeExpired(t.app.core, { batchSize: 2 });
    expect(report.complete).toBe(true);
    expect(report.policies.filter((p) => p.rows > 0)).toEqual([]);
    expect(await ids('rtest.recordings')).toHaveLength(3);
    expect(await ids('rtest.personas')).toHaveLength(2);
    expect(await ids('core.files')).toHaveLength(3);
  });

  it('at day 8 removes the file deleted past its 7-day grace period, with its blob, and nothing else', async () => {
    clock.set(at(8));
    const report = await purgeExpired(t.app.core, { batchSize: 2 });
    expect(reportOf(report, 'core.files')).toMatchObject({ owner: 'core', action: 'deleted', rows: 1, blobs: 1, complete: true });
    expect(report.policies.filter((p) => p.policy !== 'core.files' && p.rows > 0)).toEqual([]);
    expect(await ids('core.files')).toEqual([attachedFile.id, liveCoreFile.id].sort());
    await waitForBlobsGone([deletedCoreFile.blobKey]);
    expect(fs.existsSync(blobPath(deletedCoreFile.blobKey))).toBe(false);
    expect(fs.existsSync(blobPath(liveCoreFile.blobKey))).toBe(true);
    expect(fs.existsSync(blobPath(attachedFile.blobKey))).toBe(true);
  });

  it('at day 29 removes nothing more', async () => {
    clock.set(at(29));
    const report = await purgeExpired(t.app.core, { batchSize: 2 });
    expect(report.policies.filter((p) => p.rows > 0)).toEqual([]);
    expect(await ids('rtest.recordings')).toHaveLength(3);
    expect(await ids('rtest.personas')).toHaveLength(2);
    expect(await ids('rtest.persona_clips')).toHaveLength(3);
  });

  it('at day 31 removes exactly the expired rows: the old unpinned recording (its blob and its file) and the persona deleted 30 days ago (its clips and their blobs)', async () => {
    clock.set(at(31));
    clock.advance(1000);
    const report = await purgeExpired(t.app.core, { batchSize: 2 });
    expect(reportOf(report, 'rtest.recordings')).toMatchObject({ owner: 'rtest', rows: 1, blobs: 2, complete: true });
    expect(reportOf(report, 'rtest.personas')).toMatchObject({ owner: 'rtest', rows: 1, blobs: 2, complete: true });
    expect(reportOf(report, 'rtest.conversations')).toMatchObject({ action: 'archived', rows: 0 });

    expect(await ids('rtest.recordings')).toEqual([id.recPinned, id.recNewer].sort());
    expect(await ids('rtest.personas')).toEqual([id.personaLive]);
    expect(await ids('rtest.persona_clips')).toEqual([id.clipLive]);
    expect(await ids('core.files')).toEqual([liveCoreFile.id]);
    const gone = ['rec/old', attachedFile.blobKey, 'clip/d1', 'clip/d2'];
    await waitForBlobsGone(gone);
    for (const key of gone) expect(fs.existsSync(blobPath(key)), key).toBe(false);
    for (const key of ['rec/pinned', 'rec/newer', 'clip/live', liveCoreFile.blobKey]) expect(fs.existsSync(blobPath(key)), key).toBe(true);
  });

  it('at day 41 removes the newer recording; the pinned one stays', async () => {
    clock.set(at(41));
    const report = await purgeExpired(t.app.core);
    expect(reportOf(report, 'rtest.recordings')).toMatchObject({ rows: 1, blobs: 1 });
    expect(await ids('rtest.recordings')).toEqual([id.recPinned]);
    await waitForBlobsGone(['rec/newer']);
    expect(fs.existsSync(blobPath('rec/newer'))).toBe(false);
    expect(fs.existsSync(blobPath('rec/pinned'))).toBe(true);
  });

  it('archives a conversation idle for 180 days instead of deleting it, once', async () => {
    clock.set(at(181));
    const report = await purgeExpired(t.app.core);
    expect(reportOf(report, 'rtest.conversations')).toMatchObject({ action: 'archived', rows: 1 });
    const rows = await t.database.query<{ id: string; archived_at: Date | null }>(
      'SELECT id, archived_at FROM rtest.conversations ORDER BY id',
    );
    expect(rows).toHaveLength(2);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r.archived_at]));
    expect(new Date(byId[id.convIdle]!).getTime()).toBe(at(181).getTime());
    expect(byId[id.convActive]).toBeNull();
    clock.set(at(182));
    expect(reportOf(await purgeExpired(t.app.core), 'rtest.conversations').rows).toBe(0);
    expect(
      new Date(
        (await t.database.query<{ archived_at: Date }>('SELECT archived_at FROM rtest.conversations WHERE id = $1', [id.convIdle]))[0]!
          .archived_at,
      ).getTime(),
    ).toBe(at(181).getTime());
  });

  it('works through many due rows in bounded batches', async () => {
    const values = Array.from({ length: 25 }, (_, i) => `('${uuidv7()}', '${T0.toISOString()}', 'bulk/${i}', NULL, false)`).join(', ');
    await t.database.query(`INSERT INTO rtest.recordings VALUES ${values}`);
    for (let i = 0; i < 25; i++) await putBlob(`bulk/${i}`);
    const progress: number[] = [];
    const report = await purgeExpired(t.app.core, {
      batchSize: 10,
      onProgress: (p) => p.policy === 'rtest.recordings' && progress.push(p.rows),
    });
    expect(reportOf(report, 'rtest.recordings')).toMatchObject({ rows: 25, blobs: 25, batches: 3, complete: true });
    expect(progress).toEqual([10, 20, 25]);
    expect(await ids('rtest.recordings')).toEqual([id.recPinned]);
    await waitForBlobsGone(Array.from({ length: 25 }, (_, i) => `bulk/${i}`));
    expect(fs.readdirSync(path.join(root, 'bulk'))).toEqual([]);
  });

  it('names the policy when it refers to a column its table lacks', async () => {
    await expect(
      purgeExpired(t.app.core, {
        policies: [{ owner: 'rtest', policy: { name: 'rtest.broken', kind: 'ttl', table: recordings, column: 'nope', days: 1 } }],
      }),
    ).rejects.toThrow('retention policy "rtest.broken": column "nope" is not a column of rtest.recordings');
  });
});
