import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from '../context.js';
import { notFound } from '../http/errors.js';
import { errorResponses, IdParams, Strict, Timestamp, Uuid } from '../http/schemas.js';
import { DEFAULT_PAGE_SIZE, PageQuery } from '../http/pagination.js';
import { requireAdmin } from '../identity/access.js';
import type { JobSummary } from './job-queue.js';

const JobStateSchema = Type.Union([
  Type.Literal('created'),
  Type.Literal('retry'),
  Type.Literal('active'),
  Type.Literal('completed'),
  Type.Literal('cancelled'),
  Type.Literal('failed'),
]);

const JobSchema = Type.Object({
  id: Uuid,
  queue: Type.String(),
  state: JobStateSchema,
  retryCount: Type.Integer({ description: 'Attempts started after the first' }),
  retryLimit: Type.Integer(),
  createdAt: Timestamp,
  startAfter: Timestamp,
  startedAt: Type.Union([Timestamp, Type.Null()]),
  completedAt: Type.Union([Timestamp, Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()], { description: 'The last failure, for failed and retried jobs' }),
});

const QueueDepthSchema = Type.Object({
  queue: Type.String(),
  created: Type.Integer(),
  retry: Type.Integer(),
  active: Type.Integer(),
  failed: Type.Integer({ description: 'Dead letters: retries exhausted; retry them one by one' }),
});

const toJson = (j: JobSummary) => ({
  ...j,
  createdAt: j.createdAt.toISOString(),
  startAfter: j.startAfter.toISOString(),
  startedAt: j.startedAt?.toISOString() ?? null,
  completedAt: j.completedAt?.toISOString() ?? null,
});

/** Operators' view of the job queue: depth per queue, jobs newest first, and retrying a dead letter. */
export function jobAdminRoutes(core: Core) {
  return async function register(root: FastifyInstance) {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['admin'];

    app.get(
      '/v1/admin/jobs',
      {
        schema: {
          tags,
          summary: 'Job queue depth by queue, and jobs newest first (filter by queue and state; failed = dead letters)',
          querystring: Strict({
            queue: Type.Optional(Type.String({ maxLength: 100 })),
            state: Type.Optional(JobStateSchema),
            ...PageQuery,
          }),
          response: {
            200: Type.Object({
              queues: Type.Array(QueueDepthSchema),
              items: Type.Array(JobSchema),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (request) => {
        requireAdmin(request);
        const page = await core.jobs.list({
          queue: request.query.queue,
          state: request.query.state,
          limit: request.query.limit ?? DEFAULT_PAGE_SIZE,
          cursor: request.query.cursor,
        });
        return { queues: await core.jobs.stats(), items: page.items.map(toJson), nextCursor: page.nextCursor };
      },
    );

    app.post(
      '/v1/admin/jobs/:id/retry',
      {
        schema: {
          tags,
          summary: 'Put a failed (dead-lettered) or cancelled job back in its queue',
          params: IdParams,
          response: { 200: JobSchema, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request) => {
        const admin = requireAdmin(request);
        const job = await core.jobs.retry(request.params.id);
        if (!job) throw notFound('job');
        request.log.info({ jobId: job.id, queue: job.queue, adminId: admin.id }, 'job retried by an admin');
        return toJson(job);
      },
    );
  };
}
