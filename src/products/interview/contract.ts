import { Type, type Static } from 'typebox';
import { errorResponses, IdParams, Nullable, Strict, Timestamp, Uuid } from '../../core/http/schemas.js';
import { PageQuery, pageOf } from '../../core/http/pagination.js';
import { TurnLatencySchema } from '../../core/voice/protocol.js';

const StringList = Type.Array(Type.String({ maxLength: 500 }), { maxItems: 30 });

/** The seed's evaluation shape; validated before it is stored, whoever wrote it. */
export const Evaluation = Type.Object(
  {
    score: Type.Integer({ minimum: 0, maximum: 100 }),
    feedback: Type.String({ minLength: 1, maxLength: 5000 }),
    keywords: StringList,
    strengths: StringList,
    improvements: StringList,
  },
  { $id: 'InterviewEvaluation', additionalProperties: false },
);
export type Evaluation = Static<typeof Evaluation>;

/** The seed's emotion summary: probabilities summing to 1 within rounding, and optional face-model data. */
export const EmotionSummary = Type.Object(
  {
    dominant_emotion: Type.String({ minLength: 1, maxLength: 40 }),
    emotion_scores: Type.Record(Type.String({ maxLength: 40 }), Type.Number({ minimum: 0, maximum: 1 }), {
      minProperties: 1,
      maxProperties: 30,
    }),
    facial_expression_data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: 'InterviewEmotionSummary', additionalProperties: false },
);
export type EmotionSummary = Static<typeof EmotionSummary>;

const EvaluationRef = Type.Unsafe<Evaluation>({ $ref: 'InterviewEvaluation#' });
const EmotionRef = Type.Unsafe<EmotionSummary>({ $ref: 'InterviewEmotionSummary#' });

export const TaskStatus = Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('failed'), Type.Literal('skipped')]);
export type TaskStatus = Static<typeof TaskStatus>;

export const AnswerMode = Type.Union([Type.Literal('text'), Type.Literal('audio')]);
export type AnswerMode = Static<typeof AnswerMode>;

/** A question and its answer; also the payload of question.asked, answer.received and record.evaluated. */
export const InterviewRecord = Type.Object({
  id: Uuid,
  order: Type.Integer(),
  parentOrder: Nullable(Type.Integer()),
  questionText: Type.String(),
  answerText: Nullable(Type.String()),
  answerMode: Nullable(AnswerMode),
  answerDurationSeconds: Nullable(Type.Number()),
  timeToAnswerMs: Nullable(Type.Integer()),
  wordsPerMinute: Nullable(Type.Number()),
  voiceLatency: Nullable({
    ...TurnLatencySchema,
    description: 'A spoken answer’s stages up to the next question’s first audio (docs/voice.md)',
  }),
  evaluation: Nullable(EvaluationRef),
  evaluationStatus: Nullable(TaskStatus),
  rubricVersion: Nullable(Type.String()),
  evaluationProvider: Nullable(Type.String()),
  evaluationModel: Nullable(Type.String()),
  emotionSummary: Nullable(EmotionRef),
  emotionStatus: Nullable(TaskStatus),
  answeredAt: Nullable(Timestamp),
  createdAt: Timestamp,
});
export type InterviewRecord = Static<typeof InterviewRecord>;

const ScoredQuestion = Nullable(Type.Object({ order: Type.Integer(), question: Type.String(), score: Type.Integer() }));

export const OverallEvaluation = Type.Object({
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  strongest: ScoredQuestion,
  weakest: ScoredQuestion,
  strengths: Type.Array(Type.String()),
  improvements: Type.Array(Type.String()),
  rubricVersion: Nullable(Type.String()),
});
export type OverallEvaluation = Static<typeof OverallEvaluation>;

export const SessionStatus = Type.Union([
  Type.Literal('started'),
  Type.Literal('in_progress'),
  Type.Literal('completed'),
  Type.Literal('abandoned'),
]);
export type SessionStatus = Static<typeof SessionStatus>;

export const InterviewSession = Type.Object({
  id: Uuid,
  userName: Nullable(Type.String()),
  position: Type.String(),
  status: SessionStatus,
  questionCount: Type.Integer(),
  overallScore: Nullable(Type.Integer()),
  overallEvaluation: Nullable(OverallEvaluation),
  emotionSummary: Nullable(EmotionRef),
  completedAt: Nullable(Timestamp),
  createdAt: Timestamp,
});
export type InterviewSession = Static<typeof InterviewSession>;

export const SessionWithRecords = Type.Object({ session: InterviewSession, records: Type.Array(InterviewRecord) });
export type SessionWithRecords = Static<typeof SessionWithRecords>;

export const AnswerResult = Type.Object({ record: InterviewRecord, next: Nullable(InterviewRecord) });
export type AnswerResult = Static<typeof AnswerResult>;

export const PositionList = Type.Array(Type.String());

export const ScoreTrend = Type.Array(
  Type.Object({
    position: Type.String(),
    points: Type.Array(Type.Object({ sessionId: Uuid, score: Type.Integer(), completedAt: Timestamp })),
    average: Type.Integer(),
    change: Type.Integer(),
  }),
);
export type ScoreTrend = Static<typeof ScoreTrend>;

const QuestionOrder = (description?: string) => Type.Integer({ minimum: 1, maximum: 1000, ...(description ? { description } : {}) });

export const RecordParams = Strict({ id: Uuid, order: QuestionOrder() });
export type RecordParams = Static<typeof RecordParams>;

export const StartSessionBody = Strict({
  position: Type.String({ minLength: 2, maxLength: 100 }),
  questionCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
});
export type StartSessionBody = Static<typeof StartSessionBody>;

export const ListSessionsQuery = Strict({ ...PageQuery, position: Type.Optional(Type.String({ maxLength: 100 })) });
export type ListSessionsQuery = Static<typeof ListSessionsQuery>;

export const AnswerBody = Strict({
  text: Type.String({ minLength: 1, maxLength: 20000 }),
  order: QuestionOrder('The question answered (its order); a repeated answer to it is a 409'),
});
export type AnswerBody = Static<typeof AnswerBody>;

export const AudioAnswerQuery = Strict({ order: QuestionOrder('The question answered (its order)') });
export type AudioAnswerQuery = Static<typeof AudioAnswerQuery>;

export const AskQuestionBody = Strict({ followUpTo: Type.Optional(QuestionOrder()) });
export type AskQuestionBody = Static<typeof AskQuestionBody>;

export const StoreEvaluationBody = Type.Object(
  {
    evaluation: Type.Unknown(),
    emotionSummary: Type.Optional(Type.Unknown()),
    rubricVersion: Type.String({ minLength: 1, maxLength: 40 }),
  },
  { additionalProperties: false },
);
export type StoreEvaluationBody = Static<typeof StoreEvaluationBody>;

export const TrendQuery = Strict({ position: Type.Optional(Type.String({ maxLength: 100 })) });
export type TrendQuery = Static<typeof TrendQuery>;

/** `session.completed` and `session.rescored` on interview:<id>: the session without the candidate's name. */
export const SessionEvent = Type.Omit(InterviewSession, ['userName']);
export type SessionEvent = Static<typeof SessionEvent>;

/** `record.evaluation_failed` on interview:<id>, after the last retry. */
export const EvaluationFailedEvent = Type.Object({ recordId: Uuid, order: Type.Integer(), error: Type.String() });
export type EvaluationFailedEvent = Static<typeof EvaluationFailedEvent>;

/** `session.abandoned` on interview:<id>. */
export const SessionAbandonedEvent = Type.Object({ sessionId: Uuid });
export type SessionAbandonedEvent = Static<typeof SessionAbandonedEvent>;

/** The interview.session.completed webhook: the candidate's name, answers and emotions stay in Talkbase. */
export const SessionCompletedPayload = Type.Object(
  {
    sessionId: Uuid,
    userId: Uuid,
    position: Type.String(),
    questionCount: Type.Integer({ minimum: 1 }),
    answeredCount: Type.Integer({ minimum: 0, description: 'Answers evaluated, follow-up questions included' }),
    overallScore: Type.Integer({ minimum: 0, maximum: 100 }),
    startedAt: Timestamp,
    completedAt: Timestamp,
  },
  { additionalProperties: false },
);
export type SessionCompletedPayload = Static<typeof SessionCompletedPayload>;

const tags = ['interview'];
const AUDIO_TYPES = ['audio/wav', 'audio/webm', 'audio/mpeg', 'audio/ogg', 'audio/mp4'];

/** Each route's schema (summary, parameters, body, responses), by the operation it serves; routes.ts maps them to HTTP. */
export const routeSchemas = {
  // GET /positions
  listPositions: {
    tags,
    summary: 'Positions with a prepared question bank (any other position works too)',
    response: { 200: PositionList },
  },
  // POST /sessions
  startSession: {
    tags,
    summary: 'Start an interview: the session and its first question are created together',
    body: StartSessionBody,
    response: { 201: SessionWithRecords, ...errorResponses(400, 429, 502, 503) },
  },
  // GET /sessions
  listSessions: {
    tags,
    summary: 'My interview sessions, newest first',
    querystring: ListSessionsQuery,
    response: { 200: pageOf(InterviewSession), ...errorResponses(400) },
  },
  // GET /sessions/:id
  getSession: {
    tags,
    summary: 'A session with every question, answer, evaluation and emotion summary',
    params: IdParams,
    response: { 200: SessionWithRecords, ...errorResponses(404) },
  },
  // POST /sessions/:id/answers
  answerInText: {
    tags,
    summary: 'Answer the waiting question in text; evaluation follows in the background (events on interview:<id>)',
    params: IdParams,
    body: AnswerBody,
    response: { 201: AnswerResult, ...errorResponses(400, 404, 409) },
  },
  // POST /sessions/:id/answers/audio
  answerByVoice: {
    tags,
    summary: `Answer the waiting question by voice: send the recording as the body (${AUDIO_TYPES.join(', ')})`,
    params: IdParams,
    querystring: AudioAnswerQuery,
    consumes: AUDIO_TYPES,
    response: { 201: AnswerResult, ...errorResponses(400, 404, 409, 415, 503) },
  },
  // POST /sessions/:id/questions
  askQuestion: {
    tags,
    summary: 'Ask the next question now (after a failed attempt), or a follow-up to an earlier question',
    params: IdParams,
    body: AskQuestionBody,
    response: { 201: InterviewRecord, ...errorResponses(400, 404, 409) },
  },
  // POST /sessions/:id/records/:order/evaluate
  reevaluateAnswer: {
    tags,
    summary: 'Evaluate an answer again after a failed evaluation',
    params: RecordParams,
    response: { 202: InterviewRecord, ...errorResponses(404, 409) },
  },
  // PUT /sessions/:id/records/:order/evaluation
  storeEvaluation: {
    tags,
    summary:
      'Store an evaluation from an external evaluator or a human reviewer (validated against the evaluation shape); on a completed session the overall score and evaluation are computed again (event session.rescored)',
    params: RecordParams,
    body: StoreEvaluationBody,
    response: { 200: InterviewRecord, ...errorResponses(400, 404, 409) },
  },
  // POST /sessions/:id/abandon
  abandonSession: {
    tags,
    summary: 'Stop a session without finishing it',
    params: IdParams,
    response: { 200: InterviewSession, ...errorResponses(404, 409) },
  },
  // GET /trend
  scoreTrend: {
    tags,
    summary: 'My overall scores over time, per position',
    querystring: TrendQuery,
    response: { 200: ScoreTrend },
  },
};
