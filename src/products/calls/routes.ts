import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ProductContext } from '../../core/product.js';
import { requireUser } from '../../core/identity/access.js';
import { AppError } from '../../core/http/errors.js';
import { errorResponses, IdParams, NoContent } from '../../core/http/schemas.js';
import { DEFAULT_PAGE_SIZE, pageOf } from '../../core/http/pagination.js';
import { AUDIO_KINDS } from '../../core/files/content-types.js';
import { uploadBody } from '../../core/files/upload-parsers.js';
import * as personaStore from './personas.js';
import * as calls from './call-sessions.js';
import * as training from './training.js';
import { listTurns, say, sayAudio, turnView } from './conversation.js';
import { getSettings, settingsView, updateSettings } from './settings.js';
import {
  Call,
  CallLog,
  Consent,
  ConsentBody,
  CreatePersonaBody,
  DeletedPersona,
  Exchange,
  HangupQuery,
  ListCallsQuery,
  ListLogsQuery,
  Persona,
  SayBody,
  Settings,
  StartCallBody,
  Training,
  Turn,
  UpdatePersonaBody,
  UpdateSettingsBody,
  VoiceFile,
  VoiceParams,
} from './contract.js';

const exchangeView = (e: Awaited<ReturnType<typeof say>>): Exchange => ({
  userTurn: turnView(e.userTurn),
  personaTurn: turnView(e.personaTurn),
});
const AUDIO_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/webm', 'audio/mpeg', 'audio/ogg', 'audio/mp4'];

export function callsRoutes(root: FastifyInstance, core: ProductContext) {
  // Training status arrives by the engine's webhook, inside the transaction that records its delivery.
  core.ai.onTrainingStatus(async (tx, job) => {
    await training.applyTrainingStatus(core, tx, job);
  });

  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['calls'];

  app.get(
    '/settings',
    { schema: { tags, summary: 'My call settings (created with defaults on first use)', response: { 200: Settings } } },
    async (request) => settingsView(await getSettings(core, requireUser(request).id)),
  );
  app.patch(
    '/settings',
    {
      schema: {
        tags,
        summary: 'Change my call settings',
        body: UpdateSettingsBody,
        response: { 200: Settings, ...errorResponses(400) },
      },
    },
    async (request) => settingsView(await updateSettings(core, requireUser(request).id, request.body)),
  );

  app.post(
    '/personas',
    {
      schema: {
        tags,
        summary: 'Add a persona to my phonebook (name and number are stored encrypted)',
        body: CreatePersonaBody,
        response: { 201: Persona, ...errorResponses(400, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(personaStore.personaView(core, await personaStore.createPersona(core, requireUser(request).id, request.body))),
  );

  app.get('/personas', { schema: { tags, summary: 'My live personas', response: { 200: Type.Array(Persona) } } }, async (request) =>
    personaStore.listPersonas(core, requireUser(request).id),
  );

  app.get(
    '/personas/deleted',
    {
      schema: {
        tags,
        summary: `My deleted personas that can still be restored (within ${personaStore.RESTORE_DAYS} days)`,
        response: { 200: Type.Array(DeletedPersona) },
      },
    },
    async (request) => personaStore.listDeletedPersonas(core, requireUser(request).id),
  );

  app.get(
    '/personas/:id',
    { schema: { tags, summary: 'One of my personas', params: IdParams, response: { 200: Persona, ...errorResponses(404) } } },
    async (request) => personaStore.personaView(core, await personaStore.ownPersona(core, requireUser(request).id, request.params.id)),
  );

  app.patch(
    '/personas/:id',
    {
      schema: {
        tags,
        summary: 'Edit a persona',
        params: IdParams,
        body: UpdatePersonaBody,
        response: { 200: Persona, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) =>
      personaStore.personaView(core, await personaStore.updatePersona(core, requireUser(request).id, request.params.id, request.body)),
  );

  app.delete(
    '/personas/:id',
    {
      schema: {
        tags,
        summary: `Delete a persona (restorable for ${personaStore.RESTORE_DAYS} days, then purged with its voice files and calls)`,
        params: IdParams,
        response: { 204: NoContent, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      await personaStore.deletePersona(core, requireUser(request).id, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/personas/:id/restore',
    {
      schema: {
        tags,
        summary: 'Restore a deleted persona within the grace period',
        params: IdParams,
        response: { 200: Persona, ...errorResponses(404, 409) },
      },
    },
    async (request) => personaStore.personaView(core, await personaStore.restorePersona(core, requireUser(request).id, request.params.id)),
  );

  app.post(
    '/personas/:id/voice-files',
    {
      schema: {
        tags,
        summary:
          'Upload a recording of the persona’s voice (multipart `file`, or the raw audio with X-File-Name); it is handed to the voice engine',
        params: IdParams,
        body: uploadBody(AUDIO_KINDS),
        response: { 201: VoiceFile, ...errorResponses(400, 404, 413, 415, 502, 503) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await personaStore.ownPersona(core, user.id, request.params.id);
      const file = await core.files.receive(request, { product: 'calls', purpose: 'voice-sample', accept: AUDIO_KINDS });
      return reply.status(201).send(await personaStore.addVoiceFile(core, user.id, request.params.id, file.id));
    },
  );

  app.get(
    '/personas/:id/voice-files',
    {
      schema: {
        tags,
        summary: 'The persona’s voice recordings',
        params: IdParams,
        response: { 200: Type.Array(VoiceFile), ...errorResponses(404) },
      },
    },
    async (request) => personaStore.listVoiceFiles(core, requireUser(request).id, request.params.id),
  );

  app.get(
    '/personas/:id/voice-files/:voiceId',
    {
      schema: {
        tags,
        summary: 'One voice recording (its bytes: GET /v1/files/{fileId}/content)',
        params: VoiceParams,
        response: { 200: VoiceFile, ...errorResponses(404) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const row = await personaStore.ownVoiceFile(core, user.id, request.params.id, request.params.voiceId);
      const file = await core.files.find(row.fileId);
      return personaStore.voiceView(core, row, file?.originalName ?? null, file?.contentType ?? null);
    },
  );

  app.delete(
    '/personas/:id/voice-files/:voiceId',
    {
      schema: {
        tags,
        summary: 'Delete a voice recording and its file',
        params: VoiceParams,
        response: { 204: NoContent, ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      await personaStore.deleteVoiceFile(core, requireUser(request).id, request.params.id, request.params.voiceId);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/personas/:id/consent',
    {
      schema: {
        tags,
        summary: 'Record who gave the voice and my statement that I may use it (required before training)',
        params: IdParams,
        body: ConsentBody,
        response: { 200: Consent, ...errorResponses(400, 404) },
      },
    },
    async (request) => personaStore.giveConsent(core, requireUser(request).id, request.params.id, request.body),
  );

  app.get(
    '/personas/:id/consent',
    { schema: { tags, summary: 'The recorded voice consent', params: IdParams, response: { 200: Consent, ...errorResponses(404) } } },
    async (request) => personaStore.getConsent(core, requireUser(request).id, request.params.id),
  );

  app.post(
    '/personas/:id/training',
    {
      schema: {
        tags,
        summary:
          'Start training the persona’s voice (needs consent and a voice file; progress arrives by engine webhook; a notification when it completes)',
        params: IdParams,
        response: { 202: Training, ...errorResponses(404, 409, 422, 502, 503) },
      },
    },
    async (request, reply) =>
      reply.status(202).send(training.trainingView(await training.startTraining(core, requireUser(request).id, request.params.id), null)),
  );

  app.get(
    '/personas/:id/training',
    {
      schema: {
        tags,
        summary: 'The training status, refreshed from the engine',
        params: IdParams,
        response: { 200: Training, ...errorResponses(404, 502, 503) },
      },
    },
    async (request) => training.refreshTraining(core, requireUser(request).id, request.params.id),
  );

  app.delete(
    '/personas/:id/training',
    {
      schema: {
        tags,
        summary: 'Cancel the training in progress',
        params: IdParams,
        response: { 200: Training, ...errorResponses(404, 409, 502, 503) },
      },
    },
    async (request) => training.cancelTraining(core, requireUser(request).id, request.params.id),
  );

  app.post(
    '/sessions',
    {
      schema: {
        tags,
        summary: 'Start a call to a persona (INIT); events stream on call:<id>',
        body: StartCallBody,
        response: { 201: Call, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(calls.sessionView(core, await calls.createCall(core, requireUser(request).id, request.body.personaId))),
  );

  app.get(
    '/sessions',
    {
      schema: {
        tags,
        summary: 'My calls, newest first; `status` keeps one state (ACTIVE: the calls still open, to end one that was left behind)',
        querystring: ListCallsQuery,
        response: { 200: pageOf(Call), ...errorResponses(400) },
      },
    },
    async (request) =>
      calls.listCalls(core, requireUser(request).id, {
        status: request.query.status,
        cursor: request.query.cursor,
        limit: request.query.limit ?? DEFAULT_PAGE_SIZE,
      }),
  );

  app.get(
    '/sessions/:id',
    { schema: { tags, summary: 'A call', params: IdParams, response: { 200: Call, ...errorResponses(404) } } },
    async (request) => calls.sessionView(core, await calls.ownSession(core, requireUser(request).id, request.params.id)),
  );

  app.post(
    '/sessions/:id/dial',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: Call, ...errorResponses(400, 404, 409) },
        summary: 'Dial: INIT → CONNECTING (ends by itself after my call_timeout_seconds)',
      },
    },
    async (request) =>
      calls.sessionView(core, await calls.transition(core, requireUser(request).id, request.params.id, { to: 'CONNECTING' })),
  );
  app.post(
    '/sessions/:id/answer',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: Call, ...errorResponses(400, 404, 409) },
        summary: 'The persona answers: CONNECTING → ACTIVE (only with COMPLETED training; one ACTIVE call per persona)',
      },
    },
    async (request) => calls.sessionView(core, await calls.transition(core, requireUser(request).id, request.params.id, { to: 'ACTIVE' })),
  );
  app.post(
    '/sessions/:id/hangup',
    {
      schema: {
        tags,
        params: IdParams,
        summary: 'End the call: → ENDED (INIT, CONNECTING or ACTIVE); its call log is written in the same transaction',
        querystring: HangupQuery,
        response: { 200: Call, ...errorResponses(400, 404, 409) },
      },
    },
    async (request) =>
      calls.sessionView(
        core,
        await calls.transition(core, requireUser(request).id, request.params.id, {
          to: 'ENDED',
          reason: request.query.reason ?? 'user_hangup',
        }),
      ),
  );

  app.get(
    '/sessions/:id/turns',
    { schema: { tags, summary: 'The call’s transcript', params: IdParams, response: { 200: Type.Array(Turn), ...errorResponses(404) } } },
    async (request) => listTurns(core, requireUser(request).id, request.params.id),
  );

  app.post(
    '/sessions/:id/turns',
    {
      schema: {
        tags,
        summary: 'Say something in an ACTIVE call; the persona answers (both turns also stream on call:<id>)',
        params: IdParams,
        body: SayBody,
        response: { 201: Exchange, ...errorResponses(400, 404, 409, 429, 502, 503) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(exchangeView(await say(core, requireUser(request).id, request.params.id, { text: request.body.text }))),
  );

  app.post(
    '/sessions/:id/turns/audio',
    {
      schema: {
        tags,
        summary: 'Speak in an ACTIVE call: the clip (raw audio body) is kept, transcribed and answered',
        params: IdParams,
        body: uploadBody(AUDIO_KINDS),
        response: { 201: Exchange, ...errorResponses(400, 404, 409, 413, 415, 422, 429, 502, 503) },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const session = await calls.ownSession(core, user.id, request.params.id);
      if (session.status !== 'ACTIVE')
        throw new AppError('calls.call_not_active', 409, `the call is ${session.status}; talking needs an ACTIVE call`);
      const contentType = String(request.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim();
      if (!request.isMultipart() && !AUDIO_TYPES.includes(contentType))
        throw new AppError('files.unsupported_type', 415, `audio type ${contentType} is not accepted`);
      const clip = await core.files.receive(request, { product: 'calls', purpose: 'call-audio', accept: AUDIO_KINDS });
      try {
        return reply
          .status(201)
          .send(exchangeView(await sayAudio(core, user.id, session.id, { fileId: clip.id, contentType: clip.contentType })));
      } catch (err) {
        await core.files.deleteNow([clip.id]).catch(() => undefined);
        throw err;
      }
    },
  );

  app.get(
    '/logs',
    {
      schema: {
        tags,
        summary: 'My recent calls, newest first',
        querystring: ListLogsQuery,
        response: { 200: pageOf(CallLog), ...errorResponses(400) },
      },
    },
    async (request) =>
      calls.recentCalls(core, requireUser(request).id, { cursor: request.query.cursor, limit: request.query.limit ?? DEFAULT_PAGE_SIZE }),
  );

  app.get(
    '/logs/:id',
    { schema: { tags, summary: 'One call log', params: IdParams, response: { 200: CallLog, ...errorResponses(404) } } },
    async (request) => calls.logView(await calls.ownLog(core, requireUser(request).id, request.params.id)),
  );
}
