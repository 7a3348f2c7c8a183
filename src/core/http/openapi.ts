import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Problem } from './schemas.js';

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  app.addSchema(Problem);
  // Any route that validates its input can answer a validation error (and one with a body, a body too large or of
  // another type): documented here once, so every such answer matches the reference.
  app.addHook('onRoute', (route) => {
    const schema = route.schema;
    if (!schema || route.url.startsWith('/docs')) return;
    const response = (schema.response ??= {}) as Record<string, unknown>;
    if (schema.params || schema.querystring || schema.body) response[400] ??= { $ref: 'Problem#' };
    if (schema.body) {
      response[413] ??= { $ref: 'Problem#' };
      response[415] ??= { $ref: 'Problem#' };
    }
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Talkbase',
        version,
        description: 'The backend for AI conversation products. Errors are application/problem+json (RFC 9457).',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { deepLinking: true } });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
}
