import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../http/errors.js';
import { errorResponses, Strict, Timestamp } from '../http/schemas.js';
import { requireUser } from '../identity/access.js';
import type { ProductDefinition } from '../product.js';
import { voiceProductsLine } from './routes.js';
import { TELEPHONE_PARAMETER, TELEPHONE_STREAM_PATH, type Telephone } from './telephone.js';

const STREAM = (
  products: ProductDefinition[],
) => `A Twilio Media Stream (bidirectional, from <Connect><Stream>): JSON text messages connected, start, media
(base64 G.711 μ-law, 8000 Hz mono), mark, dtmf and stop in; media (20 ms of μ-law each), mark (after each reply's audio,
named by its turn id) and clear (the caller spoke over the reply) out. The conversation is named by the signed, expiring
"${TELEPHONE_PARAMETER}" custom parameter from POST /v1/voice/telephone-links; a stream whose parameter is missing,
altered, expired, or names a conversation that is not open is closed at its start and nothing is stored. See docs/voice.md.

${voiceProductsLine(products)}`;

const LinkRequest = Strict({
  product: Type.String({ minLength: 1, maxLength: 40, description: 'A product that takes voice (its name)' }),
  id: Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'The conversation, by its id in that product',
  }),
});

const LinkResponse = Type.Object({
  streamUrl: Type.String({ description: `The WebSocket URL for <Stream url="…"> (${TELEPHONE_STREAM_PATH} on this server's public URL)` }),
  parameter: Type.String({ description: `The value of <Parameter name="${TELEPHONE_PARAMETER}">: a signed link to this conversation` }),
  expiresAt: { ...Timestamp, description: 'The stream must start before this; once started it lasts as long as the call' },
  twiml: Type.String({ description: 'TwiML that connects a phone call to this conversation' }),
});

/** The telephone stream (on the shared WebSocket server) and the route that issues links to it. */
export function telephoneRoutes(telephone: Telephone, products: ProductDefinition[]) {
  return async function register(root: FastifyInstance) {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.route({
      method: 'GET',
      url: TELEPHONE_STREAM_PATH,
      config: { public: true },
      schema: {
        tags: ['voice'],
        summary: "Twilio Media Streams: a phone call spoken with a product's voice conversation",
        description: STREAM(products),
        response: { 101: Type.Null({ description: 'Switching Protocols: the WebSocket is open' }), ...errorResponses(426) },
      },
      handler: async () => {
        throw new AppError(
          'voice.upgrade_required',
          426,
          'this endpoint speaks WebSocket: point a Twilio <Stream> at it (see docs/voice.md)',
        );
      },
      wsHandler: (socket) => telephone.accept(socket),
    });

    app.post(
      '/v1/voice/telephone-links',
      {
        schema: {
          tags: ['voice'],
          summary: 'A signed, expiring link that lets a phone call (a Twilio Media Stream) into one conversation of yours',
          description: `Checked as a voice connection is: the conversation must be yours and open. Put the answer's twiml (or
streamUrl and parameter in your own <Connect><Stream>) in the reply to Twilio's call webhook.

${voiceProductsLine(products)}`,
          body: LinkRequest,
          response: { 200: LinkResponse, ...errorResponses(400, 404, 409) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        return telephone.issueLink(user, request.body.product, request.body.id);
      },
    );
  };
}
