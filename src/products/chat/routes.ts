import { Type } from 'typebox';
import { and, asc, desc, eq, gte, lte } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/context.js';
import { requireAdmin, requireUser } from '../../core/identity/access.js';
import { AppError, problemType } from '../../core/http/errors.js';
import { errorResponses, IdParams, Nullable, Strict, Timestamp, Uuid } from '../../core/http/schemas.js';
import { DEFAULT_PAGE_SIZE, PageQuery, pageOf } from '../../core/http/pagination.js';
import * as convo from './conversations.js';
import * as personaStore from './personas.js';
import { assertWithinDailyLimit, generateReply, pendingUserMessage } from './replies.js';
import { dailyTokenUsage, EMOTIONS, messages, preferences } from './schema.js';

const Persona = Type.Object({
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
const PersonaSlug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,49}$' });
const PersonaParams = Strict({ id: PersonaSlug });
const PersonaFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  systemPrompt: Type.String({ minLength: 1, maxLength: 20000 }),
  avatarModel: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  greeting: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  isActive: Type.Optional(Type.Boolean()),
};
const CharacterCard = Type.Object(
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

const Conversation = Type.Object({
  id: Uuid,
  personaId: Type.String(),
  title: Nullable(Type.String()),
  messageCount: Type.Integer(),
  archived: Type.Boolean(),
  archivedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
const Message = Type.Object({
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
  feedback: Nullable(Type.Union([Type.Literal('up'), Type.Literal('down')])),
  feedbackComment: Nullable(Type.String()),
  createdAt: Timestamp,
});
const Exchange = Type.Object({ userMessage: Message, assistantMessage: Message });
const Content = Type.String({ minLength: 1, maxLength: 20000 });
const ConversationMessageParams = Strict({ id: Uuid, messageId: Uuid });
const Preferences = Type.Object({
  preferredPersona: Nullable(Type.String()),
  avatarCustomization: Type.Record(Type.String(), Type.Unknown()),
  voiceEnabled: Type.Boolean(),
  theme: Type.Union([Type.Literal('light'), Type.Literal('dark')]),
  language: Type.String(),
  updatedAt: Nullable(Timestamp),
});
const SSE_NOTE =
  'Send `Accept: text/event-stream` to receive Server-Sent Events: `message` (the stored user message), `token` ({delta}) as the reply streams, then `done` (the stored assistant message) or `error` (a problem object). Otherwise the answer is JSON once the reply is complete.';

function wantsStream(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}

export function chatRoutes(app: FastifyInstance, core: Core) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['chat'];
  /** Streams in progress on this instance, by conversation, so `stop` can end them. */
  const running = new Map<string, Set<AbortController>>();

  async function respondWithReply(
    request: FastifyRequest,
    reply: FastifyReply,
    userId: string,
    userMessage: convo.MessageRow,
    opts: { replaces?: convo.MessageRow } = {},
  ) {
    const controller = new AbortController();
    const set = running.get(userMessage.conversationId) ?? new Set();
    set.add(controller);
    running.set(userMessage.conversationId, set);
    const release = () => {
      set.delete(controller);
      if (set.size === 0) running.delete(userMessage.conversationId);
    };
    if (!wantsStream(request)) {
      try {
        const assistant = await generateReply(core, userId, userMessage, { signal: controller.signal, replaces: opts.replaces });
        return reply.status(201).send({ userMessage: convo.messageView(userMessage), assistantMessage: convo.messageView(assistant) });
      } catch (err) {
        if (err instanceof AppError) err.extra.userMessageId = userMessage.id;
        throw err;
      } finally {
        release();
      }
    }
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': request.id,
    });
    const send = (event: string, data: unknown) => {
      if (!raw.writableEnded) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    raw.on('close', () => {
      if (!raw.writableFinished) controller.abort();
    });
    send('message', convo.messageView(userMessage));
    try {
      const assistant = await generateReply(core, userId, userMessage, {
        signal: controller.signal,
        replaces: opts.replaces,
        onToken: (delta) => send('token', { delta }),
      });
      send('done', convo.messageView(assistant));
    } catch (err) {
      const e = err instanceof AppError ? err : new AppError('chat.reply_failed', 502, 'the reply could not be generated');
      send('error', {
        type: problemType(e.code),
        title: 'Reply failed',
        status: e.status,
        detail: e.message,
        userMessageId: userMessage.id,
      });
    } finally {
      release();
      raw.end();
    }
    return reply;
  }

  // Personas
  r.get(
    '/personas',
    {
      schema: {
        tags,
        summary: 'Personas to chat with (admins may ask for inactive ones too)',
        querystring: Strict({ all: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Array(Persona) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return personaStore.listPersonas(core, request.query.all === true && user.isAdmin);
    },
  );
  r.get(
    '/personas/:id',
    { schema: { tags, summary: 'One persona', params: PersonaParams, response: { 200: Persona, ...errorResponses(404) } } },
    async (request) => personaStore.personaView(await personaStore.getPersona(core, request.params.id)),
  );
  r.get(
    '/personas/:id/card',
    {
      schema: {
        tags,
        summary: 'Export a persona as a Character Card V2',
        params: PersonaParams,
        response: { 200: CharacterCard, ...errorResponses(404) },
      },
    },
    async (request) => personaStore.personaToCard(await personaStore.getPersona(core, request.params.id)),
  );
  r.post(
    '/personas',
    {
      schema: {
        tags,
        summary: 'Create a persona (admin)',
        body: Strict({ id: PersonaSlug, ...PersonaFields }),
        response: { 201: Persona, ...errorResponses(400, 403, 409) },
      },
    },
    async (request, reply) => {
      requireAdmin(request);
      return reply.status(201).send(personaStore.personaView(await personaStore.createPersona(core, request.body)));
    },
  );
  r.patch(
    '/personas/:id',
    {
      schema: {
        tags,
        summary: 'Edit or deactivate a persona (admin); a deactivated persona takes no new conversations and keeps its history',
        params: PersonaParams,
        body: Strict({
          name: Type.Optional(PersonaFields.name),
          description: Type.Optional(PersonaFields.description),
          systemPrompt: Type.Optional(PersonaFields.systemPrompt),
          avatarModel: PersonaFields.avatarModel,
          greeting: PersonaFields.greeting,
          isActive: PersonaFields.isActive,
        }),
        response: { 200: Persona, ...errorResponses(400, 403, 404) },
      },
    },
    async (request) => {
      requireAdmin(request);
      return personaStore.personaView(await personaStore.updatePersona(core, request.params.id, request.body));
    },
  );
  r.post(
    '/personas/import',
    {
      schema: {
        tags,
        summary: 'Import a Character Card V2 as a persona (admin)',
        body: Strict({ card: CharacterCard, id: Type.Optional(PersonaSlug) }),
        response: { 201: Persona, ...errorResponses(400, 403, 409) },
      },
    },
    async (request, reply) => {
      requireAdmin(request);
      const input = personaStore.cardToPersona(request.body.card as personaStore.CharacterCardV2, request.body.id);
      return reply.status(201).send(personaStore.personaView(await personaStore.createPersona(core, input)));
    },
  );

  // Preferences
  const preferencesView = (p: typeof preferences.$inferSelect | undefined) => ({
    preferredPersona: p?.preferredPersona ?? null,
    avatarCustomization: (p?.avatarCustomization ?? {}) as Record<string, unknown>,
    voiceEnabled: p?.voiceEnabled ?? false,
    theme: (p?.theme ?? 'light') as 'light' | 'dark',
    language: p?.language ?? 'en',
    updatedAt: p?.updatedAt.toISOString() ?? null,
  });
  r.get(
    '/preferences',
    { schema: { tags, summary: 'My chat preferences (defaults until changed)', response: { 200: Preferences } } },
    async (request) => {
      const user = requireUser(request);
      const [row] = await core.db.select().from(preferences).where(eq(preferences.userId, user.id));
      return preferencesView(row);
    },
  );
  r.put(
    '/preferences',
    {
      schema: {
        tags,
        summary: 'Change my chat preferences (only the fields given)',
        body: Strict({
          preferredPersona: Type.Optional(Nullable(PersonaSlug)),
          avatarCustomization: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { maxProperties: 50 })),
          voiceEnabled: Type.Optional(Type.Boolean()),
          theme: Type.Optional(Type.Union([Type.Literal('light'), Type.Literal('dark')])),
          language: Type.Optional(Type.String({ pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$', maxLength: 35 })),
        }),
        response: { 200: Preferences, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (request.body.preferredPersona) await personaStore.getPersona(core, request.body.preferredPersona);
      const now = core.clock.now();
      const [row] = await core.db
        .insert(preferences)
        .values({ userId: user.id, ...request.body, updatedAt: now })
        .onConflictDoUpdate({ target: preferences.userId, set: { ...request.body, updatedAt: now } })
        .returning();
      return preferencesView(row);
    },
  );

  // Conversations
  r.post(
    '/conversations',
    {
      schema: {
        tags,
        summary: 'Start a conversation with a persona',
        body: Strict({ personaId: PersonaSlug, title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })) }),
        response: { 201: Conversation, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(convo.conversationView(await convo.createConversation(core, requireUser(request).id, request.body))),
  );

  r.get(
    '/conversations',
    {
      schema: {
        tags,
        summary: 'My conversations, newest activity first; `q` searches titles; `archived=true` lists the archive',
        querystring: Strict({
          ...PageQuery,
          q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          archived: Type.Optional(Type.Boolean()),
        }),
        response: { 200: pageOf(Conversation), ...errorResponses(400) },
      },
    },
    async (request) =>
      convo.listConversations(core, requireUser(request).id, { ...request.query, limit: request.query.limit ?? DEFAULT_PAGE_SIZE }),
  );

  r.get(
    '/conversations/:id',
    { schema: { tags, summary: 'One of my conversations', params: IdParams, response: { 200: Conversation, ...errorResponses(404) } } },
    async (request) => convo.conversationView(await convo.ownConversation(core, requireUser(request).id, request.params.id)),
  );
  r.patch(
    '/conversations/:id',
    {
      schema: {
        tags,
        summary: 'Rename a conversation',
        params: IdParams,
        body: Strict({ title: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: Conversation, ...errorResponses(400, 404) },
      },
    },
    async (request) =>
      convo.conversationView(await convo.renameConversation(core, requireUser(request).id, request.params.id, request.body.title)),
  );
  r.delete(
    '/conversations/:id',
    {
      schema: {
        tags,
        summary: 'Delete a conversation and its messages',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      await convo.deleteConversation(core, requireUser(request).id, request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Messages oldest first: the branch shown by default, or every branch with `all=true`',
        params: IdParams,
        querystring: Strict({ ...PageQuery, all: Type.Optional(Type.Boolean()) }),
        response: { 200: pageOf(Message), ...errorResponses(400, 404) },
      },
    },
    async (request) =>
      convo.listMessages(core, requireUser(request).id, request.params.id, {
        ...request.query,
        limit: request.query.limit ?? DEFAULT_PAGE_SIZE,
      }),
  );

  r.post(
    '/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Send a message and get the persona’s reply',
        description: SSE_NOTE,
        params: IdParams,
        body: Strict({ content: Content }),
        response: { 201: Exchange, ...errorResponses(400, 404, 429, 502, 503) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await convo.ownConversation(core, user.id, request.params.id);
      await assertWithinDailyLimit(core, user.id);
      const message = await convo.storeUserMessage(core, user.id, request.params.id, request.body.content);
      return respondWithReply(request, reply, user.id, message);
    },
  );

  r.post(
    '/conversations/:id/messages/:messageId/reply',
    {
      schema: {
        tags,
        summary: 'Retry the reply to a message whose reply failed',
        description: SSE_NOTE,
        params: ConversationMessageParams,
        response: { 201: Exchange, ...errorResponses(404, 409, 429, 502, 503) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await convo.ownConversation(core, user.id, request.params.id);
      const message = await pendingUserMessage(core, request.params.id, request.params.messageId);
      return respondWithReply(request, reply, user.id, message);
    },
  );

  r.post(
    '/conversations/:id/stop',
    {
      schema: {
        tags,
        summary: 'Stop the reply being streamed; what arrived is kept as an unfinished message',
        params: IdParams,
        response: { 200: Type.Object({ stopped: Type.Integer() }), ...errorResponses(404) },
      },
    },
    async (request) => {
      await convo.ownConversation(core, requireUser(request).id, request.params.id);
      const set = running.get(request.params.id);
      let stopped = 0;
      for (const c of set ?? []) {
        c.abort();
        stopped++;
      }
      return { stopped };
    },
  );

  r.post(
    '/messages/:id/regenerate',
    {
      schema: {
        tags,
        summary: 'Write the latest reply again; the old one stays as another branch',
        description: SSE_NOTE,
        params: IdParams,
        response: { 201: Exchange, ...errorResponses(404, 409, 429, 502, 503) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { message } = await convo.ownMessage(core, user.id, request.params.id);
      if (message.role !== 'assistant' || !message.parentId) throw new AppError('chat.not_a_reply', 409, 'only a reply can be regenerated');
      const [latest] = await core.db
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.conversationId, message.conversationId), eq(messages.active, true)))
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(1);
      if (!message.active || latest?.id !== message.id)
        throw new AppError('chat.not_latest', 409, 'only the latest reply can be regenerated');
      await assertWithinDailyLimit(core, user.id);
      const { message: parent } = await convo.ownMessage(core, user.id, message.parentId);
      return respondWithReply(request, reply, user.id, parent, { replaces: message });
    },
  );

  r.patch(
    '/messages/:id',
    {
      schema: {
        tags,
        summary: 'Edit one of my messages into a new branch and get a new reply',
        description: SSE_NOTE,
        params: IdParams,
        body: Strict({ content: Content }),
        response: { 201: Exchange, ...errorResponses(400, 404, 409, 429, 502, 503) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { message } = await convo.ownMessage(core, user.id, request.params.id);
      if (message.role !== 'user') throw new AppError('chat.not_user_message', 409, 'only your own messages can be edited');
      if (!message.active) throw new AppError('chat.inactive_branch', 409, 'switch to this branch before editing it');
      await assertWithinDailyLimit(core, user.id);
      const edited = await convo.storeUserMessage(core, user.id, message.conversationId, request.body.content, { replacing: message });
      return respondWithReply(request, reply, user.id, edited);
    },
  );

  r.get(
    '/messages/:id/branches',
    {
      schema: {
        tags,
        summary: 'The alternatives of a message (same parent and role), oldest first',
        params: IdParams,
        response: { 200: Type.Array(Message), ...errorResponses(404) },
      },
    },
    async (request) => convo.branchesOf(core, (await convo.ownMessage(core, requireUser(request).id, request.params.id)).message),
  );

  r.post(
    '/messages/:id/activate',
    {
      schema: {
        tags,
        summary: 'Show the branch through this message by default',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      await convo.activateBranch(core, (await convo.ownMessage(core, requireUser(request).id, request.params.id)).message);
      return reply.status(204).send(null);
    },
  );

  r.put(
    '/messages/:id/feedback',
    {
      schema: {
        tags,
        summary: 'Thumbs up or down on a reply, with an optional comment (null clears it)',
        params: IdParams,
        body: Strict({
          rating: Nullable(Type.Union([Type.Literal('up'), Type.Literal('down')])),
          comment: Type.Optional(Type.String({ maxLength: 2000 })),
        }),
        response: { 200: Message, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const { message } = await convo.ownMessage(core, requireUser(request).id, request.params.id);
      if (message.role !== 'assistant') {
        throw new AppError('validation', 400, 'feedback is for replies', { errors: [{ field: 'id', message: 'is not a reply' }] });
      }
      return convo.messageView(await convo.setFeedback(core, message.id, request.body.rating, request.body.comment ?? null));
    },
  );

  const Day = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
  r.get(
    '/usage',
    {
      schema: {
        tags,
        summary: 'My token usage per UTC day (default: the last 30 days) and the daily limit',
        querystring: Strict({ from: Type.Optional(Day), to: Type.Optional(Day) }),
        response: {
          200: Type.Object({
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
          }),
          ...errorResponses(400),
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const today = core.clock.now();
      const to = request.query.to ?? today.toISOString().slice(0, 10);
      const from = request.query.from ?? new Date(today.getTime() - 29 * 86_400_000).toISOString().slice(0, 10);
      const rows = await core.db
        .select()
        .from(dailyTokenUsage)
        .where(and(eq(dailyTokenUsage.userId, user.id), gte(dailyTokenUsage.day, from), lte(dailyTokenUsage.day, to)))
        .orderBy(asc(dailyTokenUsage.day));
      const days = rows.map((d) => ({
        day: d.day,
        promptTokens: d.promptTokens,
        completionTokens: d.completionTokens,
        totalTokens: d.promptTokens + d.completionTokens,
        replies: d.replies,
      }));
      return { days, totalTokens: days.reduce((s, d) => s + d.totalTokens, 0), dailyLimit: core.config.chat.dailyTokenLimit || null };
    },
  );
}
