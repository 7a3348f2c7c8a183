import { Type, type Static, type TSchema } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ProductContext } from '../../core/product.js';
import { requireUser, type AuthUser } from '../../core/identity/access.js';
import { errorResponses, IdParams } from '../../core/http/schemas.js';
import { pageOf } from '../../core/http/pagination.js';
import { uploadBody } from '../../core/files/upload-parsers.js';
import * as c from './contract.js';
import { saveProfile } from './operations/save-profile.js';
import { getProfile } from './operations/get-profile.js';
import { listTutors } from './operations/list-tutors.js';
import { requestTutor } from './operations/request-tutor.js';
import { listRequests } from './operations/list-requests.js';
import { approveRequest } from './operations/approve-request.js';
import { rejectRequest } from './operations/reject-request.js';
import { studentDashboard } from './operations/student-dashboard.js';
import { endLink } from './operations/end-link.js';
import { listMyTutors } from './operations/list-my-tutors.js';
import { enterRoom } from './operations/change-room.js';
import { startSession } from './operations/start-session.js';
import { endSession } from './operations/end-session.js';
import { listRecentSessions } from './operations/list-recent-sessions.js';
import { listStudentSessions } from './operations/list-student-sessions.js';
import { studentStatistics } from './operations/student-statistics.js';
import { requestSentenceAudio } from './operations/request-sentence-audio.js';
import { getSentenceAudio } from './operations/get-sentence-audio.js';
import { getJob } from './operations/get-job.js';
import { scoreRecording } from './operations/score-recording.js';
import { listStudentResults } from './operations/list-student-results.js';
import { startConversation } from './operations/start-conversation.js';
import { takeTurn } from './operations/take-turn.js';
import { getConversation } from './operations/get-conversation.js';
import { listStudentConversations } from './operations/list-student-conversations.js';
import { sendFeedback } from './operations/send-feedback.js';
import { sendRecordedFeedback } from './operations/send-recorded-feedback.js';
import { listReceivedFeedback } from './operations/list-received-feedback.js';
import { listFeedbackThread } from './operations/list-feedback-thread.js';

const tags = ['tutor'];

export function tutorRoutes(app: FastifyInstance, core: ProductContext) {
  profileRoutes(app, core);
  requestRoutes(app, core);
  linkRoutes(app, core);
  sessionRoutes(app, core);
  practiceRoutes(app, core);
  conversationRoutes(app, core);
  feedbackRoutes(app, core);
}

function profileRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.put(
    '/profile',
    {
      schema: {
        tags,
        summary: 'Create or change my profile; the role must be one I took (POST /v1/me/roles {product: "tutor", role})',
        body: c.SaveProfileBody,
        response: { 200: c.Profile, ...errorResponses(400, 403, 409) },
      },
    },
    async (request) => saveProfile(core, requireUser(request), request.body),
  );
  r.get('/profile', { schema: { tags, summary: 'My profile', response: { 200: c.Profile, ...errorResponses(404) } } }, async (request) =>
    getProfile(core, requireUser(request).id),
  );
  r.get(
    '/tutors',
    {
      schema: {
        tags,
        summary: 'Tutors, with whether they take new students and how many places are free',
        querystring: c.LimitQuery,
        response: { 200: Type.Array(c.Profile) },
      },
    },
    async (request) => listTutors(core, request.query.limit),
  );
}

function requestRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/requests',
    {
      schema: {
        tags,
        summary: 'Ask a tutor to take me as a student (one waiting request per tutor)',
        body: c.RequestTutorBody,
        response: { 201: c.Request, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await requestTutor(core, requireUser(request).id, request.body)),
  );
  r.get(
    '/requests',
    {
      schema: {
        tags,
        summary: 'My requests, newest first: those I sent (a student), or those I received in one status (a tutor; default PENDING)',
        querystring: c.ListRequestsQuery,
        response: { 200: pageOf(c.Request), ...errorResponses(400) },
      },
    },
    async (request) => listRequests(core, requireUser(request).id, request.query),
  );
  r.post(
    '/requests/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve a request: the link and the student’s notification in one transaction; refused past max_students',
        params: IdParams,
        response: { 200: c.ApprovedRequest, ...errorResponses(404, 409) },
      },
    },
    async (request) => approveRequest(core, requireUser(request).id, request.params.id),
  );
  r.post(
    '/requests/:id/reject',
    {
      schema: {
        tags,
        summary: 'Decline a request (the student is notified)',
        params: IdParams,
        response: { 200: c.Request, ...errorResponses(404, 409) },
      },
    },
    async (request) => rejectRequest(core, requireUser(request).id, request.params.id),
  );
}

function linkRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/students',
    {
      schema: {
        tags,
        summary: 'My dashboard: linked students, the room each is in and who is online (live: tutor:<my id>)',
        response: { 200: Type.Array(c.DashboardStudent) },
      },
    },
    async (request) => studentDashboard(core, requireUser(request).id),
  );
  r.delete(
    '/students/:studentId',
    { schema: { tags, summary: 'Stop tutoring a student', params: c.StudentParams, response: { 200: c.Link, ...errorResponses(404) } } },
    async (request) => endLink(core, requireUser(request).id, request.params.studentId),
  );
  r.get('/tutors/mine', { schema: { tags, summary: 'My tutors (a student)', response: { 200: Type.Array(c.Link) } } }, async (request) =>
    listMyTutors(core, requireUser(request).id),
  );
  r.delete(
    '/tutors/:tutorId',
    { schema: { tags, summary: 'Leave a tutor', params: c.TutorParams, response: { 200: c.Link, ...errorResponses(404) } } },
    async (request) => endLink(core, request.params.tutorId, requireUser(request).id),
  );
  r.put(
    '/room',
    {
      schema: {
        tags,
        summary: 'Say which room I am in (null: none); my tutors’ dashboards get student.room live',
        body: c.ChangeRoomBody,
        response: { 200: c.RoomChange },
      },
    },
    async (request) => enterRoom(core, requireUser(request).id, request.body.room),
  );
}

function sessionRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/sessions',
    {
      schema: {
        tags,
        summary: 'Start a learning session',
        body: c.StartSessionBody,
        response: { 201: c.Session, ...errorResponses(400) },
      },
    },
    async (request, reply) => reply.status(201).send(await startSession(core, requireUser(request).id, request.body)),
  );
  r.post(
    '/sessions/:id/end',
    {
      schema: {
        tags,
        summary: 'End a session; its numbers are added to the day’s statistics in the same transaction',
        params: IdParams,
        body: c.EndSessionBody,
        response: { 200: c.EndedSession, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => endSession(core, requireUser(request).id, request.params.id, request.body),
  );
  r.get(
    '/sessions/recent',
    {
      schema: {
        tags,
        summary: 'My linked students’ sessions, newest first (a tutor)',
        querystring: c.LimitQuery,
        response: { 200: Type.Array(c.Session) },
      },
    },
    async (request) => listRecentSessions(core, requireUser(request).id, request.query.limit),
  );
  r.get(
    '/students/:studentId/sessions',
    {
      schema: {
        tags,
        summary: 'A student’s sessions in a time range, newest first (the student, a linked tutor, or an admin)',
        params: c.StudentParams,
        querystring: c.SessionsQuery,
        response: { 200: Type.Array(c.Session), ...errorResponses(404) },
      },
    },
    async (request) => listStudentSessions(core, requireUser(request), request.params.studentId, request.query),
  );
  r.get(
    '/students/:studentId/statistics',
    {
      schema: {
        tags,
        summary: 'A student’s daily statistics from one day to another, or for the last `days` days',
        description:
          'Days are calendar days in the deployment’s statistics time zone (TUTOR_TIME_ZONE). With `from` and `to`, the days ' +
          'that have statistics; with `days`, one row for each of the last `days` days up to today there, days without ' +
          'practice as zeros, so a chart needs no clock of its own.',
        params: c.StudentParams,
        querystring: c.StatisticsQuery,
        response: { 200: Type.Array(c.Statistics), ...errorResponses(400, 404) },
      },
    },
    async (request) => studentStatistics(core, requireUser(request), request.params.studentId, request.query),
  );
}

function practiceRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/practice/audio',
    {
      schema: {
        tags,
        summary: 'Reference audio for a practice session’s sentences: one speak job each (tutor.audio.completed on user:<my id>)',
        body: c.SentenceAudioBody,
        response: { 202: Type.Array(c.Sentence), ...errorResponses(400, 409) },
      },
    },
    async (request, reply) => reply.status(202).send(await requestSentenceAudio(core, requireUser(request).id, request.body)),
  );
  r.get(
    '/practice/audio/:sessionId',
    {
      schema: {
        tags,
        summary: 'A practice session’s sentences and their audio',
        params: c.SessionParams,
        response: { 200: Type.Array(c.Sentence), ...errorResponses(404) },
      },
    },
    async (request) => getSentenceAudio(core, requireUser(request), request.params.sessionId),
  );
  r.get(
    '/jobs/:id',
    {
      schema: {
        tags,
        summary: 'The status of an asynchronous job, with the audio URL once it completed',
        params: IdParams,
        response: { 200: c.Job, ...errorResponses(404) },
      },
    },
    async (request) => getJob(core, requireUser(request), request.params.id),
  );
  r.post(
    '/practice/recordings',
    {
      schema: {
        tags,
        summary: 'Score a recorded sentence: send the audio (raw or multipart) with the practice sentence, or the reference text',
        querystring: c.RecordingQuery,
        body: uploadBody(c.AUDIO_UPLOAD_KINDS),
        response: { 201: c.ScoredRecording, ...errorResponses(400, 404, 413, 415, 503) },
      },
    },
    async (request, reply) => reply.status(201).send(await scoreRecording(core, request, requireUser(request).id, request.query)),
  );
  studentListRoute(app, '/students/:studentId/results', 'A student’s pronunciation results, newest first', c.Result, (viewer, id, limit) =>
    listStudentResults(core, viewer, id, limit),
  );
}

function conversationRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/conversations',
    {
      schema: {
        tags,
        summary: 'Start an AI conversation: the AI’s role, the situation and the difficulty',
        body: c.StartConversationBody,
        response: { 201: c.Conversation, ...errorResponses(400) },
      },
    },
    async (request, reply) => reply.status(201).send(await startConversation(core, requireUser(request).id, request.body)),
  );
  r.post(
    '/conversations/:id/turns',
    {
      schema: {
        tags,
        summary: 'Say something; the AI answers in its role',
        params: IdParams,
        body: c.TurnBody,
        response: { 201: c.TakenTurn, ...errorResponses(400, 404, 409, 502, 503) },
      },
    },
    async (request, reply) => reply.status(201).send(await takeTurn(core, requireUser(request).id, request.params.id, request.body.text)),
  );
  r.get(
    '/conversations/:id',
    {
      schema: {
        tags,
        summary: 'A conversation with its turns (the student, a linked tutor, an admin)',
        params: IdParams,
        response: { 200: c.ConversationWithTurns, ...errorResponses(404) },
      },
    },
    async (request) => getConversation(core, requireUser(request), request.params.id),
  );
  studentListRoute(
    app,
    '/students/:studentId/conversations',
    'A student’s AI conversations, newest first',
    c.Conversation,
    (viewer, id, limit) => listStudentConversations(core, viewer, id, limit),
  );
}

function feedbackRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/feedback',
    {
      schema: {
        tags,
        summary: 'Send feedback to a linked student: text, or audio spoken by TTS; live when they are connected, else a notification',
        body: c.FeedbackBody,
        response: { 201: c.Feedback, ...errorResponses(400, 404, 409, 503) },
      },
    },
    async (request, reply) => reply.status(201).send(await sendFeedback(core, requireUser(request).id, request.body)),
  );
  r.post(
    '/feedback/recording',
    {
      schema: {
        tags,
        summary:
          'Send the tutor’s own recorded feedback to a linked student (the audio raw or multipart; the message says what it is about)',
        querystring: c.RecordedFeedbackQuery,
        body: uploadBody(c.AUDIO_UPLOAD_KINDS),
        response: { 201: c.Feedback, ...errorResponses(400, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => reply.status(201).send(await sendRecordedFeedback(core, request, requireUser(request).id, request.query)),
  );
  r.get(
    '/feedback',
    {
      schema: { tags, summary: 'Feedback I received, newest first', querystring: c.LimitQuery, response: { 200: Type.Array(c.Feedback) } },
    },
    async (request) => listReceivedFeedback(core, requireUser(request).id, request.query.limit),
  );
  studentListRoute(
    app,
    '/students/:studentId/feedback',
    'My feedback thread with a student, newest first (a tutor)',
    c.Feedback,
    (viewer, id, limit) => listFeedbackThread(core, viewer, id, limit),
  );
}

/** One of a student's lists, newest first, for the student, a linked tutor or an admin. */
function studentListRoute<T extends TSchema>(
  app: FastifyInstance,
  path: string,
  summary: string,
  item: T,
  list: (viewer: AuthUser, studentId: string, limit: number | undefined) => Promise<Static<T>[]>,
) {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    path,
    {
      schema: {
        tags,
        summary,
        params: c.StudentParams,
        querystring: c.LimitQuery,
        response: { 200: Type.Array(item), ...errorResponses(404) },
      },
    },
    async (request) => list(requireUser(request), request.params.studentId, request.query.limit),
  );
}
