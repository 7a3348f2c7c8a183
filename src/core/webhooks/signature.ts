import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../time/clock.js';
import { AppError } from '../http/errors.js';

/** Standard Webhooks: signatures older or newer than this are refused, so a captured request cannot be replayed later. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

const SECRET_PREFIX = 'whsec_';

/** A new random signing secret in the Standard Webhooks form `whsec_<base64>`. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

function secretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('a webhook secret has the form whsec_<base64>');
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  if (key.length < 16) throw new Error('a webhook secret must hold at least 16 bytes');
  return key;
}

/**
 * The `webhook-signature` value for one secret: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`.
 * `timestamp` is in seconds since the epoch; `body` is the exact bytes sent.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string | Buffer): string {
  const mac = createHmac('sha256', secretKey(secret));
  mac.update(`${id}.${timestamp}.`);
  mac.update(body);
  return `v1,${mac.digest('base64')}`;
}

/** The three headers of a signed delivery; several secrets give several space-separated signatures (rotation). */
export function webhookHeaders(secrets: string | string[], id: string, timestamp: number, body: string | Buffer): Record<string, string> {
  const list = Array.isArray(secrets) ? secrets : [secrets];
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': list.map((s) => signWebhook(s, id, timestamp, body)).join(' '),
  };
}

export interface VerifiedWebhook {
  id: string;
  timestamp: number;
}

type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * Checks a delivery against the raw body bytes: the timestamp within tolerance of `clock`, and at
 * least one `v1` signature made with one of `secrets`. Throws an AppError (400/401) otherwise.
 */
export function verifyWebhook(input: { secrets: string[]; headers: HeaderBag; rawBody: Buffer | string; clock: Clock }): VerifiedWebhook {
  const id = header(input.headers, 'webhook-id');
  const ts = header(input.headers, 'webhook-timestamp');
  const sig = header(input.headers, 'webhook-signature');
  const missing = [!id && 'webhook-id', !ts && 'webhook-timestamp', !sig && 'webhook-signature'].filter(Boolean) as string[];
  if (missing.length) {
    throw new AppError('webhook.missing_headers', 400, `missing ${missing.join(', ')}`, {
      errors: missing.map((field) => ({ field, message: 'is required' })),
    });
  }
  if (id!.length > 256)
    throw new AppError('webhook.invalid_id', 400, 'webhook-id is too long', {
      errors: [{ field: 'webhook-id', message: 'at most 256 characters' }],
    });
  if (!/^\d{1,12}$/.test(ts!)) {
    throw new AppError('webhook.invalid_timestamp', 400, 'webhook-timestamp must be whole seconds since the epoch', {
      errors: [{ field: 'webhook-timestamp', message: 'must be an integer' }],
    });
  }
  const timestamp = Number(ts);
  const now = Math.floor(input.clock.now().getTime() / 1000);
  if (Math.abs(now - timestamp) > WEBHOOK_TOLERANCE_SECONDS) {
    throw new AppError('webhook.timestamp_out_of_range', 401, 'webhook-timestamp is more than 5 minutes away from now');
  }
  const offered = sig!
    .split(' ')
    .filter((part) => part.startsWith('v1,'))
    .map((part) => Buffer.from(part.slice(3), 'base64'));
  for (const secret of input.secrets) {
    const expected = Buffer.from(signWebhook(secret, id!, timestamp, input.rawBody).slice(3), 'base64');
    if (offered.some((o) => o.length === expected.length && timingSafeEqual(o, expected))) return { id: id!, timestamp };
  }
  throw new AppError('webhook.invalid_signature', 401, 'no webhook signature matches');
}
