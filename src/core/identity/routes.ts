import { Type } from 'typebox';
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from '../context.js';
import { AppError } from '../http/errors.js';
import { createDatabaseRateLimiter, sendRateLimitHeaders } from '../http/rate-limit.js';
import { errorResponses, IdParams, Strict, Timestamp, Uuid } from '../http/schemas.js';
import { afterCursor, PageQuery, pageOf, toPage, DEFAULT_PAGE_SIZE } from '../http/pagination.js';
import { requireAdmin, requireUser } from './access.js';
import * as accounts from './accounts.js';
import { notificationFields } from '../notifications/routes.js';
import { users } from './schema.js';

const Email = Type.String({
  pattern: '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$',
  maxLength: 254,
  description: 'Compared case-insensitively, surrounding spaces ignored',
});
const Password = Type.String({
  minLength: 8,
  maxLength: 1024,
  description:
    "At least 8 characters, every one of which counts, and not easy to guess: common passwords, repeats and the account's own email or name are refused (400 identity.weak_password, naming the field, with why and what would do)",
});
const Username = Type.String({ pattern: '^[A-Za-z0-9_.-]{3,32}$' });
const FullName = Type.String({ minLength: 1, maxLength: 200 });
const Locale = Type.Union([Type.Literal('ko'), Type.Literal('en')]);

const Tokens = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
});

const Role = Type.Object({ product: Type.String(), role: Type.String() });

const ProfileSchema = Type.Object(
  {
    id: Uuid,
    email: Type.String(),
    username: Type.Union([Type.String(), Type.Null()]),
    fullName: Type.Union([Type.String(), Type.Null()]),
    locale: Type.Union([Locale, Type.Null()], { description: "The console's language; null follows the browser" }),
    timeZone: Type.Union([Type.String(), Type.Null()], {
      description: 'IANA time zone for dates and times; null: Asia/Seoul for Korean, the browser’s zone otherwise',
    }),
    isActive: Type.Boolean(),
    isVerified: Type.Boolean(),
    isAdmin: Type.Boolean(),
    roles: Type.Array(Role),
    lastLoginAt: Type.Union([Timestamp, Type.Null()]),
    createdAt: Timestamp,
  },
  { $id: 'Profile' },
);
const ProfileRef = Type.Unsafe<accounts.Profile>({ $ref: 'Profile#' });

const Session = Type.Object({ user: ProfileRef, tokens: Tokens });

export function identityRoutes(core: Core) {
  // Counted in the database, so every instance behind a proxy sees the same attempts; keys are stored as blind indexes.
  const limiter = (name: string) =>
    createDatabaseRateLimiter({
      db: core.db,
      name,
      max: name === 'login-account' ? core.config.login.maxPerAccount : core.config.login.maxPerAddress,
      windowSeconds: core.config.login.windowSeconds,
      clock: core.clock,
      hashKey: (key) => core.crypt.blind(`rate-limit:${name}`, 'text', key),
    });
  const byAccount = limiter('login-account');
  const byAddress = limiter('login-address');
  // A 409 on registration says an address has an account: those answers count against the client address like failed sign-ins.
  const takenByAddress = limiter('register-taken');
  const resetsByAddress = limiter('password-reset');

  return async function register(root: FastifyInstance) {
    root.addSchema(ProfileSchema);
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['identity'];

    app.post(
      '/v1/auth/register',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Create an account and sign in',
          body: Strict({ email: Email, password: Password, username: Type.Optional(Username), fullName: Type.Optional(FullName) }),
          response: { 201: Session, ...errorResponses(400, 409, 429) },
        },
      },
      async (request, reply) => {
        const state = await takenByAddress.peek(request.ip);
        sendRateLimitHeaders(reply, state);
        if (!state.allowed)
          throw new AppError('auth.rate_limited', 429, 'too many registration attempts; try again later', {
            retryAfterSeconds: state.retryAfterSeconds,
          });
        const { userId } = await accounts.registerAccount(core, request.body).catch(async (err: unknown) => {
          if (err instanceof AppError && err.status === 409) await takenByAddress.hit(request.ip);
          throw err;
        });
        const tokens = await accounts.startSession(core, userId);
        return reply.status(201).send({ user: await accounts.getProfile(core, userId), tokens });
      },
    );

    app.post(
      '/v1/auth/login',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Sign in with email and password',
          body: Strict({ email: Email, password: Type.String({ minLength: 1, maxLength: 1024 }) }),
          response: { 200: Session, ...errorResponses(400, 401, 429) },
        },
      },
      async (request, reply) => {
        const accountKey = core.crypt.blind(accounts.EMAIL_PURPOSE, 'email', request.body.email);
        const states = [await byAccount.peek(accountKey), await byAddress.peek(request.ip)];
        sendRateLimitHeaders(reply, ...states);
        const refused = states.find((s) => !s.allowed);
        if (refused)
          throw new AppError('auth.rate_limited', 429, 'too many sign-in attempts; try again later', {
            retryAfterSeconds: refused.retryAfterSeconds,
          });
        try {
          const { userId, tokens } = await accounts.login(core, request.body.email, request.body.password);
          await byAccount.reset(accountKey);
          return { user: await accounts.getProfile(core, userId), tokens };
        } catch (err) {
          if (err instanceof AppError && err.status === 401)
            sendRateLimitHeaders(reply, await byAccount.hit(accountKey), await byAddress.hit(request.ip));
          throw err;
        }
      },
    );

    app.post(
      '/v1/auth/refresh',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Exchange a refresh token for a new pair (the old one stops working)',
          body: Strict({ refreshToken: Type.String({ minLength: 1, maxLength: 512 }) }),
          response: { 200: Tokens, ...errorResponses(400, 401) },
        },
      },
      async (request) => accounts.refresh(core, request.body.refreshToken),
    );

    app.post(
      '/v1/auth/logout',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Sign out: revoke a refresh token, every token rotated from it, and the access tokens of that sign-in at once',
          body: Strict({ refreshToken: Type.String({ minLength: 1, maxLength: 512 }) }),
          response: { 204: Type.Null(), ...errorResponses(400) },
        },
      },
      async (request, reply) => {
        await accounts.logout(core, request.body.refreshToken);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/v1/auth/verify-email',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Confirm an email address with the token from the mail',
          body: Strict({ token: Type.String({ minLength: 1, maxLength: 256 }) }),
          response: { 204: Type.Null(), ...errorResponses(400) },
        },
      },
      async (request, reply) => {
        await accounts.confirmEmail(core, request.body.token);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/v1/auth/password-reset',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Mail a password-reset link (same answer whether or not the account exists)',
          body: Strict({ email: Email }),
          response: { 202: Type.Null(), ...errorResponses(400, 429) },
        },
      },
      async (request, reply) => {
        const state = await resetsByAddress.hit(request.ip);
        sendRateLimitHeaders(reply, state);
        if (!state.allowed)
          throw new AppError('auth.rate_limited', 429, 'too many reset requests; try again later', {
            retryAfterSeconds: state.retryAfterSeconds,
          });
        await accounts.requestPasswordReset(core, request.body.email);
        return reply.status(202).send(null);
      },
    );

    app.post(
      '/v1/auth/password-reset/confirm',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Choose a new password with the token from the mail; signs out everywhere',
          body: Strict({ token: Type.String({ minLength: 1, maxLength: 256 }), newPassword: Password }),
          response: { 204: Type.Null(), ...errorResponses(400) },
        },
      },
      async (request, reply) => {
        await accounts.resetPassword(core, request.body.token, request.body.newPassword);
        return reply.status(204).send(null);
      },
    );

    app.get('/v1/me', { schema: { tags, summary: 'The signed-in account', response: { 200: ProfileRef } } }, async (request) =>
      accounts.getProfile(core, requireUser(request).id),
    );

    app.patch(
      '/v1/me',
      {
        schema: {
          tags,
          summary: 'Change username, full name, language or time zone',
          body: Strict({
            username: Type.Optional(Type.Union([Username, Type.Null()])),
            fullName: Type.Optional(Type.Union([FullName, Type.Null()])),
            locale: Type.Optional(Type.Union([Locale, Type.Null()])),
            timeZone: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
          }),
          response: { 200: ProfileRef, ...errorResponses(400, 409) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        await accounts.updateProfile(core, user.id, request.body);
        return accounts.getProfile(core, user.id);
      },
    );

    app.post(
      '/v1/me/password',
      {
        schema: {
          tags,
          summary: 'Change the password; every refresh token and every access token of the account is revoked at once',
          body: Strict({ currentPassword: Type.String({ minLength: 1, maxLength: 1024 }), newPassword: Password }),
          response: { 204: Type.Null(), ...errorResponses(400, 403) },
        },
      },
      async (request, reply) => {
        await accounts.changePassword(core, requireUser(request).id, request.body.currentPassword, request.body.newPassword);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/v1/me/verify-email',
      {
        schema: {
          tags,
          summary: 'Send (again) the email-verification link (503 mail.unavailable when the mail server refuses it)',
          response: { 202: Type.Null(), ...errorResponses(503) },
        },
      },
      async (request, reply) => {
        await accounts.requestEmailVerification(core, requireUser(request).id);
        return reply.status(202).send(null);
      },
    );

    app.post(
      '/v1/me/roles',
      {
        schema: {
          tags,
          summary: 'Take a self-service role in a product (one its definition lets users take themselves)',
          body: Strict({ product: Type.String({ maxLength: 32 }), role: Type.String({ maxLength: 32 }) }),
          response: { 200: ProfileRef, ...errorResponses(400, 403) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { product, role } = request.body;
        const definition = core.products.find((p) => p.name === product)?.roles?.find((r) => r.name === role);
        if (definition && !definition.selfAssign)
          throw new AppError('auth.forbidden', 403, `only an admin can grant the ${product} ${role} role`);
        await accounts.grantRole(core, user.id, product, role);
        return accounts.getProfile(core, user.id);
      },
    );

    app.get(
      '/v1/me/export',
      {
        schema: {
          tags,
          summary: 'Everything Talkbase holds about me, as JSON',
          response: {
            200: Type.Object({
              format: Type.String(),
              exportedAt: Timestamp,
              profile: ProfileRef,
              notifications: Type.Array(Type.Object(notificationFields)),
              products: Type.Record(Type.String(), Type.Unknown()),
            }),
          },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        reply.header('content-disposition', 'attachment; filename="talkbase-export.json"');
        return accounts.exportAccount(core, user.id);
      },
    );

    app.delete(
      '/v1/me',
      {
        schema: {
          tags,
          summary: 'Delete my account and all its data (needs the password)',
          body: Strict({ password: Type.String({ minLength: 1, maxLength: 1024 }) }),
          response: { 204: Type.Null(), ...errorResponses(400, 403) },
        },
      },
      async (request, reply) => {
        await accounts.deleteAccount(core, requireUser(request).id, request.body.password);
        return reply.status(204).send(null);
      },
    );

    const AdminUser = Type.Object({
      id: Uuid,
      email: Type.String(),
      username: Type.Union([Type.String(), Type.Null()]),
      isActive: Type.Boolean(),
      isAdmin: Type.Boolean(),
      createdAt: Timestamp,
      lastLoginAt: Type.Union([Timestamp, Type.Null()]),
    });

    app.get(
      '/v1/admin/users',
      {
        schema: {
          tags: ['admin'],
          summary: 'All accounts, newest first',
          querystring: Strict(PageQuery),
          response: { 200: pageOf(AdminUser), ...errorResponses(400, 403) },
        },
      },
      async (request) => {
        requireAdmin(request);
        const limit = request.query.limit ?? DEFAULT_PAGE_SIZE;
        const rows = await core.db
          .select()
          .from(users)
          .where(afterCursor(request.query.cursor, users.createdAt, users.id, 'desc'))
          .orderBy(desc(users.createdAt), desc(users.id))
          .limit(limit + 1);
        return toPage(
          rows,
          limit,
          (u) => [u.createdAt.toISOString(), u.id],
          (u) => ({
            id: u.id,
            email: core.crypt.open(users.email, u.id, u.email),
            username: u.username,
            isActive: u.isActive,
            isAdmin: u.isAdmin,
            createdAt: u.createdAt.toISOString(),
            lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
          }),
        );
      },
    );

    app.put(
      '/v1/admin/users/:id/roles',
      {
        schema: {
          tags: ['admin'],
          summary: 'Grant a product role',
          params: IdParams,
          body: Strict({ product: Type.String({ maxLength: 32 }), role: Type.String({ maxLength: 32 }) }),
          response: { 200: ProfileRef, ...errorResponses(400, 403, 404) },
        },
      },
      async (request) => {
        requireAdmin(request);
        const profile = await accounts.getProfile(core, request.params.id);
        await accounts.grantRole(core, profile.id, request.body.product, request.body.role);
        return accounts.getProfile(core, profile.id);
      },
    );

    app.delete(
      '/v1/admin/users/:id/roles',
      {
        schema: {
          tags: ['admin'],
          summary: 'Revoke a product role',
          params: IdParams,
          body: Strict({ product: Type.String({ maxLength: 32 }), role: Type.String({ maxLength: 32 }) }),
          response: { 200: ProfileRef, ...errorResponses(400, 403, 404) },
        },
      },
      async (request) => {
        requireAdmin(request);
        await accounts.revokeRole(core, request.params.id, request.body.product, request.body.role);
        return accounts.getProfile(core, request.params.id);
      },
    );

    app.patch(
      '/v1/admin/users/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'Disable or enable an account',
          params: IdParams,
          body: Strict({ isActive: Type.Boolean() }),
          response: { 200: ProfileRef, ...errorResponses(400, 403, 404) },
        },
      },
      async (request) => {
        requireAdmin(request);
        await core.db
          .update(users)
          .set({ isActive: request.body.isActive, updatedAt: core.clock.now() })
          .where(eq(users.id, request.params.id));
        if (!request.body.isActive) await accounts.revokeAllSessions(core, core.db, request.params.id);
        else await core.accountCache.forget(request.params.id);
        return accounts.getProfile(core, request.params.id);
      },
    );
  };
}
