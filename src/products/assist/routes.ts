import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ProductContext } from '../../core/product.js';
import { requireAdmin, requireUser } from '../../core/identity/access.js';
import { routeSchemas as route } from './contract.js';
import { registerAgent } from './operations/register-agent.js';
import { getMyAgent } from './operations/get-my-agent.js';
import { registerCustomer } from './operations/register-customer.js';
import { findCustomers } from './operations/find-customers.js';
import { getCustomerDetail } from './operations/get-customer.js';
import { getCustomerSummary } from './operations/get-customer-summary.js';
import { openRoom } from './operations/open-room.js';
import { listRooms } from './operations/list-rooms.js';
import { getRoom } from './operations/get-room.js';
import { joinRoom } from './operations/join-room.js';
import { leaveRoom } from './operations/leave-room.js';
import { endRoom } from './operations/end-room.js';
import { sendSegment } from './operations/send-segment.js';
import { sendSegments } from './operations/send-segments.js';
import { transcribeUtterance } from './operations/transcribe-utterance.js';
import { getTranscript } from './operations/get-transcript.js';
import { getRoomAssistance } from './operations/get-room-assistance.js';
import { giveFeedback } from './operations/give-feedback.js';
import { feedbackByModel } from './operations/feedback-by-model.js';
import { getSession } from './operations/get-session.js';
import { importDocuments } from './operations/import-documents.js';
import { searchKnowledge } from './operations/search-knowledge.js';

export function assistRoutes(app: FastifyInstance, core: ProductContext) {
  // Recorded utterances arrive as the raw audio body and are streamed to the transcriber.
  app.addContentTypeParser(/^audio\//, { bodyLimit: 25 * 1024 * 1024 }, (_request, payload, done) => done(null, payload));
  agentRoutes(app, core);
  customerRoutes(app, core);
  roomRoutes(app, core);
  transcriptRoutes(app, core);
  assistantRoutes(app, core);
  knowledgeRoutes(app, core);
}

function agentRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/agents', { schema: route.registerAgent }, async (request, reply) => {
    requireAdmin(request);
    return reply.status(201).send(await registerAgent(core, request.body));
  });
  r.get('/agents/me', { schema: route.getMyAgent }, async (request) => getMyAgent(core, requireUser(request)));
}

function customerRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/customers', { schema: route.registerCustomer }, async (request, reply) =>
    reply.status(201).send(await registerCustomer(core, requireUser(request), request.body)),
  );
  r.get('/customers', { schema: route.findCustomers }, async (request) => findCustomers(core, requireUser(request), request.query));
  r.get('/customers/:id', { schema: route.getCustomerDetail }, async (request) =>
    getCustomerDetail(core, requireUser(request), request.params.id),
  );
  r.get('/customers/:id/summary', { schema: route.getCustomerSummary }, async (request) =>
    getCustomerSummary(core, requireUser(request), request.params.id),
  );
}

function roomRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/rooms', { schema: route.openRoom }, async (request, reply) =>
    reply.status(201).send(await openRoom(core, requireUser(request), request.body)),
  );
  r.get('/rooms', { schema: route.listRooms }, async (request) => listRooms(core, requireUser(request), request.query));
  r.get('/rooms/:id', { schema: route.getRoom }, async (request) => getRoom(core, requireUser(request), request.params.id));
  r.post('/rooms/:id/join', { schema: route.joinRoom }, async (request) =>
    joinRoom(core, requireUser(request), request.params.id, request.body),
  );
  r.post('/rooms/:id/leave', { schema: route.leaveRoom }, async (request) => leaveRoom(core, requireUser(request), request.params.id));
  r.post('/rooms/:id/end', { schema: route.endRoom }, async (request) =>
    endRoom(core, requireUser(request), request.params.id, request.query),
  );
}

function transcriptRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.put('/rooms/:id/transcripts/:segmentId', { schema: route.sendSegment }, async (request) =>
    sendSegment(core, requireUser(request), request.params, request.body),
  );
  r.post('/rooms/:id/transcripts', { schema: route.sendSegments }, async (request) =>
    sendSegments(core, requireUser(request), request.params.id, request.body),
  );
  r.post('/rooms/:id/transcripts/audio', { schema: route.transcribeUtterance }, async (request, reply) => {
    const utterance = {
      contentType: request.headers['content-type'],
      audio: request.body as AsyncIterable<Uint8Array>,
      query: request.query,
    };
    return reply.status(201).send(await transcribeUtterance(core, requireUser(request), request.params.id, utterance));
  });
  r.get('/rooms/:id/transcripts', { schema: route.getTranscript }, async (request) =>
    getTranscript(core, requireUser(request), request.params.id, request.query),
  );
}

function assistantRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/rooms/:id/assistant', { schema: route.getRoomAssistance }, async (request) =>
    getRoomAssistance(core, requireUser(request), request.params.id),
  );
  r.post('/results/:id/feedback', { schema: route.giveFeedback }, async (request) =>
    giveFeedback(core, requireUser(request), request.params.id, request.body.feedback),
  );
  r.get('/feedback/models', { schema: route.feedbackByModel }, async (request) => {
    requireAdmin(request);
    return feedbackByModel(core);
  });
  r.get('/sessions/:id', { schema: route.getSession }, async (request) => getSession(core, requireUser(request), request.params.id));
}

function knowledgeRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/knowledge/documents', { schema: route.importDocuments }, async (request, reply) =>
    reply.status(201).send(await importDocuments(core, requireAdmin(request).id, request.body)),
  );
  r.post('/knowledge/search', { schema: route.searchKnowledge }, async (request) =>
    searchKnowledge(core, requireUser(request), request.body),
  );
}
