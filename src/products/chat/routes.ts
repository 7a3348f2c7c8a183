import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ProductContext } from '../../core/product.js';
import { requireAdmin, requireUser } from '../../core/identity/access.js';
import { DEFAULT_PAGE_SIZE } from '../../core/http/pagination.js';
import { routeSchemas as route } from './contract.js';
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
  r.get('/personas', { schema: route.listPersonas }, async (request) => {
    const user = requireUser(request);
    return personaStore.listPersonas(core, request.query.all === true && user.isAdmin);
  });
  r.get('/personas/:id', { schema: route.getPersona }, async (request) =>
    personaStore.personaView(await personaStore.getPersona(core, request.params.id)),
  );
  r.get('/personas/:id/card', { schema: route.exportPersonaCard }, async (request) =>
    personaStore.personaToCard(await personaStore.getPersona(core, request.params.id)),
  );
}

function personaAdminRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/personas', { schema: route.createPersona }, async (request, reply) => {
    requireAdmin(request);
    return reply.status(201).send(await createPersona(core, request.body));
  });
  r.patch('/personas/:id', { schema: route.updatePersona }, async (request) => {
    requireAdmin(request);
    return updatePersona(core, request.params.id, request.body);
  });
  r.post('/personas/import', { schema: route.importPersona }, async (request, reply) => {
    requireAdmin(request);
    return reply.status(201).send(await importPersona(core, request.body.card, request.body.id));
  });
}

function preferenceRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/preferences', { schema: route.readPreferences }, async (request) => readPreferences(core, requireUser(request).id));
  r.put('/preferences', { schema: route.updatePreferences }, async (request) =>
    updatePreferences(core, requireUser(request).id, request.body),
  );
}

function conversationRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/conversations', { schema: route.startConversation }, async (request, reply) =>
    reply.status(201).send(await startConversation(core, requireUser(request).id, request.body)),
  );
  r.get('/conversations', { schema: route.listConversations }, async (request) =>
    convo.listConversations(core, requireUser(request).id, { ...request.query, limit: request.query.limit ?? DEFAULT_PAGE_SIZE }),
  );
  r.get('/conversations/:id', { schema: route.getConversation }, async (request) =>
    convo.conversationView(await convo.ownConversation(core, requireUser(request).id, request.params.id)),
  );
  r.patch('/conversations/:id', { schema: route.renameConversation }, async (request) =>
    renameConversation(core, requireUser(request).id, request.params.id, request.body.title),
  );
  r.delete('/conversations/:id', { schema: route.deleteConversation }, async (request, reply) => {
    await deleteConversation(core, requireUser(request).id, request.params.id);
    return reply.status(204).send(null);
  });
}

function messageRoutes(app: FastifyInstance, core: ProductContext, streams: ReplyStreams) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/conversations/:id/messages', { schema: route.listMessages }, async (request) =>
    convo.listMessages(core, requireUser(request).id, request.params.id, {
      ...request.query,
      limit: request.query.limit ?? DEFAULT_PAGE_SIZE,
    }),
  );
  r.post('/conversations/:id/messages', { schema: route.sendMessage }, async (request, reply) =>
    streamReply(core, streams, request, reply, await sendMessage(core, requireUser(request).id, request.params.id, request.body.content)),
  );
  r.post('/conversations/:id/messages/:messageId/reply', { schema: route.retryReply }, async (request, reply) =>
    streamReply(
      core,
      streams,
      request,
      reply,
      await retryReply(core, requireUser(request).id, request.params.id, request.params.messageId),
    ),
  );
  r.post('/conversations/:id/stop', { schema: route.stopReply }, async (request) =>
    stopReply(core, streams, requireUser(request).id, request.params.id),
  );
}

function replyRoutes(app: FastifyInstance, core: ProductContext, streams: ReplyStreams) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/messages/:id/regenerate', { schema: route.regenerateReply }, async (request, reply) =>
    streamReply(core, streams, request, reply, await regenerateReply(core, requireUser(request).id, request.params.id)),
  );
  r.patch('/messages/:id', { schema: route.editMessage }, async (request, reply) =>
    streamReply(core, streams, request, reply, await editMessage(core, requireUser(request).id, request.params.id, request.body.content)),
  );
}

function branchRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/messages/:id/branches', { schema: route.listBranches }, async (request) =>
    convo.branchesOf(core, (await convo.ownMessage(core, requireUser(request).id, request.params.id)).message),
  );
  r.post('/messages/:id/activate', { schema: route.activateMessageBranch }, async (request, reply) => {
    await activateMessageBranch(core, requireUser(request).id, request.params.id);
    return reply.status(204).send(null);
  });
  r.put('/messages/:id/feedback', { schema: route.rateReply }, async (request) =>
    rateReply(core, requireUser(request).id, request.params.id, request.body.rating, request.body.comment ?? null),
  );
}

function usageRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/usage', { schema: route.readUsage }, async (request) => readUsage(core, requireUser(request).id, request.query));
}
