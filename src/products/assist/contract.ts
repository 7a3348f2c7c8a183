import { Type, type Static } from 'typebox';
import { errorResponses, IdParams, Nullable, Strict, Timestamp, Uuid } from '../../core/http/schemas.js';
import { PageQuery, pageOf } from '../../core/http/pagination.js';
import { OffsetMs, SegmentBatch, SegmentFields, SegmentId } from './transcript-stream.js';

export const Json = Type.Record(Type.String(), Type.Unknown());
export const Role = Type.Union([Type.Literal('agent'), Type.Literal('customer')]);
export type Role = Static<typeof Role>;
export const RoomStatus = Type.Union([Type.Literal('waiting'), Type.Literal('active'), Type.Literal('ended')]);
export type RoomStatus = Static<typeof RoomStatus>;
const ShortText = (max: number) => Type.String({ minLength: 1, maxLength: max });
const OptText = (max: number) => Type.Optional(Nullable(Type.String({ maxLength: max })));
/** int4 columns (a monthly fee in won, a final index). */
const INT4_MAX = 2_147_483_647;
/** Prices of FAQ documents and search bounds on them, in won (kept in JSONB metadata). */
const Price = Type.Number({ minimum: 0, maximum: 1_000_000_000_000 });

export const Agent = Type.Object({ id: Uuid, agentCode: Type.String(), agentName: Type.String(), userId: Uuid, createdAt: Timestamp });
export type Agent = Static<typeof Agent>;
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
export const Customer = Type.Object({
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
export type Customer = Static<typeof Customer>;
export const History = Type.Object({
  id: Uuid,
  sessionId: Nullable(Uuid),
  consultationDate: Type.String(),
  consultationType: Type.String(),
  detail: Json,
  createdAt: Timestamp,
});
export type History = Static<typeof History>;
export const CustomerSummary = Type.Object({
  customerId: Uuid,
  consultationCount: Type.Integer(),
  lastConsultationDate: Nullable(Type.String()),
  consultationTypes: Type.Array(Type.String()),
});
export type CustomerSummary = Static<typeof CustomerSummary>;
export const Room = Type.Object({
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
export type Room = Static<typeof Room>;
export const Peer = Type.Object({
  id: Uuid,
  peerId: Type.String(),
  userId: Nullable(Uuid),
  role: Role,
  nickname: Type.String(),
  joinedAt: Timestamp,
  leftAt: Nullable(Timestamp),
});
export type Peer = Static<typeof Peer>;
export const Transcript = Type.Object({
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
export type Transcript = Static<typeof Transcript>;
export const SegmentResult = Type.Object({
  segment: Transcript,
  applied: Type.Boolean({ description: 'false when the segment was already final and nothing changed' }),
  assistantQueued: Type.Boolean(),
});
export type SegmentResult = Static<typeof SegmentResult>;
export const Summary = Type.Object({
  id: Uuid,
  summaryText: Type.String(),
  keyPoints: Type.Array(Type.String()),
  fromIndex: Type.Integer(),
  lastSummarizedIndex: Type.Integer(),
  processingTimeMs: Type.Integer(),
  modelVersion: Type.String(),
  createdAt: Timestamp,
});
export type Summary = Static<typeof Summary>;
export const ResultType = Type.Union([
  Type.Literal('summary'),
  Type.Literal('final_summary'),
  Type.Literal('intent'),
  Type.Literal('sentiment'),
  Type.Literal('recommendation'),
]);
export type ResultType = Static<typeof ResultType>;
export const Feedback = Type.Union([Type.Literal('accepted'), Type.Literal('dismissed')]);
export type Feedback = Static<typeof Feedback>;
export const Result = Type.Object({
  id: Uuid,
  roomId: Nullable(Uuid),
  sessionId: Nullable(Uuid),
  turnId: Type.String(),
  resultType: ResultType,
  resultData: Json,
  processingTimeMs: Type.Integer(),
  modelVersion: Type.String(),
  feedback: Nullable(Feedback),
  feedbackAt: Nullable(Timestamp),
  createdAt: Timestamp,
});
export type Result = Static<typeof Result>;
export const RoomSummary = Type.Object({
  roomId: Uuid,
  roomName: Type.String(),
  status: RoomStatus,
  peerCount: Type.Integer(),
  transcriptCount: Type.Integer(),
  durationSeconds: Type.Integer(),
  latestSummary: Nullable(Type.String()),
  lastSummarizedIndex: Type.Integer(),
});
export type RoomSummary = Static<typeof RoomSummary>;
export const Session = Type.Object({
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
export type Session = Static<typeof Session>;
export const Turn = Type.Object({
  turnIndex: Type.Integer(),
  speakerType: Role,
  speakerName: Nullable(Type.String()),
  text: Type.String(),
  timestamp: Timestamp,
  confidence: Nullable(Type.Number()),
  isFinal: Type.Boolean(),
  source: Type.String(),
});
export type Turn = Static<typeof Turn>;
export const FaqDoc = Type.Object(
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
export type FaqDoc = Static<typeof FaqDoc>;
export const Suggestion = Type.Object({
  chunkId: Uuid,
  title: Nullable(Type.String()),
  content: Type.String(),
  score: Type.Number(),
  metadata: Json,
});
export type Suggestion = Static<typeof Suggestion>;

export const CustomerDetail = Type.Object({ customer: Customer, history: Type.Array(History), summary: CustomerSummary });
export type CustomerDetail = Static<typeof CustomerDetail>;

export const RoomDetail = Type.Object({ room: Room, peers: Type.Array(Peer), summary: RoomSummary });
export type RoomDetail = Static<typeof RoomDetail>;

export const JoinedRoom = Type.Object({ room: Room, peer: Peer });
export type JoinedRoom = Static<typeof JoinedRoom>;

export const SessionWithTurns = Type.Object({ session: Session, turns: Type.Array(Turn) });
export type SessionWithTurns = Static<typeof SessionWithTurns>;

export const EndedRoom = Type.Object({ room: Room, session: Session, turns: Type.Array(Turn) });
export type EndedRoom = Static<typeof EndedRoom>;

export const RoomAssistance = Type.Object({ summaries: Type.Array(Summary), results: Type.Array(Result) });
export type RoomAssistance = Static<typeof RoomAssistance>;

export const ModelFeedback = Type.Array(
  Type.Object({
    resultType: Type.String(),
    modelVersion: Type.String(),
    total: Type.Integer(),
    accepted: Type.Integer(),
    dismissed: Type.Integer(),
  }),
);
export type ModelFeedback = Static<typeof ModelFeedback>;

export const ImportResult = Type.Object({ collection: Type.String(), imported: Type.Integer() });
export type ImportResult = Static<typeof ImportResult>;

export const RegisterAgentBody = Strict({ userId: Uuid, agentCode: ShortText(40), agentName: ShortText(100) });
export type RegisterAgentBody = Static<typeof RegisterAgentBody>;

export const CreateCustomerBody = Strict(CustomerFields);
export type CreateCustomerBody = Static<typeof CreateCustomerBody>;

export const FindCustomersQuery = Strict({ phone: Type.String({ minLength: 4, maxLength: 30 }) });
export type FindCustomersQuery = Static<typeof FindCustomersQuery>;

export const OpenRoomBody = Strict({ roomName: ShortText(200), customerId: Type.Optional(Nullable(Uuid)), metadata: Type.Optional(Json) });
export type OpenRoomBody = Static<typeof OpenRoomBody>;

export const ListRoomsQuery = Strict(PageQuery);
export type ListRoomsQuery = Static<typeof ListRoomsQuery>;

export const JoinRoomBody = Strict({
  nickname: ShortText(100),
  joinCode: Type.Optional(Type.String({ maxLength: 64 })),
  peerId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' })),
});
export type JoinRoomBody = Static<typeof JoinRoomBody>;

export const EndRoomQuery = Strict({
  consultationType: Type.Optional(ShortText(100)),
  channel: Type.Optional(Type.Union([Type.Literal('voice'), Type.Literal('chat'), Type.Literal('video')])),
});
export type EndRoomQuery = Static<typeof EndRoomQuery>;

export const SegmentParams = Strict({ id: Uuid, segmentId: SegmentId });
export type SegmentParams = Static<typeof SegmentParams>;

export const SegmentBody = Strict(SegmentFields);
export type SegmentBody = Static<typeof SegmentBody>;

export const SegmentBatchBody = Strict({ segments: SegmentBatch });
export type SegmentBatchBody = Static<typeof SegmentBatchBody>;

export const AudioSegmentQuery = Strict({
  segmentId: Type.Optional(SegmentId),
  startMs: Type.Optional(OffsetMs),
  language: Type.Optional(Type.String({ maxLength: 10 })),
});
export type AudioSegmentQuery = Static<typeof AudioSegmentQuery>;

export const FinalsQuery = Strict({ afterIndex: Type.Optional(Type.Integer({ minimum: 0, maximum: INT4_MAX })) });
export type FinalsQuery = Static<typeof FinalsQuery>;

export const FeedbackBody = Strict({ feedback: Feedback });
export type FeedbackBody = Static<typeof FeedbackBody>;

export const ImportDocumentsBody = Strict({
  documents: Type.Optional(Type.Array(FaqDoc, { minItems: 1, maxItems: 1000 })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('jsonl')])),
  content: Type.Optional(Type.String({ maxLength: 5_000_000 })),
  collection: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{0,62}$' })),
});
export type ImportDocumentsBody = Static<typeof ImportDocumentsBody>;

export const SearchFaqBody = Strict({
  query: ShortText(1000),
  category: Type.Optional(Type.String({ maxLength: 100 })),
  classification: Type.Optional(Type.String({ maxLength: 100 })),
  keywords: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 10 })),
  minPrice: Type.Optional(Price),
  maxPrice: Type.Optional(Price),
  topK: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
});
export type SearchFaqBody = Static<typeof SearchFaqBody>;

export const CustomerList = Type.Array(Customer);

export const PeerList = Type.Array(Peer);

export const SegmentResultList = Type.Array(SegmentResult);

export const TranscriptList = Type.Array(Transcript);

export const SuggestionList = Type.Array(Suggestion);

/** The media types a recorded utterance may come in. */
export const AUDIO_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/webm', 'audio/mpeg', 'audio/ogg', 'audio/mp4'];

const tags = ['assist'];

/** Each route's schema (summary, parameters, body, responses), by the operation it serves; routes.ts maps them to HTTP. */
export const routeSchemas = {
  // POST /agents
  registerAgent: {
    tags,
    summary: 'Make an account an agent: grants the assist agent role and creates the agent record (admin)',
    body: RegisterAgentBody,
    response: { 201: Agent, ...errorResponses(400, 403, 404, 409) },
  },
  // GET /agents/me
  getMyAgent: { tags, summary: 'My agent record', response: { 200: Agent, ...errorResponses(403) } },
  // POST /customers
  registerCustomer: {
    tags,
    summary: 'Register a customer (name and phone are stored encrypted)',
    body: CreateCustomerBody,
    response: { 201: Customer, ...errorResponses(400, 403) },
  },
  // GET /customers
  findCustomers: {
    tags,
    summary: 'Find customers by phone number (exact, through the blind index)',
    querystring: FindCustomersQuery,
    response: { 200: CustomerList, ...errorResponses(400, 403) },
  },
  // GET /customers/:id
  getCustomerDetail: {
    tags,
    summary: 'A customer with their consultation history and summary',
    params: IdParams,
    response: { 200: CustomerDetail, ...errorResponses(403, 404) },
  },
  // GET /customers/:id/summary
  getCustomerSummary: {
    tags,
    summary: 'The customer_consultation_summary view for one customer',
    params: IdParams,
    response: { 200: CustomerSummary, ...errorResponses(403, 404) },
  },
  // POST /rooms
  openRoom: {
    tags,
    summary: 'Open a room for a customer; the answer holds the join code for the customer',
    body: OpenRoomBody,
    response: { 201: Room, ...errorResponses(400, 403, 404) },
  },
  // GET /rooms
  listRooms: {
    tags,
    summary: 'The rooms I opened as an agent, newest first (with their join codes)',
    querystring: ListRoomsQuery,
    response: { 200: pageOf(Room), ...errorResponses(400, 403) },
  },
  // GET /rooms/:id
  getRoom: {
    tags,
    summary: 'A room with its peers and the room_conversation_summary view',
    params: IdParams,
    response: { 200: RoomDetail, ...errorResponses(404) },
  },
  // POST /rooms/:id/join
  joinRoom: {
    tags,
    summary: 'Join the room: its agent as agent, anyone with the join code as customer; then subscribe to room:<id>',
    params: IdParams,
    body: JoinRoomBody,
    response: { 200: JoinedRoom, ...errorResponses(400, 404, 409) },
  },
  // POST /rooms/:id/leave
  leaveRoom: {
    tags,
    summary: 'Leave the room (an empty room ends after the configured time)',
    params: IdParams,
    response: { 200: PeerList, ...errorResponses(404, 409) },
  },
  // POST /rooms/:id/end
  endRoom: {
    tags,
    summary: 'End the call: consultation transcripts, final summary, session and customer history in one transaction',
    params: IdParams,
    querystring: EndRoomQuery,
    response: { 200: EndedRoom, ...errorResponses(404, 409) },
  },
  // PUT /rooms/:id/transcripts/:segmentId
  sendSegment: {
    tags,
    summary: 'A partial or final transcript of one utterance (upsert by segment id; a final is never overwritten)',
    params: SegmentParams,
    body: SegmentBody,
    response: { 200: SegmentResult, ...errorResponses(400, 404, 409) },
  },
  // POST /rooms/:id/transcripts
  sendSegments: {
    tags,
    summary: 'Several partial or final segments in one request (an STT gateway’s batch), applied in order with the same rules as one',
    params: IdParams,
    body: SegmentBatchBody,
    response: { 200: SegmentResultList, ...errorResponses(400, 404, 409) },
  },
  // POST /rooms/:id/transcripts/audio
  transcribeUtterance: {
    tags,
    summary:
      'Audio of one utterance, transcribed on the server into a final segment (audio/wav, audio/webm, audio/mpeg, audio/ogg, audio/mp4)',
    params: IdParams,
    querystring: AudioSegmentQuery,
    consumes: AUDIO_TYPES,
    response: { 201: SegmentResult, ...errorResponses(400, 404, 409, 415, 503) },
  },
  // GET /rooms/:id/transcripts
  getTranscript: {
    tags,
    summary: 'The room’s final transcript in order',
    params: IdParams,
    querystring: FinalsQuery,
    response: { 200: TranscriptList, ...errorResponses(404) },
  },
  // GET /rooms/:id/assistant
  getRoomAssistance: {
    tags,
    summary: 'Incremental summaries and AI results of the room (its agent only)',
    params: IdParams,
    response: { 200: RoomAssistance, ...errorResponses(404) },
  },
  // POST /results/:id/feedback
  giveFeedback: {
    tags,
    summary: 'Accept or dismiss a suggestion',
    params: IdParams,
    body: FeedbackBody,
    response: { 200: Result, ...errorResponses(403, 404) },
  },
  // GET /feedback/models
  feedbackByModel: {
    tags,
    summary: 'Accepted and dismissed results per result type and model version (admin)',
    response: { 200: ModelFeedback, ...errorResponses(403) },
  },
  // GET /sessions/:id
  getSession: {
    tags,
    summary: 'A consultation session with its turn-by-turn transcript',
    params: IdParams,
    response: { 200: SessionWithTurns, ...errorResponses(403, 404) },
  },
  // POST /knowledge/documents
  importDocuments: {
    tags,
    summary:
      'Import FAQ and policy documents (category, classification, keywords, hypothetical questions, price, discount) as documents or a JSON/JSONL file (admin)',
    body: ImportDocumentsBody,
    response: { 201: ImportResult, ...errorResponses(400, 403, 409) },
  },
  // POST /knowledge/search
  searchKnowledge: {
    tags,
    summary: 'Search the FAQ with metadata filters (category, classification, keywords, price range)',
    body: SearchFaqBody,
    response: { 200: SuggestionList, ...errorResponses(400, 403, 404) },
  },
};
