import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineProduct } from '../../../src/core/product.js';
import { createManualClock } from '../../../src/core/time/clock.js';
import { createTestApp, signUp, type TestApp } from '../../support/test-app.js';

const LIMIT = 64 * 1024;

function wav(dataBytes = 64): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(16000, 24);
  header.writeUInt32LE(32000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(dataBytes, 40);
  return Buffer.concat([header, Buffer.alloc(dataBytes, 3)]);
}
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 1)]);
const WEBM = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(60, 2)]);

function multipart(field: string, filename: string, type: string, body: Buffer) {
  const boundary = '----talkbase' + Math.random().toString(16).slice(2);
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    body,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let t: TestApp;
let root: string;
const clock = createManualClock('2026-03-01T10:00:00Z');
let allowedReader = '';

const filesRows = () => t.database.query<Record<string, unknown>>('SELECT * FROM core.files ORDER BY created_at');
function blobFiles(): string[] {
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-files-'));
  const product = defineProduct({
    name: 'lessons',
    fileAccess: async (_core, user, file) => user.id === allowedReader && file.purpose === 'recording',
  });
  t = await createTestApp({
    config: { blobs: { kind: 'local', root }, files: { uploadMaxBytes: LIMIT, deleteGraceDays: 7 }, publicUrl: 'http://files.test' },
    deps: { clock, products: [product], jobs: { pollingSeconds: 0.5 } },
  });
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('uploads', () => {
  it('stores a raw WAV body: the record, an encrypted original name, and the blob with its SHA-256', async () => {
    const u = await signUp(t.app);
    const body = wav(1000);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/files?purpose=recording',
      headers: { ...u.auth, 'content-type': 'audio/wav', 'x-file-name': encodeURIComponent('mé lesson.wav') },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    expect(file).toMatchObject({
      ownerId: u.user.id,
      product: 'core',
      purpose: 'recording',
      contentType: 'audio/wav',
      size: body.length,
      sha256: sha(body),
      originalName: 'mé lesson.wav',
    });
    const [row] = await t.database.query<Record<string, unknown>>('SELECT * FROM core.files WHERE id = $1', [file.id]);
    expect(String(row!.original_name)).not.toContain('lesson');
    expect(String(row!.blob_key)).toMatch(/^f\/[0-9a-f]{2}\/[0-9a-f]{48}$/);
    const onDisk = fs.readFileSync(path.join(root, ...String(row!.blob_key).split('/')));
    expect(onDisk.equals(body)).toBe(true);
  });

  it('stores a multipart upload (webm, with codecs parameter) and reads it back', async () => {
    const u = await signUp(t.app);
    const form = multipart('file', 'take1.webm', 'audio/webm;codecs=opus', WEBM);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/files?purpose=recording',
      headers: { ...u.auth, ...form.headers },
      payload: form.payload,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ contentType: 'audio/webm', size: WEBM.length, originalName: 'take1.webm' });
    const content = await t.app.inject({ url: `/v1/files/${res.json().id}/content`, headers: u.auth });
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('audio/webm');
    expect(content.rawPayload.equals(WEBM)).toBe(true);
  });

  it('refuses a type off the list, and bytes that do not match the declared type, leaving nothing behind', async () => {
    const u = await signUp(t.app);
    const rowsBefore = (await filesRows()).length;
    const blobsBefore = blobFiles().sort();
    const text = await t.app.inject({
      method: 'POST',
      url: '/v1/files',
      headers: { ...u.auth, 'content-type': 'text/plain' },
      payload: 'hello',
    });
    expect(text.statusCode).toBe(415);
    const disguised = await t.app.inject({
      method: 'POST',
      url: '/v1/files',
      headers: { ...u.auth, 'content-type': 'audio/wav' },
      payload: PNG,
    });
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json().type).toBe('urn:talkbase:problem:files.unsupported_type');
    expect(disguised.json().detail).toContain('image/png');
    const form = multipart('file', 'fake.mp3', 'audio/mpeg', Buffer.from('just some text, not audio at all'));
    const fake = await t.app.inject({ method: 'POST', url: '/v1/files', headers: { ...u.auth, ...form.headers }, payload: form.payload });
    expect(fake.statusCode).toBe(415);
    const avatarAudio = await t.app.inject({
      method: 'POST',
      url: '/v1/files?purpose=avatar',
      headers: { ...u.auth, 'content-type': 'audio/wav' },
      payload: wav(),
    });
    expect(avatarAudio.statusCode).toBe(415);
    const avatar = await t.app.inject({
      method: 'POST',
      url: '/v1/files?purpose=avatar',
      headers: { ...u.auth, 'content-type': 'image/png' },
      payload: PNG,
    });
    expect(avatar.statusCode).toBe(201);
    expect((await filesRows()).length).toBe(rowsBefore + 1);
    expect(blobFiles().length).toBe(blobsBefore.length + 1);
  });

  it('refuses a file over the size limit (raw and multipart) and keeps no part of it', async () => {
    const u = await signUp(t.app);
    const rowsBefore = (await filesRows()).length;
    const blobsBefore = blobFiles().length;
    const big = wav(LIMIT);
    const raw = await t.app.inject({ method: 'POST', url: '/v1/files', headers: { ...u.auth, 'content-type': 'audio/wav' }, payload: big });
    expect(raw.statusCode).toBe(413);
    expect(raw.json().type).toBe('urn:talkbase:problem:files.too_large');
    const form = multipart('file', 'big.wav', 'audio/wav', big);
    const multi = await t.app.inject({ method: 'POST', url: '/v1/files', headers: { ...u.auth, ...form.headers }, payload: form.payload });
    expect(multi.statusCode).toBe(413);
    const exact = await t.app.inject({
      method: 'POST',
      url: '/v1/files',
      headers: { ...u.auth, 'content-type': 'audio/wav' },
      payload: wav(LIMIT - 44),
    });
    expect(exact.statusCode).toBe(201);
    expect((await filesRows()).length).toBe(rowsBefore + 1);
    expect(blobFiles().length).toBe(blobsBefore + 1);
  });

  it('requires a token and a known product', async () => {
    const anon = await t.app.inject({ method: 'POST', url: '/v1/files', headers: { 'content-type': 'audio/wav' }, payload: wav() });
    expect(anon.statusCode).toBe(401);
    const u = await signUp(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/files?product=nope',
      headers: { ...u.auth, 'content-type': 'audio/wav' },
      payload: wav(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('product');
  });
});

describe('downloads', () => {
  let owner: Awaited<ReturnType<typeof signUp>>;
  let other: Awaited<ReturnType<typeof signUp>>;
  let fileId: string;
  const body = wav(200);

  beforeAll(async () => {
    owner = await signUp(t.app);
    other = await signUp(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/files?purpose=recording&product=lessons',
      headers: { ...owner.auth, 'content-type': 'audio/x-wav' },
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    fileId = res.json().id;
  });

  it('lets the owner read, and answers 404 to anyone else — an admin too, for a product’s file', async () => {
    expect((await t.app.inject({ url: `/v1/files/${fileId}`, headers: owner.auth })).statusCode).toBe(200);
    for (const url of [`/v1/files/${fileId}`, `/v1/files/${fileId}/content`]) {
      const res = await t.app.inject({ url, headers: other.auth });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('RIFF');
    }
    expect(
      (await t.app.inject({ method: 'POST', url: `/v1/files/${fileId}/signed-url`, headers: other.auth, payload: {} })).statusCode,
    ).toBe(404);
    // A product's file is read like the row that owns it: the product decides, and being an admin is not enough.
    const admin = await signUp(t.app);
    await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
    for (const url of [`/v1/files/${fileId}`, `/v1/files/${fileId}/content`])
      expect((await t.app.inject({ url, headers: admin.auth })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/files/${fileId}`, headers: admin.auth })).statusCode).toBe(404);
    // A core file (no product) stays readable by an admin.
    const plain = await t.app.inject({
      method: 'POST',
      url: '/v1/files?purpose=attachment',
      headers: { ...owner.auth, 'content-type': 'audio/x-wav' },
      payload: body,
    });
    expect(plain.statusCode, plain.body).toBe(201);
    expect((await t.app.inject({ url: `/v1/files/${plain.json().id}/content`, headers: admin.auth })).statusCode).toBe(200);
  });

  it("applies the owning product's access check", async () => {
    allowedReader = other.user.id;
    try {
      const res = await t.app.inject({ url: `/v1/files/${fileId}/content`, headers: other.auth });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(body)).toBe(true);
    } finally {
      allowedReader = '';
    }
    expect((await t.app.inject({ url: `/v1/files/${fileId}/content`, headers: other.auth })).statusCode).toBe(404);
  });

  it('serves byte ranges', async () => {
    const part = await t.app.inject({ url: `/v1/files/${fileId}/content`, headers: { ...owner.auth, range: 'bytes=0-3' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-3/${body.length}`);
    expect(part.body).toBe('RIFF');
    const tail = await t.app.inject({ url: `/v1/files/${fileId}/content`, headers: { ...owner.auth, range: 'bytes=-10' } });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(body.subarray(body.length - 10))).toBe(true);
    const bad = await t.app.inject({ url: `/v1/files/${fileId}/content`, headers: { ...owner.auth, range: `bytes=${body.length}-` } });
    expect(bad.statusCode).toBe(416);
    expect(bad.headers['content-range']).toBe(`bytes */${body.length}`);
  });

  it('signs short-lived links that work without a token and stop working when changed or expired', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/files/${fileId}/signed-url`,
      headers: owner.auth,
      payload: { expiresIn: 60 },
    });
    expect(res.statusCode).toBe(200);
    const { url, expiresAt } = res.json();
    expect(url).toMatch(/^http:\/\/files\.test\/v1\/files\/.+\/signed-content\?expires=\d+&signature=/);
    expect(new Date(expiresAt).getTime()).toBe(clock.now().getTime() + 60_000);
    const local = url.replace('http://files.test', '');
    const ok = await t.app.inject({ url: local });
    expect(ok.statusCode).toBe(200);
    expect(ok.rawPayload.equals(body)).toBe(true);
    const u = new URL(url);
    const tamperedExpiry = await t.app.inject({
      url: `${u.pathname}?expires=${Number(u.searchParams.get('expires')) + 3600}&signature=${u.searchParams.get('signature')}`,
    });
    expect(tamperedExpiry.statusCode).toBe(403);
    const otherFile = await t.app.inject({ url: local.replace(fileId, '0190f1c8-0000-7000-8000-000000000000') });
    expect(otherFile.statusCode).toBe(403);
    clock.advance(61_000);
    const expired = await t.app.inject({ url: local });
    expect(expired.statusCode).toBe(403);
    expect(expired.json().type).toBe('urn:talkbase:problem:files.signature_expired');
  });

  it('a deleted file is gone for readers at once; its row and blob wait for the grace period', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/files?purpose=recording',
      headers: { ...owner.auth, 'content-type': 'audio/wav' },
      payload: wav(10),
    });
    const id = res.json().id;
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/files/${id}`, headers: other.auth })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/files/${id}`, headers: owner.auth })).statusCode).toBe(204);
    expect((await t.app.inject({ url: `/v1/files/${id}`, headers: owner.auth })).statusCode).toBe(404);
    const [row] = await t.database.query<{ deleted_at: Date; blob_key: string }>(
      'SELECT deleted_at, blob_key FROM core.files WHERE id = $1',
      [id],
    );
    expect(new Date(row!.deleted_at).getTime()).toBe(clock.now().getTime());
    expect(fs.existsSync(path.join(root, ...row!.blob_key.split('/')))).toBe(true);
    const productFile = await t.app.inject({ method: 'DELETE', url: `/v1/files/${fileId}`, headers: owner.auth });
    expect(productFile.statusCode).toBe(409);
    expect(productFile.json().type).toBe('urn:talkbase:problem:files.owned_by_product');
  });

  it('deleting the row deletes the blob through the job queue', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/files?purpose=recording',
      headers: { ...owner.auth, 'content-type': 'audio/wav' },
      payload: wav(10),
    });
    const id = res.json().id;
    const [row] = await t.database.query<{ blob_key: string }>('SELECT blob_key FROM core.files WHERE id = $1', [id]);
    const blob = path.join(root, ...row!.blob_key.split('/'));
    expect(fs.existsSync(blob)).toBe(true);
    expect(await t.app.core.files.deleteNow([id])).toBe(1);
    expect(await t.database.query('SELECT 1 FROM core.files WHERE id = $1', [id])).toHaveLength(0);
    const until = Date.now() + 20_000;
    while (fs.existsSync(blob) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(fs.existsSync(blob)).toBe(false);
  });
});

describe('account deletion', () => {
  it('deleting an account removes its files and queues their blobs for deletion', async () => {
    const u = await signUp(t.app);
    const up = await t.app.inject({
      method: 'POST',
      url: '/v1/files?purpose=recording',
      headers: { ...u.auth, 'content-type': 'audio/wav' },
      payload: wav(10),
    });
    const [row] = await t.database.query<{ blob_key: string }>('SELECT blob_key FROM core.files WHERE id = $1', [up.json().id]);
    const blob = path.join(root, ...row!.blob_key.split('/'));
    expect(fs.existsSync(blob)).toBe(true);
    const res = await t.app.inject({ method: 'DELETE', url: '/v1/me', headers: u.auth, payload: { password: u.password } });
    expect(res.statusCode).toBe(204);
    expect(await t.database.query('SELECT 1 FROM core.files WHERE owner_id = $1', [u.user.id])).toHaveLength(0);
    const until = Date.now() + 20_000;
    while (fs.existsSync(blob) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(fs.existsSync(blob)).toBe(false);
  });
});
