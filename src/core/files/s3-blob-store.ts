import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { BlobStoreConfig } from '../../config.js';
import { assertBlobKey, BlobNotFoundError, checkRange, createDigestStream, toReadable, type BlobStore } from './blob-store.js';

type S3Config = Extract<BlobStoreConfig, { kind: 's3' }>;

/** S3's smallest part; a body of unknown length is buffered at most one part at a time. */
const PART_SIZE = 5 * 1024 * 1024;

function isNotFound(err: unknown): boolean {
  if (!(err instanceof S3ServiceException)) return false;
  return err.name === 'NotFound' || err.name === 'NoSuchKey' || err.$metadata?.httpStatusCode === 404;
}

/** Blobs in an S3-compatible bucket (AWS S3, MinIO, R2), one object per key. */
export function createS3BlobStore(config: S3Config): BlobStore {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint ?? undefined,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials ?? undefined,
    // Streaming checksums (aws-chunked trailers) are not understood by every S3-compatible server; we keep our own SHA-256.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = config.bucket;

  async function head(key: string) {
    assertBlobKey(key);
    try {
      const res = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
      return { size: res.ContentLength ?? 0 };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async function remove(key: string) {
    assertBlobKey(key);
    await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
  }

  return {
    kind: 's3',
    async put(key, body, opts) {
      assertBlobKey(key);
      const digest = createDigestStream(opts.size);
      const abort = new AbortController();
      const piping = pipeline(toReadable(body), digest).catch((err: unknown) => {
        abort.abort();
        throw err;
      });
      const sending =
        opts.size !== undefined
          ? client.send(
              new PutObjectCommand({ Bucket, Key: key, Body: digest as Readable, ContentType: opts.contentType, ContentLength: opts.size }),
              { abortSignal: abort.signal },
            )
          : new Upload({
              client,
              params: { Bucket, Key: key, Body: digest, ContentType: opts.contentType },
              partSize: PART_SIZE,
              queueSize: 1,
              abortController: abort,
            }).done();
      try {
        const [piped, sent] = await Promise.allSettled([piping, sending]);
        if (piped.status === 'rejected') throw piped.reason;
        if (sent.status === 'rejected') throw sent.reason;
        const stored = digest.digest();
        return stored;
      } catch (err) {
        await remove(key).catch(() => undefined);
        throw err;
      }
    },
    async get(key, range) {
      const info = await head(key);
      if (!info) throw new BlobNotFoundError(key);
      const r = checkRange(range, info.size);
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: key, Range: r ? `bytes=${r.start}-${r.end}` : undefined }));
        return { body: res.Body as Readable, size: info.size, range: r };
      } catch (err) {
        if (isNotFound(err)) throw new BlobNotFoundError(key);
        throw err;
      }
    },
    head,
    async exists(key) {
      return (await head(key)) !== null;
    },
    delete: remove,
    async close() {
      client.destroy();
    },
  };
}
