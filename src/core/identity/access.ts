import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Core } from '../context.js';
import { rowsOf } from '../db/database.js';
import { AppError } from '../http/errors.js';

/** Who is asking, read from the database on every request, never from claims frozen in a token. */
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
  const rows = await core.db.execute(sql`
    SELECT u.is_admin, coalesce(array_agg(r.product || ':' || r.role) FILTER (WHERE r.role IS NOT NULL), '{}') AS roles
    FROM core.users u LEFT JOIN core.user_roles r ON r.user_id = u.id
    WHERE u.id = ${claims.userId} AND u.is_active
    GROUP BY u.id`);
  const row = rowsOf<{ is_admin: boolean; roles: string[] | string }>(rows)[0];
  if (!row) return null;
  const roles = Array.isArray(row.roles) ? row.roles : parsePgArray(row.roles);
  return { id: claims.userId, isAdmin: row.is_admin, roles: new Set(roles), tokenId: claims.tokenId, tokenExpiresAt: claims.expiresAt };
}

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
