import { Type } from 'typebox';
import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/context.js';
import { requireAdmin, requireUser } from '../../core/identity/access.js';
import { AppError } from '../../core/http/errors.js';
import { errorResponses, IdParams, Nullable, Strict, Timestamp, Uuid } from '../../core/http/schemas.js';
import { afterCursor, DEFAULT_PAGE_SIZE, PageQuery, pageOf, toPage } from '../../core/http/pagination.js';
import { rooms } from './schema.js';
import * as customersDomain from './customers.js';
import * as roomsDomain from './rooms.js';
import * as assistant from './assistant.js';
import { OffsetMs, SegmentBatch, SegmentFields, SegmentId } from './transcript-stream.js';
import { ingestSegments, roomFinals, transcribeSegment, transcriptView, upsertSegment } from './transcripts.js';
import { importFaqDocuments, parseFaqFile, readFaqDocument, searchFaq } from './knowledge-documents.js';
import { customerConsultationSummary, roomConversationSummary } from './views.js';

const Json = Type.Record(Type.String(), Type.Unknown());
const Role = Type.Union([Type.Literal('agent'), Type.Literal('customer')]);
const RoomStatus = Type.Union([Type.Literal('waiting'), Type.Literal('active'), Type.Literal('ended')]);
const ShortText = (max: number) => Type.String({ minLength: 1, maxLength: max });
const OptText = (max: number) => Type.Optional(Nullable(Type.String({ maxLength: max })));
/** int4 columns (a monthly fee in won, a final index). */
const INT4_MAX = 2_147_483_647;
/** Prices of FAQ documents and search bounds on them, in won (kept in JSONB metadata). */
const Price = Type.Number({ minimum: 0, maximum: 1_000_000_000_000 });

const Agent = Type.Object({ id: Uuid, agentCode: Type.String(), agentName: Type.String(), userId: Uuid, createdAt: Timestamp });
const CustomerFields = {
  customerName: ShortText(100),
  phoneNumber: OptText(30),
  age: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 150 }))),
  gender: OptText(20),
  residence: OptText(100),
  membershipGrade: OptText(40),
  currentPlan: OptText(100),
  monthlyFee: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: INT4_MAX }))),
  contractStatus: OptText(40),
  bundleInfo: OptText(200),
  dataAllowance: OptText(100),
  subscriptionDate: Type.Optional(Nullable(Type.String({ format: 'date' }))),
};
const Customer = Type.Object({
  id: Uuid,
  customerName: Type.String(),
  phoneNumber: Nullable(Type.String()),
  age: Nullable(Type.Integer()),
  gender: Nullable(Type.String()),
  residence: Nullable(Type.String()),
  membershipGrade: Nullable(Type.String()),
  currentPlan: Nullable(Type.String()),
  monthlyFee: Nullable(Type.Integer()),
  contractStatus: Nullable(Type.String()),
  bundleInfo: Nullable(Type.String()),
  dataAllowance: Nullable(Type.String()),
  subscriptionDate: Nullable(Type.String()),
  consultationHistory: Type.Array(Type.Unknown()),
  createdAt: Timestamp,
});
const History = Type.Object({
  id: Uuid,
  sessionId: Nullable(Uuid),
  consultationDate: Type.String(),
  consultationType: Type.String(),
  detail: Json,
  createdAt: Timestamp,
});
const CustomerSummary = Type.Object({
  customerId: Uuid,
  consultationCount: Type.Integer(),
  lastConsultationDate: Nullable(Type.String()),
  consultationTypes: Type.Array(Type.String()),
});
const Room = Type.Object({
  id: Uuid,
  roomName: Type.String(),
  status: RoomStatus,
  metadata: Json,
  customerId: Nullable(Uuid),
  agentId: Uuid,
  joinCode: Nullable(Type.String({ description: 'Only for the room’s agent: hand it to the customer to join' })),
  finalCount: Type.Integer(),
  startedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  endedAt: Nullable(Timestamp),
});
const Peer = Type.Object({
  id: Uuid,
  peerId: Type.String(),
  userId: Nullable(Uuid),
  role: Role,
  nickname: Type.String(),
  joinedAt: Timestamp,
  leftAt: Nullable(Timestamp),
});
const Transcript = Type.Object({
  id: Uuid,
  segmentId: Type.String(),
  peerId: Type.String(),
  nickname: Type.String(),
  speakerRole: Role,
  text: Type.String(),
  startMs: Type.Integer(),
  endMs: Type.Integer(),
  confidence: Nullable(Type.Number()),
  timestamp: Timestamp,
  source: Type.String(),
  isFinal: Type.Boolean(),
  finalIndex: Nullable(Type.Integer()),
  revision: Type.Integer(),
});
const SegmentResult = Type.Object({
  segment: Transcript,
  applied: Type.Boolean({ description: 'false when the segment was already final and nothing changed' }),
  assistantQueued: Type.Boolean(),
});
const Summary = Type.Object({
  id: Uuid,
  summaryText: Type.String(),
  keyPoints: Type.Array(Type.String()),
  fromIndex: Type.Integer(),
  lastSummarizedIndex: Type.Integer(),
  processingTimeMs: Type.Integer(),
  modelVersion: Type.String(),
  createdAt: Timestamp,
});
const ResultType = Type.Union([
  Type.Literal('summary'),
  Type.Literal('final_summary'),
  Type.Literal('intent'),
  Type.Literal('sentiment'),
  Type.Literal('recommendation'),
]);
const Result = Type.Object({
  id: Uuid,
  roomId: Nullable(Uuid),
  sessionId: Nullable(Uuid),
  turnId: Type.String(),
  resultType: ResultType,
  resultData: Json,
  processingTimeMs: Type.Integer(),
  modelVersion: Type.String(),
  feedback: Nullable(Type.Union([Type.Literal('accepted'), Type.Literal('dismissed')])),
  feedbackAt: Nullable(Timestamp),
  createdAt: Timestamp,
});
const RoomSummary = Type.Object({
  roomId: Uuid,
  roomName: Type.String(),
  status: RoomStatus,
  peerCount: Type.Integer(),
  transcriptCount: Type.Integer(),
  durationSeconds: Type.Integer(),
  latestSummary: Nullable(Type.String()),
  lastSummarizedIndex: Type.Integer(),
});
const Session = Type.Object({
  id: Uuid,
  roomId: Nullable(Uuid),
  customerId: Nullable(Uuid),
  agentId: Nullable(Uuid),
  agentName: Nullable(Type.String()),
  startedAt: Timestamp,
  endedAt: Timestamp,
  durationSeconds: Type.Integer(),
  status: Type.String(),
  channel: Type.String(),
  finalSummary: Nullable(Type.String()),
  consultationType: Nullable(Type.String()),
  metadata: Json,
});
const Turn = Type.Object({
  turnIndex: Type.Integer(),
  speakerType: Role,
  speakerName: Nullable(Type.String()),
  text: Type.String(),
  timestamp: Timestamp,
  confidence: Nullable(Type.Number()),
  isFinal: Type.Boolean(),
  source: Type.String(),
});
const FaqDoc = Type.Object(
  {
    title: ShortText(300),
    content: ShortText(20000),
    category: ShortText(100),
    classification: Type.Optional(Type.String({ maxLength: 100 })),
    keywords: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 50 })),
    hypotheticalQuestions: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 50 })),
    hypothetical_questions: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 50 })),
    price: Type.Optional(Nullable(Price)),
    discountInfo: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    discount_info: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    documentKey: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
const Suggestion = Type.Object({
  chunkId: Uuid,
  title: Nullable(Type.String()),
  content: Type.String(),
  score: Type.Number(),
  metadata: Json,
});

type SessionDetail = NonNullable<Awaited<ReturnType<typeof roomsDomain.sessionDetail>>>;
function sessionOut(d: SessionDetail) {
  const s = d.session;
  return {
    session: {
      id: s.id,
      roomId: s.roomId,
      customerId: s.customerId,
      agentId: s.agentId,
      agentName: s.agentName,
      startedAt: s.startedAt.toISOString(),
      endedAt: s.endedAt.toISOString(),
      durationSeconds: s.durationSeconds,
      status: s.status,
      channel: s.channel,
      finalSummary: s.finalSummary,
      consultationType: s.consultationType,
      metadata: s.metadata as Record<string, unknown>,
    },
    turns: d.turns.map((t) => ({
      turnIndex: t.turnIndex,
      speakerType: t.speakerType as 'agent' | 'customer',
      speakerName: t.speakerName,
      text: t.text,
      timestamp: t.timestamp.toISOString(),
      confidence: t.confidence,
      isFinal: t.isFinal,
      source: t.source,
    })),
  };
}

const AUDIO_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/webm', 'audio/mpeg', 'audio/ogg', 'audio/mp4'];

export function assistRoutes(root: FastifyInstance, core: Core) {
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
        body: Strict({ userId: Uuid, agentCode: ShortText(40), agentName: ShortText(100) }),
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
        body: Strict(CustomerFields),
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
        querystring: Strict({ phone: Type.String({ minLength: 4, maxLength: 30 }) }),
        response: { 200: Type.Array(Customer), ...errorResponses(400, 403) },
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
          200: Type.Object({ customer: Customer, history: Type.Array(History), summary: CustomerSummary }),
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
        body: Strict({ roomName: ShortText(200), customerId: Type.Optional(Nullable(Uuid)), metadata: Type.Optional(Json) }),
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
        querystring: Strict(PageQuery),
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
        response: { 200: Type.Object({ room: Room, peers: Type.Array(Peer), summary: RoomSummary }), ...errorResponses(404) },
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
        body: Strict({
          nickname: ShortText(100),
          joinCode: Type.Optional(Type.String({ maxLength: 64 })),
          peerId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' })),
        }),
        response: { 200: Type.Object({ room: Room, peer: Peer }), ...errorResponses(400, 404, 409) },
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
        response: { 200: Type.Array(Peer), ...errorResponses(404, 409) },
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
        querystring: Strict({
          consultationType: Type.Optional(ShortText(100)),
          channel: Type.Optional(Type.Union([Type.Literal('voice'), Type.Literal('chat'), Type.Literal('video')])),
        }),
        response: { 200: Type.Object({ room: Room, session: Session, turns: Type.Array(Turn) }), ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const { room } = await roomsDomain.roomAsAgent(core, requireUser(request), request.params.id);
      const ended = await roomsDomain.endRoom(core, room.id, request.query);
      return {
        room: roomsDomain.roomView(ended.room, { withJoinCode: true }),
        ...sessionOut((await roomsDomain.sessionDetail(core, ended.session.id))!),
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
        params: Strict({ id: Uuid, segmentId: SegmentId }),
        body: Strict(SegmentFields),
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
        body: Strict({ segments: SegmentBatch }),
        response: { 200: Type.Array(SegmentResult), ...errorResponses(400, 404, 409) },
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
        querystring: Strict({
          segmentId: Type.Optional(SegmentId),
          startMs: Type.Optional(OffsetMs),
          language: Type.Optional(Type.String({ maxLength: 10 })),
        }),
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
        querystring: Strict({ afterIndex: Type.Optional(Type.Integer({ minimum: 0, maximum: INT4_MAX })) }),
        response: { 200: Type.Array(Transcript), ...errorResponses(404) },
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
        response: { 200: Type.Object({ summaries: Type.Array(Summary), results: Type.Array(Result) }), ...errorResponses(404) },
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
        body: Strict({ feedback: Type.Union([Type.Literal('accepted'), Type.Literal('dismissed')]) }),
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
          200: Type.Array(
            Type.Object({
              resultType: Type.String(),
              modelVersion: Type.String(),
              total: Type.Integer(),
              accepted: Type.Integer(),
              dismissed: Type.Integer(),
            }),
          ),
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
        response: { 200: Type.Object({ session: Session, turns: Type.Array(Turn) }), ...errorResponses(403, 404) },
      },
    },
    async (request) => {
      const agent = await agentOf(request);
      const detail = await roomsDomain.sessionDetail(core, request.params.id);
      if (!detail || (detail.session.agentId !== agent.id && !requireUser(request).isAdmin))
        throw new AppError('assist.session_not_found', 404, 'consultation session not found');
      return sessionOut(detail);
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
        body: Strict({
          documents: Type.Optional(Type.Array(FaqDoc, { minItems: 1, maxItems: 1000 })),
          format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('jsonl')])),
          content: Type.Optional(Type.String({ maxLength: 5_000_000 })),
          collection: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{0,62}$' })),
        }),
        response: { 201: Type.Object({ collection: Type.String(), imported: Type.Integer() }), ...errorResponses(400, 403, 409) },
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
        body: Strict({
          query: ShortText(1000),
          category: Type.Optional(Type.String({ maxLength: 100 })),
          classification: Type.Optional(Type.String({ maxLength: 100 })),
          keywords: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10 })),
          minPrice: Type.Optional(Price),
          maxPrice: Type.Optional(Price),
          topK: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
        }),
        response: { 200: Type.Array(Suggestion), ...errorResponses(400, 403, 404) },
      },
    },
    async (request) => {
      await agentOf(request);
      return searchFaq(core, request.body, { userId: requireUser(request).id });
    },
  );
}
