import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../http/errors.js';
import { errorResponses } from '../http/schemas.js';
import type { ProductDefinition } from '../product.js';
import type { VoiceService } from './voice.js';

const PROTOCOL = (
  products: ProductDefinition[],
) => `A live spoken conversation on one WebSocket: binary frames carry audio both ways (PCM16 little-endian
mono, 20 ms frames: 16 kHz in; 16 or 24 kHz out), text frames carry JSON control and events. The full protocol
is in docs/voice.md.

First message: {"type":"start","token":"<access token>","product":"<a product that takes voice>","id":"<conversation>",
"audio":{"encoding":"pcm16","inputSampleRate":16000,"outputSampleRate":24000,"frameMs":20}}, answered by
{"type":"started",...}. Then: speech.started, speech.stopped, transcript.partial, transcript.final, reply.delta,
reply.done, audio.start, binary audio frames, audio.end, interrupted (barge-in), metrics (each turn's latency
stages), error {code, message}, end {reason}. A newer connection to the same conversation takes it over: the
older one gets end {reason:"replaced"} and closes with 4409.

${voiceProductsLine(products)}`;

/** Which enabled products take voice, and what `id` names in each: from their definitions. */
export function voiceProductsLine(products: ProductDefinition[]): string {
  const taking = products.flatMap((p) => (p.voice ? [`"${p.name}" (id: ${p.voice.describes})`] : []));
  return taking.length ? `Products that take voice here: ${taking.join('; ')}.` : 'No enabled product takes voice.';
}

export function voiceRoutes(voice: VoiceService, products: ProductDefinition[]) {
  return async function register(root: FastifyInstance) {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.route({
      method: 'GET',
      url: '/v1/voice',
      config: { public: true },
      schema: {
        tags: ['voice'],
        summary: 'The live voice WebSocket: speech in, transcripts and the spoken reply out, barge-in, latency per turn',
        description: PROTOCOL(products),
        response: { 101: Type.Null({ description: 'Switching Protocols: the WebSocket is open' }), ...errorResponses(426) },
      },
      handler: async () => {
        throw new AppError(
          'voice.upgrade_required',
          426,
          'this endpoint speaks WebSocket: connect with an Upgrade request (see docs/voice.md)',
        );
      },
      wsHandler: (socket) => voice.accept(socket),
    });
  };
}
