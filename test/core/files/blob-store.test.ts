import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import S3rver from 's3rver';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { BlobKeyError, BlobNotFoundError, BlobSizeMismatchError, type BlobStore } from '../../../src/core/files/blob-store.js';
import { createLocalBlobStore } from '../../../src/core/files/local-blob-store.js';
import { createS3BlobStore } from '../../../src/core/files/s3-blob-store.js';

async function text(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function sha256(b: Buffer) {
  return createHash('sha256').update(b).digest('hex');
}

function failingStream(first: Buffer): Readable {
  return Readable.from(
    (async function* () {
      yield first;
      throw new Error('client went away');
    })(),
  );
}

interface Driver {
  name: string;
  open(): Promise<{ store: BlobStore; listKeys(): Promise<string[]>; close(): Promise<void> }>;
}

const BUCKET = 'talkbase-test';

const drivers: Driver[] = [
  {
    name: 'local directory',
    async open() {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-blobs-'));
      const store = createLocalBlobStore(root);
      return {
        store,
        async listKeys() {
          return fs
            .readdirSync(root, { recursive: true, withFileTypes: true })
            .filter((e) => e.isFile())
            .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
        },
        async close() {
          await store.close();
          fs.rmSync(root, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'S3 (s3rver on 127.0.0.1)',
    async open() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-s3rver-'));
      const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir });
      const { port } = await server.run();
      const endpoint = `http://127.0.0.1:${port}`;
      const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
      const admin = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
      await admin.send(new CreateBucketCommand({ Bucket: BUCKET }));
      admin.destroy();
      const store = createS3BlobStore({ kind: 's3', bucket: BUCKET, region: 'us-east-1', endpoint, forcePathStyle: true, credentials });
      return {
        store,
        async listKeys() {
          const bucketDir = path.join(dir, BUCKET);
          if (!fs.existsSync(bucketDir)) return [];
          return fs
            .readdirSync(bucketDir, { recursive: true, withFileTypes: true })
            .filter((e) => e.isFile() && e.name.endsWith('._S3rver_object'))
            .map((e) =>
              path
                .relative(bucketDir, path.join(e.parentPath, e.name))
                .replace(/\._S3rver_object$/, '')
                .split(path.sep)
                .join('/'),
            );
        },
        async close() {
          await store.close();
          await server.close();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
];

describe.each(drivers)('blob store: $name', (driver) => {
  let store: BlobStore;
  let listKeys: () => Promise<string[]>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ store, listKeys, close } = await driver.open());
  });
  afterAll(async () => close());

  it('stores a stream and reads it back with its size and SHA-256', async () => {
    const body = Buffer.from('hello, blob store');
    const stored = await store.put('a/b/hello', Readable.from([body.subarray(0, 5), body.subarray(5)]), { contentType: 'text/plain' });
    expect(stored).toEqual({ size: body.length, sha256: sha256(body) });
    expect(await store.exists('a/b/hello')).toBe(true);
    expect(await store.head('a/b/hello')).toEqual({ size: body.length });
    const read = await store.get('a/b/hello');
    expect(read.size).toBe(body.length);
    expect(read.range).toBeNull();
    expect(await text(read.body)).toBe('hello, blob store');
  });

  it('reads a byte range', async () => {
    await store.put('ranged', Buffer.from('0123456789'), { contentType: 'application/octet-stream', size: 10 });
    const read = await store.get('ranged', { start: 2, end: 5 });
    expect(read.size).toBe(10);
    expect(read.range).toEqual({ start: 2, end: 5 });
    expect(await text(read.body)).toBe('2345');
    const tail = await store.get('ranged', { start: 7, end: 100 });
    expect(tail.range).toEqual({ start: 7, end: 9 });
    expect(await text(tail.body)).toBe('789');
    await expect(store.get('ranged', { start: 10, end: 12 })).rejects.toThrow(RangeError);
  });

  it('stores a body of unknown length larger than one S3 part, and overwrites a key whole', async () => {
    const big = randomBytes(6 * 1024 * 1024 + 123);
    const chunks = Array.from({ length: Math.ceil(big.length / 65536) }, (_, i) => big.subarray(i * 65536, (i + 1) * 65536));
    const stored = await store.put('big/one', Readable.from(chunks), { contentType: 'audio/wav' });
    expect(stored).toEqual({ size: big.length, sha256: sha256(big) });
    expect((await store.head('big/one'))?.size).toBe(big.length);
    await store.put('big/one', Buffer.from('small now'), { contentType: 'audio/wav' });
    expect(await text((await store.get('big/one')).body)).toBe('small now');
  });

  it('deletes idempotently and reports missing blobs', async () => {
    await store.put('gone/soon', Buffer.from('x'), { contentType: 'text/plain' });
    await store.delete('gone/soon');
    await store.delete('gone/soon');
    await store.delete('never/was');
    expect(await store.exists('gone/soon')).toBe(false);
    expect(await store.head('gone/soon')).toBeNull();
    await expect(store.get('gone/soon')).rejects.toBeInstanceOf(BlobNotFoundError);
  });

  it('leaves nothing behind when the body fails or has another size than announced', async () => {
    const before = await listKeys();
    await expect(store.put('broken/stream', failingStream(Buffer.from('partial')), { contentType: 'audio/wav' })).rejects.toThrow(
      'client went away',
    );
    await expect(store.put('broken/sized', Buffer.from('12345'), { contentType: 'audio/wav', size: 5 })).resolves.toMatchObject({
      size: 5,
    });
    await store.delete('broken/sized');
    await expect(
      store.put('broken/sized', Readable.from([Buffer.from('1234')]), { contentType: 'audio/wav', size: 5 }),
    ).rejects.toBeInstanceOf(BlobSizeMismatchError);
    await expect(
      store.put('broken/sized', Readable.from([Buffer.from('123456')]), { contentType: 'audio/wav', size: 5 }),
    ).rejects.toBeInstanceOf(BlobSizeMismatchError);
    expect(await store.exists('broken/stream')).toBe(false);
    expect(await store.exists('broken/sized')).toBe(false);
    expect((await listKeys()).sort()).toEqual(before.sort());
  });

  it('refuses keys that could escape the store', async () => {
    for (const key of ['../outside', 'a/../../b', '/abs', 'a//b', '', '.hidden', 'a/./b', 'sp ace', 'back\\slash']) {
      await expect(store.put(key, Buffer.from('x'), { contentType: 'text/plain' }), key).rejects.toBeInstanceOf(BlobKeyError);
      await expect(store.exists(key), key).rejects.toBeInstanceOf(BlobKeyError);
    }
  });
});
