import { Type, type Static } from 'typebox';
import { errorResponses, IdParams, Nullable, Strict, Timestamp, Uuid } from '../../core/http/schemas.js';
import { PageQuery, pageOf } from '../../core/http/pagination.js';
import { EMOTIONS } from './schema.js';

export const Persona = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  systemPrompt: Type.String(),
  avatarModel: Nullable(Type.String()),
  greeting: Nullable(Type.String()),
  isActive: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Persona = Static<typeof Persona>;

export const PersonaSlug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,49}$' });
export const PersonaParams = Strict({ id: PersonaSlug });
const PersonaFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  systemPrompt: Type.String({ minLength: 1, maxLength: 20000 }),
  avatarModel: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  greeting: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  isActive: Type.Optional(Type.Boolean()),
};
export const PersonaListQuery = Strict({ all: Type.Optional(Type.Boolean()) });
export const CreatePersonaBody = Strict({ id: PersonaSlug, ...PersonaFields });
export type CreatePersonaBody = Static<typeof CreatePersonaBody>;
export const UpdatePersonaBody = Strict({
  name: Type.Optional(PersonaFields.name),
  description: Type.Optional(PersonaFields.description),
  systemPrompt: Type.Optional(PersonaFields.systemPrompt),
  avatarModel: PersonaFields.avatarModel,
  greeting: PersonaFields.greeting,
  isActive: PersonaFields.isActive,
});
export type UpdatePersonaBody = Static<typeof UpdatePersonaBody>;

export const CharacterCard = Type.Object(
  {
    spec: Type.Literal('chara_card_v2'),
    spec_version: Type.String(),
    data: Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 100 }),
        description: Type.String({ maxLength: 20000 }),
        personality: Type.String({ maxLength: 20000 }),
        scenario: Type.String({ maxLength: 20000 }),
        first_mes: Type.String({ maxLength: 20000 }),
        mes_example: Type.String({ maxLength: 20000 }),
        creator_notes: Type.Optional(Type.String()),
        system_prompt: Type.Optional(Type.String({ maxLength: 20000 })),
        post_history_instructions: Type.Optional(Type.String()),
        alternate_greetings: Type.Optional(Type.Array(Type.String())),
        tags: Type.Optional(Type.Array(Type.String())),
        creator: Type.Optional(Type.String()),
        character_version: Type.Optional(Type.String()),
        extensions: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      },
      { additionalProperties: true },
    ),
  },
  { description: 'Character Card V2' },
);
export type CharacterCard = Static<typeof CharacterCard>;
export const ImportPersonaBody = Strict({ card: CharacterCard, id: Type.Optional(PersonaSlug) });

export const Theme = Type.Union([Type.Literal('light'), Type.Literal('dark')]);
export const Preferences = Type.Object({
  preferredPersona: Nullable(Type.String()),
  avatarCustomization: Type.Record(Type.String(), Type.Unknown()),
  voiceEnabled: Type.Boolean(),
  theme: Theme,
  language: Type.String(),
  updatedAt: Nullable(Timestamp),
});
export type Preferences = Static<typeof Preferences>;
export const PreferencesBody = Strict({
  preferredPersona: Type.Optional(Nullable(PersonaSlug)),
  avatarCustomization: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { maxProperties: 50 })),
  voiceEnabled: Type.Optional(Type.Boolean()),
  theme: Type.Optional(Type.Union([Type.Literal('light'), Type.Literal('dark')])),
  language: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35 })),
});
export type PreferencesBody = Static<typeof PreferencesBody>;

export const Conversation = Type.Object({
  id: Uuid,
  personaId: Type.String(),
  title: Nullable(Type.String()),
  messageCount: Type.Integer(),
  archived: Type.Boolean(),
  archivedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Conversation = Static<typeof Conversation>;
const Title = Type.String({ minLength: 1, maxLength: 200 });
export const StartConversationBody = Strict({ personaId: PersonaSlug, title: Type.Optional(Title) });
export type StartConversationBody = Static<typeof StartConversationBody>;
export const RenameConversationBody = Strict({ title: Title });
export const ConversationListQuery = Strict({
  ...PageQuery,
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  archived: Type.Optional(Type.Boolean()),
});
export type ConversationListQuery = Static<typeof ConversationListQuery>;

export const FeedbackRating = Type.Union([Type.Literal('up'), Type.Literal('down')]);
export type FeedbackRating = Static<typeof FeedbackRating>;
export const Message = Type.Object({
  id: Uuid,
  conversationId: Uuid,
  parentId: Nullable(Uuid),
  role: Type.Union([Type.Literal('user'), Type.Literal('assistant')]),
  content: Type.String(),
  emotion: Nullable(Type.Unsafe<string>({ type: 'string', enum: [...EMOTIONS] })),
  tokensUsed: Nullable(Type.Integer()),
  active: Type.Boolean(),
  unfinished: Type.Boolean(),
  provider: Nullable(Type.String()),
  model: Nullable(Type.String()),
  latencyMs: Nullable(Type.Integer()),
  feedback: Nullable(FeedbackRating),
  feedbackComment: Nullable(Type.String()),
  createdAt: Timestamp,
});
export type Message = Static<typeof Message>;
export const Exchange = Type.Object({ userMessage: Message, assistantMessage: Message });
export type Exchange = Static<typeof Exchange>;
const Content = Type.String({ minLength: 1, maxLength: 20000 });
export const MessageBody = Strict({ content: Content });
export const MessageListQuery = Strict({ ...PageQuery, all: Type.Optional(Type.Boolean()) });
export type MessageListQuery = Static<typeof MessageListQuery>;
export const ConversationMessageParams = Strict({ id: Uuid, messageId: Uuid });
export const StopResult = Type.Object({ stopped: Type.Integer() });
export type StopResult = Static<typeof StopResult>;
export const FeedbackBody = Strict({
  rating: Nullable(Type.Union([Type.Literal('up'), Type.Literal('down')])),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
});

const Day = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
export const UsageQuery = Strict({ from: Type.Optional(Day), to: Type.Optional(Day) });
export type UsageQuery = Static<typeof UsageQuery>;
export const Usage = Type.Object({
  days: Type.Array(
    Type.Object({
      day: Type.String(),
      promptTokens: Type.Integer(),
      completionTokens: Type.Integer(),
      totalTokens: Type.Integer(),
      replies: Type.Integer(),
    }),
  ),
  totalTokens: Type.Integer(),
  dailyLimit: Nullable(Type.Integer()),
});
export type Usage = Static<typeof Usage>;

/** The Server-Sent Events a streamed reply sends (see SSE_NOTE). */
export const ReplyStreamEvents = {
  message: Message,
  token: Type.Object({ delta: Type.String() }),
  done: Message,
};
export type ReplyStreamEvents = { [K in keyof typeof ReplyStreamEvents]: Static<(typeof ReplyStreamEvents)[K]> };
export const SSE_NOTE =
  'Send `Accept: text/event-stream` to receive Server-Sent Events: `message` (the stored user message), `token` ({delta}) as the reply streams, then `done` (the stored assistant message) or `error` (a problem object). Otherwise the answer is JSON once the reply is complete.';

/** Events on the `conversation:<id>` realtime channel. */
export const ConversationEvents = {
  'message.created': Message,
  'message.completed': Message,
  'message.failed': Type.Object({ userMessageId: Uuid, code: Type.String(), message: Type.String() }),
  'message.delta': Type.Object({ messageId: Nullable(Uuid), delta: Type.String() }),
};
export type ConversationEvents = { [K in keyof typeof ConversationEvents]: Static<(typeof ConversationEvents)[K]> };

/** The `chat.reply.completed` webhook's payload. */
export const ReplyCompletedPayload = Type.Object(
  {
    conversationId: Uuid,
    messageId: Uuid,
    replyToMessageId: Uuid,
    userId: Uuid,
    personaId: Type.String(),
    unfinished: Type.Boolean({ description: 'The stream was stopped or cut off before the reply was complete' }),
    emotion: Nullable(Type.String()),
    tokensUsed: Type.Integer({ minimum: 0 }),
    provider: Type.String(),
    model: Type.String(),
    latencyMs: Type.Integer({ minimum: 0 }),
    createdAt: Timestamp,
  },
  { additionalProperties: false },
);
export type ReplyCompletedPayload = Static<typeof ReplyCompletedPayload>;

const tags = ['chat'];
const replyErrors = (...statuses: number[]) => ({ 201: Exchange, ...errorResponses(...statuses, 429, 502, 503) });

/** Each route's schema (summary, parameters, body, responses), by the operation it serves; routes.ts maps them to HTTP. */
export const routeSchemas = {
  // GET /personas
  listPersonas: {
    tags,
    summary: 'Personas to chat with (admins may ask for inactive ones too)',
    querystring: PersonaListQuery,
    response: { 200: Type.Array(Persona) },
  },
  // GET /personas/:id
  getPersona: { tags, summary: 'One persona', params: PersonaParams, response: { 200: Persona, ...errorResponses(404) } },
  // GET /personas/:id/card
  exportPersonaCard: {
    tags,
    summary: 'Export a persona as a Character Card V2',
    params: PersonaParams,
    response: { 200: CharacterCard, ...errorResponses(404) },
  },
  // POST /personas
  createPersona: {
    tags,
    summary: 'Create a persona (admin)',
    body: CreatePersonaBody,
    response: { 201: Persona, ...errorResponses(400, 403, 409) },
  },
  // PATCH /personas/:id
  updatePersona: {
    tags,
    summary: 'Edit or deactivate a persona (admin); a deactivated persona takes no new conversations and keeps its history',
    params: PersonaParams,
    body: UpdatePersonaBody,
    response: { 200: Persona, ...errorResponses(400, 403, 404) },
  },
  // POST /personas/import
  importPersona: {
    tags,
    summary: 'Import a Character Card V2 as a persona (admin)',
    body: ImportPersonaBody,
    response: { 201: Persona, ...errorResponses(400, 403, 409) },
  },
  // GET /preferences
  readPreferences: { tags, summary: 'My chat preferences (defaults until changed)', response: { 200: Preferences } },
  // PUT /preferences
  updatePreferences: {
    tags,
    summary: 'Change my chat preferences (only the fields given)',
    body: PreferencesBody,
    response: { 200: Preferences, ...errorResponses(400, 404) },
  },
  // POST /conversations
  startConversation: {
    tags,
    summary: 'Start a conversation with a persona',
    body: StartConversationBody,
    response: { 201: Conversation, ...errorResponses(400, 404, 409) },
  },
  // GET /conversations
  listConversations: {
    tags,
    summary: 'My conversations, newest activity first; `q` searches titles; `archived=true` lists the archive',
    querystring: ConversationListQuery,
    response: { 200: pageOf(Conversation), ...errorResponses(400) },
  },
  // GET /conversations/:id
  getConversation: { tags, summary: 'One of my conversations', params: IdParams, response: { 200: Conversation, ...errorResponses(404) } },
  // PATCH /conversations/:id
  renameConversation: {
    tags,
    summary: 'Rename a conversation',
    params: IdParams,
    body: RenameConversationBody,
    response: { 200: Conversation, ...errorResponses(400, 404) },
  },
  // DELETE /conversations/:id
  deleteConversation: {
    tags,
    summary: 'Delete a conversation and its messages',
    params: IdParams,
    response: { 204: Type.Null(), ...errorResponses(404) },
  },
  // GET /conversations/:id/messages
  listMessages: {
    tags,
    summary: 'Messages oldest first: the branch shown by default, or every branch with `all=true`',
    params: IdParams,
    querystring: MessageListQuery,
    response: { 200: pageOf(Message), ...errorResponses(400, 404) },
  },
  // POST /conversations/:id/messages
  sendMessage: {
    tags,
    summary: 'Send a message and get the persona’s reply',
    description: SSE_NOTE,
    params: IdParams,
    body: MessageBody,
    response: replyErrors(400, 404),
  },
  // POST /conversations/:id/messages/:messageId/reply
  retryReply: {
    tags,
    summary: 'Retry the reply to a message whose reply failed',
    description: SSE_NOTE,
    params: ConversationMessageParams,
    response: replyErrors(404, 409),
  },
  // POST /conversations/:id/stop
  stopReply: {
    tags,
    summary: 'Stop the reply being streamed; what arrived is kept as an unfinished message',
    params: IdParams,
    response: { 200: StopResult, ...errorResponses(404) },
  },
  // POST /messages/:id/regenerate
  regenerateReply: {
    tags,
    summary: 'Write the latest reply again; the old one stays as another branch',
    description: SSE_NOTE,
    params: IdParams,
    response: replyErrors(404, 409),
  },
  // PATCH /messages/:id
  editMessage: {
    tags,
    summary: 'Edit one of my messages into a new branch and get a new reply',
    description: SSE_NOTE,
    params: IdParams,
    body: MessageBody,
    response: replyErrors(400, 404, 409),
  },
  // GET /messages/:id/branches
  listBranches: {
    tags,
    summary: 'The alternatives of a message (same parent and role), oldest first',
    params: IdParams,
    response: { 200: Type.Array(Message), ...errorResponses(404) },
  },
  // POST /messages/:id/activate
  activateMessageBranch: {
    tags,
    summary: 'Show the branch through this message by default',
    params: IdParams,
    response: { 204: Type.Null(), ...errorResponses(404) },
  },
  // PUT /messages/:id/feedback
  rateReply: {
    tags,
    summary: 'Thumbs up or down on a reply, with an optional comment (null clears it)',
    params: IdParams,
    body: FeedbackBody,
    response: { 200: Message, ...errorResponses(400, 404) },
  },
  // GET /usage
  readUsage: {
    tags,
    summary: 'My token usage per UTC day (default: the last 30 days) and the daily limit',
    querystring: UsageQuery,
    response: { 200: Usage, ...errorResponses(400) },
  },
};
