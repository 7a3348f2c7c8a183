import { Type, type Static } from 'typebox';
import { errorResponses, IdParams, NoContent, Nullable, Strict, Timestamp, Uuid } from '../../core/http/schemas.js';
import { PageQuery, pageOf } from '../../core/http/pagination.js';
import { AUDIO_KINDS } from '../../core/files/content-types.js';
import { uploadBody } from '../../core/files/upload-parsers.js';
import { TurnLatencySchema } from '../../core/voice/protocol.js';
import { RESTORE_DAYS } from './personas.js';

/** Why a call ended: the same words in call responses, call logs and the calls.call.ended webhook. */
export const EndedReason = Type.Union([
  Type.Literal('user_hangup'),
  Type.Literal('persona_hangup'),
  Type.Literal('timeout'),
  Type.Literal('error'),
  Type.Literal('cancelled'),
  Type.Literal('connection_lost'),
]);
export type EndedReason = Static<typeof EndedReason>;
export const LearningStatus = Type.Union([
  Type.Literal('NOT_STARTED'),
  Type.Literal('IN_PROGRESS'),
  Type.Literal('COMPLETED'),
  Type.Literal('FAILED'),
]);
export type LearningStatus = Static<typeof LearningStatus>;
export const CallStatus = Type.Union([Type.Literal('INIT'), Type.Literal('CONNECTING'), Type.Literal('ACTIVE'), Type.Literal('ENDED')]);
export type CallStatus = Static<typeof CallStatus>;
export const Speaker = Type.Union([Type.Literal('user'), Type.Literal('persona')]);
export type Speaker = Static<typeof Speaker>;
export const TrainingNeed = Type.Union([Type.Literal('voice_file'), Type.Literal('consent')]);
export type TrainingNeed = Static<typeof TrainingNeed>;

export const Settings = Type.Object({
  callTimeoutSeconds: Type.Integer({ description: 'How long a call may stay CONNECTING before it ends with ended_reason timeout' }),
  notificationEnabled: Type.Boolean({ description: 'Notify when voice training finishes' }),
  updatedAt: Timestamp,
});
export type Settings = Static<typeof Settings>;
export const Persona = Type.Object({
  id: Uuid,
  name: Type.String(),
  phoneNumber: Type.String(),
  relationship: Nullable(Type.String()),
  profileImageFileId: Nullable(Uuid),
  memo: Nullable(Type.String()),
  learningStatus: LearningStatus,
  lastTrainingJobId: Nullable(Type.String()),
  lastTrainingUpdatedAt: Nullable(Timestamp),
  trainingError: Nullable(Type.String()),
  isDeleted: Type.Boolean(),
  deletedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Persona = Static<typeof Persona>;
export const DeletedPersona = Type.Intersect([Persona, Type.Object({ restorableUntil: Timestamp })]);
export type DeletedPersona = Static<typeof DeletedPersona>;
export const VoiceFile = Type.Object({
  id: Uuid,
  personaId: Uuid,
  fileId: Uuid,
  fileName: Nullable(Type.String()),
  contentType: Nullable(Type.String()),
  fileSize: Type.Integer(),
  aiFileId: Nullable(Type.String({ description: "The engine's id of the uploaded file" })),
  uploadedAt: Timestamp,
});
export type VoiceFile = Static<typeof VoiceFile>;
export const Consent = Type.Object({ personaId: Uuid, voiceOwner: Type.String(), statement: Type.String(), consentedAt: Timestamp });
export type Consent = Static<typeof Consent>;
export const Training = Type.Object({
  personaId: Uuid,
  learningStatus: LearningStatus,
  jobId: Nullable(Type.String()),
  lastTrainingUpdatedAt: Nullable(Timestamp),
  error: Nullable(Type.String()),
  engine: Nullable(Type.Object({ status: Type.String(), progress: Type.Integer() })),
  missing: Type.Array(TrainingNeed, {
    description:
      'What a start would be refused for: voice_file (no uploaded recording the engine holds), consent (no recorded consent); empty once training can start',
  }),
});
export type Training = Static<typeof Training>;
/** A call; also the `call.status` event on call:<id>. */
export const Call = Type.Object({
  id: Uuid,
  personaId: Uuid,
  status: CallStatus,
  dialedAt: Nullable(Timestamp),
  startedAt: Nullable(Timestamp),
  endedAt: Nullable(Timestamp),
  endedReason: Nullable(EndedReason),
  durationSeconds: Nullable(Type.Integer({ description: 'Computed from startedAt and endedAt (or now while ACTIVE)' })),
  createdAt: Timestamp,
});
export type Call = Static<typeof Call>;
/** A turn of a call; also the `turn.created` event on call:<id>. */
export const Turn = Type.Object({
  id: Uuid,
  callSessionId: Uuid,
  seq: Type.Integer(),
  speaker: Speaker,
  text: Type.String(),
  audioFileId: Nullable(Uuid),
  audioError: Nullable(Type.String({ description: 'Why a persona turn has no audio' })),
  latency: Type.Object({ sttMs: Nullable(Type.Integer()), modelMs: Nullable(Type.Integer()), ttsMs: Nullable(Type.Integer()) }),
  interrupted: Type.Boolean({ description: 'A spoken reply the caller talked over: text is what was heard' }),
  stages: Nullable(TurnLatencySchema),
  createdAt: Timestamp,
});
export type Turn = Static<typeof Turn>;
export const Exchange = Type.Object({ userTurn: Turn, personaTurn: Turn });
export type Exchange = Static<typeof Exchange>;
export const CallLog = Type.Object({
  id: Uuid,
  personaId: Uuid,
  callSessionId: Uuid,
  startedAt: Timestamp,
  endedAt: Timestamp,
  durationSeconds: Type.Integer(),
  endedReason: EndedReason,
});
export type CallLog = Static<typeof CallLog>;

export const VoiceParams = Strict({ id: Uuid, voiceId: Uuid });
export type VoiceParams = Static<typeof VoiceParams>;
export const UpdateSettingsBody = Strict({
  callTimeoutSeconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 3600 })),
  notificationEnabled: Type.Optional(Type.Boolean()),
});
export type UpdateSettingsBody = Static<typeof UpdateSettingsBody>;
const PersonaFields = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  phoneNumber: Type.String({ minLength: 3, maxLength: 30, pattern: '^[+0-9 ()./-]+$' }),
  relationship: Type.Optional(Nullable(Type.String({ maxLength: 50 }))),
  memo: Type.Optional(Nullable(Type.String({ maxLength: 5000, description: 'What the AI should know to talk as this person' }))),
  profileImageFileId: Type.Optional(Nullable(Uuid)),
};
export const CreatePersonaBody = Strict(PersonaFields);
export type CreatePersonaBody = Static<typeof CreatePersonaBody>;
export const UpdatePersonaBody = Strict({
  ...PersonaFields,
  name: Type.Optional(PersonaFields.name),
  phoneNumber: Type.Optional(PersonaFields.phoneNumber),
});
export type UpdatePersonaBody = Static<typeof UpdatePersonaBody>;
export const ConsentBody = Strict({
  voiceOwner: Type.String({ minLength: 1, maxLength: 200, description: 'Whose voice the recordings are' }),
  statement: Type.String({ minLength: 10, maxLength: 2000, description: 'The uploader’s statement of the right to use the voice' }),
});
export type ConsentBody = Static<typeof ConsentBody>;
export const StartCallBody = Strict({ personaId: Uuid });
export type StartCallBody = Static<typeof StartCallBody>;
export const ListCallsQuery = Strict({
  ...PageQuery,
  status: Type.Optional(
    Type.Unsafe<CallStatus>({
      type: 'string',
      enum: CallStatus.anyOf.map((status) => status.const),
      description: 'Only calls in this state',
    }),
  ),
});
export type ListCallsQuery = Static<typeof ListCallsQuery>;
export const HangupQuery = Strict({
  reason: Type.Optional(
    Type.Union([Type.Literal('user_hangup'), Type.Literal('persona_hangup'), Type.Literal('cancelled'), Type.Literal('error')], {
      default: 'user_hangup',
    }),
  ),
});
export type HangupQuery = Static<typeof HangupQuery>;
export const SayBody = Strict({ text: Type.String({ minLength: 1, maxLength: 4000 }) });
export type SayBody = Static<typeof SayBody>;
export const ListLogsQuery = Strict(PageQuery);
export type ListLogsQuery = Static<typeof ListLogsQuery>;

/** The calls.call.ended webhook: the persona's name and the words said stay in Talkbase. */
export const CallEndedPayload = Type.Object(
  {
    callId: Uuid,
    personaId: Uuid,
    userId: Uuid,
    endedReason: EndedReason,
    startedAt: Nullable(Timestamp),
    endedAt: Timestamp,
    durationSeconds: Type.Integer({ minimum: 0, description: '0 when the call never connected' }),
  },
  { additionalProperties: false },
);
export type CallEndedPayload = Static<typeof CallEndedPayload>;
/** The calls.voice.training_completed webhook. */
export const TrainingCompletedPayload = Type.Object(
  { personaId: Uuid, userId: Uuid, trainingJobId: Type.String(), trainedVoiceId: Nullable(Type.String()), completedAt: Timestamp },
  { additionalProperties: false },
);
export type TrainingCompletedPayload = Static<typeof TrainingCompletedPayload>;
/** The calls.voice.training_failed webhook. */
export const TrainingFailedPayload = Type.Object(
  { personaId: Uuid, userId: Uuid, trainingJobId: Type.String(), error: Type.String(), failedAt: Timestamp },
  { additionalProperties: false },
);
export type TrainingFailedPayload = Static<typeof TrainingFailedPayload>;

const tags = ['calls'];

/** Each route's schema (summary, parameters, body, responses), by the operation it serves; routes.ts maps them to HTTP. */
export const routeSchemas = {
  // GET /settings
  readSettings: { tags, summary: 'My call settings (created with defaults on first use)', response: { 200: Settings } },
  // PATCH /settings
  updateSettings: {
    tags,
    summary: 'Change my call settings',
    body: UpdateSettingsBody,
    response: { 200: Settings, ...errorResponses(400) },
  },
  // POST /personas
  createPersona: {
    tags,
    summary: 'Add a persona to my phonebook (name and number are stored encrypted)',
    body: CreatePersonaBody,
    response: { 201: Persona, ...errorResponses(400, 409) },
  },
  // GET /personas
  listPersonas: { tags, summary: 'My live personas', response: { 200: Type.Array(Persona) } },
  // GET /personas/deleted
  listDeletedPersonas: {
    tags,
    summary: `My deleted personas that can still be restored (within ${RESTORE_DAYS} days)`,
    response: { 200: Type.Array(DeletedPersona) },
  },
  // GET /personas/:id
  getPersona: { tags, summary: 'One of my personas', params: IdParams, response: { 200: Persona, ...errorResponses(404) } },
  // PATCH /personas/:id
  updatePersona: {
    tags,
    summary: 'Edit a persona',
    params: IdParams,
    body: UpdatePersonaBody,
    response: { 200: Persona, ...errorResponses(400, 404, 409) },
  },
  // DELETE /personas/:id
  deletePersona: {
    tags,
    summary: `Delete a persona (restorable for ${RESTORE_DAYS} days, then purged with its voice files and calls)`,
    params: IdParams,
    response: { 204: NoContent, ...errorResponses(404) },
  },
  // POST /personas/:id/restore
  restorePersona: {
    tags,
    summary: 'Restore a deleted persona within the grace period',
    params: IdParams,
    response: { 200: Persona, ...errorResponses(404, 409) },
  },
  // POST /personas/:id/voice-files
  uploadVoiceFile: {
    tags,
    summary:
      'Upload a recording of the persona’s voice (multipart `file`, or the raw audio with X-File-Name); it is handed to the voice engine',
    params: IdParams,
    body: uploadBody(AUDIO_KINDS),
    response: { 201: VoiceFile, ...errorResponses(400, 404, 413, 415, 502, 503) },
  },
  // GET /personas/:id/voice-files
  listVoiceFiles: {
    tags,
    summary: 'The persona’s voice recordings',
    params: IdParams,
    response: { 200: Type.Array(VoiceFile), ...errorResponses(404) },
  },
  // GET /personas/:id/voice-files/:voiceId
  getVoiceFile: {
    tags,
    summary: 'One voice recording (its bytes: GET /v1/files/{fileId}/content)',
    params: VoiceParams,
    response: { 200: VoiceFile, ...errorResponses(404) },
  },
  // DELETE /personas/:id/voice-files/:voiceId
  deleteVoiceFile: {
    tags,
    summary: 'Delete a voice recording and its file',
    params: VoiceParams,
    response: { 204: NoContent, ...errorResponses(404) },
  },
  // PUT /personas/:id/consent
  recordConsent: {
    tags,
    summary: 'Record who gave the voice and my statement that I may use it (required before training)',
    params: IdParams,
    body: ConsentBody,
    response: { 200: Consent, ...errorResponses(400, 404) },
  },
  // GET /personas/:id/consent
  getConsent: { tags, summary: 'The recorded voice consent', params: IdParams, response: { 200: Consent, ...errorResponses(404) } },
  // POST /personas/:id/training
  startTraining: {
    tags,
    summary:
      'Start training the persona’s voice (needs consent and a voice file; progress arrives by engine webhook; a notification when it completes)',
    params: IdParams,
    response: { 202: Training, ...errorResponses(404, 409, 422, 502, 503) },
  },
  // GET /personas/:id/training
  refreshTraining: {
    tags,
    summary: 'The training status, refreshed from the engine',
    params: IdParams,
    response: { 200: Training, ...errorResponses(404, 502, 503) },
  },
  // DELETE /personas/:id/training
  cancelTraining: {
    tags,
    summary: 'Cancel the training in progress',
    params: IdParams,
    response: { 200: Training, ...errorResponses(404, 409, 502, 503) },
  },
  // POST /sessions
  startCall: {
    tags,
    summary: 'Start a call to a persona (INIT); events stream on call:<id>',
    body: StartCallBody,
    response: { 201: Call, ...errorResponses(400, 404) },
  },
  // GET /sessions
  listCalls: {
    tags,
    summary: 'My calls, newest first; `status` keeps one state (ACTIVE: the calls still open, to end one that was left behind)',
    querystring: ListCallsQuery,
    response: { 200: pageOf(Call), ...errorResponses(400) },
  },
  // GET /sessions/:id
  getCall: { tags, summary: 'A call', params: IdParams, response: { 200: Call, ...errorResponses(404) } },
  // POST /sessions/:id/dial
  dialCall: {
    tags,
    params: IdParams,
    response: { 200: Call, ...errorResponses(400, 404, 409) },
    summary: 'Dial: INIT → CONNECTING (ends by itself after my call_timeout_seconds)',
  },
  // POST /sessions/:id/answer
  answerCall: {
    tags,
    params: IdParams,
    response: { 200: Call, ...errorResponses(400, 404, 409) },
    summary: 'The persona answers: CONNECTING → ACTIVE (only with COMPLETED training; one ACTIVE call per persona)',
  },
  // POST /sessions/:id/hangup
  endCall: {
    tags,
    params: IdParams,
    summary: 'End the call: → ENDED (INIT, CONNECTING or ACTIVE); its call log is written in the same transaction',
    querystring: HangupQuery,
    response: { 200: Call, ...errorResponses(400, 404, 409) },
  },
  // GET /sessions/:id/turns
  listTurns: { tags, summary: 'The call’s transcript', params: IdParams, response: { 200: Type.Array(Turn), ...errorResponses(404) } },
  // POST /sessions/:id/turns
  sayInCall: {
    tags,
    summary: 'Say something in an ACTIVE call; the persona answers (both turns also stream on call:<id>)',
    params: IdParams,
    body: SayBody,
    response: { 201: Exchange, ...errorResponses(400, 404, 409, 429, 502, 503) },
  },
  // POST /sessions/:id/turns/audio
  speakInCall: {
    tags,
    summary: 'Speak in an ACTIVE call: the clip (raw audio body) is kept, transcribed and answered',
    params: IdParams,
    body: uploadBody(AUDIO_KINDS),
    response: { 201: Exchange, ...errorResponses(400, 404, 409, 413, 415, 422, 429, 502, 503) },
  },
  // GET /logs
  listCallLogs: {
    tags,
    summary: 'My recent calls, newest first',
    querystring: ListLogsQuery,
    response: { 200: pageOf(CallLog), ...errorResponses(400) },
  },
  // GET /logs/:id
  getCallLog: { tags, summary: 'One call log', params: IdParams, response: { 200: CallLog, ...errorResponses(404) } },
};
