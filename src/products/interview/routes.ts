import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ProductContext } from '../../core/product.js';
import { requireUser } from '../../core/identity/access.js';
import { errorResponses, IdParams } from '../../core/http/schemas.js';
import { pageOf } from '../../core/http/pagination.js';
import {
  AnswerBody,
  AnswerResult,
  AskQuestionBody,
  AudioAnswerQuery,
  EmotionSummary,
  Evaluation,
  InterviewRecord,
  InterviewSession,
  ListSessionsQuery,
  PositionList,
  RecordParams,
  ScoreTrend,
  SessionWithRecords,
  StartSessionBody,
  StoreEvaluationBody,
  TrendQuery,
} from './contract.js';
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

const tags = ['interview'];
const AUDIO_TYPES = ['audio/wav', 'audio/webm', 'audio/mpeg', 'audio/ogg', 'audio/mp4'];

export function interviewRoutes(root: FastifyInstance, core: ProductContext) {
  root.addSchema(Evaluation);
  root.addSchema(EmotionSummary);
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  // Spoken answers arrive as the raw audio body and are streamed to the transcriber.
  app.addContentTypeParser(/^audio\//, { bodyLimit: 25 * 1024 * 1024 }, (_request, payload, done) => done(null, payload));
  const userId = (request: Parameters<typeof requireUser>[0]) => requireUser(request).id;

  app.get(
    '/positions',
    {
      schema: {
        tags,
        summary: 'Positions with a prepared question bank (any other position works too)',
        response: { 200: PositionList },
      },
    },
    async () => listPositions(),
  );

  app.post(
    '/sessions',
    {
      schema: {
        tags,
        summary: 'Start an interview: the session and its first question are created together',
        body: StartSessionBody,
        response: { 201: SessionWithRecords, ...errorResponses(400, 429, 502, 503) },
      },
    },
    async (request, reply) => reply.status(201).send(await startSession(core, userId(request), request.body)),
  );

  app.get(
    '/sessions',
    {
      schema: {
        tags,
        summary: 'My interview sessions, newest first',
        querystring: ListSessionsQuery,
        response: { 200: pageOf(InterviewSession), ...errorResponses(400) },
      },
    },
    async (request) => listSessions(core, userId(request), request.query),
  );

  app.get(
    '/sessions/:id',
    {
      schema: {
        tags,
        summary: 'A session with every question, answer, evaluation and emotion summary',
        params: IdParams,
        response: { 200: SessionWithRecords, ...errorResponses(404) },
      },
    },
    async (request) => getSession(core, userId(request), request.params.id),
  );

  app.post(
    '/sessions/:id/answers',
    {
      schema: {
        tags,
        summary: 'Answer the waiting question in text; evaluation follows in the background (events on interview:<id>)',
        params: IdParams,
        body: AnswerBody,
        response: { 201: AnswerResult, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await answerInText(core, userId(request), request.params.id, request.body)),
  );

  app.post(
    '/sessions/:id/answers/audio',
    {
      schema: {
        tags,
        summary: `Answer the waiting question by voice: send the recording as the body (${AUDIO_TYPES.join(', ')})`,
        params: IdParams,
        querystring: AudioAnswerQuery,
        consumes: AUDIO_TYPES,
        response: { 201: AnswerResult, ...errorResponses(400, 404, 409, 415, 503) },
      },
    },
    async (request, reply) => {
      const answer = {
        order: request.query.order,
        contentType: request.headers['content-type'],
        audio: request.body as AsyncIterable<Uint8Array>,
      };
      return reply.status(201).send(await answerByVoice(core, userId(request), request.params.id, answer));
    },
  );

  app.post(
    '/sessions/:id/questions',
    {
      schema: {
        tags,
        summary: 'Ask the next question now (after a failed attempt), or a follow-up to an earlier question',
        params: IdParams,
        body: AskQuestionBody,
        response: { 201: InterviewRecord, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await askQuestion(core, userId(request), request.params.id, request.body)),
  );

  app.post(
    '/sessions/:id/records/:order/evaluate',
    {
      schema: {
        tags,
        summary: 'Evaluate an answer again after a failed evaluation',
        params: RecordParams,
        response: { 202: InterviewRecord, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) => reply.status(202).send(await reevaluateAnswer(core, userId(request), request.params)),
  );

  app.put(
    '/sessions/:id/records/:order/evaluation',
    {
      schema: {
        tags,
        summary:
          'Store an evaluation from an external evaluator or a human reviewer (validated against the evaluation shape); on a completed session the overall score and evaluation are computed again (event session.rescored)',
        params: RecordParams,
        body: StoreEvaluationBody,
        response: { 200: InterviewRecord, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => storeEvaluation(core, userId(request), request.params, request.body),
  );

  app.post(
    '/sessions/:id/abandon',
    {
      schema: {
        tags,
        summary: 'Stop a session without finishing it',
        params: IdParams,
        response: { 200: InterviewSession, ...errorResponses(404, 409) },
      },
    },
    async (request) => abandonSession(core, userId(request), request.params.id),
  );

  app.get(
    '/trend',
    {
      schema: {
        tags,
        summary: 'My overall scores over time, per position',
        querystring: TrendQuery,
        response: { 200: ScoreTrend },
      },
    },
    async (request) => scoreTrend(core, userId(request), request.query.position),
  );
}
