import { Type } from 'typebox';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from '../context.js';
import { Strict, Timestamp, Uuid, errorResponses } from '../http/schemas.js';
import { afterKey, decodeTimeCursor, DEFAULT_PAGE_SIZE, PageQuery, pageOf, toPage } from '../http/pagination.js';
import { requireAdmin } from '../identity/access.js';
import { systemLogs } from './schema.js';

const Level = Type.Union([Type.Literal('warn'), Type.Literal('error'), Type.Literal('fatal')]);

const SystemLogSchema = Type.Object({
  id: Uuid,
  level: Level,
  message: Type.String(),
  context: Type.Record(Type.String(), Type.Unknown()),
  requestId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
});

export function systemLogRoutes(core: Core) {
  return async function register(root: FastifyInstance) {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/v1/admin/logs',
      {
        schema: {
          tags: ['admin'],
          summary: 'Stored warnings and errors, newest first (kept 30 days)',
          querystring: Strict({ level: Type.Optional(Level), ...PageQuery }),
          response: { 200: pageOf(SystemLogSchema), ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        requireAdmin(request);
        const limit = request.query.limit ?? DEFAULT_PAGE_SIZE;
        const cursor = decodeTimeCursor(request.query.cursor);
        const conditions: (SQL | undefined)[] = [];
        if (request.query.level) conditions.push(eq(systemLogs.level, request.query.level));
        if (cursor) {
          conditions.push(afterKey(systemLogs.createdAt, systemLogs.id, cursor, 'desc'));
        }
        const rows = await core.db
          .select()
          .from(systemLogs)
          .where(and(...conditions))
          .orderBy(desc(systemLogs.createdAt), desc(systemLogs.id))
          .limit(limit + 1);
        return toPage(
          rows,
          limit,
          (r) => [r.createdAt.toISOString(), r.id],
          (r) => ({
            id: r.id,
            level: r.level as 'warn' | 'error' | 'fatal',
            message: r.message,
            context: r.context,
            requestId: r.requestId,
            createdAt: r.createdAt.toISOString(),
          }),
        );
      },
    );
  };
}
