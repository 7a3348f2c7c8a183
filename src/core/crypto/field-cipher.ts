import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring.js';

/** Where a value lives; bound into the GCM associated data so a ciphertext only opens in its own cell. */
export interface FieldAddress {
  table: string;
  column: string;
  rowId: string;
}

const VERSION = 'tb1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** A ciphertext as stored: `tb1.<keyId>.<base64url(nonce | ciphertext | tag)>`. It never holds plaintext. */
export class Sealed {
  private constructor(
    readonly keyId: string,
    readonly payload: Buffer,
  ) {}

  static fromParts(keyId: string, payload: Buffer): Sealed {
    return new Sealed(keyId, payload);
  }

  static parse(stored: string): Sealed {
    const [version, keyId, body] = stored.split('.');
    if (version !== VERSION || !keyId || !body) throw new FieldCipherError('not a Talkbase ciphertext');
    const payload = Buffer.from(body, 'base64url');
    if (payload.length < NONCE_BYTES + TAG_BYTES) throw new FieldCipherError('ciphertext is too short');
    return new Sealed(keyId, payload);
  }

  toString(): string {
    return `${VERSION}.${this.keyId}.${this.payload.toString('base64url')}`;
  }

  toJSON(): string {
    return '[encrypted]';
  }
}

export class FieldCipherError extends Error {
  override name = 'FieldCipherError';
}

function associatedData(at: FieldAddress): Buffer {
  return Buffer.from(`talkbase:${at.table}:${at.column}:${at.rowId}`, 'utf8');
}

export interface FieldCipher {
  seal(at: FieldAddress, plaintext: string): Sealed;
  open(at: FieldAddress, sealed: Sealed): string;
  readonly activeKeyId: string;
}

/** AES-256-GCM with a random 96-bit nonce per value and the key id kept beside the ciphertext. */
export function createFieldCipher(keyring: Keyring): FieldCipher {
  return {
    activeKeyId: keyring.active,
    seal(at, plaintext) {
      const key = keyring.keys.get(keyring.active)!;
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(associatedData(at));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Sealed.fromParts(keyring.active, Buffer.concat([nonce, body, cipher.getAuthTag()]));
    },
    open(at, sealed) {
      const key = keyring.keys.get(sealed.keyId);
      if (!key) throw new FieldCipherError(`unknown key id "${sealed.keyId}"`);
      const p = sealed.payload;
      const nonce = p.subarray(0, NONCE_BYTES);
      const tag = p.subarray(p.length - TAG_BYTES);
      const body = p.subarray(NONCE_BYTES, p.length - TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(at));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        throw new FieldCipherError(`cannot decrypt ${at.table}.${at.column}: wrong key, row or tampered value`);
      }
    },
  };
}
