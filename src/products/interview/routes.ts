import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ProductContext } from '../../core/product.js';
import { requireUser } from '../../core/identity/access.js';
import { EmotionSummary, Evaluation } from './contract.js';
import { routeSchemas as route } from './contract.js';
import { abandonSession } from './operations/abandon-session.js';
import { answerByVoice } from './operations/answer-by-voice.js';
import { answerInText } from './operations/answer-question.js';
import { askQuestion } from './operations/ask-question.js';
import { getSession } from './operations/get-session.js';
import { listPositions } from './operations/list-positions.js';
import { listSessions } from './operations/list-sessions.js';
import { reevaluateAnswer } from './operations/reevaluate-answer.js';
import { scoreTrend } from './operations/score-trend.js';
import { startSession } from './operations/start-session.js';
import { storeEvaluation } from './operations/store-evaluation.js';

export function interviewRoutes(root: FastifyInstance, core: ProductContext) {
  root.addSchema(Evaluation);
  root.addSchema(EmotionSummary);
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  // Spoken answers arrive as the raw audio body and are streamed to the transcriber.
  app.addContentTypeParser(/^audio\//, { bodyLimit: 25 * 1024 * 1024 }, (_request, payload, done) => done(null, payload));
  const userId = (request: Parameters<typeof requireUser>[0]) => requireUser(request).id;

  app.get('/positions', { schema: route.listPositions }, async () => listPositions());

  app.post('/sessions', { schema: route.startSession }, async (request, reply) =>
    reply.status(201).send(await startSession(core, userId(request), request.body)),
  );

  app.get('/sessions', { schema: route.listSessions }, async (request) => listSessions(core, userId(request), request.query));

  app.get('/sessions/:id', { schema: route.getSession }, async (request) => getSession(core, userId(request), request.params.id));

  app.post('/sessions/:id/answers', { schema: route.answerInText }, async (request, reply) =>
    reply.status(201).send(await answerInText(core, userId(request), request.params.id, request.body)),
  );

  app.post('/sessions/:id/answers/audio', { schema: route.answerByVoice }, async (request, reply) => {
    const answer = {
      order: request.query.order,
      contentType: request.headers['content-type'],
      audio: request.body as AsyncIterable<Uint8Array>,
    };
    return reply.status(201).send(await answerByVoice(core, userId(request), request.params.id, answer));
  });

  app.post('/sessions/:id/questions', { schema: route.askQuestion }, async (request, reply) =>
    reply.status(201).send(await askQuestion(core, userId(request), request.params.id, request.body)),
  );

  app.post('/sessions/:id/records/:order/evaluate', { schema: route.reevaluateAnswer }, async (request, reply) =>
    reply.status(202).send(await reevaluateAnswer(core, userId(request), request.params)),
  );

  app.put('/sessions/:id/records/:order/evaluation', { schema: route.storeEvaluation }, async (request) =>
    storeEvaluation(core, userId(request), request.params, request.body),
  );

  app.post('/sessions/:id/abandon', { schema: route.abandonSession }, async (request) =>
    abandonSession(core, userId(request), request.params.id),
  );

  app.get('/trend', { schema: route.scoreTrend }, async (request) => scoreTrend(core, userId(request), request.query.position));
}
