import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ProductContext } from '../../core/product.js';
import { requireUser } from '../../core/identity/access.js';
import { AppError } from '../../core/http/errors.js';
import { errorResponses, IdParams } from '../../core/http/schemas.js';
import { DEFAULT_PAGE_SIZE, pageOf } from '../../core/http/pagination.js';
import { uploadBody } from '../../core/files/upload-parsers.js';
import {
  ApprovedRequest,
  ChangeRoomBody,
  Conversation,
  ConversationWithTurns,
  DashboardStudent,
  EndedSession,
  EndSessionBody,
  Feedback,
  FeedbackBody,
  Job,
  Link,
  LimitQuery,
  ListRequestsQuery,
  Profile,
  RecordedFeedbackQuery,
  RecordingQuery,
  Request,
  RequestTutorBody,
  Result,
  RoomChange,
  SaveProfileBody,
  ScoredRecording,
  Sentence,
  SentenceAudioBody,
  Session,
  SessionParams,
  SessionsQuery,
  StartConversationBody,
  StartSessionBody,
  Statistics,
  StatisticsQuery,
  StudentParams,
  TakenTurn,
  TurnBody,
  TutorParams,
} from './contract.js';
import * as matching from './matching.js';
import { changeRoom, dashboard } from './presence.js';
import * as stats from './statistics.js';
import * as practice from './practice.js';
import * as conversations from './conversations.js';
import * as feedback from './feedback.js';

function requireProfileRole(profile: { role: string } | null, role: 'student' | 'tutor') {
  if (!profile || profile.role !== role)
    throw new AppError('tutor.profile_required', 409, `this needs a ${role} profile (PUT /v1/tutor/profile)`);
}

export function tutorRoutes(root: FastifyInstance, core: ProductContext) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['tutor'];

  // --- profiles and matching ---
  app.put(
    '/profile',
    {
      schema: {
        tags,
        summary: 'Create or change my profile; the role must be one I took (POST /v1/me/roles {product: "tutor", role})',
        body: SaveProfileBody,
        response: { 200: Profile, ...errorResponses(400, 403, 409) },
      },
    },
    async (request) => matching.profileView(core, await matching.saveProfile(core, requireUser(request), request.body)),
  );

  app.get('/profile', { schema: { tags, summary: 'My profile', response: { 200: Profile, ...errorResponses(404) } } }, async (request) => {
    const p = await matching.findProfile(core, requireUser(request).id);
    if (!p) throw new AppError('tutor.profile_not_found', 404, 'no profile yet (PUT /v1/tutor/profile)');
    return matching.profileView(core, p);
  });

  app.get(
    '/tutors',
    {
      schema: {
        tags,
        summary: 'Tutors, with whether they take new students and how many places are free',
        querystring: LimitQuery,
        response: { 200: Type.Array(Profile) },
      },
    },
    async (request) => {
      const rows = await matching.profilesByRoleQuery(core.db, 'tutor', request.query.limit ?? 100);
      return rows.map((p) => matching.profileView(core, p));
    },
  );

  app.post(
    '/requests',
    {
      schema: {
        tags,
        summary: 'Ask a tutor to take me as a student (one waiting request per tutor)',
        body: RequestTutorBody,
        response: { 201: Request, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(matching.requestView(await matching.requestTutor(core, requireUser(request).id, request.body))),
  );

  app.get(
    '/requests',
    {
      schema: {
        tags,
        summary: 'My requests, newest first: those I sent (a student), or those I received in one status (a tutor; default PENDING)',
        querystring: ListRequestsQuery,
        response: { 200: pageOf(Request), ...errorResponses(400) },
      },
    },
    async (request) =>
      matching.listRequests(core, requireUser(request).id, { ...request.query, limit: request.query.limit ?? DEFAULT_PAGE_SIZE }),
  );

  app.post(
    '/requests/:id/approve',
    {
      schema: {
        tags,
        summary: 'Approve a request: the link and the student’s notification in one transaction; refused past max_students',
        params: IdParams,
        response: { 200: ApprovedRequest, ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const { request: r, link } = await matching.approveRequest(core, requireUser(request).id, request.params.id);
      return { request: matching.requestView(r), link: matching.linkView(link) };
    },
  );

  app.post(
    '/requests/:id/reject',
    {
      schema: {
        tags,
        summary: 'Decline a request (the student is notified)',
        params: IdParams,
        response: { 200: Request, ...errorResponses(404, 409) },
      },
    },
    async (request) => matching.requestView(await matching.rejectRequest(core, requireUser(request).id, request.params.id)),
  );

  app.get(
    '/students',
    {
      schema: {
        tags,
        summary: 'My dashboard: linked students, the room each is in and who is online (live: tutor:<my id>)',
        response: { 200: Type.Array(DashboardStudent) },
      },
    },
    async (request) => dashboard(core, requireUser(request).id),
  );

  app.delete(
    '/students/:studentId',
    { schema: { tags, summary: 'Stop tutoring a student', params: StudentParams, response: { 200: Link, ...errorResponses(404) } } },
    async (request) => matching.linkView(await matching.unlink(core, requireUser(request).id, request.params.studentId)),
  );

  app.get('/tutors/mine', { schema: { tags, summary: 'My tutors (a student)', response: { 200: Type.Array(Link) } } }, async (request) =>
    (await matching.studentTutorsQuery(core.db, requireUser(request).id)).map(matching.linkView),
  );

  app.delete(
    '/tutors/:tutorId',
    { schema: { tags, summary: 'Leave a tutor', params: TutorParams, response: { 200: Link, ...errorResponses(404) } } },
    async (request) => matching.linkView(await matching.unlink(core, request.params.tutorId, requireUser(request).id)),
  );

  // --- presence ---
  app.put(
    '/room',
    {
      schema: {
        tags,
        summary: 'Say which room I am in (null: none); my tutors’ dashboards get student.room live',
        body: ChangeRoomBody,
        response: { 200: RoomChange },
      },
    },
    async (request) => changeRoom(core, requireUser(request).id, request.body.room),
  );

  // --- learning sessions and statistics ---
  app.post(
    '/sessions',
    {
      schema: {
        tags,
        summary: 'Start a learning session',
        body: StartSessionBody,
        response: { 201: Session, ...errorResponses(400) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(stats.sessionView(await stats.startLearningSession(core, requireUser(request).id, request.body))),
  );

  app.post(
    '/sessions/:id/end',
    {
      schema: {
        tags,
        summary: 'End a session; its numbers are added to the day’s statistics in the same transaction',
        params: IdParams,
        body: EndSessionBody,
        response: { 200: EndedSession, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const out = await stats.endLearningSession(core, requireUser(request).id, request.params.id, request.body);
      return { session: stats.sessionView(out.session), statistics: stats.statisticsView(out.statistics) };
    },
  );

  app.get(
    '/sessions/recent',
    {
      schema: {
        tags,
        summary: 'My linked students’ sessions, newest first (a tutor)',
        querystring: LimitQuery,
        response: { 200: Type.Array(Session) },
      },
    },
    async (request) => (await stats.tutorSessionsQuery(core.db, requireUser(request).id, request.query.limit ?? 50)).map(stats.sessionView),
  );

  app.get(
    '/students/:studentId/sessions',
    {
      schema: {
        tags,
        summary: 'A student’s sessions in a time range, newest first (the student, a linked tutor, or an admin)',
        params: StudentParams,
        querystring: SessionsQuery,
        response: { 200: Type.Array(Session), ...errorResponses(404) },
      },
    },
    async (request) => {
      await matching.assertCanViewStudent(core, requireUser(request), request.params.studentId);
      const q = request.query;
      const rows = await stats.studentSessionsQuery(core.db, request.params.studentId, {
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        limit: q.limit ?? 50,
      });
      return rows.map(stats.sessionView);
    },
  );

  app.get(
    '/students/:studentId/statistics',
    {
      schema: {
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
    },
    async (request) => {
      await matching.assertCanViewStudent(core, requireUser(request), request.params.studentId);
      const { from, to, days } = request.query;
      const invalid = (field: string, message: string) =>
        new AppError('validation', 400, `${field} ${message}`, { errors: [{ field, message }] });
      if (days !== undefined) {
        if (from !== undefined || to !== undefined) throw invalid('days', 'cannot be combined with from and to');
        return stats.lastDaysStatistics(core, request.params.studentId, days);
      }
      if (from === undefined) throw invalid('from', 'is required without days');
      if (to === undefined) throw invalid('to', 'is required without days');
      if (from > to) throw invalid('from', 'must not be after to');
      return (await stats.statisticsRangeQuery(core.db, request.params.studentId, from, to)).map(stats.statisticsView);
    },
  );

  // --- practice: reference audio, jobs, recordings ---
  app.post(
    '/practice/audio',
    {
      schema: {
        tags,
        summary: 'Reference audio for a practice session’s sentences: one speak job each (tutor.audio.completed on user:<my id>)',
        body: SentenceAudioBody,
        response: { 202: Type.Array(Sentence), ...errorResponses(400, 409) },
      },
    },
    async (request, reply) => {
      const rows = await practice.requestSentenceAudio(core, requireUser(request).id, request.body);
      return reply.status(202).send(await Promise.all(rows.map((r) => practice.sentenceView(core, r))));
    },
  );

  app.get(
    '/practice/audio/:sessionId',
    {
      schema: {
        tags,
        summary: 'A practice session’s sentences and their audio',
        params: SessionParams,
        response: { 200: Type.Array(Sentence), ...errorResponses(404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const rows = await practice.sessionAudioQuery(core.db, request.params.sessionId);
      if (!rows.length || (!user.isAdmin && rows[0]!.studentId !== user.id))
        throw new AppError('tutor.audio_session_not_found', 404, 'practice session not found');
      return Promise.all(rows.map((r) => practice.sentenceView(core, r)));
    },
  );

  app.get(
    '/jobs/:id',
    {
      schema: {
        tags,
        summary: 'The status of an asynchronous job, with the audio URL once it completed',
        params: IdParams,
        response: { 200: Job, ...errorResponses(404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return practice.jobView(core, await practice.jobStatus(core, user.id, user.isAdmin, request.params.id));
    },
  );

  app.post(
    '/practice/recordings',
    {
      schema: {
        tags,
        summary: 'Score a recorded sentence: send the audio (raw or multipart) with the practice sentence, or the reference text',
        querystring: RecordingQuery,
        body: uploadBody(['wav', 'mp3', 'm4a', 'webm', 'ogg']),
        response: { 201: ScoredRecording, ...errorResponses(400, 404, 413, 415, 503) },
      },
    },
    async (request, reply) => {
      const out = await practice.scoreRecording(core, request, requireUser(request).id, request.query);
      return reply.status(201).send({ result: practice.resultView(out.result), words: out.words });
    },
  );

  app.get(
    '/students/:studentId/results',
    {
      schema: {
        tags,
        summary: 'A student’s pronunciation results, newest first',
        params: StudentParams,
        querystring: LimitQuery,
        response: { 200: Type.Array(Result), ...errorResponses(404) },
      },
    },
    async (request) => {
      await matching.assertCanViewStudent(core, requireUser(request), request.params.studentId);
      return (await practice.studentResultsQuery(core.db, request.params.studentId, request.query.limit ?? 50)).map(practice.resultView);
    },
  );

  // --- AI conversations ---
  app.post(
    '/conversations',
    {
      schema: {
        tags,
        summary: 'Start an AI conversation: the AI’s role, the situation and the difficulty',
        body: StartConversationBody,
        response: { 201: Conversation, ...errorResponses(400) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(conversations.conversationView(await conversations.startConversation(core, requireUser(request).id, request.body))),
  );

  app.post(
    '/conversations/:id/turns',
    {
      schema: {
        tags,
        summary: 'Say something; the AI answers in its role',
        params: IdParams,
        body: TurnBody,
        response: { 201: TakenTurn, ...errorResponses(400, 404, 409, 502, 503) },
      },
    },
    async (request, reply) => {
      const out = await conversations.takeTurn(core, requireUser(request).id, request.params.id, request.body.text);
      return reply.status(201).send({ conversation: conversations.conversationView(out.conversation), turn: out.turn });
    },
  );

  app.get(
    '/conversations/:id',
    {
      schema: {
        tags,
        summary: 'A conversation with its turns (the student, a linked tutor, an admin)',
        params: IdParams,
        response: { 200: ConversationWithTurns, ...errorResponses(404) },
      },
    },
    async (request) => {
      const [conv] = await conversations.conversationByIdQuery(core.db, request.params.id);
      if (!conv) throw new AppError('tutor.conversation_not_found', 404, 'conversation not found');
      try {
        await matching.assertCanViewStudent(core, requireUser(request), conv.studentId);
      } catch {
        throw new AppError('tutor.conversation_not_found', 404, 'conversation not found');
      }
      return { conversation: conversations.conversationView(conv), turns: await conversations.conversationTurns(core, conv.id) };
    },
  );

  app.get(
    '/students/:studentId/conversations',
    {
      schema: {
        tags,
        summary: 'A student’s AI conversations, newest first',
        params: StudentParams,
        querystring: LimitQuery,
        response: { 200: Type.Array(Conversation), ...errorResponses(404) },
      },
    },
    async (request) => {
      await matching.assertCanViewStudent(core, requireUser(request), request.params.studentId);
      return (await conversations.studentConversationsQuery(core.db, request.params.studentId, request.query.limit ?? 50)).map(
        conversations.conversationView,
      );
    },
  );

  // --- feedback ---
  app.post(
    '/feedback',
    {
      schema: {
        tags,
        summary: 'Send feedback to a linked student: text, or audio spoken by TTS; live when they are connected, else a notification',
        body: FeedbackBody,
        response: { 201: Feedback, ...errorResponses(400, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const tutor = await matching.findProfile(core, requireUser(request).id);
      requireProfileRole(tutor, 'tutor');
      const row = await feedback.sendFeedback(core, tutor!.userId, { ...request.body, messageType: request.body.messageType ?? 'text' });
      return reply.status(201).send(feedback.feedbackView(row));
    },
  );

  app.post(
    '/feedback/recording',
    {
      schema: {
        tags,
        summary:
          'Send the tutor’s own recorded feedback to a linked student (the audio raw or multipart; the message says what it is about)',
        querystring: RecordedFeedbackQuery,
        body: uploadBody(['wav', 'mp3', 'm4a', 'webm', 'ogg']),
        response: { 201: Feedback, ...errorResponses(400, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const tutor = await matching.findProfile(core, requireUser(request).id);
      requireProfileRole(tutor, 'tutor');
      if (!(await matching.isActiveTutorOf(core, tutor!.userId, request.query.studentId))) {
        throw new AppError('tutor.student_not_found', 404, 'student not found');
      }
      const file = await core.files.receive(request, {
        product: 'tutor',
        purpose: 'feedback-audio',
        accept: ['wav', 'mp3', 'm4a', 'webm', 'ogg'],
      });
      try {
        const row = await feedback.sendFeedback(core, tutor!.userId, { ...request.query, messageType: 'audio', recordedFileId: file.id });
        return reply.status(201).send(feedback.feedbackView(row));
      } catch (err) {
        await core.files.deleteNow([file.id]);
        throw err;
      }
    },
  );

  app.get(
    '/feedback',
    { schema: { tags, summary: 'Feedback I received, newest first', querystring: LimitQuery, response: { 200: Type.Array(Feedback) } } },
    async (request) =>
      (await feedback.studentFeedbackQuery(core.db, requireUser(request).id, request.query.limit ?? 50)).map(feedback.feedbackView),
  );

  app.get(
    '/students/:studentId/feedback',
    {
      schema: {
        tags,
        summary: 'My feedback thread with a student, newest first (a tutor)',
        params: StudentParams,
        querystring: LimitQuery,
        response: { 200: Type.Array(Feedback), ...errorResponses(404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await matching.assertCanViewStudent(core, user, request.params.studentId);
      return (await feedback.feedbackThreadQuery(core.db, user.id, request.params.studentId, request.query.limit ?? 50)).map(
        feedback.feedbackView,
      );
    },
  );
}
