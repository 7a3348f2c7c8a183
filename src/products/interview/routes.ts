import { TurnLatencySchema } from '../../core/voice/protocol.js';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/context.js';
import { requireUser } from '../../core/identity/access.js';
import { AppError } from '../../core/http/errors.js';
import { errorResponses, IdParams, Nullable, Strict, Timestamp, Uuid } from '../../core/http/schemas.js';
import { DEFAULT_PAGE_SIZE, PageQuery, pageOf } from '../../core/http/pagination.js';
import { eq } from 'drizzle-orm';
import * as interviews from './interviews.js';
import { EmotionSummary, Evaluation, assertEmotionSummary, assertEvaluation } from './shapes.js';
import { records } from './schema.js';
import { SUGGESTED_POSITIONS } from './positions.js';

const EvaluationRef = Type.Unsafe<import('./shapes.js').Evaluation>({ $ref: 'InterviewEvaluation#' });
const EmotionRef = Type.Unsafe<import('./shapes.js').EmotionSummary>({ $ref: 'InterviewEmotionSummary#' });
const Status = Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('failed'), Type.Literal('skipped')]);

const Record_ = Type.Object({
  id: Uuid,
  order: Type.Integer(),
  parentOrder: Nullable(Type.Integer()),
  questionText: Type.String(),
  answerText: Nullable(Type.String()),
  answerMode: Nullable(Type.Union([Type.Literal('text'), Type.Literal('audio')])),
  answerDurationSeconds: Nullable(Type.Number()),
  timeToAnswerMs: Nullable(Type.Integer()),
  wordsPerMinute: Nullable(Type.Number()),
  voiceLatency: Nullable({
    ...TurnLatencySchema,
    description: 'A spoken answer’s stages up to the next question’s first audio (docs/voice.md)',
  }),
  evaluation: Nullable(EvaluationRef),
  evaluationStatus: Nullable(Status),
  rubricVersion: Nullable(Type.String()),
  evaluationProvider: Nullable(Type.String()),
  evaluationModel: Nullable(Type.String()),
  emotionSummary: Nullable(EmotionRef),
  emotionStatus: Nullable(Status),
  answeredAt: Nullable(Timestamp),
  createdAt: Timestamp,
});
const Scored = Nullable(Type.Object({ order: Type.Integer(), question: Type.String(), score: Type.Integer() }));
const Overall = Type.Object({
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  strongest: Scored,
  weakest: Scored,
  strengths: Type.Array(Type.String()),
  improvements: Type.Array(Type.String()),
  rubricVersion: Nullable(Type.String()),
});
const Session = Type.Object({
  id: Uuid,
  userName: Nullable(Type.String()),
  position: Type.String(),
  status: Type.Union([Type.Literal('started'), Type.Literal('in_progress'), Type.Literal('completed'), Type.Literal('abandoned')]),
  questionCount: Type.Integer(),
  overallScore: Nullable(Type.Integer()),
  overallEvaluation: Nullable(Overall),
  emotionSummary: Nullable(EmotionRef),
  completedAt: Nullable(Timestamp),
  createdAt: Timestamp,
});
const SessionWithRecords = Type.Object({ session: Session, records: Type.Array(Record_) });
const AnswerResult = Type.Object({ record: Record_, next: Nullable(Record_) });
const RecordParams = Strict({ id: Uuid, order: Type.Integer({ minimum: 1, maximum: 1000 }) });

export function interviewRoutes(root: FastifyInstance, core: Core) {
  root.addSchema(Evaluation);
  root.addSchema(EmotionSummary);
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['interview'];
  // Spoken answers arrive as the raw audio body and are streamed to the transcriber.
  app.addContentTypeParser(/^audio\//, { bodyLimit: 25 * 1024 * 1024 }, (_request, payload, done) => done(null, payload));

  app.get(
    '/positions',
    {
      schema: {
        tags,
        summary: 'Positions with a prepared question bank (any other position works too)',
        response: { 200: Type.Array(Type.String()) },
      },
    },
    async () => [...SUGGESTED_POSITIONS],
  );

  app.post(
    '/sessions',
    {
      schema: {
        tags,
        summary: 'Start an interview: the session and its first question are created together',
        body: Strict({
          position: Type.String({ minLength: 2, maxLength: 100 }),
          questionCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
        }),
        response: { 201: SessionWithRecords, ...errorResponses(400, 429, 502, 503) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { session, record } = await interviews.startSession(core, user.id, request.body);
      return reply.status(201).send({ session: interviews.sessionView(core, session), records: [interviews.recordView(record)] });
    },
  );

  app.get(
    '/sessions',
    {
      schema: {
        tags,
        summary: 'My interview sessions, newest first',
        querystring: Strict({ ...PageQuery, position: Type.Optional(Type.String({ maxLength: 100 })) }),
        response: { 200: pageOf(Session), ...errorResponses(400) },
      },
    },
    async (request) =>
      interviews.listSessions(core, requireUser(request).id, { ...request.query, limit: request.query.limit ?? DEFAULT_PAGE_SIZE }),
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
    async (request) => {
      const session = await interviews.ownSession(core, requireUser(request).id, request.params.id);
      return {
        session: interviews.sessionView(core, session),
        records: (await interviews.sessionRecords(core, session.id)).map(interviews.recordView),
      };
    },
  );

  app.post(
    '/sessions/:id/answers',
    {
      schema: {
        tags,
        summary: 'Answer the waiting question in text; evaluation follows in the background (events on interview:<id>)',
        params: IdParams,
        body: Strict({
          text: Type.String({ minLength: 1, maxLength: 20000 }),
          order: Type.Integer({
            minimum: 1,
            maximum: 1000,
            description: 'The question answered (its order); a repeated answer to it is a 409',
          }),
        }),
        response: { 201: AnswerResult, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const result = await interviews.answerQuestion(core, requireUser(request).id, request.params.id, { ...request.body, mode: 'text' });
      return reply
        .status(201)
        .send({ record: interviews.recordView(result.record), next: result.next ? interviews.recordView(result.next) : null });
    },
  );

  app.post(
    '/sessions/:id/answers/audio',
    {
      schema: {
        tags,
        summary:
          'Answer the waiting question by voice: send the recording as the body (audio/wav, audio/webm, audio/mpeg, audio/ogg, audio/mp4)',
        params: IdParams,
        querystring: Strict({ order: Type.Integer({ minimum: 1, maximum: 1000, description: 'The question answered (its order)' }) }),
        consumes: ['audio/wav', 'audio/webm', 'audio/mpeg', 'audio/ogg', 'audio/mp4'],
        response: { 201: AnswerResult, ...errorResponses(400, 404, 409, 415, 503) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await interviews.ownSession(core, user.id, request.params.id);
      const contentType = String(request.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim();
      if (!['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/webm', 'audio/mpeg', 'audio/ogg', 'audio/mp4'].includes(contentType)) {
        throw new AppError('unsupported_media_type', 415, `audio type ${contentType} is not accepted`);
      }
      const transcript = await core.ai.transcribe(request.body as AsyncIterable<Uint8Array>, contentType, {
        userId: user.id,
        promptVersion: 'interview.answer@1',
      });
      if (!transcript.text.trim()) throw new AppError('interview.empty_answer', 400, 'no speech was recognised in the recording');
      const result = await interviews.answerQuestion(core, user.id, request.params.id, {
        text: transcript.text,
        mode: 'audio',
        durationSeconds: transcript.durationSec,
        order: request.query.order,
      });
      return reply
        .status(201)
        .send({ record: interviews.recordView(result.record), next: result.next ? interviews.recordView(result.next) : null });
    },
  );

  app.post(
    '/sessions/:id/questions',
    {
      schema: {
        tags,
        summary: 'Ask the next question now (after a failed attempt), or a follow-up to an earlier question',
        params: IdParams,
        body: Strict({ followUpTo: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }),
        response: { 201: Record_, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      const session = await interviews.ownSession(core, requireUser(request).id, request.params.id);
      if (session.status === 'completed' || session.status === 'abandoned')
        throw new AppError('interview.session_closed', 409, `the session is ${session.status}`);
      return reply
        .status(201)
        .send(interviews.recordView(await interviews.addQuestion(core, session.userId, session, undefined, request.body.followUpTo)));
    },
  );

  app.post(
    '/sessions/:id/records/:order/evaluate',
    {
      schema: {
        tags,
        summary: 'Evaluate an answer again after a failed evaluation',
        params: RecordParams,
        response: { 202: Record_, ...errorResponses(404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(
          interviews.recordView(await interviews.retryEvaluation(core, requireUser(request).id, request.params.id, request.params.order)),
        ),
  );

  app.put(
    '/sessions/:id/records/:order/evaluation',
    {
      schema: {
        tags,
        summary:
          'Store an evaluation from an external evaluator or a human reviewer (validated against the evaluation shape); on a completed session the overall score and evaluation are computed again (event session.rescored)',
        params: RecordParams,
        body: Type.Object(
          {
            evaluation: Type.Unknown(),
            emotionSummary: Type.Optional(Type.Unknown()),
            rubricVersion: Type.String({ minLength: 1, maxLength: 40 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Record_, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const session = await interviews.ownSession(core, requireUser(request).id, request.params.id);
      const evaluation = assertEvaluation(request.body.evaluation, 'evaluation');
      const emotion =
        request.body.emotionSummary === undefined ? undefined : assertEmotionSummary(request.body.emotionSummary, 'emotionSummary');
      const all = await interviews.sessionRecords(core, session.id);
      const target = all.find((r) => r.order === request.params.order);
      if (!target) throw new AppError('interview.record_not_found', 404, `no question ${request.params.order} in this session`);
      if (target.answerText === null) throw new AppError('interview.not_answered', 409, 'the question has no answer yet');
      const [updated] = await core.db
        .update(records)
        .set({
          evaluation,
          evaluationStatus: 'done',
          evaluationError: null,
          rubricVersion: request.body.rubricVersion,
          evaluationProvider: 'external',
          evaluationModel: null,
          ...(emotion ? { emotionSummary: emotion, emotionStatus: 'done' } : {}),
        })
        .where(eq(records.id, target.id))
        .returning();
      // A completed session's overall score follows its edited evaluations.
      await interviews.completeIfDone(core, session.id, { rescore: true });
      return interviews.recordView(updated!);
    },
  );

  app.post(
    '/sessions/:id/abandon',
    {
      schema: {
        tags,
        summary: 'Stop a session without finishing it',
        params: IdParams,
        response: { 200: Session, ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const session = await interviews.ownSession(core, requireUser(request).id, request.params.id);
      if (session.status === 'completed') throw new AppError('interview.session_closed', 409, 'the session is completed');
      return interviews.sessionView(core, await interviews.abandonSession(core, session.id));
    },
  );

  app.get(
    '/trend',
    {
      schema: {
        tags,
        summary: 'My overall scores over time, per position',
        querystring: Strict({ position: Type.Optional(Type.String({ maxLength: 100 })) }),
        response: {
          200: Type.Array(
            Type.Object({
              position: Type.String(),
              points: Type.Array(Type.Object({ sessionId: Uuid, score: Type.Integer(), completedAt: Timestamp })),
              average: Type.Integer(),
              change: Type.Integer(),
            }),
          ),
        },
      },
    },
    async (request) => interviews.scoreTrend(core, requireUser(request).id, request.query.position),
  );
}
