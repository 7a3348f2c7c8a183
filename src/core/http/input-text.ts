import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/**
 * Text PostgreSQL cannot store, refused before any handler runs: a NUL character, or a lone UTF-16 surrogate (half of
 * a character, which has no UTF-8 form). Query strings and path parameters are checked here; JSON bodies too, once parsed.
 */
export function badText(value: string): 'nul' | 'surrogate' | null {
  if (value.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(value)) return 'surrogate';
  return null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const WHY = { nul: 'must not contain NUL (\\u0000)', surrogate: 'must be valid Unicode (it holds a lone surrogate)' } as const;

/** The first string in `value` (walking objects and arrays) that cannot be stored, with its field path. */
export function findBadText(value: unknown, path: string, depth = 0): { field: string; message: string } | null {
  if (typeof value === 'string') {
    const problem = badText(value);
    return problem ? { field: path, message: WHY[problem] } : null;
  }
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadText(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, v] of Object.entries(value)) {
    const keyProblem = badText(key);
    if (keyProblem) return { field: path ? `${path}.${key}` : key, message: `name ${WHY[keyProblem]}` };
    const found = findBadText(v, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

/** A body parsed from JSON (not an upload stream or a buffer). */
const isParsedJson = (body: unknown) =>
  Array.isArray(body) || (body !== null && typeof body === 'object' && Object.getPrototypeOf(body) === Object.prototype);

/** A 400 naming the first field whose text cannot be stored, if any. */
function refuse(found: { field: string; message: string } | null): void {
  if (found)
    throw new AppError('validation', 400, `${found.field || 'input'} ${found.message}`, {
      errors: [{ field: found.field || 'input', message: found.message }],
    });
}

/** For a body a route parses itself (a signed webhook's raw bytes): the same 400 as the guard's. */
export function refuseUnstorableText(body: unknown): void {
  refuse(findBadText(body, ''));
}

/** Refuses unstorable text in the query, the path and a parsed JSON body with a 400 naming the field. */
export function registerInputTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    refuse(
      findBadText(request.query, '') ??
        findBadText(request.params, '') ??
        (isParsedJson(request.body) ? findBadText(request.body, '') : null),
    );
  });
}

/** Fastify's own routing errors (bad percent-encoding in the path, a path parameter over the limit) as problem+json. */
export function frameworkErrorAsProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const status = tooLong ? 414 : 400;
  const code = tooLong ? 'path_parameter_too_long' : error.code === 'FST_ERR_BAD_URL' ? 'bad_url' : 'bad_request';
  const detail = tooLong
    ? 'a path parameter is longer than 100 characters'
    : error.code === 'FST_ERR_BAD_URL'
      ? 'the path is not valid percent-encoding'
      : error.message;
  void reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: `urn:talkbase:problem:${code}`,
      title: tooLong ? 'URI Too Long' : 'Bad Request',
      status,
      detail,
      instance: (request.url ?? '').split('?')[0],
      requestId: request.id,
    });
}
