import { Type } from 'typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from '../context.js';
import { AppError } from '../http/errors.js';
import { errorResponses, IdParams, Strict, Timestamp, Uuid } from '../http/schemas.js';
import { requireUser } from '../identity/access.js';
import { BlobNotFoundError, type BlobRange } from './blob-store.js';
import { ALL_KINDS, FILE_KINDS, IMAGE_KINDS } from './content-types.js';
import { uploadBody } from './upload-parsers.js';
import { SIGNED_URL_DEFAULT_SECONDS, SIGNED_URL_MAX_SECONDS, type FileRecord, type StoredFile } from './files.js';

const FileSchema = Type.Object(
  {
    id: Uuid,
    ownerId: Uuid,
    product: Type.String(),
    purpose: Type.String(),
    contentType: Type.String({ description: 'The stored type, checked against the first bytes of the file' }),
    size: Type.Integer({ description: 'Bytes' }),
    sha256: Type.String({ description: 'Hex SHA-256 of the bytes' }),
    originalName: Type.Union([Type.String(), Type.Null()]),
    createdAt: Timestamp,
  },
  { $id: 'File' },
);
const FileRef = Type.Unsafe<FileRecord>({ $ref: 'File#' });

const Binary = Type.String({ format: 'binary' });

const UploadQuery = Strict({
  purpose: Type.String({ pattern: '^[a-z][a-z0-9_.-]{0,39}$', default: 'upload', description: '`avatar` accepts images only' }),
  product: Type.Optional(
    Type.String({ pattern: '^[a-z][a-z0-9_]{1,30}$', description: 'The enabled product the file belongs to (default `core`)' }),
  ),
});

const ACCEPTED = ALL_KINDS.map((k) => FILE_KINDS[k].contentType).join(', ');

/** `bytes=a-b`, `bytes=a-` or `bytes=-n`; anything else (several ranges included) means the whole file. */
export function parseRange(header: string | undefined, size: number): BlobRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (size === 0) return 'unsatisfiable';
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

function contentDisposition(name: string | null): string {
  if (!name) return 'inline';
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function sendContent(core: Core, file: StoredFile, rangeHeader: string | undefined, reply: FastifyReply) {
  const range = parseRange(rangeHeader, file.size);
  if (range === 'unsatisfiable') {
    reply.header('content-range', `bytes */${file.size}`);
    throw new AppError('files.range_not_satisfiable', 416, `the range does not fit a file of ${file.size} bytes`);
  }
  let read;
  try {
    read = await core.files.open(file, range ?? undefined);
  } catch (err) {
    if (err instanceof BlobNotFoundError) throw new AppError('files.not_found', 404, 'file not found');
    throw err;
  }
  reply
    .header('content-type', file.contentType)
    .header('accept-ranges', 'bytes')
    .header('etag', `"${file.sha256}"`)
    .header('cache-control', 'private, no-cache')
    .header('content-disposition', contentDisposition(file.originalName));
  if (read.range) {
    reply
      .status(206)
      .header('content-range', `bytes ${read.range.start}-${read.range.end}/${read.size}`)
      .header('content-length', read.range.end - read.range.start + 1);
  } else {
    reply.status(200).header('content-length', read.size);
  }
  return reply.send(read.body);
}

function publicRecord(file: StoredFile): FileRecord {
  const { blobKey: _key, deletedAt: _deleted, ...record } = file;
  return record;
}

export function fileRoutes(core: Core) {
  return async function register(root: FastifyInstance) {
    root.addSchema(FileSchema);
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['files'];

    app.post(
      '/v1/files',
      {
        schema: {
          tags,
          summary:
            'Upload a file: a multipart form with a `file` field, or the raw bytes with their Content-Type (and an optional X-File-Name)',
          description: `Accepted: ${ACCEPTED}; at most ${core.config.files.uploadMaxBytes} bytes. The declared type must match the file's first bytes.`,
          querystring: UploadQuery,
          body: uploadBody(ALL_KINDS),
          response: { 201: FileRef, ...errorResponses(400, 404, 413, 415) },
        },
      },
      async (request, reply) => {
        requireUser(request);
        const product = request.query.product ?? 'core';
        if (product !== 'core' && !core.products.some((p) => p.name === product)) {
          throw new AppError('validation', 400, `no enabled product "${product}"`, {
            errors: [{ field: 'product', message: 'is not an enabled product' }],
          });
        }
        const purpose = request.query.purpose;
        const file = await core.files.receive(request, { product, purpose, accept: purpose === 'avatar' ? IMAGE_KINDS : ALL_KINDS });
        return reply.status(201).send(file);
      },
    );

    app.get(
      '/v1/files/:id',
      {
        schema: {
          tags,
          summary: 'A file I may read: its metadata',
          params: IdParams,
          response: { 200: FileRef, ...errorResponses(400, 404) },
        },
      },
      async (request) => publicRecord(await core.files.findReadable(requireUser(request), request.params.id)),
    );

    app.get(
      '/v1/files/:id/content',
      {
        schema: {
          tags,
          summary: 'The bytes of a file I may read (supports a single Range)',
          params: IdParams,
          produces: ['application/octet-stream'],
          response: { 200: Binary, 206: Binary, ...errorResponses(400, 404, 416) },
        },
      },
      async (request, reply) =>
        sendContent(core, await core.files.findReadable(requireUser(request), request.params.id), request.headers.range, reply),
    );

    app.post(
      '/v1/files/:id/signed-url',
      {
        schema: {
          tags,
          summary: 'A short-lived link to the bytes that works without a token (for <audio src> and the like)',
          params: IdParams,
          body: Type.Optional(
            Strict({
              expiresIn: Type.Optional(
                Type.Integer({ minimum: 1, maximum: SIGNED_URL_MAX_SECONDS, default: SIGNED_URL_DEFAULT_SECONDS, description: 'Seconds' }),
              ),
            }),
          ),
          response: { 200: Type.Object({ url: Type.String(), expiresAt: Timestamp }), ...errorResponses(400, 404) },
        },
      },
      async (request) => {
        const file = await core.files.findReadable(requireUser(request), request.params.id);
        const signed = core.files.signUrl(file, request.body?.expiresIn ?? SIGNED_URL_DEFAULT_SECONDS);
        return { url: signed.url, expiresAt: signed.expiresAt.toISOString() };
      },
    );

    app.get(
      '/v1/files/:id/signed-content',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'The bytes of a file through a signed link',
          params: IdParams,
          querystring: Strict({
            // Unix seconds; the last second of year 9999 is as far as a date goes.
            expires: Type.Integer({ minimum: 0, maximum: 253_402_300_799 }),
            signature: Type.String({ minLength: 1, maxLength: 128 }),
          }),
          produces: ['application/octet-stream'],
          response: { 200: Binary, 206: Binary, ...errorResponses(400, 403, 404, 416) },
        },
      },
      async (request, reply) => {
        core.files.verifySignature(request.params.id, request.query.expires, request.query.signature);
        const file = await core.files.find(request.params.id);
        if (!file) throw new AppError('files.not_found', 404, 'file not found');
        return sendContent(core, file, request.headers.range, reply);
      },
    );

    app.delete(
      '/v1/files/:id',
      {
        schema: {
          tags,
          summary: 'Delete one of my generic uploads (the bytes are removed after a grace period)',
          description:
            "A product's files (product other than `core`) are deleted through that product's API, which knows what refers to them.",
          params: IdParams,
          response: { 204: Type.Null(), ...errorResponses(400, 404, 409) },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const file = await core.files.find(request.params.id);
        if (!file || (file.ownerId !== user.id && !(user.isAdmin && file.product === 'core')))
          throw new AppError('files.not_found', 404, 'file not found');
        if (file.product !== 'core') {
          throw new AppError('files.owned_by_product', 409, `this file belongs to ${file.product}; delete it through that product`);
        }
        await core.files.markDeleted([file.id]);
        return reply.status(204).send(null);
      },
    );
  };
}
