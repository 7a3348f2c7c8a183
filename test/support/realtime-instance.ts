/**
 * One Talkbase server process for scale-out tests: the real app from the environment (DATABASE_URL,
 * REDIS_URL, TALKBASE_KEYS), plus a `probe` product whose route publishes an event. Prints
 * `LISTENING <port>` once it accepts connections.
 */
import type { AddressInfo } from 'node:net';
import { Type } from 'typebox';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { defineProduct } from '../../src/core/product.js';

const probe = defineProduct({
  name: 'probe',
  channels: [{ kind: 'room', authorize: async () => true }],
  routes: (app, core) => {
    app.post(
      '/publish',
      {
        schema: {
          body: Type.Object(
            { channel: Type.String(), event: Type.String(), data: Type.Record(Type.String(), Type.Unknown()) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ seq: Type.Integer() }) },
        },
      },
      async (request) => {
        const body = request.body as { channel: string; event: string; data: Record<string, unknown> };
        return { seq: (await core.realtime.publish(body.channel, body.event, body.data)).seq };
      },
    );
  },
});

const config = { ...loadConfig(), bcryptCost: 4 };
const app = await buildApp(config, { products: [probe], logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`LISTENING ${(app.server.address() as AddressInfo).port}\n`);
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
