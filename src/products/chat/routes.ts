import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ProductContext } from '../../core/product.js';
import { requireAdmin, requireUser } from '../../core/identity/access.js';
import { errorResponses, IdParams } from '../../core/http/schemas.js';
import { DEFAULT_PAGE_SIZE, pageOf } from '../../core/http/pagination.js';
import * as c from './contract.js';
import * as convo from './conversations.js';
import * as personaStore from './personas.js';
import { readPreferences } from './preferences.js';
import { readUsage } from './usage.js';
import { createReplyStreams, type ReplyStreams } from './reply-streams.js';
import { startConversation } from './operations/start-conversation.js';
import { renameConversation } from './operations/rename-conversation.js';
import { deleteConversation } from './operations/delete-conversation.js';
import { sendMessage } from './operations/send-message.js';
import { retryReply } from './operations/retry-reply.js';
import { regenerateReply } from './operations/regenerate-reply.js';
import { editMessage } from './operations/edit-message.js';
import { streamReply } from './operations/stream-reply.js';
import { stopReply } from './operations/stop-reply.js';
import { activateMessageBranch } from './operations/activate-branch.js';
import { rateReply } from './operations/rate-reply.js';
import { updatePreferences } from './operations/update-preferences.js';
import { importPersona } from './operations/import-persona.js';
import { createPersona } from './operations/create-persona.js';
import { updatePersona } from './operations/update-persona.js';

const tags = ['chat'];
const replyErrors = (...statuses: number[]) => ({ 201: c.Exchange, ...errorResponses(...statuses, 429, 502, 503) });

export function chatRoutes(app: FastifyInstance, core: ProductContext) {
  const streams = createReplyStreams(core);
  app.addHook('onClose', async () => streams.close());
  personaRoutes(app, core);
  personaAdminRoutes(app, core);
  preferenceRoutes(app, core);
  conversationRoutes(app, core);
  messageRoutes(app, core, streams);
  replyRoutes(app, core, streams);
  branchRoutes(app, core);
  usageRoutes(app, core);
}

function personaRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/personas',
    {
      schema: {
        tags,
        summary: 'Personas to chat with (admins may ask for inactive ones too)',
        querystring: c.PersonaListQuery,
        response: { 200: Type.Array(c.Persona) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return personaStore.listPersonas(core, request.query.all === true && user.isAdmin);
    },
  );
  r.get(
    '/personas/:id',
    { schema: { tags, summary: 'One persona', params: c.PersonaParams, response: { 200: c.Persona, ...errorResponses(404) } } },
    async (request) => personaStore.personaView(await personaStore.getPersona(core, request.params.id)),
  );
  r.get(
    '/personas/:id/card',
    {
      schema: {
        tags,
        summary: 'Export a persona as a Character Card V2',
        params: c.PersonaParams,
        response: { 200: c.CharacterCard, ...errorResponses(404) },
      },
    },
    async (request) => personaStore.personaToCard(await personaStore.getPersona(core, request.params.id)),
  );
}

function personaAdminRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/personas',
    {
      schema: {
        tags,
        summary: 'Create a persona (admin)',
        body: c.CreatePersonaBody,
        response: { 201: c.Persona, ...errorResponses(400, 403, 409) },
      },
    },
    async (request, reply) => {
      requireAdmin(request);
      return reply.status(201).send(await createPersona(core, request.body));
    },
  );
  r.patch(
    '/personas/:id',
    {
      schema: {
        tags,
        summary: 'Edit or deactivate a persona (admin); a deactivated persona takes no new conversations and keeps its history',
        params: c.PersonaParams,
        body: c.UpdatePersonaBody,
        response: { 200: c.Persona, ...errorResponses(400, 403, 404) },
      },
    },
    async (request) => {
      requireAdmin(request);
      return updatePersona(core, request.params.id, request.body);
    },
  );
  r.post(
    '/personas/import',
    {
      schema: {
        tags,
        summary: 'Import a Character Card V2 as a persona (admin)',
        body: c.ImportPersonaBody,
        response: { 201: c.Persona, ...errorResponses(400, 403, 409) },
      },
    },
    async (request, reply) => {
      requireAdmin(request);
      return reply.status(201).send(await importPersona(core, request.body.card, request.body.id));
    },
  );
}

function preferenceRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/preferences',
    { schema: { tags, summary: 'My chat preferences (defaults until changed)', response: { 200: c.Preferences } } },
    async (request) => readPreferences(core, requireUser(request).id),
  );
  r.put(
    '/preferences',
    {
      schema: {
        tags,
        summary: 'Change my chat preferences (only the fields given)',
        body: c.PreferencesBody,
        response: { 200: c.Preferences, ...errorResponses(400, 404) },
      },
    },
    async (request) => updatePreferences(core, requireUser(request).id, request.body),
  );
}

function conversationRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/conversations',
    {
      schema: {
        tags,
        summary: 'Start a conversation with a persona',
        body: c.StartConversationBody,
        response: { 201: c.Conversation, ...errorResponses(400, 404, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await startConversation(core, requireUser(request).id, request.body)),
  );
  r.get(
    '/conversations',
    {
      schema: {
        tags,
        summary: 'My conversations, newest activity first; `q` searches titles; `archived=true` lists the archive',
        querystring: c.ConversationListQuery,
        response: { 200: pageOf(c.Conversation), ...errorResponses(400) },
      },
    },
    async (request) =>
      convo.listConversations(core, requireUser(request).id, { ...request.query, limit: request.query.limit ?? DEFAULT_PAGE_SIZE }),
  );
  r.get(
    '/conversations/:id',
    { schema: { tags, summary: 'One of my conversations', params: IdParams, response: { 200: c.Conversation, ...errorResponses(404) } } },
    async (request) => convo.conversationView(await convo.ownConversation(core, requireUser(request).id, request.params.id)),
  );
  r.patch(
    '/conversations/:id',
    {
      schema: {
        tags,
        summary: 'Rename a conversation',
        params: IdParams,
        body: c.RenameConversationBody,
        response: { 200: c.Conversation, ...errorResponses(400, 404) },
      },
    },
    async (request) => renameConversation(core, requireUser(request).id, request.params.id, request.body.title),
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
      await deleteConversation(core, requireUser(request).id, request.params.id);
      return reply.status(204).send(null);
    },
  );
}

function messageRoutes(app: FastifyInstance, core: ProductContext, streams: ReplyStreams) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/conversations/:id/messages',
    {
      schema: {
        tags,
        summary: 'Messages oldest first: the branch shown by default, or every branch with `all=true`',
        params: IdParams,
        querystring: c.MessageListQuery,
        response: { 200: pageOf(c.Message), ...errorResponses(400, 404) },
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
        description: c.SSE_NOTE,
        params: IdParams,
        body: c.MessageBody,
        response: replyErrors(400, 404),
      },
    },
    async (request, reply) =>
      streamReply(core, streams, request, reply, await sendMessage(core, requireUser(request).id, request.params.id, request.body.content)),
  );
  r.post(
    '/conversations/:id/messages/:messageId/reply',
    {
      schema: {
        tags,
        summary: 'Retry the reply to a message whose reply failed',
        description: c.SSE_NOTE,
        params: c.ConversationMessageParams,
        response: replyErrors(404, 409),
      },
    },
    async (request, reply) =>
      streamReply(
        core,
        streams,
        request,
        reply,
        await retryReply(core, requireUser(request).id, request.params.id, request.params.messageId),
      ),
  );
  r.post(
    '/conversations/:id/stop',
    {
      schema: {
        tags,
        summary: 'Stop the reply being streamed; what arrived is kept as an unfinished message',
        params: IdParams,
        response: { 200: c.StopResult, ...errorResponses(404) },
      },
    },
    async (request) => stopReply(core, streams, requireUser(request).id, request.params.id),
  );
}

function replyRoutes(app: FastifyInstance, core: ProductContext, streams: ReplyStreams) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/messages/:id/regenerate',
    {
      schema: {
        tags,
        summary: 'Write the latest reply again; the old one stays as another branch',
        description: c.SSE_NOTE,
        params: IdParams,
        response: replyErrors(404, 409),
      },
    },
    async (request, reply) =>
      streamReply(core, streams, request, reply, await regenerateReply(core, requireUser(request).id, request.params.id)),
  );
  r.patch(
    '/messages/:id',
    {
      schema: {
        tags,
        summary: 'Edit one of my messages into a new branch and get a new reply',
        description: c.SSE_NOTE,
        params: IdParams,
        body: c.MessageBody,
        response: replyErrors(400, 404, 409),
      },
    },
    async (request, reply) =>
      streamReply(core, streams, request, reply, await editMessage(core, requireUser(request).id, request.params.id, request.body.content)),
  );
}

function branchRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/messages/:id/branches',
    {
      schema: {
        tags,
        summary: 'The alternatives of a message (same parent and role), oldest first',
        params: IdParams,
        response: { 200: Type.Array(c.Message), ...errorResponses(404) },
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
      await activateMessageBranch(core, requireUser(request).id, request.params.id);
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
        body: c.FeedbackBody,
        response: { 200: c.Message, ...errorResponses(400, 404) },
      },
    },
    async (request) => rateReply(core, requireUser(request).id, request.params.id, request.body.rating, request.body.comment ?? null),
  );
}

function usageRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/usage',
    {
      schema: {
        tags,
        summary: 'My token usage per UTC day (default: the last 30 days) and the daily limit',
        querystring: c.UsageQuery,
        response: { 200: c.Usage, ...errorResponses(400) },
      },
    },
    async (request) => readUsage(core, requireUser(request).id, request.query),
  );
}
