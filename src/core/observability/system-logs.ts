import type { Database } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import type { RetentionPolicy } from '../product.js';
import { systemLogs } from './schema.js';

export const SYSTEM_LOG_RETENTION_DAYS = 30;

export const systemLogRetention: RetentionPolicy = {
  name: 'core.system_logs',
  kind: 'ttl',
  table: systemLogs,
  column: 'created_at',
  days: SYSTEM_LOG_RETENTION_DAYS,
};

export const PINO_WARN = 40;
const LEVEL_NAMES: Record<number, 'warn' | 'error' | 'fatal'> = { 40: 'warn', 50: 'error', 60: 'fatal' };

/** Keys whose values are personal or secret; matched without case, `_` or `-`. */
const PERSONAL_KEYS = new Set([
  'email',
  'password',
  'newpassword',
  'currentpassword',
  'token',
  'accesstoken',
  'refreshtoken',
  'authorization',
  'cookie',
  'setcookie',
  'fullname',
  'firstname',
  'lastname',
  'username',
  'name',
  'phone',
  'address',
  'ip',
  'ips',
  'remoteaddress',
  'remoteport',
  'xforwardedfor',
  'secret',
  'apikey',
  'key',
  'body',
  'payload',
  'content',
  'text',
  'transcript',
  'prompt',
  'answer',
  'data',
  'query',
  'headers',
]);
/** Fields pino and Fastify add that are either stored in their own column or say nothing useful. */
const DROPPED_KEYS = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'v']);

const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[A-Za-z]{2,}/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;
const WEBHOOK_SECRET = /\bwhsec_[A-Za-z0-9+/=]+/g;
const MAX_STRING = 2000;
const MAX_CONTEXT_BYTES = 16_384;

/** Removes what looks like an email address, a credential or a secret from free text. */
export function scrubText(text: string): string {
  const scrubbed = text
    .replace(EMAIL, '[email]')
    .replace(BEARER, '$1 [redacted]')
    .replace(JWT, '[token]')
    .replace(WEBHOOK_SECRET, '[secret]');
  return scrubbed.length > MAX_STRING ? `${scrubbed.slice(0, MAX_STRING)}…` : scrubbed;
}

/** Inside an error object these name the error, not a person. */
const ERROR_KEYS = new Set(['err', 'error', 'cause']);
const ERROR_FIELDS = new Set(['name', 'type', 'message', 'stack', 'code']);

function scrubValue(value: unknown, depth: number, inError = false): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= 5) return '[nested]';
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => scrubValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const norm = k.toLowerCase().replace(/[-_]/g, '');
    if (inError && ERROR_FIELDS.has(norm)) out[k] = scrubValue(v, depth + 1);
    else if (ERROR_KEYS.has(norm)) out[k] = scrubValue(v, depth + 1, true);
    else if (PERSONAL_KEYS.has(norm)) out[k] = '[redacted]';
    else if (norm === 'url' && typeof v === 'string') out[k] = scrubText(v.split('?')[0]!);
    else out[k] = scrubValue(v, depth + 1);
  }
  return out;
}

export interface SystemLogEntry {
  id: string;
  level: 'warn' | 'error' | 'fatal';
  message: string;
  context: Record<string, unknown>;
  requestId: string | null;
  createdAt: Date;
}

/** Turns one pino JSON line into a stored entry (warn and above), or null. */
export function toSystemLogEntry(line: string): SystemLogEntry | null {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  const level = LEVEL_NAMES[Number(record.level)] ?? (Number(record.level) > 60 ? 'fatal' : null);
  if (!level) return null;
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!DROPPED_KEYS.has(k)) rest[k] = v;
  let context = scrubValue(rest, 0) as Record<string, unknown>;
  if (JSON.stringify(context).length > MAX_CONTEXT_BYTES) context = { truncated: true, keys: Object.keys(context).slice(0, 50) };
  const time = typeof record.time === 'number' ? new Date(record.time) : new Date();
  return {
    id: uuidv7(),
    level,
    message: scrubText(typeof record.msg === 'string' ? record.msg : ''),
    context,
    requestId: typeof record.reqId === 'string' ? record.reqId.slice(0, 128) : null,
    createdAt: time,
  };
}

export interface SystemLogSink {
  /** A pino destination; give it only warn and above (pino.multistream level 'warn'). Never blocks or throws. */
  stream: { write(line: string): void };
  /** Starts writing to the database; entries logged before are kept (bounded) and written then. */
  attach(database: Database): void;
  flush(): Promise<void>;
  /** Writes what is buffered and stops; later lines are dropped. */
  close(): Promise<void>;
  /** Entries dropped because the buffer was full or the database refused them. */
  readonly dropped: number;
}

/**
 * Stores warnings and errors in core.system_logs in batches, off the logging path: `write` only
 * buffers; a timer writes. A failed write goes to stderr, never back into the logger, so it cannot recurse.
 */
export function createSystemLogSink(opts: { flushMs?: number; batchSize?: number; maxBuffered?: number } = {}): SystemLogSink {
  const flushMs = opts.flushMs ?? 1000;
  const batchSize = opts.batchSize ?? 100;
  const maxBuffered = opts.maxBuffered ?? 5000;
  const buffer: SystemLogEntry[] = [];
  let database: Database | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let closed = false;
  let dropped = 0;
  let lastComplaint = 0;

  const schedule = (ms: number) => {
    if (timer || !database || closed) return;
    timer = setTimeout(() => {
      timer = null;
      void sink.flush();
    }, ms);
    timer.unref();
  };

  async function writeBatch(db: Database, batch: SystemLogEntry[]) {
    const params: unknown[] = [];
    const rows = batch.map((e) => {
      const base = params.length;
      params.push(e.id, e.level, e.message, JSON.stringify(e.context), e.requestId, e.createdAt.toISOString());
      return `($${base + 1}::uuid, $${base + 2}, $${base + 3}, $${base + 4}::jsonb, $${base + 5}, $${base + 6}::timestamptz)`;
    });
    await db.query(`INSERT INTO core.system_logs (id, level, message, context, request_id, created_at) VALUES ${rows.join(', ')}`, params);
  }

  const sink: SystemLogSink = {
    get dropped() {
      return dropped;
    },
    stream: {
      write(line: string) {
        if (closed) return;
        const entry = toSystemLogEntry(line);
        if (!entry) return;
        buffer.push(entry);
        if (buffer.length > maxBuffered) {
          buffer.shift();
          dropped++;
        }
        schedule(buffer.length >= batchSize ? 0 : flushMs);
      },
    },
    attach(db) {
      database = db;
      if (buffer.length) schedule(0);
    },
    async flush() {
      while (running) await running;
      if (!database || !buffer.length) return;
      const db = database;
      running = (async () => {
        while (buffer.length) {
          const batch = buffer.splice(0, batchSize);
          try {
            await writeBatch(db, batch);
          } catch (err) {
            dropped += batch.length;
            const now = Date.now();
            if (now - lastComplaint > 60_000) {
              lastComplaint = now;
              process.stderr.write(`talkbase: could not store ${batch.length} system log entries: ${(err as Error).message}\n`);
            }
            return;
          }
        }
      })();
      try {
        await running;
      } finally {
        running = null;
      }
    },
    async close() {
      if (timer) clearTimeout(timer);
      timer = null;
      await sink.flush();
      closed = true;
      database = null;
    },
  };
  return sink;
}
