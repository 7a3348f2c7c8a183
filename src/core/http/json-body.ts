import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

/** Deeper JSON than this is refused before parsing: no request needs it, and serializing it again would overflow the stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * What makes a JSON text unfit to store, found in one pass outside and inside strings: nesting past `maxDepth`,
 * or a NUL character (`\u0000`), which PostgreSQL text cannot hold.
 */
export function jsonTextProblem(text: string, maxDepth: number): 'too_deep' | 'nul' | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) {
        if (text.startsWith('u0000', i + 1)) return 'nul';
        i++;
      } else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > maxDepth) return 'too_deep';
    } else if (c === 125 || c === 93) depth--;
  }
  return null;
}

/** Fastify's own JSON parser (prototype poisoning refused), behind the checks above. */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const problem = jsonTextProblem(body as string, MAX_JSON_DEPTH);
    if (problem === 'too_deep')
      return done(new AppError('malformed_body', 400, `the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    if (problem === 'nul')
      return done(new AppError('malformed_body', 400, 'text in the JSON body must not contain NUL (\\u0000)'), undefined);
    parse(request, body as string, done);
  });
}
