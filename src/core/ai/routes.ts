import { sql } from 'drizzle-orm';
import { Type } from 'typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from '../context.js';
import { rowsOf } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { errorResponses, Strict, Timestamp } from '../http/schemas.js';
import { requireAdmin, requireUser } from '../identity/access.js';
import { registerWebhookRoute } from '../webhooks/inbound.js';
import { estimateCost } from './cost.js';
import { ENGINE_CONTRACT_SCHEMAS, EngineWebhookEvent, engineContractDocument } from './engine-contract.js';
import type { TrainingJob } from './engine.js';

const UsageRow = Type.Object({
  provider: Type.String(),
  model: Type.String(),
  capability: Type.String(),
  calls: Type.Integer(),
  errors: Type.Integer(),
  promptTokens: Type.Integer(),
  completionTokens: Type.Integer(),
  audioSeconds: Type.Number(),
  characters: Type.Integer(),
  averageLatencyMs: Type.Integer(),
  estimatedCostUsd: Type.Number(),
  costKnown: Type.Boolean({ description: 'false when the model has no price in the cost table (AI_COSTS); its cost then counts as 0' }),
});

const UsageReport = Type.Object({
  from: Timestamp,
  to: Timestamp,
  rows: Type.Array(UsageRow),
  totals: Type.Object({
    calls: Type.Integer(),
    errors: Type.Integer(),
    promptTokens: Type.Integer(),
    completionTokens: Type.Integer(),
    estimatedCostUsd: Type.Number(),
  }),
});

const DAY_MS = 86_400_000;

const SpeechRequest = Strict({
  text: Type.String({ minLength: 1, maxLength: 4096, pattern: '\\S', description: 'What to say' }),
  voice: Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9+_.-]{1,64}$',
      description:
        'A voice of the speech engine (offline: an eSpeak NG voice such as `en-us` or `ko`); by default one for the text’s script',
    }),
  ),
  format: Type.Optional(Type.Literal('wav', { description: 'Only WAV (16-bit PCM, mono)', default: 'wav' })),
});

const Audio = Type.String({ format: 'binary', description: 'WAV audio (PCM16 mono)' });

/** A signal that fires when the client goes away before the answer is sent. */
function abortedWith(request: FastifyRequest): AbortSignal {
  const controller = new AbortController();
  request.raw.once('close', () => {
    if (!request.raw.complete || request.raw.destroyed) controller.abort();
  });
  return controller.signal;
}

/** AI administration (usage and cost), the engine contract document, and the engine's webhook endpoint. */
export function aiRoutes(core: Core, version: string) {
  return async function register(root: FastifyInstance) {
    for (const [name, schema] of Object.entries(ENGINE_CONTRACT_SCHEMAS)) root.addSchema({ $id: name, ...schema });
    const app = root.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/v1/admin/ai/usage',
      {
        schema: {
          tags: ['ai'],
          summary: 'AI usage and estimated cost by provider, model and capability over a period (default: the last 30 days)',
          querystring: Strict({ from: Type.Optional(Timestamp), to: Type.Optional(Timestamp) }),
          response: { 200: UsageReport, ...errorResponses(400, 403) },
        },
      },
      async (request) => {
        requireAdmin(request);
        const to = request.query.to ? new Date(request.query.to) : core.clock.now();
        const from = request.query.from ? new Date(request.query.from) : new Date(to.getTime() - 30 * DAY_MS);
        if (from > to)
          throw new AppError('ai.invalid_period', 400, 'from must not be after to', {
            errors: [{ field: 'from', message: 'must not be after to' }],
          });
        const rows = rowsOf<Record<string, string | number>>(
          await core.db.execute(sql`
          SELECT provider, model, capability,
                 count(*) AS calls,
                 count(*) FILTER (WHERE status = 'error') AS errors,
                 coalesce(sum(prompt_tokens), 0) AS prompt_tokens,
                 coalesce(sum(completion_tokens), 0) AS completion_tokens,
                 coalesce(sum(audio_seconds), 0) AS audio_seconds,
                 coalesce(sum(characters), 0) AS characters,
                 coalesce(avg(latency_ms), 0) AS latency
          FROM core.ai_calls
          WHERE created_at >= ${from.toISOString()}::timestamptz AND created_at <= ${to.toISOString()}::timestamptz
          GROUP BY provider, model, capability
          ORDER BY provider, model, capability`),
        );
        const out = rows.map((r) => {
          const usage = {
            promptTokens: Number(r.prompt_tokens),
            completionTokens: Number(r.completion_tokens),
            audioSeconds: Number(r.audio_seconds),
            characters: Number(r.characters),
          };
          const cost = estimateCost(String(r.provider), String(r.model), usage, core.config.ai.costs);
          return {
            provider: String(r.provider),
            model: String(r.model),
            capability: String(r.capability),
            calls: Number(r.calls),
            errors: Number(r.errors),
            ...usage,
            audioSeconds: Math.round(usage.audioSeconds * 1000) / 1000,
            averageLatencyMs: Math.round(Number(r.latency)),
            estimatedCostUsd: cost ?? 0,
            costKnown: cost !== null,
          };
        });
        const sum = (k: 'calls' | 'errors' | 'promptTokens' | 'completionTokens') => out.reduce((n, r) => n + r[k], 0);
        return {
          from: from.toISOString(),
          to: to.toISOString(),
          rows: out,
          totals: {
            calls: sum('calls'),
            errors: sum('errors'),
            promptTokens: sum('promptTokens'),
            completionTokens: sum('completionTokens'),
            estimatedCostUsd: Math.round(out.reduce((n, r) => n + r.estimatedCostUsd, 0) * 1e6) / 1e6,
          },
        };
      },
    );

    app.post(
      '/v1/ai/speech',
      {
        schema: {
          tags: ['ai'],
          summary:
            'Speech for a text, made by the configured speech engine (offline: eSpeak NG); audio the offline recognizer knows, for trying the voice routes',
          body: SpeechRequest,
          produces: ['audio/wav'],
          response: { 200: Audio, ...errorResponses(400, 401, 422, 429, 503) },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const spoken = await core.ai.speak(request.body.text, {
          voice: request.body.voice,
          format: 'wav',
          userId: user.id,
          promptVersion: 'ai.speech@1',
          signal: abortedWith(request),
        });
        // The schema documents the body as binary; the bytes go out as they are.
        const raw = reply as unknown as FastifyReply;
        return raw
          .type(spoken.contentType)
          .header('x-audio-duration-seconds', String(spoken.durationSec))
          .header('x-ai-provider', spoken.provider)
          .send(spoken.audio);
      },
    );

    const contract = engineContractDocument(version);
    app.get(
      '/v1/ai/engine-contract',
      {
        config: { public: true },
        schema: {
          tags: ['ai'],
          summary:
            'The voice-training engine contract (OpenAPI 3.1) an external AI engine implements; its schemas are also components of this document (AiEngine*)',
          response: {
            200: Type.Object(
              {
                openapi: Type.String(),
                info: Type.Object({ title: Type.String(), version: Type.String() }, { additionalProperties: true }),
              },
              { additionalProperties: true },
            ),
          },
        },
      },
      async () => contract,
    );

    await registerWebhookRoute(root, core.forProducts, {
      path: '/v1/webhooks/engine',
      secrets: () => core.ai.engineWebhookSecrets,
      payload: EngineWebhookEvent,
      tags: ['ai', 'webhooks'],
      summary: 'Training status changes from the voice-training engine (Standard Webhooks signature)',
      async handle(tx, event, ctx) {
        await core.ai.dispatchTrainingStatus(tx, { trainedVoiceId: null, error: null, ...event.data } as TrainingJob, {
          webhookId: ctx.webhookId,
        });
      },
    });
  };
}
