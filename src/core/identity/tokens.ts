import { createHash, randomBytes } from 'node:crypto';
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

export function createTokenService(key: Buffer, accessSeconds: number, clock: Clock): TokenService {
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
        .sign(key);
      return { token, expiresIn: accessSeconds };
    },
    async verifyAccess(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
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
