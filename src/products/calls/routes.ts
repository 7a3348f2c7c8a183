import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ProductContext } from '../../core/product.js';
import { requireUser } from '../../core/identity/access.js';
import { errorResponses, IdParams, NoContent } from '../../core/http/schemas.js';
import { pageOf } from '../../core/http/pagination.js';
import { AUDIO_KINDS } from '../../core/files/content-types.js';
import { uploadBody } from '../../core/files/upload-parsers.js';
import * as c from './contract.js';
import { RESTORE_DAYS } from './personas.js';
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

const tags = ['calls'];
const userId = (request: Parameters<typeof requireUser>[0]) => requireUser(request).id;

export function callsRoutes(app: FastifyInstance, core: ProductContext) {
  // Training status arrives by the engine's webhook, inside the transaction that records its delivery.
  core.ai.onTrainingStatus(async (tx, job) => {
    await applyTrainingStatus(core, tx, job);
  });
  settingsRoutes(app, core);
  personaRoutes(app, core);
  voiceFileRoutes(app, core);
  trainingRoutes(app, core);
  callRoutes(app, core);
  turnRoutes(app, core);
  logRoutes(app, core);
}

function settingsRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/settings',
    { schema: { tags, summary: 'My call settings (created with defaults on first use)', response: { 200: c.Settings } } },
    async (request) => readSettings(core, userId(request)),
  );
  r.patch(
    '/settings',
    {
      schema: {
        tags,
        summary: 'Change my call settings',
        body: c.UpdateSettingsBody,
        response: { 200: c.Settings, ...errorResponses(400) },
      },
    },
    async (request) => updateSettings(core, userId(request), request.body),
  );
}

function personaRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/personas',
    {
      schema: {
        tags,
        summary: 'Add a persona to my phonebook (name and number are stored encrypted)',
        body: c.CreatePersonaBody,
        response: { 201: c.Persona, ...errorResponses(400, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await createPersona(core, userId(request), request.body)),
  );
  r.get('/personas', { schema: { tags, summary: 'My live personas', response: { 200: Type.Array(c.Persona) } } }, async (request) =>
    listPersonas(core, userId(request)),
  );
  r.get(
    '/personas/deleted',
    {
      schema: {
        tags,
        summary: `My deleted personas that can still be restored (within ${RESTORE_DAYS} days)`,
        response: { 200: Type.Array(c.DeletedPersona) },
      },
    },
    async (request) => listDeletedPersonas(core, userId(request)),
  );
  r.get(
    '/personas/:id',
    { schema: { tags, summary: 'One of my personas', params: IdParams, response: { 200: c.Persona, ...errorResponses(404) } } },
    async (request) => getPersona(core, userId(request), request.params.id),
  );
  r.patch(
    '/personas/:id',
    {
      schema: {
        tags,
        summary: 'Edit a persona',
        params: IdParams,
        body: c.UpdatePersonaBody,
        response: { 200: c.Persona, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => updatePersona(core, userId(request), request.params.id, request.body),
  );
  r.delete(
    '/personas/:id',
    {
      schema: {
        tags,
        summary: `Delete a persona (restorable for ${RESTORE_DAYS} days, then purged with its voice files and calls)`,
        params: IdParams,
        response: { 204: NoContent, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      await deletePersona(core, userId(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
  r.post(
    '/personas/:id/restore',
    {
      schema: {
        tags,
        summary: 'Restore a deleted persona within the grace period',
        params: IdParams,
        response: { 200: c.Persona, ...errorResponses(404, 409) },
      },
    },
    async (request) => restorePersona(core, userId(request), request.params.id),
  );
}

function voiceFileRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/personas/:id/voice-files',
    {
      schema: {
        tags,
        summary:
          'Upload a recording of the persona’s voice (multipart `file`, or the raw audio with X-File-Name); it is handed to the voice engine',
        params: IdParams,
        body: uploadBody(AUDIO_KINDS),
        response: { 201: c.VoiceFile, ...errorResponses(400, 404, 413, 415, 502, 503) },
      },
    },
    async (request, reply) => reply.status(201).send(await uploadVoiceFile(core, userId(request), request.params.id, request)),
  );
  r.get(
    '/personas/:id/voice-files',
    {
      schema: {
        tags,
        summary: 'The persona’s voice recordings',
        params: IdParams,
        response: { 200: Type.Array(c.VoiceFile), ...errorResponses(404) },
      },
    },
    async (request) => listVoiceFiles(core, userId(request), request.params.id),
  );
  r.get(
    '/personas/:id/voice-files/:voiceId',
    {
      schema: {
        tags,
        summary: 'One voice recording (its bytes: GET /v1/files/{fileId}/content)',
        params: c.VoiceParams,
        response: { 200: c.VoiceFile, ...errorResponses(404) },
      },
    },
    async (request) => getVoiceFile(core, userId(request), request.params),
  );
  r.delete(
    '/personas/:id/voice-files/:voiceId',
    {
      schema: {
        tags,
        summary: 'Delete a voice recording and its file',
        params: c.VoiceParams,
        response: { 204: NoContent, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      await deleteVoiceFile(core, userId(request), request.params);
      return reply.status(204).send(null);
    },
  );
}

function trainingRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.put(
    '/personas/:id/consent',
    {
      schema: {
        tags,
        summary: 'Record who gave the voice and my statement that I may use it (required before training)',
        params: IdParams,
        body: c.ConsentBody,
        response: { 200: c.Consent, ...errorResponses(400, 404) },
      },
    },
    async (request) => recordConsent(core, userId(request), request.params.id, request.body),
  );
  r.get(
    '/personas/:id/consent',
    { schema: { tags, summary: 'The recorded voice consent', params: IdParams, response: { 200: c.Consent, ...errorResponses(404) } } },
    async (request) => getConsent(core, userId(request), request.params.id),
  );
  r.post(
    '/personas/:id/training',
    {
      schema: {
        tags,
        summary:
          'Start training the persona’s voice (needs consent and a voice file; progress arrives by engine webhook; a notification when it completes)',
        params: IdParams,
        response: { 202: c.Training, ...errorResponses(404, 409, 422, 502, 503) },
      },
    },
    async (request, reply) => reply.status(202).send(await startTraining(core, userId(request), request.params.id)),
  );
  r.get(
    '/personas/:id/training',
    {
      schema: {
        tags,
        summary: 'The training status, refreshed from the engine',
        params: IdParams,
        response: { 200: c.Training, ...errorResponses(404, 502, 503) },
      },
    },
    async (request) => refreshTraining(core, userId(request), request.params.id),
  );
  r.delete(
    '/personas/:id/training',
    {
      schema: {
        tags,
        summary: 'Cancel the training in progress',
        params: IdParams,
        response: { 200: c.Training, ...errorResponses(404, 409, 502, 503) },
      },
    },
    async (request) => cancelTraining(core, userId(request), request.params.id),
  );
}

function callRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.post(
    '/sessions',
    {
      schema: {
        tags,
        summary: 'Start a call to a persona (INIT); events stream on call:<id>',
        body: c.StartCallBody,
        response: { 201: c.Call, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => reply.status(201).send(await startCall(core, userId(request), request.body.personaId)),
  );
  r.get(
    '/sessions',
    {
      schema: {
        tags,
        summary: 'My calls, newest first; `status` keeps one state (ACTIVE: the calls still open, to end one that was left behind)',
        querystring: c.ListCallsQuery,
        response: { 200: pageOf(c.Call), ...errorResponses(400) },
      },
    },
    async (request) => listCalls(core, userId(request), request.query),
  );
  r.get(
    '/sessions/:id',
    { schema: { tags, summary: 'A call', params: IdParams, response: { 200: c.Call, ...errorResponses(404) } } },
    async (request) => getCall(core, userId(request), request.params.id),
  );
  r.post(
    '/sessions/:id/dial',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: c.Call, ...errorResponses(400, 404, 409) },
        summary: 'Dial: INIT → CONNECTING (ends by itself after my call_timeout_seconds)',
      },
    },
    async (request) => dialCall(core, userId(request), request.params.id),
  );
  r.post(
    '/sessions/:id/answer',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: c.Call, ...errorResponses(400, 404, 409) },
        summary: 'The persona answers: CONNECTING → ACTIVE (only with COMPLETED training; one ACTIVE call per persona)',
      },
    },
    async (request) => answerCall(core, userId(request), request.params.id),
  );
  r.post(
    '/sessions/:id/hangup',
    {
      schema: {
        tags,
        params: IdParams,
        summary: 'End the call: → ENDED (INIT, CONNECTING or ACTIVE); its call log is written in the same transaction',
        querystring: c.HangupQuery,
        response: { 200: c.Call, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) => endCall(core, userId(request), request.params.id, request.query.reason ?? 'user_hangup'),
  );
}

function turnRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/sessions/:id/turns',
    { schema: { tags, summary: 'The call’s transcript', params: IdParams, response: { 200: Type.Array(c.Turn), ...errorResponses(404) } } },
    async (request) => listTurns(core, userId(request), request.params.id),
  );
  r.post(
    '/sessions/:id/turns',
    {
      schema: {
        tags,
        summary: 'Say something in an ACTIVE call; the persona answers (both turns also stream on call:<id>)',
        params: IdParams,
        body: c.SayBody,
        response: { 201: c.Exchange, ...errorResponses(400, 404, 409, 429, 502, 503) },
      },
    },
    async (request, reply) => reply.status(201).send(await sayInCall(core, userId(request), request.params.id, request.body.text)),
  );
  r.post(
    '/sessions/:id/turns/audio',
    {
      schema: {
        tags,
        summary: 'Speak in an ACTIVE call: the clip (raw audio body) is kept, transcribed and answered',
        params: IdParams,
        body: uploadBody(AUDIO_KINDS),
        response: { 201: c.Exchange, ...errorResponses(400, 404, 409, 413, 415, 422, 429, 502, 503) },
      },
    },
    async (request, reply) => reply.status(201).send(await speakInCall(core, userId(request), request.params.id, request)),
  );
}

function logRoutes(app: FastifyInstance, core: ProductContext) {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/logs',
    {
      schema: {
        tags,
        summary: 'My recent calls, newest first',
        querystring: c.ListLogsQuery,
        response: { 200: pageOf(c.CallLog), ...errorResponses(400) },
      },
    },
    async (request) => listCallLogs(core, userId(request), request.query),
  );
  r.get(
    '/logs/:id',
    { schema: { tags, summary: 'One call log', params: IdParams, response: { 200: c.CallLog, ...errorResponses(404) } } },
    async (request) => getCallLog(core, userId(request), request.params.id),
  );
}
