import { and, count, desc, eq, gt, inArray, lt } from 'drizzle-orm';
import { Type } from 'typebox';
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from '../context.js';
import { AppError } from '../http/errors.js';
import { decodeCursor, DEFAULT_PAGE_SIZE, PageQuery, toPage } from '../http/pagination.js';
import { errorResponses, Strict, Timestamp, Uuid } from '../http/schemas.js';
import { requireAdmin, requireUser } from '../identity/access.js';
import { users } from '../identity/schema.js';
import { presence, realtimeConnections } from './schema.js';

/** Client frames larger than this are refused by the socket (signals are far smaller). */
const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

const PROTOCOL = `One WebSocket per client; JSON text frames. The full protocol is in docs/realtime.md.

Authentication: after the upgrade, send {"type":"auth","token":"<access token>"} as the first message
(within TALKBASE_WS_AUTH_TIMEOUT_SECONDS). The token never goes in the URL, so it stays out of
access logs. The server answers {"type":"authenticated","connectionId","userId","heartbeatMs"}, or
{"type":"error","code":"auth.invalid_token"} and closes with 4401.

Client → server: subscribe {channel, lastSeq?}, unsubscribe {channel}, signal {channel, to?, data}
(WebRTC offer/answer/ICE relayed to the channel's other peers, not stored), ping, auth (again, to
refresh the token before it expires). Server → client: authenticated, subscribed {channel, seq},
event {channel, seq, event, data, at} (ephemeral events have no seq), signal {channel, from, data},
unsubscribed, pong, error {code, message, channel?}.

Channels are <kind>:<id>; the core defines user:<id>, products add theirs. Each subscribe is
authorized from the database at that moment. Subscribing with lastSeq replays the stored events
after it in order, then continues live: no gaps, no duplicates. Close codes: 1001 server shutting
down (reconnect and resume), 4008 slow consumer (send buffer limit reached), 4401 unauthorized.

A plain GET (no upgrade) answers 426.`;

const PresenceMember = Type.Object({
  userId: Uuid,
  connectionIds: Type.Array(Uuid),
  since: Timestamp,
});

const ConnectionSchema = Type.Object({
  id: Uuid,
  userId: Uuid,
  email: Type.String(),
  channels: Type.Array(Type.String(), { description: 'Channels the connection is subscribed to, in name order' }),
  connectedAt: Timestamp,
  instanceId: Type.String({ description: 'The server process holding the socket' }),
});

const ConnectionsReport = Type.Object({
  total: Type.Integer({ description: 'Open connections on every instance' }),
  instances: Type.Array(
    Type.Object({
      instanceId: Type.String(),
      connections: Type.Integer(),
      current: Type.Boolean({ description: 'Whether this is the instance that answered' }),
    }),
  ),
  items: Type.Array(ConnectionSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

/** The realtime routes, and other WebSocket routes (`socketRoutes`, the voice socket) that share its WebSocket server. */
export function realtimeRoutes(core: Core, socketRoutes: ((scope: FastifyInstance) => Promise<void>)[] = []) {
  return async function register(root: FastifyInstance) {
    await root.register(websocket, {
      options: { maxPayload: MAX_CLIENT_FRAME_BYTES },
      // Realtime closes its sockets itself (1001 with a reconnect hint) before the server stops.
      preClose: async function () {
        await core.realtime.close();
        await new Promise<void>((resolve) => root.websocketServer.close(() => resolve()));
      },
    });
    for (const routes of socketRoutes) await root.register(routes);
    const app = root.withTypeProvider<TypeBoxTypeProvider>();

    app.route({
      method: 'GET',
      url: '/v1/realtime',
      config: { public: true },
      schema: {
        tags: ['realtime'],
        summary: 'The realtime WebSocket (subscribe to channels, resume by sequence number, presence, signaling)',
        description: PROTOCOL,
        response: { 101: Type.Null({ description: 'Switching Protocols: the WebSocket is open' }), ...errorResponses(426) },
      },
      handler: async () => {
        throw new AppError(
          'realtime.upgrade_required',
          426,
          'this endpoint speaks WebSocket: connect with an Upgrade request (see docs/realtime.md)',
        );
      },
      wsHandler: (socket, request) => {
        root.metrics.wsConnections.inc();
        socket.once('close', () => root.metrics.wsConnections.dec());
        // The upgraded request's TCP socket is the one the WebSocket writes to.
        core.realtime.accept(socket, request.raw.socket);
      },
    });

    app.get(
      '/v1/realtime/presence/:channel',
      {
        schema: {
          tags: ['realtime'],
          summary: 'Who is connected to a channel now (allowed to whoever may subscribe to it)',
          params: Strict({ channel: Type.String({ minLength: 3, maxLength: 170, description: '<kind>:<id>, for example user:<id>' }) }),
          response: { 200: Type.Object({ channel: Type.String(), members: Type.Array(PresenceMember) }), ...errorResponses(400, 404) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { channel } = request.params;
        const check = await core.realtime.authorize(user, channel);
        if (!check.ok) {
          if (check.code === 'realtime.channel_not_found') throw new AppError(check.code, 404, check.message);
          throw new AppError(check.code, 400, check.message, { errors: [{ field: 'channel', message: check.message }] });
        }
        return { channel, members: await core.realtime.presence(channel) };
      },
    );

    app.get(
      '/v1/admin/realtime/connections',
      {
        schema: {
          tags: ['admin', 'realtime'],
          summary: 'Open WebSocket connections on every instance, newest first: user, channels, connected since, instance (admin)',
          querystring: Strict(PageQuery),
          response: { 200: ConnectionsReport, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        requireAdmin(request);
        const limit = request.query.limit ?? DEFAULT_PAGE_SIZE;
        const after = decodeCursor(request.query.cursor, 1);
        if (after && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(String(after[0])))
          throw new AppError('validation', 400, 'cursor is not valid', {
            errors: [{ field: 'cursor', message: 'is not a cursor this list gave out' }],
          });
        const live = gt(realtimeConnections.expiresAt, core.clock.now());
        // Connection ids are UUIDv7, so the primary key orders them by connection time.
        const rows = await core.db
          .select({
            id: realtimeConnections.id,
            userId: realtimeConnections.userId,
            email: users.email,
            connectedAt: realtimeConnections.connectedAt,
            instanceId: realtimeConnections.instanceId,
          })
          .from(realtimeConnections)
          .innerJoin(users, eq(users.id, realtimeConnections.userId))
          .where(and(live, after ? lt(realtimeConnections.id, String(after[0])) : undefined))
          .orderBy(desc(realtimeConnections.id))
          .limit(limit + 1);
        const ids = rows.slice(0, limit).map((r) => r.id);
        const memberships = ids.length
          ? await core.db
              .select({ connectionId: presence.connectionId, channel: presence.channel })
              .from(presence)
              .where(inArray(presence.connectionId, ids))
          : [];
        const channelsOf = new Map<string, string[]>();
        for (const m of memberships) channelsOf.set(m.connectionId, [...(channelsOf.get(m.connectionId) ?? []), m.channel]);
        const perInstance = await core.db
          .select({ instanceId: realtimeConnections.instanceId, connections: count() })
          .from(realtimeConnections)
          .where(live)
          .groupBy(realtimeConnections.instanceId)
          .orderBy(realtimeConnections.instanceId);
        const page = toPage(
          rows,
          limit,
          (r) => [r.id],
          (r) => ({
            id: r.id,
            userId: r.userId,
            email: core.crypt.open(users.email, r.userId, r.email),
            channels: (channelsOf.get(r.id) ?? []).sort(),
            connectedAt: r.connectedAt.toISOString(),
            instanceId: r.instanceId,
          }),
        );
        return {
          total: perInstance.reduce((n, i) => n + Number(i.connections), 0),
          instances: perInstance.map((i) => ({
            instanceId: i.instanceId,
            connections: Number(i.connections),
            current: i.instanceId === core.realtime.instanceId,
          })),
          ...page,
        };
      },
    );
  };
}
