import { Type } from 'typebox';
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from '../context.js';
import { AppError } from '../http/errors.js';
import { errorResponses, Strict, Timestamp, Uuid } from '../http/schemas.js';
import { requireUser } from '../identity/access.js';

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

export function realtimeRoutes(core: Core) {
  return async function register(root: FastifyInstance) {
    await root.register(websocket, {
      options: { maxPayload: MAX_CLIENT_FRAME_BYTES },
      // Realtime closes its sockets itself (1001 with a reconnect hint) before the server stops.
      preClose: async function () {
        await core.realtime.close();
        await new Promise<void>((resolve) => root.websocketServer.close(() => resolve()));
      },
    });
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
      wsHandler: (socket) => {
        root.metrics.wsConnections.inc();
        socket.once('close', () => root.metrics.wsConnections.dec());
        core.realtime.accept(socket);
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
  };
}
