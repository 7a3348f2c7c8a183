import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { uuidv7 } from '../db/ids.js';
import type { Clock } from '../time/clock.js';

const ISSUER = 'talkbase';
const AUDIENCE = 'talkbase';
const ALGORITHM = 'HS256';

export interface AccessClaims {
  userId: string;
  tokenId: string;
  /** When the token stops being valid (ms since the epoch). */
  expiresAt: number;
}

export interface TokenService {
  issueAccess(userId: string): Promise<{ token: string; expiresIn: number }>;
  /** Returns null for anything but a valid, unexpired access token signed with our key and algorithm. */
  verifyAccess(token: string): Promise<AccessClaims | null>;
  newRefreshToken(): { token: string; hash: string };
  hashRefreshToken(token: string): string;
}

export function createTokenService(secret: Buffer, accessSeconds: number, clock: Clock): TokenService {
  // Imported once: given the raw bytes, jose imports the key again on every sign and verify, which costs more
  // than the HMAC itself on the hot path of every authenticated request.
  let imported: Promise<webcrypto.CryptoKey> | undefined;
  const cryptoKey = () =>
    (imported ??= webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']));
  return {
    async issueAccess(userId) {
      const now = Math.floor(clock.now().getTime() / 1000);
      const token = await new SignJWT({ typ: 'access' })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(userId)
        .setJti(uuidv7())
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(now + accessSeconds)
        .sign(await cryptoKey());
      return { token, expiresIn: accessSeconds };
    },
    async verifyAccess(token) {
      try {
        const { payload } = await jwtVerify(token, await cryptoKey(), {
          algorithms: [ALGORITHM],
          issuer: ISSUER,
          audience: AUDIENCE,
          currentDate: clock.now(),
          requiredClaims: ['sub', 'exp', 'jti'],
        });
        if (payload.typ !== 'access' || typeof payload.sub !== 'string') return null;
        return { userId: payload.sub, tokenId: payload.jti!, expiresAt: payload.exp! * 1000 };
      } catch {
        return null;
      }
    },
    newRefreshToken() {
      const token = randomBytes(32).toString('base64url');
      return { token, hash: createHash('sha256').update(token).digest('hex') };
    },
    hashRefreshToken: (token) => createHash('sha256').update(token).digest('hex'),
  };
}
