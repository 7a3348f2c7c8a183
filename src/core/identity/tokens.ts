import { createHash, createHmac, createSecretKey, randomBytes, timingSafeEqual, webcrypto, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { uuidv7 } from '../db/ids.js';
import type { Clock } from '../time/clock.js';

const ISSUER = 'talkbase';
const AUDIENCE = 'talkbase';
const ALGORITHM = 'HS256';

export interface AccessClaims {
  userId: string;
  tokenId: string;
  /** The sign-in (refresh-token family) the token was issued for: signing out or changing the password ends it. */
  sessionId: string;
  /** When the token stops being valid (ms since the epoch). */
  expiresAt: number;
}

export interface TokenService {
  issueAccess(userId: string, sessionId: string): Promise<{ token: string; expiresIn: number }>;
  /** Returns null for anything but a valid, unexpired access token signed with our key and algorithm. */
  verifyAccess(token: string): Promise<AccessClaims | null>;
  newRefreshToken(): { token: string; hash: string };
  hashRefreshToken(token: string): string;
}

export function createTokenService(secret: Buffer, accessSeconds: number, clock: Clock): TokenService {
  // Imported once for signing: given the raw bytes, jose would import the key again on every sign.
  let imported: Promise<webcrypto.CryptoKey> | undefined;
  const hmacKey = createSecretKey(secret);
  const cryptoKey = () => (imported ??= webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
  return {
    async issueAccess(userId, sessionId) {
      const now = Math.floor(clock.now().getTime() / 1000);
      const token = await new SignJWT({ typ: 'access', sid: sessionId })
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
      return verifyAccessToken(token, hmacKey, Math.floor(clock.now().getTime() / 1000));
    },
    newRefreshToken() {
      const token = randomBytes(32).toString('base64url');
      return { token, hash: createHash('sha256').update(token).digest('hex') };
    },
    hashRefreshToken: (token) => createHash('sha256').update(token).digest('hex'),
  };
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

function jsonObject(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Checks an access token the way it was issued, synchronously: a compact JWS whose header names HS256 and
 * nothing but `typ: JWT` besides (so no `none`, no other algorithm, no `crit`), signed with our key (compared in
 * constant time, in its canonical encoding), whose claims say an unexpired access token of ours with a subject
 * and an id. WebCrypto's verify is an asynchronous job on the thread pool, which on every request cost about a
 * tenth of the server's CPU under load; signing, once per sign-in, still goes through jose.
 */
export function verifyAccessToken(token: string, key: KeyObject, nowSeconds: number): AccessClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) return null;
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = jsonObject(headerPart);
  if (!header || header.alg !== ALGORITHM || Object.keys(header).some((k) => k !== 'alg' && k !== 'typ')) return null;
  if (header.typ !== undefined && header.typ !== 'JWT') return null;
  const expected = Buffer.from(createHmac('sha256', key).update(`${headerPart}.${payloadPart}`).digest('base64url'));
  const given = Buffer.from(signaturePart);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = jsonObject(payloadPart);
  if (!claims || claims.typ !== 'access' || claims.iss !== ISSUER) return null;
  if (!(claims.aud === AUDIENCE || (Array.isArray(claims.aud) && claims.aud.includes(AUDIENCE)))) return null;
  const { sub, jti, sid, exp, nbf, iat } = claims;
  if (typeof sub !== 'string' || !sub || typeof jti !== 'string' || !jti || typeof sid !== 'string' || !sid) return null;
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= nowSeconds) return null;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > nowSeconds)) return null;
  if (iat !== undefined && typeof iat !== 'number') return null;
  return { userId: sub, tokenId: jti, sessionId: sid, expiresAt: exp * 1000 };
}
