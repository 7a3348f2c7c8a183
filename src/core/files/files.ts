import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import { and, inArray, isNull } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Core } from '../context.js';
import type { ProductContext } from '../product-context.js';
import type { Db } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import { AppError } from '../http/errors.js';
import type { AuthUser } from '../identity/access.js';
import { BlobSizeMismatchError, type BlobRange, type BlobRead } from './blob-store.js';
import { deleteBlobsLater } from './blob-deletion.js';
import { ALL_KINDS, FILE_KINDS, kindOfMediaType, sniffKind, SNIFF_BYTES, type FileKind } from './content-types.js';
import { files } from './schema.js';

/** A file as products and clients see it; the blob key stays inside the core. */
export interface FileRecord {
  id: string;
  ownerId: string;
  product: string;
  purpose: string;
  contentType: string;
  size: number;
  sha256: string;
  originalName: string | null;
  createdAt: Date;
}

export interface StoredFile extends FileRecord {
  blobKey: string;
  deletedAt: Date | null;
}

export interface StoreFileInput {
  ownerId: string;
  /** The product the file belongs to (`core` for generic uploads); its `fileAccess` check applies. */
  product: string;
  /** What the file is for (`recording`, `avatar`, …), free text for the product. */
  purpose: string;
  body: Readable | AsyncIterable<Uint8Array> | Buffer;
  /** The media type the client declared; it must agree with what the first bytes show. */
  contentType: string;
  originalName?: string | null;
  /** The size the client announced (Content-Length of a raw body), checked against what arrives. */
  size?: number;
  /** Kinds allowed for this upload (default: every audio and image kind). */
  accept?: readonly FileKind[];
  /** Below the deployment's limit if the product wants a smaller one. */
  maxBytes?: number;
}

export interface ReceiveOptions {
  product: string;
  purpose: string;
  accept?: readonly FileKind[];
  maxBytes?: number;
  /** Default: the signed-in user. */
  ownerId?: string;
}

export interface SignedUrl {
  url: string;
  expiresAt: Date;
}

/** A product's rule for who else may read its files (a shop's clerk reading the receipt a buyer uploaded). */
export type FileAccessCheck = (core: ProductContext, user: AuthUser, file: FileRecord) => Promise<boolean>;

export interface FileService {
  /** Streams a body into the blob store and records it; on any failure nothing is left behind. */
  store(input: StoreFileInput): Promise<FileRecord>;
  /** `store` for an HTTP request: a multipart form's `file` field, or a raw audio/image body. */
  receive(request: FastifyRequest, opts: ReceiveOptions): Promise<FileRecord>;
  /** A live (not deleted) file, or null. */
  find(id: string, db?: Db): Promise<StoredFile | null>;
  /** Owner, admin, or the owning product's `fileAccess` check. */
  canRead(user: AuthUser, file: FileRecord): Promise<boolean>;
  /** The file if `user` may read it; otherwise 404 `files.not_found`, exactly as if it did not exist. */
  findReadable(user: AuthUser, id: string): Promise<StoredFile>;
  open(file: StoredFile, range?: BlobRange): Promise<BlobRead>;
  signUrl(file: FileRecord, ttlSeconds?: number): SignedUrl;
  /** Throws 403 unless the signature is ours and not expired. */
  verifySignature(fileId: string, expires: number, signature: string): void;
  /** Marks files deleted; retention removes rows and blobs after the grace period. */
  markDeleted(ids: string[], db?: Db): Promise<number>;
  /** Removes rows at once (in the caller's transaction if given) and queues their blobs for deletion. */
  deleteNow(ids: string[], db?: Db): Promise<number>;
  toRecord(row: typeof files.$inferSelect): FileRecord & { blobKey: string; deletedAt: Date | null };
}

export const SIGNED_URL_DEFAULT_SECONDS = 300;
export const SIGNED_URL_MAX_SECONDS = 3600;

const PRODUCT_NAME = /^[a-z][a-z0-9_]{1,30}$/;
const PURPOSE = /^[a-z][a-z0-9_.-]{0,39}$/;

const EXTENSION_KINDS: Record<string, FileKind> = {
  '.wav': 'wav',
  '.mp3': 'mp3',
  '.m4a': 'm4a',
  '.mp4': 'm4a',
  '.aac': 'm4a',
  '.webm': 'webm',
  '.ogg': 'ogg',
  '.oga': 'ogg',
  '.opus': 'ogg',
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.webp': 'webp',
};

/** Keeps a file name for display only: no directories, no control characters, at most 255 characters. */
export function cleanOriginalName(name: string | null | undefined): string | null {
  if (!name) return null;
  const last = name.split(/[\\/]/).pop()!;
  const base = [...last]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return base ? base.slice(0, 255) : null;
}

function newBlobKey(): string {
  const id = randomBytes(24).toString('hex');
  return `f/${id.slice(0, 2)}/${id}`;
}

function tooLarge(limit: number): AppError {
  return new AppError('files.too_large', 413, `the file is larger than ${limit} bytes`, { limit });
}

function unsupported(detail: string, accept: readonly FileKind[]): AppError {
  return new AppError('files.unsupported_type', 415, detail, { accepted: accept.map((k) => FILE_KINDS[k].contentType) });
}

/** Reads just enough to see the magic number, then passes every byte on while counting against the limit. */
async function inspectBody(source: AsyncIterable<Uint8Array>, limit: number): Promise<{ head: Buffer; body: Readable }> {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let seen = 0;
  while (seen < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.from(next.value);
    chunks.push(chunk);
    seen += chunk.length;
  }
  const head = Buffer.concat(chunks);
  if (head.length > limit) {
    await iterator.return?.();
    throw tooLarge(limit);
  }
  async function* rest() {
    let total = head.length;
    yield head;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      total += next.value.length;
      if (total > limit) {
        await iterator.return?.();
        throw tooLarge(limit);
      }
      yield Buffer.from(next.value);
    }
  }
  return { head, body: Readable.from(rest(), { objectMode: false }) };
}

function asIterable(body: StoreFileInput['body']): AsyncIterable<Uint8Array> {
  return Buffer.isBuffer(body) ? Readable.from([body]) : body;
}

function discard(body: StoreFileInput['body']): void {
  if (body instanceof Readable) {
    body.resume();
    body.on('error', () => undefined);
  }
}

/** Uploads, authorized reads, signed URLs and deletion of files; built once per app as `core.files`. */
export function createFileService(getCore: () => Core): FileService {
  let signingKey: Buffer | null = null;
  const keyFor = (core: Core) =>
    (signingKey ??= Buffer.from(hkdfSync('sha256', core.keyring.tokenKey, Buffer.alloc(0), 'talkbase files signed-url v1', 32)));

  const sign = (core: Core, fileId: string, expires: number) =>
    createHmac('sha256', keyFor(core)).update(`${fileId}.${expires}`).digest('base64url');

  function toRecord(row: typeof files.$inferSelect) {
    const core = getCore();
    return {
      id: row.id,
      ownerId: row.ownerId,
      product: row.product,
      purpose: row.purpose,
      contentType: row.contentType,
      size: Number(row.size),
      sha256: row.sha256,
      originalName: core.crypt.openOptional(files.originalName, row.id, row.originalName),
      createdAt: row.createdAt,
      blobKey: row.blobKey,
      deletedAt: row.deletedAt,
    };
  }

  const service: FileService = {
    toRecord,

    async store(input) {
      const core = getCore();
      const accept = input.accept ?? ALL_KINDS;
      const limit = Math.min(input.maxBytes ?? Infinity, core.config.files.uploadMaxBytes);
      if (!PRODUCT_NAME.test(input.product) && input.product !== 'core') {
        discard(input.body);
        throw new AppError('validation', 400, 'product is not valid', {
          errors: [{ field: 'product', message: 'must be a product name' }],
        });
      }
      if (!PURPOSE.test(input.purpose)) {
        discard(input.body);
        throw new AppError('validation', 400, 'purpose is not valid', { errors: [{ field: 'purpose', message: `must match ${PURPOSE}` }] });
      }
      if (input.size !== undefined && input.size > limit) {
        discard(input.body);
        throw tooLarge(limit);
      }
      let declared = kindOfMediaType(input.contentType);
      if (!declared && /^application\/octet-stream\b/i.test(input.contentType ?? '') && input.originalName) {
        declared = EXTENSION_KINDS[path.extname(input.originalName).toLowerCase()] ?? null;
      }
      if (!declared || !accept.includes(declared)) {
        discard(input.body);
        throw unsupported(`files of type "${input.contentType}" are not accepted here`, accept);
      }
      const { head, body } = await inspectBody(asIterable(input.body), limit);
      if (head.length === 0) throw new AppError('files.empty', 400, 'the file is empty');
      const sniffed = sniffKind(head);
      if (sniffed !== declared) {
        body.destroy();
        throw unsupported(
          `the content is not ${FILE_KINDS[declared].contentType}${sniffed ? ` (it looks like ${FILE_KINDS[sniffed].contentType})` : ''}`,
          accept,
        );
      }

      const id = uuidv7(core.clock.now().getTime());
      const blobKey = newBlobKey();
      const contentType = FILE_KINDS[declared].contentType;
      let stored;
      try {
        stored = await core.blobs.put(blobKey, body, { contentType, size: input.size });
      } catch (err) {
        if (err instanceof AppError) throw err;
        if (err instanceof BlobSizeMismatchError)
          throw new AppError('files.size_mismatch', 400, `the body had another size than the announced ${input.size} bytes`);
        throw err;
      }
      const originalName = cleanOriginalName(input.originalName);
      try {
        const [row] = await core.db
          .insert(files)
          .values({
            id,
            ownerId: input.ownerId,
            product: input.product,
            purpose: input.purpose,
            blobKey,
            contentType,
            size: stored.size,
            sha256: stored.sha256,
            originalName: core.crypt.sealOptional(files.originalName, id, originalName),
            createdAt: core.clock.now(),
          })
          .returning();
        const { blobKey: _key, deletedAt: _deleted, ...record } = toRecord(row!);
        return record;
      } catch (err) {
        await core.blobs.delete(blobKey).catch(() => undefined);
        throw err;
      }
    },

    async receive(request, opts) {
      const core = getCore();
      const ownerId = opts.ownerId ?? request.user?.id;
      if (!ownerId) throw new AppError('auth.required', 401, 'a valid access token is required');
      const limit = Math.min(opts.maxBytes ?? Infinity, core.config.files.uploadMaxBytes);
      try {
        if (request.isMultipart()) {
          const part = await request.file({ limits: { fileSize: limit + 1, files: 1, fields: 10, parts: 11 } });
          if (!part) throw new AppError('validation', 400, 'a file is required', { errors: [{ field: 'file', message: 'is required' }] });
          if (part.fieldname !== 'file') {
            part.file.resume();
            throw new AppError('validation', 400, 'the form field holding the file must be named "file"', {
              errors: [{ field: part.fieldname, message: 'is not a known field; use "file"' }],
            });
          }
          return await service.store({
            ownerId,
            product: opts.product,
            purpose: opts.purpose,
            body: part.file,
            contentType: part.mimetype,
            originalName: part.filename,
            accept: opts.accept,
            maxBytes: limit,
          });
        }
        const length = request.headers['content-length'];
        const size = length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined;
        const name = request.headers['x-file-name'];
        return await service.store({
          ownerId,
          product: opts.product,
          purpose: opts.purpose,
          body: request.body instanceof Readable ? request.body : request.raw,
          contentType: request.headers['content-type'] ?? '',
          originalName: typeof name === 'string' ? decodeFileName(name) : null,
          size,
          accept: opts.accept,
          maxBytes: limit,
        });
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(limit);
        // A form cut short or without its boundary is the client's mistake, not the server's.
        if (
          !(err instanceof AppError) &&
          request.isMultipart() &&
          /multipart|boundary|unexpected end of form/i.test(String((err as Error).message))
        )
          throw new AppError('malformed_body', 400, 'the multipart form is malformed or incomplete');
        throw err;
      }
    },

    async find(id, db) {
      const core = getCore();
      const [row] = await (db ?? core.db)
        .select()
        .from(files)
        .where(and(inArray(files.id, [id]), isNull(files.deletedAt)));
      return row ? toRecord(row) : null;
    },

    async canRead(user, file) {
      if (user.id === file.ownerId) return true;
      // A product's file is read like the row that owns it, so only the product says who besides the owner may;
      // deployment admins read files that belong to no product.
      if (file.product === 'core') return user.isAdmin;
      const core = getCore();
      const product = core.products.find((p) => p.name === file.product);
      return product?.fileAccess ? product.fileAccess(core.forProducts, user, file) : false;
    },

    async findReadable(user, id) {
      const file = await service.find(id);
      if (!file || !(await service.canRead(user, file))) throw new AppError('files.not_found', 404, 'file not found');
      return file;
    },

    open(file, range) {
      return getCore().blobs.get(file.blobKey, range);
    },

    signUrl(file, ttlSeconds = SIGNED_URL_DEFAULT_SECONDS) {
      const core = getCore();
      const ttl = Math.max(1, Math.min(SIGNED_URL_MAX_SECONDS, Math.floor(ttlSeconds)));
      const expires = Math.floor(core.clock.now().getTime() / 1000) + ttl;
      const query = new URLSearchParams({ expires: String(expires), signature: sign(core, file.id, expires) });
      return {
        url: `${core.config.publicUrl.replace(/\/$/, '')}/v1/files/${file.id}/signed-content?${query}`,
        expiresAt: new Date(expires * 1000),
      };
    },

    verifySignature(fileId, expires, signature) {
      const core = getCore();
      const expected = Buffer.from(sign(core, fileId, expires));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new AppError('files.signature_invalid', 403, 'the link is not valid');
      }
      if (expires * 1000 <= core.clock.now().getTime()) throw new AppError('files.signature_expired', 403, 'the link has expired');
    },

    async markDeleted(ids, db) {
      if (!ids.length) return 0;
      const core = getCore();
      const rows = await (db ?? core.db)
        .update(files)
        .set({ deletedAt: core.clock.now() })
        .where(and(inArray(files.id, ids), isNull(files.deletedAt)))
        .returning({ id: files.id });
      return rows.length;
    },

    async deleteNow(ids, db) {
      if (!ids.length) return 0;
      const core = getCore();
      const run = async (tx: Db) => {
        const rows = await tx.delete(files).where(inArray(files.id, ids)).returning({ blobKey: files.blobKey });
        const keys = rows.map((r) => r.blobKey);
        await deleteBlobsLater(core, keys, tx);
        return keys.length;
      };
      return db ? run(db) : core.db.transaction((tx) => run(tx as unknown as Db));
    },
  };
  return service;
}

/** The X-File-Name header, percent-decoded when it is valid percent-encoding and taken as it is otherwise. */
function decodeFileName(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
