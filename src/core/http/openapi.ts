import type { FastifyInstance, RouteOptions } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Problem } from './schemas.js';
import { IDEMPOTENCY_KEY_MAX, honoursIdempotencyKey } from './idempotency.js';

export interface OpenApiOptions {
  version: string;
  /** The document's one server: the public URL, or `/` (the server the document was read from). */
  serverUrl: string;
  /**
   * `METHOD /path/{param}` → operationId, for every route whose schema names none. A route that names its own keeps it.
   */
  operationIds: Readonly<Record<string, string>>;
}

/** `/v1/shop/orders/:id` → `/v1/shop/orders/{id}`, as the document writes paths. */
export const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const idempotencyKeyHeader = {
  type: 'string',
  minLength: 1,
  maxLength: IDEMPOTENCY_KEY_MAX,
  description:
    'Makes the request safe to retry: the first request with a key runs and its answer is replayed (with `Idempotent-Replayed: true`) ' +
    'to a retry with the same key by the same account for a day; the same key with another request is a 422 (`idempotency.key_reused`), ' +
    'and a retry while the first is still running (or after it was interrupted with its changes saved) a 409 (`idempotency.in_progress`).',
};

export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions): Promise<void> {
  app.addSchema(Problem);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs') || route.schema?.hide) return;
    const schema = (route.schema ??= {});
    // Every route can answer a validation error (text that cannot be stored is refused in any query parameter, even
    // one the route does not read), one with a body a body too large or of another type, and one with a path parameter
    // a parameter longer than the router takes: documented here once, so every such answer matches the reference.
    const response = (schema.response ??= {}) as Record<string, unknown>;
    response[400] ??= { $ref: 'Problem#' };
    if (route.url.includes(':')) response[414] ??= { $ref: 'Problem#' };
    if (schema.body) {
      response[413] ??= { $ref: 'Problem#' };
      response[415] ??= { $ref: 'Problem#' };
    }
    // Routes that need no token say so, so a generated client sends none (the document's default is bearerAuth).
    if (route.config?.public) schema.security ??= [];
    const method = (Array.isArray(route.method) ? route.method : [route.method]).find((m) => m !== 'HEAD');
    if (method && !schema.operationId) {
      const id = options.operationIds[`${method} ${openApiPath(route.url)}`];
      if (id) schema.operationId = id;
    }
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Talkbase',
        version: options.version,
        description: 'The backend for AI conversation products. Errors are application/problem+json (RFC 9457).',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: options.serverUrl }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearerAuth: [] }],
    },
    // The server URL may carry a path (behind a proxy); the routes' own paths are never shortened by it.
    stripBasePath: false,
    transform: ({ schema, url, route }) => ({ schema: documentIdempotencyKey(schema, route), url }),
    transformObject: (documents) => problemJsonErrors('openapiObject' in documents ? documents.openapiObject : documents.swaggerObject),
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { deepLinking: true } });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
}

type RouteSchema = NonNullable<RouteOptions['schema']>;

/** The `Idempotency-Key` header (and the answers it adds) on the operations that honour it; the document only. */
function documentIdempotencyKey(schema: RouteSchema, route: RouteOptions): RouteSchema {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  if (!schema || !methods.some((m) => honoursIdempotencyKey(m, route.config?.public === true))) return schema;
  const headers = (schema.headers ?? { type: 'object', properties: {} }) as { properties?: Record<string, unknown> };
  return {
    ...schema,
    headers: { ...headers, properties: { ...headers.properties, 'Idempotency-Key': idempotencyKeyHeader } },
    response: { 409: { $ref: 'Problem#' }, 422: { $ref: 'Problem#' }, ...(schema.response as object) },
  };
}

type Document = Record<string, any>;

/**
 * Error answers are sent as application/problem+json: the document says so wherever an answer is a Problem (Swagger
 * gives it the JSON type, or a route's `produces` types such as text/plain or audio/wav).
 */
function problemJsonErrors(document: Document): Document {
  const isProblem = (media: Document) => media?.schema?.$ref === '#/components/schemas/Problem';
  for (const item of Object.values<Document>(document.paths ?? {}))
    for (const operation of Object.values<Document>(item))
      for (const [status, response] of Object.entries<Document>(operation?.responses ?? {})) {
        const media = Object.values<Document>(response?.content ?? {});
        if (Number(status) < 400 || !media.length || !media.every(isProblem)) continue;
        response.content = { 'application/problem+json': media[0] };
      }
  return document;
}
