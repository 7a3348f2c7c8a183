import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Core } from '../context.js';
import { preparedPerDb } from '../db/prepared.js';
import { refreshTokens, userRoles, users } from './schema.js';
import { AppError } from '../http/errors.js';

/** Who is asking, read from the database (or the account cache, which every change clears), never from claims frozen in a token. */
export interface AuthUser {
  id: string;
  isAdmin: boolean;
  roles: Set<string>;
  tokenId: string;
  /** When the access token this user came with expires (ms since the epoch). */
  tokenExpiresAt?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: AuthUser | null;
  }
  interface FastifyContextConfig {
    /** Open to anonymous clients. Every other route requires a valid access token. */
    public?: boolean;
  }
}

export const roleKey = (product: string, role: string) => `${product}:${role}`;

export function hasRole(user: AuthUser, product: string, role: string): boolean {
  return user.roles.has(roleKey(product, role));
}

export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new AppError('auth.required', 401, 'a valid access token is required');
  return request.user;
}

export function requireAdmin(request: FastifyRequest): AuthUser {
  const user = requireUser(request);
  if (!user.isAdmin) throw new AppError('auth.forbidden', 403, 'this needs the deployment admin role');
  return user;
}

export function requireRole(request: FastifyRequest, product: string, role: string): AuthUser {
  const user = requireUser(request);
  if (!user.isAdmin && !hasRole(user, product, role)) throw new AppError('auth.forbidden', 403, `this needs the ${product} ${role} role`);
  return user;
}

/** Resolves an access token to the current user, or null when the token or the account is not valid. */
export async function authenticateToken(core: Core, token: string): Promise<AuthUser | null> {
  const claims = await core.tokens.verifyAccess(token);
  if (!claims) return null;
  const { userId, sessionId } = claims;
  let account = core.accountCache.get(userId, sessionId);
  if (!account) {
    const generation = core.accountCache.generation();
    const [row] = await activeUserQuery(core.db, null).execute({ userId, sessionId });
    if (!row) return null;
    account = { isAdmin: row.isAdmin, roles: new Set(Array.isArray(row.roles) ? row.roles : parsePgArray(row.roles)) };
    core.accountCache.set(userId, sessionId, account, generation);
  }
  return { id: userId, isAdmin: account.isAdmin, roles: account.roles, tokenId: claims.tokenId, tokenExpiresAt: claims.expiresAt };
}

/**
 * The account behind a token, if it is active and the token's sign-in is not ended (signed out, password changed,
 * refresh token reuse), with its roles: run by every authenticated request, so prepared.
 */
const activeUserQuery = preparedPerDb((db) =>
  db
    .select({
      isAdmin: users.isAdmin,
      roles: sql<
        string[] | string
      >`coalesce(array_agg(${userRoles.product} || ':' || ${userRoles.role}) FILTER (WHERE ${userRoles.role} IS NOT NULL), '{}')`,
    })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(
      and(
        eq(users.id, sql.placeholder('userId')),
        eq(users.isActive, true),
        sql`EXISTS (SELECT 1 FROM ${refreshTokens} WHERE ${refreshTokens.familyId} = ${sql.placeholder('sessionId')}::uuid
          AND ${refreshTokens.userId} = ${users.id} AND ${refreshTokens.revokedAt} IS NULL)`,
      ),
    )
    .groupBy(users.id)
    .prepare('core_active_user_session'),
);

function parsePgArray(text: string): string[] {
  const inner = text.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',').map((s) => s.replace(/^"|"$/g, '')) : [];
}

export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)$/i.exec(header.trim());
  return match ? match[1]! : null;
}

/** Secure by default: every route needs a valid access token unless its config says `public: true`. */
export function registerAuthHook(app: FastifyInstance, core: Core): void {
  app.decorateRequest('user', null);
  app.addHook('onRoute', (route) => {
    if (route.config?.public || route.url.startsWith('/docs')) return;
    route.schema ??= {};
    route.schema.security ??= [{ bearerAuth: [] }];
    const response = (route.schema.response ??= {}) as Record<string, unknown>;
    response[401] ??= { $ref: 'Problem#' };
  });
  app.addHook('preHandler', async (request) => {
    if (request.is404) return;
    const isPublic = request.routeOptions.config?.public === true || request.routeOptions.url?.startsWith('/docs');
    const token = bearerToken(request.headers.authorization);
    if (token) request.user = await authenticateToken(core, token);
    if (!isPublic && !request.user) {
      throw new AppError('auth.required', 401, token ? 'the access token is invalid or expired' : 'a valid access token is required');
    }
  });
}
