import { createHmac } from 'node:crypto';
import type { Keyring } from './keyring.js';

export type Normalization = 'email' | 'phone' | 'text';

export function normalizeEmail(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase();
}

/** Digits only, keeping a leading + so international and local forms of one number stay distinct. */
export function normalizePhone(value: string): string {
  const trimmed = value.normalize('NFKC').trim();
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
