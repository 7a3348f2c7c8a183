import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ProductContext } from '../../core/product.js';
import { requireAdmin, requireUser } from '../../core/identity/access.js';
import { AppError } from '../../core/http/errors.js';
import { errorResponses, IdParams } from '../../core/http/schemas.js';
import { afterCursor, DEFAULT_PAGE_SIZE, pageOf, toPage } from '../../core/http/pagination.js';
import { rooms } from './schema.js';
import * as customersDomain from './customers.js';
import * as roomsDomain from './rooms.js';
import * as assistant from './assistant.js';
import {
  Agent,
  AudioSegmentQuery,
  CreateCustomerBody,
  Customer,
  CustomerList,
  CustomerDetail,
  CustomerSummary,
  EndedRoom,
  EndRoomQuery,
  FeedbackBody,
  FinalsQuery,
  FindCustomersQuery,
  ImportDocumentsBody,
  ImportResult,
  JoinedRoom,
  JoinRoomBody,
  ListRoomsQuery,
  ModelFeedback,
  OpenRoomBody,
  PeerList,
  RegisterAgentBody,
  Result,
  Room,
  RoomAssistance,
  RoomDetail,
  SearchFaqBody,
  SegmentBatchBody,
  SegmentBody,
  SegmentParams,
  SegmentResult,
  SegmentResultList,
  SessionWithTurns,
  SuggestionList,
  TranscriptList,
} from './contract.js';
import { ingestSegments, roomFinals, transcribeSegment, transcriptView, upsertSegment } from './transcripts.js';
import { importFaqDocuments, parseFaqFile, readFaqDocument, searchFaq } from './knowledge-documents.js';
import { customerConsultationSummary, roomConversationSummary } from './views.js';

const AUDIO_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/webm', 'audio/mpeg', 'audio/ogg', 'audio/mp4'];

export function assistRoutes(root: FastifyInstance, core: ProductContext) {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['assist'];
  app.addContentTypeParser(/^audio\//, { bodyLimit: 25 * 1024 * 1024 }, (_request, payload, done) => done(null, payload));
  const agentOf = (request: Parameters<typeof requireUser>[0]) => customersDomain.requireAgent(core, requireUser(request));

  // ---- agents and customers ----
  app.post(
    '/agents',
    {
      schema: {
        tags,
        summary: 'Make an account an agent: grants the assist agent role and creates the agent record (admin)',
        body: RegisterAgentBody,
        response: { 201: Agent, ...errorResponses(400, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      requireAdmin(request);
      return reply.status(201).send(customersDomain.agentView(await customersDomain.registerAgent(core, request.body)));
    },
  );

  app.get(
    '/agents/me',
    { schema: { tags, summary: 'My agent record', response: { 200: Agent, ...errorResponses(403) } } },
    async (request) => customersDomain.agentView(await agentOf(request)),
  );

  app.post(
    '/customers',
    {
      schema: {
        tags,
        summary: 'Register a customer (name and phone are stored encrypted)',
        body: CreateCustomerBody,
        response: { 201: Customer, ...errorResponses(400, 403) },
      },
    },
    async (request, reply) => {
      await agentOf(request);
      return reply.status(201).send(customersDomain.customerView(core, await customersDomain.createCustomer(core, request.body)));
    },
  );

  app.get(
    '/customers',
    {
      schema: {
        tags,
        summary: 'Find customers by phone number (exact, through the blind index)',
        querystring: FindCustomersQuery,
        response: { 200: CustomerList, ...errorResponses(400, 403) },
      },
    },
    async (request) => {
      await agentOf(request);
      return (await customersDomain.findCustomersByPhone(core, request.query.phone)).map((c) => customersDomain.customerView(core, c));
    },
  );

  app.get(
    '/customers/:id',
    {
      schema: {
        tags,
        summary: 'A customer with their consultation history and summary',
        params: IdParams,
        response: {
          200: CustomerDetail,
          ...errorResponses(403, 404),
        },
      },
    },
    async (request) => {
      await agentOf(request);
      const customer = await customersDomain.getCustomer(core, request.params.id);
      return {
        customer: customersDomain.customerView(core, customer),
        history: await customersDomain.customerHistory(core, customer.id),
        summary: (await customerConsultationSummary(core, customer.id))!,
      };
    },
  );

  app.get(
    '/customers/:id/summary',
    {
      schema: {
        tags,
        summary: 'The customer_consultation_summary view for one customer',
        params: IdParams,
        response: { 200: CustomerSummary, ...errorResponses(403, 404) },
      },
    },
    async (request) => {
      await agentOf(request);
      const summary = await customerConsultationSummary(core, request.params.id);
      if (!summary) throw new AppError('assist.customer_not_found', 404, 'customer not found');
      return summary;
    },
  );

  // ---- rooms ----
  app.post(
    '/rooms',
    {
      schema: {
        tags,
        summary: 'Open a room for a customer; the answer holds the join code for the customer',
        body: OpenRoomBody,
        response: { 201: Room, ...errorResponses(400, 403, 404) },
      },
    },
    async (request, reply) => {
      const agent = await agentOf(request);
      return reply.status(201).send(roomsDomain.roomView(await roomsDomain.openRoom(core, agent, request.body), { withJoinCode: true }));
    },
  );

  app.get(
    '/rooms',
    {
      schema: {
        tags,
        summary: 'The rooms I opened as an agent, newest first (with their join codes)',
        querystring: ListRoomsQuery,
        response: { 200: pageOf(Room), ...errorResponses(400, 403) },
      },
    },
    async (request) => {
      const agent = await agentOf(request);
      const limit = request.query.limit ?? DEFAULT_PAGE_SIZE;
      const rows = await core.db
        .select()
        .from(rooms)
        .where(and(eq(rooms.agentId, agent.id), afterCursor(request.query.cursor, rooms.createdAt, rooms.id, 'desc')))
        .orderBy(desc(rooms.createdAt), desc(rooms.id))
        .limit(limit + 1);
      return toPage(
        rows,
        limit,
        (r) => [r.createdAt.toISOString(), r.id],
        (r) => roomsDomain.roomView(r, { withJoinCode: true }),
      );
    },
  );

  app.get(
    '/rooms/:id',
    {
      schema: {
        tags,
        summary: 'A room with its peers and the room_conversation_summary view',
        params: IdParams,
        response: { 200: RoomDetail, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { room, isAgent } = await roomsDomain.accessibleRoom(core, requireUser(request), request.params.id);
      return {
        room: roomsDomain.roomView(room, { withJoinCode: isAgent }),
        peers: (await roomsDomain.roomPeers(core, room.id)).map(roomsDomain.peerView),
        summary: (await roomConversationSummary(core, room.id))!,
      };
    },
  );

  app.post(
    '/rooms/:id/join',
    {
      schema: {
        tags,
        summary: 'Join the room: its agent as agent, anyone with the join code as customer; then subscribe to room:<id>',
        params: IdParams,
        body: JoinRoomBody,
        response: { 200: JoinedRoom, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const { room, peer } = await roomsDomain.joinRoom(core, requireUser(request), request.params.id, request.body);
      return { room: roomsDomain.roomView(room, { withJoinCode: peer.role === 'agent' }), peer: roomsDomain.peerView(peer) };
    },
  );

  app.post(
    '/rooms/:id/leave',
    {
      schema: {
        tags,
        summary: 'Leave the room (an empty room ends after the configured time)',
        params: IdParams,
        response: { 200: PeerList, ...errorResponses(404, 409) },
      },
    },
    async (request) => (await roomsDomain.leaveRoom(core, requireUser(request), request.params.id)).map(roomsDomain.peerView),
  );

  app.post(
    '/rooms/:id/end',
    {
      schema: {
        tags,
        summary: 'End the call: consultation transcripts, final summary, session and customer history in one transaction',
        params: IdParams,
        querystring: EndRoomQuery,
        response: { 200: EndedRoom, ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const { room } = await roomsDomain.roomAsAgent(core, requireUser(request), request.params.id);
      const ended = await roomsDomain.endRoom(core, room.id, request.query);
      return {
        room: roomsDomain.roomView(ended.room, { withJoinCode: true }),
        ...roomsDomain.sessionDetailView((await roomsDomain.sessionDetail(core, ended.session.id))!),
      };
    },
  );

  // ---- transcripts ----
  app.put(
    '/rooms/:id/transcripts/:segmentId',
    {
      schema: {
        tags,
        summary: 'A partial or final transcript of one utterance (upsert by segment id; a final is never overwritten)',
        params: SegmentParams,
        body: SegmentBody,
        response: { 200: SegmentResult, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const out = await upsertSegment(core, requireUser(request), request.params.id, {
        ...request.body,
        segmentId: request.params.segmentId,
      });
      return { segment: transcriptView(out.row), applied: out.applied, assistantQueued: out.assist };
    },
  );

  app.post(
    '/rooms/:id/transcripts',
    {
      schema: {
        tags,
        summary: 'Several partial or final segments in one request (an STT gateway’s batch), applied in order with the same rules as one',
        params: IdParams,
        body: SegmentBatchBody,
        response: { 200: SegmentResultList, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => {
      const out = await ingestSegments(core, requireUser(request), request.params.id, request.body.segments, { batch: true });
      return out.map((o) => ({ segment: transcriptView(o.row), applied: o.applied, assistantQueued: o.assist }));
    },
  );

  app.post(
    '/rooms/:id/transcripts/audio',
    {
      schema: {
        tags,
        summary:
          'Audio of one utterance, transcribed on the server into a final segment (audio/wav, audio/webm, audio/mpeg, audio/ogg, audio/mp4)',
        params: IdParams,
        querystring: AudioSegmentQuery,
        consumes: AUDIO_TYPES,
        response: { 201: SegmentResult, ...errorResponses(400, 404, 409, 415, 503) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await roomsDomain.accessibleRoom(core, user, request.params.id);
      const contentType = String(request.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim();
      if (!AUDIO_TYPES.includes(contentType))
        throw new AppError('unsupported_media_type', 415, `audio type ${contentType} is not accepted`);
      const out = await transcribeSegment(
        core,
        user,
        request.params.id,
        request.body as AsyncIterable<Uint8Array>,
        contentType,
        request.query,
      );
      return reply.status(201).send({ segment: transcriptView(out.row), applied: out.applied, assistantQueued: out.assist });
    },
  );

  app.get(
    '/rooms/:id/transcripts',
    {
      schema: {
        tags,
        summary: 'The room’s final transcript in order',
        params: IdParams,
        querystring: FinalsQuery,
        response: { 200: TranscriptList, ...errorResponses(404) },
      },
    },
    async (request) => {
      await roomsDomain.accessibleRoom(core, requireUser(request), request.params.id);
      return (await roomFinals(core, request.params.id, request.query.afterIndex)).map(transcriptView);
    },
  );

  // ---- the assistant ----
  app.get(
    '/rooms/:id/assistant',
    {
      schema: {
        tags,
        summary: 'Incremental summaries and AI results of the room (its agent only)',
        params: IdParams,
        response: { 200: RoomAssistance, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { room } = await roomsDomain.roomAsAgent(core, requireUser(request), request.params.id);
      return assistant.roomAssistance(core, room.id);
    },
  );

  app.post(
    '/results/:id/feedback',
    {
      schema: {
        tags,
        summary: 'Accept or dismiss a suggestion',
        params: IdParams,
        body: FeedbackBody,
        response: { 200: Result, ...errorResponses(403, 404) },
      },
    },
    async (request) => {
      const agent = await agentOf(request);
      return assistant.resultView(await assistant.giveFeedback(core, agent.id, request.params.id, request.body.feedback));
    },
  );

  app.get(
    '/feedback/models',
    {
      schema: {
        tags,
        summary: 'Accepted and dismissed results per result type and model version (admin)',
        response: {
          200: ModelFeedback,
          ...errorResponses(403),
        },
      },
    },
    async (request) => {
      requireAdmin(request);
      return assistant.feedbackByModel(core);
    },
  );

  app.get(
    '/sessions/:id',
    {
      schema: {
        tags,
        summary: 'A consultation session with its turn-by-turn transcript',
        params: IdParams,
        response: { 200: SessionWithTurns, ...errorResponses(403, 404) },
      },
    },
    async (request) => {
      const agent = await agentOf(request);
      const detail = await roomsDomain.sessionDetail(core, request.params.id);
      if (!detail || (detail.session.agentId !== agent.id && !requireUser(request).isAdmin))
        throw new AppError('assist.session_not_found', 404, 'consultation session not found');
      return roomsDomain.sessionDetailView(detail);
    },
  );

  // ---- knowledge ----
  app.post(
    '/knowledge/documents',
    {
      schema: {
        tags,
        summary:
          'Import FAQ and policy documents (category, classification, keywords, hypothetical questions, price, discount) as documents or a JSON/JSONL file (admin)',
        body: ImportDocumentsBody,
        response: { 201: ImportResult, ...errorResponses(400, 403, 409) },
      },
    },
    async (request, reply) => {
      const user = requireAdmin(request);
      const { documents, format, content, collection } = request.body;
      if (!documents === !content)
        throw new AppError('validation', 400, 'give either documents or format and content', {
          errors: [{ field: 'documents', message: 'give documents or a file content' }],
        });
      const docs = documents
        ? documents.map((d, i) => readFaqDocument(d as Record<string, unknown>, `documents[${i}]`))
        : parseFaqFile(format ?? 'json', content!);
      const out = await importFaqDocuments(core, docs, { collection, userId: user.id });
      return reply.status(201).send({ collection: out.collection, imported: out.imported });
    },
  );

  app.post(
    '/knowledge/search',
    {
      schema: {
        tags,
        summary: 'Search the FAQ with metadata filters (category, classification, keywords, price range)',
        body: SearchFaqBody,
        response: { 200: SuggestionList, ...errorResponses(400, 403, 404) },
      },
    },
    async (request) => {
      await agentOf(request);
      return searchFaq(core, request.body, { userId: requireUser(request).id });
    },
  );
}
