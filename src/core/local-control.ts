import { createHash, timingSafeEqual } from 'node:crypto';
import { Type } from 'typebox';
import { eq, inArray } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from './context.js';
import { AppError } from './http/errors.js';
import { Strict } from './http/schemas.js';
import { bearerToken } from './identity/access.js';
import { emailLookup } from './identity/accounts.js';
import { users } from './identity/schema.js';
import { allRetentionPolicies } from './retention/policies.js';
import { purgeExpired } from './retention/retention.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * What the command line does through a running server while that server holds the embedded database (one process
 * per data directory): `talkbase purge` and `talkbase admin grant`. Only the control key the server wrote into the
 * directory's lock file (mode 0600, readable by the account that runs the server) opens these routes; they are not
 * part of the public API.
 */
export function localControlRoutes(core: Core, controlKey: string) {
  const expected = digest(controlKey);
  const requireControlKey = (request: FastifyRequest) => {
    const presented = bearerToken(request.headers.authorization);
    if (!presented || !timingSafeEqual(digest(presented), expected))
      throw new AppError('auth.required', 401, 'the control key of this server is required');
  };
  return async function register(root: FastifyInstance) {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/v1/local/retention/purge',
      {
        config: { public: true },
        schema: {
          hide: true,
          body: Strict({
            batchSize: Type.Integer({ minimum: 1, maximum: 100_000 }),
            timeBudgetSeconds: Type.Number({ exclusiveMinimum: 0, maximum: 86_400 }),
            policies: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 200 }),
          }),
        },
      },
      async (request) => {
        requireControlKey(request);
        const only = request.body.policies;
        const policies = allRetentionPolicies(core.config, core.products).filter((p) => !only.length || only.includes(p.policy.name));
        const unknown = only.filter((name) => !policies.some((p) => p.policy.name === name));
        if (unknown.length)
          throw new AppError('retention.unknown_policy', 400, `no retention policy named ${unknown.map((n) => `"${n}"`).join(', ')}`, {
            errors: [{ field: 'policies', message: `${unknown.join(', ')}: no such policy` }],
          });
        request.log.info({ policies: policies.length }, 'retention purge asked for by talkbase purge');
        const report = await purgeExpired(core, {
          policies,
          batchSize: request.body.batchSize,
          timeBudgetMs: request.body.timeBudgetSeconds * 1000,
        });
        return { ...report, now: report.now.toISOString() };
      },
    );
    app.post(
      '/v1/local/admins',
      { config: { public: true }, schema: { hide: true, body: Strict({ who: Type.String({ minLength: 1, maxLength: 320 }) }) } },
      async (request) => {
        requireControlKey(request);
        const who = request.body.who;
        const byId = /^[0-9a-f-]{36}$/i.test(who);
        const [row] = await core.db
          .select({ id: users.id })
          .from(users)
          .where(byId ? eq(users.id, who) : inArray(users.emailBlindIndex, emailLookup(core, who)));
        if (!row) throw new AppError('user.not_found', 404, 'no such account');
        await core.db.update(users).set({ isAdmin: true }).where(eq(users.id, row.id));
        await core.accountCache.forget(row.id);
        request.log.info({ userId: row.id }, 'deployment admin granted by talkbase admin grant');
        return { id: row.id };
      },
    );
  };
}
