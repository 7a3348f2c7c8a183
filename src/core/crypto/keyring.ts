import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The keys Talkbase holds. Field keys encrypt personal values; blind keys (kept apart) index them;
 * the token key signs access tokens; the pepper is mixed into passwords before bcrypt.
 */
export interface Keyring {
  active: string;
  keys: Map<string, Buffer>;
  blindActive: string;
  blindKeys: Map<string, Buffer>;
  tokenKey: Buffer;
  pepper: Buffer;
}

/** The JSON shape of TALKBASE_KEYS and of `keys.json`; every key is 32 bytes in base64. */
export interface KeyringFile {
  active: string;
  keys: Record<string, string>;
  blind: { active: string; keys: Record<string, string> };
  token: string;
  pepper: string;
}

export class KeyringError extends Error {
  override name = 'KeyringError';
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

function decodeKey(where: string, value: unknown): Buffer {
  if (typeof value !== 'string') throw new KeyringError(`${where} must be a base64 string`);
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new KeyringError(`${where} must be 32 bytes of base64 (got ${key.length} bytes)`);
  return key;
}

function decodeKeys(where: string, keys: unknown): Map<string, Buffer> {
  if (!keys || typeof keys !== 'object') throw new KeyringError(`${where} must be an object of key id to key`);
  const map = new Map<string, Buffer>();
  for (const [id, value] of Object.entries(keys)) {
    if (!KEY_ID.test(id)) throw new KeyringError(`${where}: key id "${id}" must match ${KEY_ID}`);
    map.set(id, decodeKey(`${where}.${id}`, value));
  }
  return map;
}

export function parseKeyring(json: string): Keyring {
  let raw: KeyringFile;
  try {
    raw = JSON.parse(json) as KeyringFile;
  } catch {
    throw new KeyringError('the keyring is not valid JSON');
  }
  const keys = decodeKeys('keys', raw.keys);
  if (!keys.has(raw.active)) throw new KeyringError(`active key "${raw.active}" is not in keys`);
  const blindKeys = decodeKeys('blind.keys', raw.blind?.keys);
  if (!blindKeys.has(raw.blind.active)) throw new KeyringError(`blind.active "${raw.blind.active}" is not in blind.keys`);
  for (const [id, key] of blindKeys) {
    for (const fieldKey of keys.values()) {
      if (key.equals(fieldKey)) throw new KeyringError(`blind key "${id}" must differ from every field key`);
    }
  }
  return {
    active: raw.active,
    keys,
    blindActive: raw.blind.active,
    blindKeys,
    tokenKey: decodeKey('token', raw.token),
    pepper: decodeKey('pepper', raw.pepper),
  };
}

export function serializeKeyring(k: Keyring): string {
  const b64 = (m: Map<string, Buffer>) => Object.fromEntries([...m].map(([id, key]) => [id, key.toString('base64')]));
  const file: KeyringFile = {
    active: k.active,
    keys: b64(k.keys),
    blind: { active: k.blindActive, keys: b64(k.blindKeys) },
    token: k.tokenKey.toString('base64'),
    pepper: k.pepper.toString('base64'),
  };
  return JSON.stringify(file, null, 2) + '\n';
}

export function generateKeyring(): Keyring {
  return {
    active: 'k1',
    keys: new Map([['k1', randomBytes(32)]]),
    blindActive: 'b1',
    blindKeys: new Map([['b1', randomBytes(32)]]),
    tokenKey: randomBytes(32),
    pepper: randomBytes(32),
  };
}

/** Adds a fresh field key and makes it the active one; older keys stay to decrypt older values. */
export function withNewFieldKey(k: Keyring): Keyring {
  let n = k.keys.size + 1;
  while (k.keys.has(`k${n}`)) n++;
  const id = `k${n}`;
  return { ...k, active: id, keys: new Map([...k.keys, [id, randomBytes(32)]]) };
}

export function keysFilePath(dataDir: string): string {
  return path.join(dataDir, 'keys.json');
}

export function writeKeysFile(file: string, k: Keyring): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, serializeKeyring(k), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export interface LoadedKeyring {
  keyring: Keyring;
  source: 'environment' | 'file' | 'created';
  file?: string;
}

/**
 * TALKBASE_KEYS wins. Without it, the embedded database uses `<dataDir>/keys.json`, creating it on
 * first start; a PostgreSQL deployment without keys refuses to start.
 */
export function loadKeyring(opts: { keysJson: string | null; dataDir: string; embedded: boolean }): LoadedKeyring {
  if (opts.keysJson) return { keyring: parseKeyring(opts.keysJson), source: 'environment' };
  const file = keysFilePath(opts.dataDir);
  if (fs.existsSync(file)) return { keyring: parseKeyring(fs.readFileSync(file, 'utf8')), source: 'file', file };
  if (!opts.embedded) {
    throw new KeyringError(
      'TALKBASE_KEYS is required with DATABASE_URL: generate one with `talkbase keys generate` and keep it in your secret store',
    );
  }
  const keyring = generateKeyring();
  writeKeysFile(file, keyring);
  return { keyring, source: 'created', file };
}
