import { Type, type Static, type TSchema } from 'typebox';
import { errorResponses, IdParams, Nullable, Strict, Timestamp, Uuid } from '../../core/http/schemas.js';
import { PageQuery, pageOf } from '../../core/http/pagination.js';
import { uploadBody } from '../../core/files/upload-parsers.js';
import { TurnLatencySchema } from '../../core/voice/protocol.js';
import type { FileKind } from '../../core/files/content-types.js';

const Num = Nullable(Type.Number());
export const ProfileRole = Type.Union([Type.Literal('student'), Type.Literal('tutor'), Type.Literal('admin')]);
export type ProfileRole = Static<typeof ProfileRole>;
export const RequestStatus = Type.Union([Type.Literal('PENDING'), Type.Literal('APPROVED'), Type.Literal('REJECTED')]);
export type RequestStatus = Static<typeof RequestStatus>;
export const RoomName = Type.Union([Type.Literal('practice'), Type.Literal('ai-conversation')]);
export type RoomName = Static<typeof RoomName>;
export const SessionType = Type.Union([Type.Literal('practice'), Type.Literal('conversation')]);
export type SessionType = Static<typeof SessionType>;
export const Difficulty = Type.Union([Type.Literal('상'), Type.Literal('중'), Type.Literal('하')], {
  description: '상 high, 중 medium, 하 low',
});
export type Difficulty = Static<typeof Difficulty>;
export const JobStatus = Type.Union([
  Type.Literal('PENDING'),
  Type.Literal('PROCESSING'),
  Type.Literal('COMPLETED'),
  Type.Literal('FAILED'),
]);
export type JobStatus = Static<typeof JobStatus>;
export const SentenceStatus = Type.Union([Type.Literal('PENDING'), Type.Literal('COMPLETED'), Type.Literal('FAILED')]);
export type SentenceStatus = Static<typeof SentenceStatus>;
export const MessageType = Type.Union([Type.Literal('text'), Type.Literal('audio')]);
export type MessageType = Static<typeof MessageType>;
const Limit = { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })) };
export const LimitQuery = Strict(Limit);
export type LimitQuery = Static<typeof LimitQuery>;
export const StudentParams = Strict({ studentId: Uuid });
export const TutorParams = Strict({ tutorId: Uuid });
export const SessionParams = Strict({ sessionId: Uuid });
/** The recordings a student or a tutor may upload (raw or multipart). */
export const AUDIO_UPLOAD_KINDS: readonly FileKind[] = ['wav', 'mp3', 'm4a', 'webm', 'ogg'];
const DateString = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const Profile = Type.Object({
  userId: Uuid,
  role: ProfileRole,
  name: Type.String(),
  isAccepting: Type.Boolean(),
  maxStudents: Type.Integer(),
  activeStudents: Type.Integer(),
  createdAt: Timestamp,
});
export type Profile = Static<typeof Profile>;
export const Request = Type.Object({
  id: Uuid,
  studentId: Uuid,
  tutorId: Uuid,
  status: RequestStatus,
  message: Nullable(Type.String()),
  processedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Request = Static<typeof Request>;
export const Link = Type.Object({
  tutorId: Uuid,
  studentId: Uuid,
  status: Type.String(),
  requestId: Nullable(Uuid),
  room: Nullable(RoomName),
  assignedAt: Timestamp,
  updatedAt: Timestamp,
});
export type Link = Static<typeof Link>;
export const DashboardStudent = Type.Object({
  studentId: Uuid,
  name: Nullable(Type.String()),
  room: Nullable(RoomName),
  online: Type.Boolean(),
  assignedAt: Timestamp,
  updatedAt: Timestamp,
});
export type DashboardStudent = Static<typeof DashboardStudent>;
export const RoomChange = Type.Object({ room: Nullable(RoomName), online: Type.Boolean(), tutors: Type.Integer(), updatedAt: Timestamp });
export type RoomChange = Static<typeof RoomChange>;
export const Session = Type.Object({
  id: Uuid,
  studentId: Uuid,
  timestamp: Timestamp,
  sessionType: SessionType,
  endedAt: Nullable(Timestamp),
  duration: Num,
  speakingDuration: Num,
  recordingTime: Num,
  paceRatio: Num,
  responseLatency: Num,
  responseQuality: Num,
  chatTurns: Type.Integer(),
  practiceCount: Type.Integer(),
});
export type Session = Static<typeof Session>;
export const Statistics = Type.Object({
  studentId: Uuid,
  date: Type.String({ format: 'date' }),
  avgNetSpeakingDensity: Num,
  avgPaceRatio: Num,
  avgResponseLatency: Num,
  avgResponseQuality: Num,
  chatTurnsCount: Type.Integer(),
  paceRatioCount: Type.Integer(),
  practiceCount: Type.Integer(),
  sessionsCount: Type.Integer(),
  totalRecordingTime: Type.Number(),
  totalSpeakingTime: Type.Number(),
});
export type Statistics = Static<typeof Statistics>;
export const Job = Type.Object({
  jobId: Uuid,
  kind: Type.String(),
  status: JobStatus,
  audioUrl: Nullable(Type.String()),
  error: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Job = Static<typeof Job>;
export const Sentence = Type.Object({
  sessionId: Uuid,
  sentenceIndex: Type.Integer(),
  english: Type.String(),
  korean: Nullable(Type.String()),
  voiceId: Nullable(Type.String()),
  status: SentenceStatus,
  audioFileId: Nullable(Uuid),
  audioUrl: Nullable(Type.String()),
  durationMs: Nullable(Type.Integer()),
  jobId: Nullable(Uuid),
  error: Nullable(Type.String()),
  requestAt: Timestamp,
  completedAt: Nullable(Timestamp),
});
export type Sentence = Static<typeof Sentence>;
export const Result = Type.Object({
  id: Uuid,
  studentId: Uuid,
  timestamp: Timestamp,
  sentenceId: Nullable(Type.String()),
  originalText: Type.String(),
  transcribedText: Type.String(),
  overallScore: Type.Integer({ minimum: 0, maximum: 100 }),
  wordAccuracy: Type.Number(),
  completenessScore: Type.Number(),
  grade: Type.String(),
  missedWords: Type.Array(Type.String()),
  extraWords: Type.Array(Type.String()),
  feedback: Type.String(),
  audioDurationMs: Nullable(Type.Integer()),
  recordingFileId: Nullable(Uuid),
});
export type Result = Static<typeof Result>;
export const WordResult = Type.Object({
  word: Type.String(),
  status: Type.Union([Type.Literal('correct'), Type.Literal('substituted'), Type.Literal('missing'), Type.Literal('extra')]),
  heard: Type.Optional(Type.String()),
});
export type WordResult = Static<typeof WordResult>;
export const Conversation = Type.Object({
  conversationId: Uuid,
  studentId: Uuid,
  timestamp: Timestamp,
  difficulty: Difficulty,
  role: Type.String(),
  situation: Type.String(),
  topic: Nullable(Type.String()),
  turnCount: Type.Integer(),
  message: Nullable(Type.String({ description: 'The sentence the AI recommends the student to say next' })),
  updatedAt: Timestamp,
});
export type Conversation = Static<typeof Conversation>;
export const Turn = Type.Object({
  turn: Type.Integer(),
  studentText: Type.String(),
  aiText: Type.String({ description: 'The reply; for a spoken reply the student talked over, what was heard' }),
  createdAt: Timestamp,
  interrupted: Type.Boolean(),
  latency: Type.Union([TurnLatencySchema, Type.Null()]),
});
export type Turn = Static<typeof Turn>;
export const Feedback = Type.Object({
  feedbackId: Uuid,
  tutorId: Uuid,
  studentId: Uuid,
  message: Type.String(),
  messageType: MessageType,
  audioFileId: Nullable(Uuid),
  sessionId: Nullable(Uuid),
  websocketSent: Type.Boolean({ description: 'Delivered live on user:<student id>; false means it went out as a notification' }),
  timestamp: Timestamp,
});
export type Feedback = Static<typeof Feedback>;

export const ApprovedRequest = Type.Object({ request: Request, link: Link });
export type ApprovedRequest = Static<typeof ApprovedRequest>;
export const EndedSession = Type.Object({ session: Session, statistics: Statistics });
export type EndedSession = Static<typeof EndedSession>;
export const ScoredRecording = Type.Object({ result: Result, words: Type.Array(WordResult) });
export type ScoredRecording = Static<typeof ScoredRecording>;
export const TakenTurn = Type.Object({ conversation: Conversation, turn: Turn });
export type TakenTurn = Static<typeof TakenTurn>;
export const ConversationWithTurns = Type.Object({ conversation: Conversation, turns: Type.Array(Turn) });
export type ConversationWithTurns = Static<typeof ConversationWithTurns>;

export const SaveProfileBody = Strict({
  role: ProfileRole,
  name: Type.String({ minLength: 1, maxLength: 100 }),
  isAccepting: Type.Optional(Type.Boolean()),
  maxStudents: Type.Optional(Type.Integer({ minimum: 0, maximum: 500 })),
});
export type SaveProfileBody = Static<typeof SaveProfileBody>;
export const RequestTutorBody = Strict({ tutorId: Uuid, message: Type.Optional(Type.String({ maxLength: 1000 })) });
export type RequestTutorBody = Static<typeof RequestTutorBody>;
export const ListRequestsQuery = Strict({
  ...PageQuery,
  side: Type.Union([Type.Literal('sent'), Type.Literal('received')]),
  status: Type.Optional(RequestStatus),
});
export type ListRequestsQuery = Static<typeof ListRequestsQuery>;
export const ChangeRoomBody = Strict({ room: Nullable(RoomName) });
export type ChangeRoomBody = Static<typeof ChangeRoomBody>;
export const StartSessionBody = Strict({ sessionType: SessionType });
export type StartSessionBody = Static<typeof StartSessionBody>;
const Seconds = Type.Optional(Type.Number({ minimum: 0, maximum: 86_400 }));
export const EndSessionBody = Strict({
  duration: Seconds,
  speakingDuration: Type.Number({ minimum: 0, maximum: 86_400 }),
  recordingTime: Seconds,
  paceRatio: Type.Optional(Type.Number({ minimum: 0, maximum: 10 })),
  responseLatency: Type.Optional(Type.Number({ minimum: 0, maximum: 600 })),
  responseQuality: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  chatTurns: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
  practiceCount: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000 })),
});
export type EndSessionBody = Static<typeof EndSessionBody>;
export const SessionsQuery = Strict({ from: Type.Optional(Timestamp), to: Type.Optional(Timestamp), ...Limit });
export type SessionsQuery = Static<typeof SessionsQuery>;
export const StatisticsQuery = Strict({
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })),
});
export type StatisticsQuery = Static<typeof StatisticsQuery>;
export const SentenceAudioBody = Strict({
  sessionId: Uuid,
  voiceId: Type.Optional(Type.String({ maxLength: 100 })),
  sentences: Type.Array(
    Strict({ english: Type.String({ minLength: 1, maxLength: 500 }), korean: Type.Optional(Type.String({ maxLength: 500 })) }),
    { minItems: 1, maxItems: 50 },
  ),
});
export type SentenceAudioBody = Static<typeof SentenceAudioBody>;
export const RecordingQuery = Strict({
  sessionId: Type.Optional(Uuid),
  sentenceIndex: Type.Optional(Type.Integer({ minimum: 0, maximum: 32_767 })),
  text: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  sentenceId: Type.Optional(Type.String({ maxLength: 100 })),
});
export type RecordingQuery = Static<typeof RecordingQuery>;
export const StartConversationBody = Strict({
  role: Type.String({ minLength: 1, maxLength: 100 }),
  situation: Type.String({ minLength: 1, maxLength: 1000 }),
  difficulty: Difficulty,
  topic: Type.Optional(Type.String({ maxLength: 200 })),
});
export type StartConversationBody = Static<typeof StartConversationBody>;
export const TurnBody = Strict({ text: Type.String({ minLength: 1, maxLength: 2000 }) });
export type TurnBody = Static<typeof TurnBody>;
export const FeedbackBody = Strict({
  studentId: Uuid,
  message: Type.String({ minLength: 1, maxLength: 2000 }),
  messageType: Type.Optional(MessageType),
  sessionId: Type.Optional(Uuid),
});
export type FeedbackBody = Static<typeof FeedbackBody>;
export const RecordedFeedbackQuery = Strict({
  studentId: Uuid,
  message: Type.String({ minLength: 1, maxLength: 2000 }),
  sessionId: Type.Optional(Uuid),
});
export type RecordedFeedbackQuery = Static<typeof RecordedFeedbackQuery>;

/** `request.created` on tutor:<id> is a Request; `student.linked` on tutor:<id>, after an approval. */
export const StudentLinkedEvent = Type.Object({ studentId: Uuid, requestId: Uuid });
export type StudentLinkedEvent = Static<typeof StudentLinkedEvent>;
/** `student.unlinked` on tutor:<id>. */
export const StudentUnlinkedEvent = Type.Object({ studentId: Uuid });
export type StudentUnlinkedEvent = Static<typeof StudentUnlinkedEvent>;
/** `student.room` on tutor:<id>: a linked student moved. */
export const StudentRoomEvent = Type.Object({ studentId: Uuid, room: Nullable(RoomName), online: Type.Boolean(), updatedAt: Timestamp });
export type StudentRoomEvent = Static<typeof StudentRoomEvent>;
/** `tutor.audio.completed` on user:<student id>: a sentence's reference audio is ready. */
export const AudioCompletedEvent = Type.Object({
  jobId: Uuid,
  sessionId: Uuid,
  sentenceIndex: Type.Integer(),
  status: Type.Literal('COMPLETED'),
  audioFileId: Uuid,
  durationMs: Nullable(Type.Integer()),
});
export type AudioCompletedEvent = Static<typeof AudioCompletedEvent>;
/** `tutor.audio.failed` on user:<student id>, after the last retry. */
export const AudioFailedEvent = Type.Object({
  jobId: Uuid,
  sessionId: Uuid,
  sentenceIndex: Type.Integer(),
  status: Type.Literal('FAILED'),
  error: Type.String(),
});
export type AudioFailedEvent = Static<typeof AudioFailedEvent>;
/** `tutor.feedback` on user:<student id> is a Feedback, sent only while the student is connected. */

/** The tutor.session.completed webhook: what was said stays in Talkbase. */
export const SessionCompletedPayload = Type.Object(
  {
    sessionId: Uuid,
    studentId: Uuid,
    sessionType: SessionType,
    startedAt: Timestamp,
    endedAt: Timestamp,
    durationSeconds: Type.Number({ minimum: 0 }),
    speakingSeconds: Type.Number({ minimum: 0 }),
    chatTurns: Type.Integer({ minimum: 0 }),
    practiceCount: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type SessionCompletedPayload = Static<typeof SessionCompletedPayload>;
/** The tutor.student.linked webhook. */
export const StudentLinkedPayload = Type.Object(
  { requestId: Uuid, tutorId: Uuid, studentId: Uuid, linkedAt: Timestamp },
  { additionalProperties: false },
);
export type StudentLinkedPayload = Static<typeof StudentLinkedPayload>;

const tags = ['tutor'];

/** One of a student's lists, newest first, for the student, a linked tutor or an admin. */
const studentList = <T extends TSchema>(summary: string, item: T) => ({
  tags,
  summary,
  params: StudentParams,
  querystring: LimitQuery,
  response: { 200: Type.Array(item), ...errorResponses(404) },
});

/** Each route's schema (summary, parameters, body, responses), by the operation it serves; routes.ts maps them to HTTP. */
export const routeSchemas = {
  // PUT /profile
  saveProfile: {
    tags,
    summary: 'Create or change my profile; the role must be one I took (POST /v1/me/roles {product: "tutor", role})',
    body: SaveProfileBody,
    response: { 200: Profile, ...errorResponses(400, 403, 409) },
  },
  // GET /profile
  getProfile: { tags, summary: 'My profile', response: { 200: Profile, ...errorResponses(404) } },
  // GET /tutors
  listTutors: {
    tags,
    summary: 'Tutors, with whether they take new students and how many places are free',
    querystring: LimitQuery,
    response: { 200: Type.Array(Profile) },
  },
  // POST /requests
  requestTutor: {
    tags,
    summary: 'Ask a tutor to take me as a student (one waiting request per tutor)',
    body: RequestTutorBody,
    response: { 201: Request, ...errorResponses(400, 404, 409) },
  },
  // GET /requests
  listRequests: {
    tags,
    summary: 'My requests, newest first: those I sent (a student), or those I received in one status (a tutor; default PENDING)',
    querystring: ListRequestsQuery,
    response: { 200: pageOf(Request), ...errorResponses(400) },
  },
  // POST /requests/:id/approve
  approveRequest: {
    tags,
    summary: 'Approve a request: the link and the student’s notification in one transaction; refused past max_students',
    params: IdParams,
    response: { 200: ApprovedRequest, ...errorResponses(404, 409) },
  },
  // POST /requests/:id/reject
  rejectRequest: {
    tags,
    summary: 'Decline a request (the student is notified)',
    params: IdParams,
    response: { 200: Request, ...errorResponses(404, 409) },
  },
  // GET /students
  studentDashboard: {
    tags,
    summary: 'My dashboard: linked students, the room each is in and who is online (live: tutor:<my id>)',
    response: { 200: Type.Array(DashboardStudent) },
  },
  // DELETE /students/:studentId
  stopTutoring: { tags, summary: 'Stop tutoring a student', params: StudentParams, response: { 200: Link, ...errorResponses(404) } },
  // GET /tutors/mine
  listMyTutors: { tags, summary: 'My tutors (a student)', response: { 200: Type.Array(Link) } },
  // DELETE /tutors/:tutorId
  leaveTutor: { tags, summary: 'Leave a tutor', params: TutorParams, response: { 200: Link, ...errorResponses(404) } },
  // PUT /room
  enterRoom: {
    tags,
    summary: 'Say which room I am in (null: none); my tutors’ dashboards get student.room live',
    body: ChangeRoomBody,
    response: { 200: RoomChange },
  },
  // POST /sessions
  startSession: {
    tags,
    summary: 'Start a learning session',
    body: StartSessionBody,
    response: { 201: Session, ...errorResponses(400) },
  },
  // POST /sessions/:id/end
  endSession: {
    tags,
    summary: 'End a session; its numbers are added to the day’s statistics in the same transaction',
    params: IdParams,
    body: EndSessionBody,
    response: { 200: EndedSession, ...errorResponses(400, 404, 409) },
  },
  // GET /sessions/recent
  listRecentSessions: {
    tags,
    summary: 'My linked students’ sessions, newest first (a tutor)',
    querystring: LimitQuery,
    response: { 200: Type.Array(Session) },
  },
  // GET /students/:studentId/sessions
  listStudentSessions: {
    tags,
    summary: 'A student’s sessions in a time range, newest first (the student, a linked tutor, or an admin)',
    params: StudentParams,
    querystring: SessionsQuery,
    response: { 200: Type.Array(Session), ...errorResponses(404) },
  },
  // GET /students/:studentId/statistics
  studentStatistics: {
    tags,
    summary: 'A student’s daily statistics from one day to another, or for the last `days` days',
    description:
      'Days are calendar days in the deployment’s statistics time zone (TUTOR_TIME_ZONE). With `from` and `to`, the days ' +
      'that have statistics; with `days`, one row for each of the last `days` days up to today there, days without ' +
      'practice as zeros, so a chart needs no clock of its own.',
    params: StudentParams,
    querystring: StatisticsQuery,
    response: { 200: Type.Array(Statistics), ...errorResponses(400, 404) },
  },
  // POST /practice/audio
  requestSentenceAudio: {
    tags,
    summary: 'Reference audio for a practice session’s sentences: one speak job each (tutor.audio.completed on user:<my id>)',
    body: SentenceAudioBody,
    response: { 202: Type.Array(Sentence), ...errorResponses(400, 409) },
  },
  // GET /practice/audio/:sessionId
  getSentenceAudio: {
    tags,
    summary: 'A practice session’s sentences and their audio',
    params: SessionParams,
    response: { 200: Type.Array(Sentence), ...errorResponses(404) },
  },
  // GET /jobs/:id
  getJob: {
    tags,
    summary: 'The status of an asynchronous job, with the audio URL once it completed',
    params: IdParams,
    response: { 200: Job, ...errorResponses(404) },
  },
  // POST /practice/recordings
  scoreRecording: {
    tags,
    summary: 'Score a recorded sentence: send the audio (raw or multipart) with the practice sentence, or the reference text',
    querystring: RecordingQuery,
    body: uploadBody(AUDIO_UPLOAD_KINDS),
    response: { 201: ScoredRecording, ...errorResponses(400, 404, 413, 415, 503) },
  },
  // GET /students/:studentId/results
  listStudentResults: studentList('A student’s pronunciation results, newest first', Result),
  // POST /conversations
  startConversation: {
    tags,
    summary: 'Start an AI conversation: the AI’s role, the situation and the difficulty',
    body: StartConversationBody,
    response: { 201: Conversation, ...errorResponses(400) },
  },
  // POST /conversations/:id/turns
  takeTurn: {
    tags,
    summary: 'Say something; the AI answers in its role',
    params: IdParams,
    body: TurnBody,
    response: { 201: TakenTurn, ...errorResponses(400, 404, 409, 502, 503) },
  },
  // GET /conversations/:id
  getConversation: {
    tags,
    summary: 'A conversation with its turns (the student, a linked tutor, an admin)',
    params: IdParams,
    response: { 200: ConversationWithTurns, ...errorResponses(404) },
  },
  // GET /students/:studentId/conversations
  listStudentConversations: studentList('A student’s AI conversations, newest first', Conversation),
  // POST /feedback
  sendFeedback: {
    tags,
    summary: 'Send feedback to a linked student: text, or audio spoken by TTS; live when they are connected, else a notification',
    body: FeedbackBody,
    response: { 201: Feedback, ...errorResponses(400, 404, 409, 503) },
  },
  // POST /feedback/recording
  sendRecordedFeedback: {
    tags,
    summary: 'Send the tutor’s own recorded feedback to a linked student (the audio raw or multipart; the message says what it is about)',
    querystring: RecordedFeedbackQuery,
    body: uploadBody(AUDIO_UPLOAD_KINDS),
    response: { 201: Feedback, ...errorResponses(400, 404, 409, 413, 415) },
  },
  // GET /feedback
  listReceivedFeedback: {
    tags,
    summary: 'Feedback I received, newest first',
    querystring: LimitQuery,
    response: { 200: Type.Array(Feedback) },
  },
  // GET /students/:studentId/feedback
  listFeedbackThread: studentList('My feedback thread with a student, newest first (a tutor)', Feedback),
};
