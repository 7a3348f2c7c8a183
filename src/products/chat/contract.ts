import { Type, type Static } from 'typebox';
import { Nullable, Strict, Timestamp, Uuid } from '../../core/http/schemas.js';
import { PageQuery } from '../../core/http/pagination.js';
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
