import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';

/** A byte range, both ends inclusive, as in an HTTP Range header. */
export interface BlobRange {
  start: number;
  end: number;
}

export interface BlobPutOptions {
  contentType: string;
  /** The exact size when known up front; a body of another length is refused and nothing is kept. */
  size?: number;
}

export interface StoredBlob {
  size: number;
  /** Lower-case hex SHA-256 of the bytes stored. */
  sha256: string;
}

export interface BlobHead {
  size: number;
}

export interface BlobRead {
  body: Readable;
  /** The size of the whole blob (not of the range). */
  size: number;
  range: BlobRange | null;
}

/**
 * Where file bytes live. Keys are opaque paths of `[A-Za-z0-9._-]` segments joined by `/`;
 * a write is all or nothing: a failed `put` leaves no blob behind.
 */
export interface BlobStore {
  readonly kind: 'local' | 's3';
  put(key: string, body: Readable | Buffer, opts: BlobPutOptions): Promise<StoredBlob>;
  /** Throws BlobNotFoundError when there is no such blob. */
  get(key: string, range?: BlobRange): Promise<BlobRead>;
  head(key: string): Promise<BlobHead | null>;
  exists(key: string): Promise<boolean>;
  /** Removing a blob that is already gone succeeds. */
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

export class BlobNotFoundError extends Error {
  override name = 'BlobNotFoundError';
  constructor(readonly key: string) {
    super(`no blob "${key}"`);
  }
}

export class BlobKeyError extends Error {
  override name = 'BlobKeyError';
}

export class BlobSizeMismatchError extends Error {
  override name = 'BlobSizeMismatchError';
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`the body had ${actual} bytes, ${expected} were announced`);
  }
}

const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/** Refuses keys that could leave the store's root or mean different things to different drivers. */
export function assertBlobKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > 512) throw new BlobKeyError('a blob key has 1 to 512 characters');
  for (const segment of key.split('/')) {
    if (!SEGMENT.test(segment) || segment === '.' || segment === '..')
      throw new BlobKeyError(`blob key "${key}" has an invalid segment "${segment}"`);
  }
}

/**
 * Counts and hashes the bytes flowing through, so both drivers report size and SHA-256 the same way;
 * with an expected size, a longer or shorter body fails the stream.
 */
export function createDigestStream(expectedSize?: number): Transform & { digest(): StoredBlob } {
  const hash = createHash('sha256');
  let size = 0;
  let sha256: string | null = null;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      size += chunk.length;
      if (expectedSize !== undefined && size > expectedSize) return callback(new BlobSizeMismatchError(expectedSize, size));
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      if (expectedSize !== undefined && size !== expectedSize) return callback(new BlobSizeMismatchError(expectedSize, size));
      sha256 = hash.digest('hex');
      callback();
    },
  });
  return Object.assign(stream, {
    digest(): StoredBlob {
      if (sha256 === null) throw new Error('the digest is known once the stream has ended');
      return { size, sha256 };
    },
  });
}

export function toReadable(body: Readable | Buffer): Readable {
  return Buffer.isBuffer(body) ? Readable.from([body]) : body;
}

export function checkRange(range: BlobRange | undefined, size: number): BlobRange | null {
  if (!range) return null;
  if (!Number.isInteger(range.start) || !Number.isInteger(range.end) || range.start < 0 || range.end < range.start || range.start >= size) {
    throw new RangeError(`range ${range.start}-${range.end} does not fit a blob of ${size} bytes`);
  }
  return { start: range.start, end: Math.min(range.end, size - 1) };
}
