import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from '../context.js';
import { errorResponses, IdParams, NoContent, Nullable, Strict, Timestamp, Uuid } from '../http/schemas.js';
import { DEFAULT_PAGE_SIZE, PageQuery, pageOf } from '../http/pagination.js';
import { requireAdmin } from '../identity/access.js';
import { webhookCatalog } from './catalog.js';
import * as endpoints from './endpoints.js';

const tags = ['admin'];

const EventTypes = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
  minItems: 1,
  maxItems: 100,
  description: 'Catalog event types (GET /v1/admin/webhooks/event-types), or ["*"] for every event',
});
const Url = Type.String({ minLength: 1, maxLength: endpoints.URL_MAX, description: 'An http:// or https:// address' });
const Description = Nullable(Type.String({ maxLength: 500 }));

const Endpoint = Type.Object({
  id: Uuid,
  url: Type.String(),
  description: Nullable(Type.String()),
  eventTypes: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  disabledAt: Nullable(Timestamp),
  disabledReason: Nullable(Type.String()),
  failingSince: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const EndpointWithSecret = Type.Object({
  ...Endpoint.properties,
  secret: Type.String({ description: 'The whsec_… signing secret; shown only in this answer' }),
});

const DeliveryStatus = Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]);

const Attempt = Type.Object({
  attempt: Type.Integer(),
  trigger: Type.Union([Type.Literal('automatic'), Type.Literal('manual')]),
  statusCode: Nullable(Type.Integer({ description: 'The receiver’s answer; null when none came' })),
  latencyMs: Type.Integer(),
  error: Nullable(Type.String()),
  attemptedAt: Timestamp,
});

const Delivery = Type.Object({
  id: Uuid,
  endpointId: Uuid,
  messageId: Type.String({ description: 'The webhook-id header, the same on every attempt' }),
  eventType: Type.String(),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Timestamp),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  createdAt: Timestamp,
  deliveredAt: Nullable(Timestamp),
  log: Type.Array(Attempt),
});

const EventType = Type.Object({
  type: Type.String(),
  product: Type.String(),
  summary: Type.String(),
  payload: Type.Unknown({ description: 'The JSON Schema of `data` in the delivered body' }),
});

const DeliveryParams = Strict({ id: Uuid, deliveryId: Uuid });

/** Admins' outbound webhooks: the event catalog, endpoints, their delivery log and redelivery by hand. */
export function webhookAdminRoutes(core: Core) {
  return async function register(root: FastifyInstance) {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/v1/admin/webhooks/event-types',
      {
        schema: {
          tags,
          operationId: 'adminListWebhookEventTypes',
          summary: 'The events an endpoint can receive, with the schema of each one’s data',
          response: { 200: Type.Object({ items: Type.Array(EventType) }), ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        requireAdmin(request);
        const items = [...webhookCatalog(core.products).values()].map((e) => ({
          type: e.type,
          product: e.product,
          summary: e.summary,
          payload: e.payload,
        }));
        return { items };
      },
    );

    app.get(
      '/v1/admin/webhooks',
      {
        schema: {
          tags,
          operationId: 'adminListWebhookEndpoints',
          summary: 'Outbound webhook endpoints, newest first',
          response: { 200: Type.Object({ items: Type.Array(Endpoint) }), ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        requireAdmin(request);
        return { items: await endpoints.listEndpoints(core) };
      },
    );

    app.post(
      '/v1/admin/webhooks',
      {
        schema: {
          tags,
          operationId: 'adminCreateWebhookEndpoint',
          summary: 'Register an endpoint; the answer holds its signing secret, shown this once',
          body: Strict({ url: Url, eventTypes: EventTypes, description: Type.Optional(Description) }),
          response: { 201: EndpointWithSecret, ...errorResponses(400, 401, 403) },
        },
      },
      async (request, reply) => {
        const admin = requireAdmin(request);
        const created = await endpoints.createEndpoint(core, admin.id, request.body);
        request.log.info({ endpointId: created.id, adminId: admin.id }, 'webhook endpoint registered');
        return reply.status(201).send(created);
      },
    );

    app.get(
      '/v1/admin/webhooks/:id',
      {
        schema: {
          tags,
          operationId: 'adminGetWebhookEndpoint',
          summary: 'One endpoint (its secret is never shown again)',
          params: IdParams,
          response: { 200: Endpoint, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        requireAdmin(request);
        return endpoints.getEndpoint(core, request.params.id);
      },
    );

    app.patch(
      '/v1/admin/webhooks/:id',
      {
        schema: {
          tags,
          operationId: 'adminUpdateWebhookEndpoint',
          summary: 'Change an endpoint’s address, events or description, or disable and enable it',
          params: IdParams,
          body: Strict(
            {
              url: Type.Optional(Url),
              eventTypes: Type.Optional(EventTypes),
              description: Type.Optional(Description),
              enabled: Type.Optional(Type.Boolean({ description: 'true starts a disabled endpoint afresh' })),
            },
            { minProperties: 1 },
          ),
          response: { 200: Endpoint, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        const admin = requireAdmin(request);
        const updated = await endpoints.updateEndpoint(core, request.params.id, request.body);
        request.log.info({ endpointId: updated.id, adminId: admin.id, enabled: updated.enabled }, 'webhook endpoint changed');
        return updated;
      },
    );

    app.delete(
      '/v1/admin/webhooks/:id',
      {
        schema: {
          tags,
          operationId: 'adminDeleteWebhookEndpoint',
          summary: 'Remove an endpoint with its deliveries',
          params: IdParams,
          response: { 204: NoContent, ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        const admin = requireAdmin(request);
        await endpoints.deleteEndpoint(core, request.params.id);
        request.log.info({ endpointId: request.params.id, adminId: admin.id }, 'webhook endpoint removed');
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/v1/admin/webhooks/:id/secret',
      {
        schema: {
          tags,
          operationId: 'adminRotateWebhookSecret',
          summary: 'Replace the signing secret; the answer holds the new one, shown this once',
          params: IdParams,
          response: { 200: EndpointWithSecret, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        const admin = requireAdmin(request);
        const rotated = await endpoints.rotateEndpointSecret(core, request.params.id);
        request.log.info({ endpointId: rotated.id, adminId: admin.id }, 'webhook endpoint secret replaced');
        return rotated;
      },
    );

    app.get(
      '/v1/admin/webhooks/:id/deliveries',
      {
        schema: {
          tags,
          operationId: 'adminListWebhookDeliveries',
          summary: 'An endpoint’s deliveries newest first, each with every attempt (status code, latency, error); kept 30 days',
          params: IdParams,
          querystring: Strict({ status: Type.Optional(DeliveryStatus), ...PageQuery }),
          response: { 200: pageOf(Delivery), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        requireAdmin(request);
        return endpoints.listDeliveries(core, request.params.id, {
          status: request.query.status,
          limit: request.query.limit ?? DEFAULT_PAGE_SIZE,
          cursor: request.query.cursor,
        });
      },
    );

    app.post(
      '/v1/admin/webhooks/:id/deliveries/:deliveryId/redeliver',
      {
        schema: {
          tags,
          operationId: 'adminRedeliverWebhook',
          summary: 'Send a delivered or failed delivery once more, now, with the same webhook-id',
          params: DeliveryParams,
          response: { 202: Delivery, ...errorResponses(401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const admin = requireAdmin(request);
        const delivery = await endpoints.redeliver(core, request.params.id, request.params.deliveryId);
        request.log.info({ deliveryId: delivery.id, adminId: admin.id }, 'webhook redelivered by an admin');
        return reply.status(202).send(delivery);
      },
    );
  };
}
