import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.js';

/** Deeper JSON than this is refused before parsing: no request needs it, and serializing it again would overflow the stack. */
export const MAX_JSON_DEPTH = 64;

/** How deep arrays and objects nest in a JSON text, counted outside strings; stops counting past `limit`. */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/** Fastify's own JSON parser (prototype poisoning refused), behind a nesting limit. */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonDepthExceeds(body as string, MAX_JSON_DEPTH))
      return done(new AppError('malformed_body', 400, `the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`), undefined);
    parse(request, body as string, done);
  });
}
