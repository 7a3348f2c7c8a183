import { Type, type Static } from 'typebox';

/**
 * The voice-training engine contract (an AiApiClient's uploadVoiceFile, createTrainingJob,
 * getJobStatus, cancelJob, with status changes by webhook), plus speech in a trained voice. The `engine`
 * provider is a client of it; an AI team builds a server of it from the document `engineContractDocument()`.
 */

export const TRAINING_STATUSES = ['QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;

export const EngineTrainingStatus = Type.Union(
  [Type.Literal('QUEUED'), Type.Literal('IN_PROGRESS'), Type.Literal('COMPLETED'), Type.Literal('FAILED'), Type.Literal('CANCELLED')],
  { description: 'QUEUED → IN_PROGRESS → COMPLETED | FAILED; CANCELLED from QUEUED or IN_PROGRESS' },
);

export const EngineUploadFileRequest = Type.Object(
  {
    personaId: Type.String({ minLength: 1, maxLength: 200 }),
    fileUrl: Type.String({
      minLength: 1,
      maxLength: 4096,
      description: 'A short-lived signed URL the engine downloads the recording from',
    }),
    fileName: Type.Optional(Type.String({ maxLength: 500 })),
    contentType: Type.Optional(Type.String({ maxLength: 200 })),
    fileSize: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const EngineUploadFileResponse = Type.Object({ fileId: Type.String({ minLength: 1 }) }, {});

export const EngineCreateJobRequest = Type.Object(
  {
    personaId: Type.String({ minLength: 1, maxLength: 200 }),
    fileIds: Type.Array(Type.String({ minLength: 1 }), { minItems: 1, maxItems: 200 }),
    callbackUrl: Type.String({ minLength: 1, description: 'Where the engine POSTs training.status_changed webhooks' }),
  },
  { additionalProperties: false },
);

export const EngineTrainingJob = Type.Object(
  {
    jobId: Type.String({ minLength: 1 }),
    personaId: Type.String(),
    status: EngineTrainingStatus,
    progress: Type.Integer({ minimum: 0, maximum: 100 }),
    trainedVoiceId: Type.Optional(
      Type.Union([Type.String(), Type.Null()], { description: 'Set when COMPLETED; used for speech in this voice' }),
    ),
    error: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  {},
);

export const EngineSpeechRequest = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 4096 }),
    voiceId: Type.Optional(Type.String({ description: 'A trainedVoiceId, or an engine voice name' })),
    format: Type.Union([Type.Literal('wav'), Type.Literal('mp3')]),
  },
  { additionalProperties: false },
);

export const EngineWebhookEvent = Type.Object(
  {
    type: Type.Literal('training.status_changed'),
    timestamp: Type.String({ format: 'date-time' }),
    data: EngineTrainingJob,
  },
  {
    description:
      'POSTed to the job’s callbackUrl on every status change, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature: v1,base64 HMAC-SHA256 of "id.timestamp.body" with the shared whsec_ secret). Retry on any non-2xx answer with the same webhook-id.',
  },
);

export type EngineTrainingJobBody = Static<typeof EngineTrainingJob>;
export type EngineWebhookEventBody = Static<typeof EngineWebhookEvent>;

/** The contract's schemas by component name; nested schemas are inlined, so none carries an `$id`. */
export const ENGINE_CONTRACT_SCHEMAS: Record<string, object> = {
  AiEngineTrainingStatus: EngineTrainingStatus,
  AiEngineUploadFileRequest: EngineUploadFileRequest,
  AiEngineUploadFileResponse: EngineUploadFileResponse,
  AiEngineCreateJobRequest: EngineCreateJobRequest,
  AiEngineTrainingJob: EngineTrainingJob,
  AiEngineSpeechRequest: EngineSpeechRequest,
  AiEngineWebhookEvent: EngineWebhookEvent,
};

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (id: string) => ({ content: { 'application/json': { schema: ref(id) } } });
const problem = {
  description: 'Error (application/problem+json)',
  content: { 'application/problem+json': { schema: { type: 'object' } } },
};

/** The OpenAPI 3.1 document an external voice-training engine implements. */
export function engineContractDocument(version: string) {
  const jobId = { name: 'jobId', in: 'path', required: true, schema: { type: 'string' } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Talkbase voice-training engine contract',
      version,
      description:
        'What an AI engine implements so Talkbase can train and use persona voices (AI_VOICE_PROVIDER=engine, AI_ENGINE_URL). Requests carry `Authorization: Bearer AI_ENGINE_TOKEN`. Status changes are sent to the callbackUrl as signed webhooks (see `webhooks`).',
    },
    components: {
      schemas: JSON.parse(JSON.stringify(ENGINE_CONTRACT_SCHEMAS)) as Record<string, object>,
      securitySchemes: { engineToken: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ engineToken: [] }],
    paths: {
      '/v1/files': {
        post: {
          operationId: 'uploadVoiceFile',
          summary:
            'Register a voice recording for a persona; the engine fetches fileUrl. The same personaId and fileUrl return the same fileId.',
          requestBody: { required: true, ...json('AiEngineUploadFileRequest') },
          responses: {
            201: { description: 'Registered', ...json('AiEngineUploadFileResponse') },
            200: { description: 'Already registered', ...json('AiEngineUploadFileResponse') },
            400: problem,
            401: problem,
          },
        },
      },
      '/v1/training-jobs': {
        post: {
          operationId: 'createTrainingJob',
          summary: 'Start training a voice from uploaded files. A repeated Idempotency-Key returns the job it created.',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', maxLength: 200 } }],
          requestBody: { required: true, ...json('AiEngineCreateJobRequest') },
          responses: {
            201: { description: 'Created (status QUEUED)', ...json('AiEngineTrainingJob') },
            200: { description: 'Replayed', ...json('AiEngineTrainingJob') },
            400: problem,
            401: problem,
            422: problem,
          },
        },
      },
      '/v1/training-jobs/{jobId}': {
        get: {
          operationId: 'getJobStatus',
          summary: 'The job now',
          parameters: [jobId],
          responses: { 200: { description: 'The job', ...json('AiEngineTrainingJob') }, 401: problem, 404: problem },
        },
      },
      '/v1/training-jobs/{jobId}/cancel': {
        post: {
          operationId: 'cancelJob',
          summary:
            'Cancel a QUEUED or IN_PROGRESS job; cancelling a CANCELLED job returns it unchanged; a COMPLETED or FAILED job answers 409.',
          parameters: [jobId],
          responses: { 200: { description: 'The job', ...json('AiEngineTrainingJob') }, 401: problem, 404: problem, 409: problem },
        },
      },
      '/v1/speech': {
        post: {
          operationId: 'speak',
          summary: 'Speech in a trained voice',
          requestBody: { required: true, ...json('AiEngineSpeechRequest') },
          responses: {
            200: {
              description: 'The audio; x-audio-duration-seconds gives its length',
              headers: { 'x-audio-duration-seconds': { schema: { type: 'number' } } },
              content: {
                'audio/wav': { schema: { type: 'string', format: 'binary' } },
                'audio/mpeg': { schema: { type: 'string', format: 'binary' } },
              },
            },
            400: problem,
            401: problem,
            404: problem,
          },
        },
      },
    },
    webhooks: {
      trainingStatusChanged: {
        post: {
          summary: 'Sent to callbackUrl on every status change (Talkbase receives it at /v1/webhooks/engine)',
          parameters: ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => ({
            name,
            in: 'header',
            required: true,
            schema: { type: 'string' },
          })),
          requestBody: { required: true, ...json('AiEngineWebhookEvent') },
          responses: { 200: { description: 'Received (also for a repeated webhook-id)' }, 400: problem, 401: problem },
        },
      },
    },
  };
}
