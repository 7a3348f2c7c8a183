import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { AppError, type FieldError } from '../../core/http/errors.js';
import { isUuid } from '../../core/db/ids.js';
import { Nullable, Strict } from '../../core/http/schemas.js';
import type { RealtimeMessageHandler } from '../../core/product.js';
import { ingestSegments, MAX_OFFSET_MS, MAX_SEGMENTS_PER_BATCH } from './transcripts.js';

export const SegmentId = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' });

export const OffsetMs = Type.Integer({ minimum: 0, maximum: MAX_OFFSET_MS, description: 'Milliseconds from the start of the call' });

/** One segment's fields, as the HTTP routes and the realtime message take them. */
export const SegmentFields = {
  text: Type.String({ maxLength: 10000 }),
  isFinal: Type.Boolean(),
  startMs: OffsetMs,
  endMs: OffsetMs,
  confidence: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1 }))),
  source: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
};

export const SegmentBatch = Type.Array(Strict({ segmentId: SegmentId, ...SegmentFields }), {
  minItems: 1,
  maxItems: MAX_SEGMENTS_PER_BATCH,
});

const TranscriptMessage = Strict({
  type: Type.Literal('assist.transcript'),
  ref: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Integer()])),
  room: Type.String({ minLength: 36, maxLength: 36 }),
  segments: SegmentBatch,
});
type TranscriptMessage = Static<typeof TranscriptMessage>;
/** Compiled once: the check runs for every message; the error walk only for a bad one. */
const checkMessage = Compile(TranscriptMessage);

/** `/segments/0/text` → `segments[0].text`, as the HTTP batch names its fields. */
function fieldName(path: string, missing?: string) {
  const name = path
    .replace(/^\//, '')
    .split('/')
    .filter(Boolean)
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
  return [name, missing].filter(Boolean).join('.');
}

function problems(message: Record<string, unknown>): FieldError[] {
  if (checkMessage.Check(message) && isUuid(message.room as string)) return [];
  const errors: FieldError[] = [];
  for (const e of Value.Errors(TranscriptMessage, message)) {
    const params = e.params as { requiredProperties?: string[]; additionalProperties?: string[] } | undefined;
    const missing = params?.requiredProperties?.[0];
    const extra = params?.additionalProperties?.[0];
    if (missing) errors.push({ field: fieldName(e.instancePath, missing), message: 'is required' });
    else if (extra) errors.push({ field: fieldName(e.instancePath, extra), message: 'is not a known field' });
    else errors.push({ field: fieldName(e.instancePath) || 'message', message: e.message ?? 'is invalid' });
    if (errors.length >= 10) break;
  }
  if (!errors.some((e) => e.field === 'room') && typeof message.room === 'string' && !isUuid(message.room))
    errors.push({ field: 'room', message: 'must be a room id (a UUID)' });
  return errors;
}

/**
 * `{"type":"assist.transcript","ref":1,"room":"<id>","segments":[…]}` over the realtime WebSocket: the same batch as
 * `POST /v1/assist/rooms/:id/transcripts`, on a connection that is already authenticated, so an STT gateway or a
 * client streaming its speech sends no HTTP request per utterance. The ack lists what each segment became.
 */
export const transcriptMessage: RealtimeMessageHandler = {
  type: 'assist.transcript',
  async handle(core, sender, message) {
    const errors = problems(message);
    if (errors.length) throw new AppError('validation', 400, errors.map((e) => `${e.field} ${e.message}`).join('; '), { errors });
    const msg = message as TranscriptMessage;
    // Queued now, before any await: the connection's messages reach the group commit in the order they were sent.
    const outcomes = await ingestSegments(core, sender.user, msg.room.toLowerCase(), msg.segments, { batch: true });
    return {
      room: msg.room,
      results: outcomes.map((o) => ({
        segmentId: o.row.segmentId,
        applied: o.applied,
        isFinal: o.row.isFinal,
        finalIndex: o.row.finalIndex,
        revision: o.row.revision,
        assistantQueued: o.assist,
      })),
    };
  },
};
