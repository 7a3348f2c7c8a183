import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ProductContext } from '../../core/product.js';
import { requireUser } from '../../core/identity/access.js';
import { routeSchemas as route } from './contract.js';
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

export function tutorRoutes(app: FastifyInstance, core: ProductContext) {
  matchingRoutes(app, core);
  sessionRoutes(app, core);
  practiceRoutes(app, core);
  feedbackRoutes(app, core);
}

function matchingRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.put('/profile', { schema: route.saveProfile }, async (request) => saveProfile(core, requireUser(request), request.body));
  r.get('/profile', { schema: route.getProfile }, async (request) => getProfile(core, requireUser(request).id));
  r.get('/tutors', { schema: route.listTutors }, async (request) => listTutors(core, request.query.limit));
  r.post('/requests', { schema: route.requestTutor }, async (request, reply) =>
    reply.status(201).send(await requestTutor(core, requireUser(request).id, request.body)),
  );
  r.get('/requests', { schema: route.listRequests }, async (request) => listRequests(core, requireUser(request).id, request.query));
  r.post('/requests/:id/approve', { schema: route.approveRequest }, async (request) =>
    approveRequest(core, requireUser(request).id, request.params.id),
  );
  r.post('/requests/:id/reject', { schema: route.rejectRequest }, async (request) =>
    rejectRequest(core, requireUser(request).id, request.params.id),
  );
  r.get('/students', { schema: route.studentDashboard }, async (request) => studentDashboard(core, requireUser(request).id));
  r.delete('/students/:studentId', { schema: route.stopTutoring }, async (request) =>
    endLink(core, requireUser(request).id, request.params.studentId),
  );
  r.get('/tutors/mine', { schema: route.listMyTutors }, async (request) => listMyTutors(core, requireUser(request).id));
  r.delete('/tutors/:tutorId', { schema: route.leaveTutor }, async (request) =>
    endLink(core, request.params.tutorId, requireUser(request).id),
  );
  r.put('/room', { schema: route.enterRoom }, async (request) => enterRoom(core, requireUser(request).id, request.body.room));
}

function sessionRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/sessions', { schema: route.startSession }, async (request, reply) =>
    reply.status(201).send(await startSession(core, requireUser(request).id, request.body)),
  );
  r.post('/sessions/:id/end', { schema: route.endSession }, async (request) =>
    endSession(core, requireUser(request).id, request.params.id, request.body),
  );
  r.get('/sessions/recent', { schema: route.listRecentSessions }, async (request) =>
    listRecentSessions(core, requireUser(request).id, request.query.limit),
  );
  r.get('/students/:studentId/sessions', { schema: route.listStudentSessions }, async (request) =>
    listStudentSessions(core, requireUser(request), request.params.studentId, request.query),
  );
  r.get('/students/:studentId/statistics', { schema: route.studentStatistics }, async (request) =>
    studentStatistics(core, requireUser(request), request.params.studentId, request.query),
  );
}

function practiceRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/practice/audio', { schema: route.requestSentenceAudio }, async (request, reply) =>
    reply.status(202).send(await requestSentenceAudio(core, requireUser(request).id, request.body)),
  );
  r.get('/practice/audio/:sessionId', { schema: route.getSentenceAudio }, async (request) =>
    getSentenceAudio(core, requireUser(request), request.params.sessionId),
  );
  r.get('/jobs/:id', { schema: route.getJob }, async (request) => getJob(core, requireUser(request), request.params.id));
  r.post('/practice/recordings', { schema: route.scoreRecording }, async (request, reply) =>
    reply.status(201).send(await scoreRecording(core, request, requireUser(request).id, request.query)),
  );
  r.get('/students/:studentId/results', { schema: route.listStudentResults }, async (request) =>
    listStudentResults(core, requireUser(request), request.params.studentId, request.query.limit),
  );
  r.post('/conversations', { schema: route.startConversation }, async (request, reply) =>
    reply.status(201).send(await startConversation(core, requireUser(request).id, request.body)),
  );
  r.post('/conversations/:id/turns', { schema: route.takeTurn }, async (request, reply) =>
    reply.status(201).send(await takeTurn(core, requireUser(request).id, request.params.id, request.body.text)),
  );
  r.get('/conversations/:id', { schema: route.getConversation }, async (request) =>
    getConversation(core, requireUser(request), request.params.id),
  );
  r.get('/students/:studentId/conversations', { schema: route.listStudentConversations }, async (request) =>
    listStudentConversations(core, requireUser(request), request.params.studentId, request.query.limit),
  );
}

function feedbackRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/feedback', { schema: route.sendFeedback }, async (request, reply) =>
    reply.status(201).send(await sendFeedback(core, requireUser(request).id, request.body)),
  );
  r.post('/feedback/recording', { schema: route.sendRecordedFeedback }, async (request, reply) =>
    reply.status(201).send(await sendRecordedFeedback(core, request, requireUser(request).id, request.query)),
  );
  r.get('/feedback', { schema: route.listReceivedFeedback }, async (request) =>
    listReceivedFeedback(core, requireUser(request).id, request.query.limit),
  );
  r.get('/students/:studentId/feedback', { schema: route.listFeedbackThread }, async (request) =>
    listFeedbackThread(core, requireUser(request), request.params.studentId, request.query.limit),
  );
}
