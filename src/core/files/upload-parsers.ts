import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import { ALL_KINDS, FILE_KINDS, type FileKind } from './content-types.js';

/** Raw upload bodies: handed to the route as the request stream, never buffered or parsed. */
const RAW_UPLOAD_TYPES = /^(audio\/[a-z0-9.+-]+|image\/[a-z0-9.+-]+|video\/webm|application\/ogg)\s*(;.*)?$/i;

/**
 * Lets every route (the core's and the products') take uploads through `core.files.receive`:
 * multipart forms are parsed lazily by @fastify/multipart; audio and image bodies stay streams.
 */
export async function registerUploadParsers(app: FastifyInstance, uploadMaxBytes: number): Promise<void> {
  await app.register(multipart, { limits: { fileSize: uploadMaxBytes + 1, files: 1, fields: 10, parts: 11, headerPairs: 100 } });
  app.addContentTypeParser(RAW_UPLOAD_TYPES, (_request, payload, done) => done(null, payload));
}

/**
 * The request-body schema of an upload route, for the OpenAPI document: a multipart form with a `file`
 * field, or the raw bytes under their own media type. It never rejects a body (the body is a stream
 * that `core.files.receive` checks); use it as `schema.body` of any route that calls `receive`.
 */
export function uploadBody(kinds: readonly FileKind[] = ALL_KINDS) {
  // Descriptions only: the body is a stream, and a typed schema would make the validator reject it.
  const content: Record<string, { schema: { description: string } }> = {
    'multipart/form-data': { schema: { description: 'A form whose part named "file" holds the bytes; its filename is kept (encrypted)' } },
  };
  for (const kind of kinds) {
    content[FILE_KINDS[kind].contentType] = { schema: { description: 'The file bytes; send X-File-Name (URI-encoded) to keep a name' } };
  }
  return { content };
}
