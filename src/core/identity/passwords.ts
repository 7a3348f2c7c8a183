import { createHmac, randomBytes } from 'node:crypto';
import bcrypt from 'bcrypt';

/**
 * bcrypt reads at most 72 bytes, so the password is first HMAC-SHA256'd with a server-side pepper:
 * every byte of a long password counts, and a stolen table alone cannot be attacked offline.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
  /** Spends the same time as a real check, for logins to unknown accounts. */
  verifyDummy(password: string): Promise<false>;
}

export function createPasswordHasher(pepper: Buffer, cost: number): PasswordHasher {
  const prehash = (password: string) => createHmac('sha256', pepper).update(password.normalize('NFKC'), 'utf8').digest('base64');
  let dummy: Promise<string> | null = null;
  return {
    hash: (password) => bcrypt.hash(prehash(password), cost),
    verify: (password, hash) => bcrypt.compare(prehash(password), hash),
    async verifyDummy(password) {
      dummy ??= bcrypt.hash(randomBytes(16).toString('hex'), cost);
      await bcrypt.compare(prehash(password), await dummy);
      return false;
    },
  };
}
