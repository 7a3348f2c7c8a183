import { createHmac } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Keyring } from './keyring.js';

export type Normalization = 'email' | 'phone' | 'text';

export function normalizeEmail(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase();
}

/**
 * The country whose national format a phone number without a `+` is read in. Fixed rather than configurable: every
 * stored blind index of a phone number depends on it, so changing it needs a data step that re-indexes them.
 */
export const PHONE_DEFAULT_REGION = 'KR';

/**
 * A phone number in E.164 (`010-1234-5678`, `01012345678` and `+82 10-1234-5678` all give `+821012345678`), national
 * numbers read as in {@link PHONE_DEFAULT_REGION}. A number that cannot be one (too short or long for its country)
 * keeps its digits, with a leading + if it had one.
 */
export function normalizePhone(value: string): string {
  const trimmed = value.normalize('NFKC').trim();
  const parsed = parsePhoneNumberFromString(trimmed, PHONE_DEFAULT_REGION);
  if (parsed?.isPossible()) return parsed.number;
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/\D/g, '');
}

function normalize(kind: Normalization, value: string): string {
  if (kind === 'email') return normalizeEmail(value);
  if (kind === 'phone') return normalizePhone(value);
  return value.normalize('NFKC').trim();
}

export interface BlindIndex {
  /** The index under the active blind key: `<keyId>.<hex hmac>`. */
  compute(purpose: string, kind: Normalization, value: string): string;
  /** The index under every blind key, for lookups while a rotation is under way. */
  candidates(purpose: string, kind: Normalization, value: string): string[];
  readonly activeKeyId: string;
}

/** HMAC-SHA256 of the normalized value under a key kept apart from the field keys and out of the database. */
export function createBlindIndex(keyring: Keyring): BlindIndex {
  const digest = (keyId: string, purpose: string, kind: Normalization, value: string) =>
    `${keyId}.${createHmac('sha256', keyring.blindKeys.get(keyId)!)
      .update(`${purpose}\u0000${normalize(kind, value)}`)
      .digest('hex')}`;
  return {
    activeKeyId: keyring.blindActive,
    compute: (purpose, kind, value) => digest(keyring.blindActive, purpose, kind, value),
    candidates: (purpose, kind, value) => [...keyring.blindKeys.keys()].map((id) => digest(id, purpose, kind, value)),
  };
}
