import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ProductContext } from '../../core/product.js';
import { requireUser } from '../../core/identity/access.js';
import { routeSchemas as route } from './contract.js';
import { applyTrainingStatus } from './training.js';
import { readSettings } from './operations/read-settings.js';
import { updateSettings } from './operations/update-settings.js';
import { createPersona } from './operations/create-persona.js';
import { listPersonas } from './operations/list-personas.js';
import { listDeletedPersonas } from './operations/list-deleted-personas.js';
import { getPersona } from './operations/get-persona.js';
import { updatePersona } from './operations/update-persona.js';
import { deletePersona } from './operations/delete-persona.js';
import { restorePersona } from './operations/restore-persona.js';
import { uploadVoiceFile } from './operations/upload-voice-file.js';
import { listVoiceFiles } from './operations/list-voice-files.js';
import { getVoiceFile } from './operations/get-voice-file.js';
import { deleteVoiceFile } from './operations/delete-voice-file.js';
import { recordConsent } from './operations/record-consent.js';
import { getConsent } from './operations/get-consent.js';
import { startTraining } from './operations/start-training.js';
import { refreshTraining } from './operations/refresh-training.js';
import { cancelTraining } from './operations/cancel-training.js';
import { startCall } from './operations/start-call.js';
import { listCalls } from './operations/list-calls.js';
import { getCall } from './operations/get-call.js';
import { dialCall } from './operations/dial-call.js';
import { answerCall } from './operations/answer-call.js';
import { endCall } from './operations/end-call.js';
import { listTurns } from './operations/list-turns.js';
import { sayInCall } from './operations/say-in-call.js';
import { speakInCall } from './operations/speak-in-call.js';
import { listCallLogs } from './operations/list-call-logs.js';
import { getCallLog } from './operations/get-call-log.js';

const userId = (request: Parameters<typeof requireUser>[0]) => requireUser(request).id;

export function callsRoutes(app: FastifyInstance, core: ProductContext) {
  // Training status arrives by the engine's webhook, inside the transaction that records its delivery.
  core.ai.onTrainingStatus(async (tx, job) => {
    await applyTrainingStatus(core, tx, job);
  });
  settingsRoutes(app, core);
  personaRoutes(app, core);
  voiceRoutes(app, core);
  callRoutes(app, core);
  turnRoutes(app, core);
  logRoutes(app, core);
}

function settingsRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/settings', { schema: route.readSettings }, async (request) => readSettings(core, userId(request)));
  r.patch('/settings', { schema: route.updateSettings }, async (request) => updateSettings(core, userId(request), request.body));
}

function personaRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/personas', { schema: route.createPersona }, async (request, reply) =>
    reply.status(201).send(await createPersona(core, userId(request), request.body)),
  );
  r.get('/personas', { schema: route.listPersonas }, async (request) => listPersonas(core, userId(request)));
  r.get('/personas/deleted', { schema: route.listDeletedPersonas }, async (request) => listDeletedPersonas(core, userId(request)));
  r.get('/personas/:id', { schema: route.getPersona }, async (request) => getPersona(core, userId(request), request.params.id));
  r.patch('/personas/:id', { schema: route.updatePersona }, async (request) =>
    updatePersona(core, userId(request), request.params.id, request.body),
  );
  r.delete('/personas/:id', { schema: route.deletePersona }, async (request, reply) => {
    await deletePersona(core, userId(request), request.params.id);
    return reply.status(204).send(null);
  });
  r.post('/personas/:id/restore', { schema: route.restorePersona }, async (request) =>
    restorePersona(core, userId(request), request.params.id),
  );
}

/** The persona's voice: recordings, the consent to use them, and training. */
function voiceRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/personas/:id/voice-files', { schema: route.uploadVoiceFile }, async (request, reply) =>
    reply.status(201).send(await uploadVoiceFile(core, userId(request), request.params.id, request)),
  );
  r.get('/personas/:id/voice-files', { schema: route.listVoiceFiles }, async (request) =>
    listVoiceFiles(core, userId(request), request.params.id),
  );
  r.get('/personas/:id/voice-files/:voiceId', { schema: route.getVoiceFile }, async (request) =>
    getVoiceFile(core, userId(request), request.params),
  );
  r.delete('/personas/:id/voice-files/:voiceId', { schema: route.deleteVoiceFile }, async (request, reply) => {
    await deleteVoiceFile(core, userId(request), request.params);
    return reply.status(204).send(null);
  });
  r.put('/personas/:id/consent', { schema: route.recordConsent }, async (request) =>
    recordConsent(core, userId(request), request.params.id, request.body),
  );
  r.get('/personas/:id/consent', { schema: route.getConsent }, async (request) => getConsent(core, userId(request), request.params.id));
  r.post('/personas/:id/training', { schema: route.startTraining }, async (request, reply) =>
    reply.status(202).send(await startTraining(core, userId(request), request.params.id)),
  );
  r.get('/personas/:id/training', { schema: route.refreshTraining }, async (request) =>
    refreshTraining(core, userId(request), request.params.id),
  );
  r.delete('/personas/:id/training', { schema: route.cancelTraining }, async (request) =>
    cancelTraining(core, userId(request), request.params.id),
  );
}

function callRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post('/sessions', { schema: route.startCall }, async (request, reply) =>
    reply.status(201).send(await startCall(core, userId(request), request.body.personaId)),
  );
  r.get('/sessions', { schema: route.listCalls }, async (request) => listCalls(core, userId(request), request.query));
  r.get('/sessions/:id', { schema: route.getCall }, async (request) => getCall(core, userId(request), request.params.id));
  r.post('/sessions/:id/dial', { schema: route.dialCall }, async (request) => dialCall(core, userId(request), request.params.id));
  r.post('/sessions/:id/answer', { schema: route.answerCall }, async (request) => answerCall(core, userId(request), request.params.id));
  r.post('/sessions/:id/hangup', { schema: route.endCall }, async (request) =>
    endCall(core, userId(request), request.params.id, request.query.reason ?? 'user_hangup'),
  );
}

function turnRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/sessions/:id/turns', { schema: route.listTurns }, async (request) => listTurns(core, userId(request), request.params.id));
  r.post('/sessions/:id/turns', { schema: route.sayInCall }, async (request, reply) =>
    reply.status(201).send(await sayInCall(core, userId(request), request.params.id, request.body.text)),
  );
  r.post('/sessions/:id/turns/audio', { schema: route.speakInCall }, async (request, reply) =>
    reply.status(201).send(await speakInCall(core, userId(request), request.params.id, request)),
  );
}

function logRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get('/logs', { schema: route.listCallLogs }, async (request) => listCallLogs(core, userId(request), request.query));
  r.get('/logs/:id', { schema: route.getCallLog }, async (request) => getCallLog(core, userId(request), request.params.id));
}
