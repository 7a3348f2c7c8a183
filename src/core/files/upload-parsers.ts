import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';

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
