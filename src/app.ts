import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import helmet from 'helmet';
import cors from '@fastify/cors';
import ajvFormats from 'ajv-formats';
import { Type } from 'typebox';
import { ConfigError, type Config } from './config.js';
import type { Core } from './core/context.js';
import { openDatabase, type Database } from './core/db/database.js';
import { migrate, runDataSteps } from './core/db/migrate.js';
import { dataSteps } from './data-steps.js';
import { uuidv7 } from './core/db/ids.js';
import { createCrypt } from './core/db/encrypted-column.js';
import { loadKeyring, type Keyring } from './core/crypto/keyring.js';
import { createFieldCipher } from './core/crypto/field-cipher.js';
import { createBlindIndex } from './core/crypto/blind-index.js';
import { systemClock, type Clock } from './core/time/clock.js';
import { createPasswordHasher } from './core/identity/passwords.js';
import { createTokenService } from './core/identity/tokens.js';
import { openMailer, type Mailer } from './core/identity/mailer.js';
import { registerAuthHook } from './core/identity/access.js';
import { createAccountCache } from './core/identity/account-cache.js';
import { identityRoutes } from './core/identity/routes.js';
import { openBlobStore } from './core/files/open-blob-store.js';
import type { BlobStore } from './core/files/blob-store.js';
import { createFileService } from './core/files/files.js';
import { fileRoutes } from './core/files/routes.js';
import { deleteBlobsJob } from './core/files/blob-deletion.js';
import { retentionSchedule } from './core/retention/retention.js';
import { allRetentionPolicies } from './core/retention/policies.js';
import { checkPolicies } from './core/retention/sweeper.js';
import { localControlRoutes } from './core/local-control.js';
import { registerUploadParsers } from './core/files/upload-parsers.js';
import { createMemoryBus, createRedisBus, type Bus } from './core/realtime/bus.js';
import { createRealtime } from './core/realtime/realtime.js';
import { realtimeRoutes } from './core/realtime/routes.js';
import { createVoiceService } from './core/voice/voice.js';
import { voiceRoutes } from './core/voice/routes.js';
import { createTelephone } from './core/voice/telephone.js';
import { telephoneRoutes } from './core/voice/telephone-routes.js';
import { notificationRoutes } from './core/notifications/routes.js';
import { createKnowledge } from './core/knowledge/knowledge.js';
import { knowledgeRoutes } from './core/knowledge/routes.js';
import { KNOWLEDGE_IMPORT_JOB, knowledgeImportJob } from './core/knowledge/import-job.js';
import { createAiEngine, type AiProviders } from './core/ai/ai-engine.js';
import { createConfiguredProviders, engineWebhookSecret } from './core/ai/providers/index.js';
import { aiTaskRegistry } from './core/ai/tasks.js';
import { aiRoutes } from './core/ai/routes.js';
import { registerProblemHandler } from './core/http/problem.js';
import { registerJsonBodyParser } from './core/http/json-body.js';
import { frameworkErrorAsProblem, registerInputTextGuard } from './core/http/input-text.js';
import { typedBodyValidatorBuilder } from './core/http/validators.js';
import { registerOpenApi } from './core/http/openapi.js';
import { operationIds } from './operation-ids.js';
import { lazyAjvCompile, lazySerializerBuilder } from './core/http/lazy-schemas.js';
import { registerLoadShedding } from './core/http/load-shedding.js';
import { registerIdempotencyKeys } from './core/http/idempotency.js';
import { consoleRoutes } from './core/http/console.js';
import { createMetrics, registerHttpMetrics, type Metrics } from './core/observability/metrics.js';
import { metricsAccess } from './core/observability/metrics-access.js';
import { errorResponses } from './core/http/schemas.js';
import { createSystemLogSink } from './core/observability/system-logs.js';
import { systemLogRoutes } from './core/observability/system-log-routes.js';
import { createJobQueue, type JobQueueOptions } from './core/jobs/job-queue.js';
import { jobAdminRoutes } from './core/jobs/admin-routes.js';
import { webhookDeliveryJob } from './core/webhooks/outbound.js';
import { webhookAdminRoutes } from './core/webhooks/admin-routes.js';
import type { ProductDefinition } from './core/product.js';
import { productContext } from './core/product-context.js';
import { readProductSettings } from './core/product-settings.js';
import { allProducts } from './products/index.js';
import { VERSION } from './version.js';

export type ServerRole = 'all' | 'api' | 'worker';

export interface RouteSummary {
  method: string;
  url: string;
  public: boolean;
  hidden: boolean;
}

/** Ports a caller may hand in; anything left out is built from the configuration. */
export interface AppDeps {
  database?: Database;
  /** Close `database` when the app closes (the server opens it itself, alongside loading the app). */
  closeDatabase?: boolean;
  keyring?: Keyring;
  clock?: Clock;
  mailer?: Mailer;
  /** Where file bytes go; default from the configuration (`<dataDir>/files`, or S3 with S3_BUCKET). */
  blobs?: BlobStore;
  /** The realtime bus; several apps in one process share one to act as several instances. Default: Redis with REDIS_URL, else in-process. */
  bus?: Bus;
  products?: ProductDefinition[];
  /** AI providers replacing the configured ones (tests: a failing engine); the port's timeouts, breaker and records still apply. */
  aiProviders?: Partial<AiProviders>;
  /** Apply migrations at start (default true). */
  migrate?: boolean;
  /** Pino options or false; defaults to JSON on stdout at the configured level. Warnings and errors also go to core.system_logs. */
  logger?: boolean | Record<string, unknown>;
  /** Job queue timings (tests shorten polling and supervision); `workers` defaults to config.workers. */
  jobs?: Partial<JobQueueOptions>;
  /** Start the job queue before returning (default true). The server passes false and starts it once listening. */
  startJobs?: boolean;
  /**
   * What this process serves (default all). api: HTTP and sockets, sends jobs but runs none (config.workers is ignored);
   * worker: jobs, schedules and sweeps, and over HTTP only /health, /ready and /metrics.
   */
  role?: ServerRole;
}

declare module 'fastify' {
  interface FastifyInstance {
    core: Core;
    metrics: Metrics;
    /** Every route as registered, for checks generated from the route list (OpenAPI coverage, access matrix). */
    routeList: RouteSummary[];
  }
}

const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.refreshToken',
  '*.email',
];

/** The products TALKBASE_PRODUCTS names (all when unset); a name that is not one of them stops the start. */
export function enabledProducts(config: Config, all: ProductDefinition[] = allProducts): ProductDefinition[] {
  if (!config.products) return all;
  const known = all.map((p) => p.name);
  const unknown = config.products.find((name) => !known.includes(name));
  if (unknown) throw new ConfigError('TALKBASE_PRODUCTS', `unknown product "${unknown}"; known: ${known.join(', ')}`);
  return all.filter((p) => config.products!.includes(p.name));
}

/** The enabled products, their own settings checked: a bad value stops the start before anything opens. */
function productsToServe(config: Config, deps: AppDeps): ProductDefinition[] {
  const products = deps.products ?? enabledProducts(config);
  for (const product of products) if (product.settings) readProductSettings(product.settings, config.productEnvironment);
  return products;
}

/** Builds a ready Fastify instance. Starting, signals and the command line live in main.ts. */
export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  const role = deps.role ?? 'all';
  if (role !== 'all') config = { ...config, workers: role === 'worker' };
  let products: ProductDefinition[];
  try {
    products = productsToServe(config, deps);
  } catch (err) {
    if (deps.database && deps.closeDatabase) await deps.database.close();
    throw err;
  }
  const systemLogSink = deps.logger === false ? null : createSystemLogSink();
  const app = Fastify({
    logger:
      deps.logger === false
        ? false
        : {
            redact: { paths: REDACT, censor: '[redacted]' },
            ...(typeof deps.logger === 'object' ? deps.logger : {}),
            ...loggerStreams(
              typeof deps.logger === 'object' && typeof deps.logger.level === 'string' ? deps.logger.level : config.logLevel,
              systemLogSink!.stream,
            ),
          },
    bodyLimit: config.bodyLimitBytes,
    // Fastify also takes a hop count here, which its types leave out.
    trustProxy: config.trustProxy as boolean | string[],
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[A-Za-z0-9._-]{1,128}$/.test(incoming) ? incoming : uuidv7();
    },
    // Requests arriving while the server closes get load-shedding.ts's 503 with Retry-After instead of Fastify's bare one.
    return503OnClosing: false,
    frameworkErrors: frameworkErrorAsProblem,
    forceCloseConnections: 'idle',
    ajv: {
      customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true },
      plugins: [ajvFormats as never, lazyAjvCompile as never],
    },
    // Validators and serializers compile on each route's first use only: compiling all of them costs about 22 MB (lazy-schemas.ts).
    schemaController: {
      compilersFactory: { buildSerializer: lazySerializerBuilder() as never, buildValidator: typedBodyValidatorBuilder() as never },
    },
  });

  let keyring = deps.keyring;
  if (!keyring) {
    const loaded = loadKeyring({ keysJson: config.keysJson, dataDir: config.dataDir, embedded: config.database.kind === 'pglite' });
    if (loaded.source === 'created') {
      app.log.warn(
        'created encryption keys in the data directory (keys.json, mode 0600); production must supply TALKBASE_KEYS from a secret store',
      );
    }
    keyring = loaded.keyring;
  }
  const ownsDatabase = !deps.database || deps.closeDatabase === true;
  const database = deps.database ?? (await openDatabase(config.database));
  try {
    if (deps.migrate !== false) {
      await migrate(database, { log: (m) => app.log.info(m) });
      await runDataSteps(database, dataSteps(keyring), { log: (m) => app.log.info(m) });
    }
  } catch (err) {
    if (ownsDatabase) await database.close();
    throw err;
  }

  const clock = deps.clock ?? systemClock;
  let bus: Bus;
  // Invalidations may be lost while Redis is away: then nothing the account cache remembered is trusted.
  let onBusError = () => undefined as void;
  try {
    bus =
      deps.bus ??
      (config.redisUrl
        ? await createRedisBus(config.redisUrl, {
            onError: (err) => {
              onBusError();
              app.log.warn({ err }, 'realtime bus (redis) error');
            },
          })
        : createMemoryBus());
  } catch (err) {
    if (ownsDatabase) await database.close();
    throw err;
  }
  // Every instance hears every account change when there is one process (the embedded database) or a shared bus.
  const accountCache = createAccountCache({
    enabled: config.accountCacheMs > 0 && (config.database.kind === 'pglite' || Boolean(config.redisUrl) || Boolean(deps.bus)),
    bus,
    clock,
    ttlMs: config.accountCacheMs,
  });
  onBusError = () => accountCache.clear();
  app.addHook('onClose', async () => accountCache.close());
  const metrics = createMetrics();
  const aiWebhookSecret = engineWebhookSecret(config.ai, keyring.tokenKey);
  const configuredAi = createConfiguredProviders(config.ai, {
    webhookSecret: aiWebhookSecret,
    tasks: aiTaskRegistry(products.flatMap((p) => p.aiTasks ?? [])),
    clock,
    log: app.log,
  });
  const ai = createAiEngine({
    config: config.ai,
    db: database.db,
    clock,
    providers: { ...configuredAi, ...deps.aiProviders },
    metrics,
    log: app.log,
    defaultCallbackUrl: `${config.publicUrl.replace(/\/+$/, '')}/v1/webhooks/engine`,
    engineWebhookSecrets: [aiWebhookSecret],
    closeProviders: configuredAi.close,
  });
  const blobs = deps.blobs ?? (await openBlobStore(config.blobs));
  const core: Core = {
    config,
    database,
    db: database.db,
    crypt: createCrypt(createFieldCipher(keyring), createBlindIndex(keyring)),
    keyring,
    clock,
    log: app.log,
    passwords: createPasswordHasher(keyring.pepper, config.bcryptCost),
    tokens: createTokenService(keyring.tokenKey, config.accessTokenSeconds, clock),
    accountCache,
    mailer: deps.mailer ?? openMailer(config.mail, app.log),
    products,
    blobs,
    files: createFileService(() => core),
    jobs: createJobQueue({
      database,
      log: app.log,
      core: () => core,
      metrics,
      options: { workers: config.workers, stopTimeoutMs: config.shutdownTimeoutMs, ...deps.jobs },
    }),
    realtime: createRealtime({
      core: () => core,
      db: database.db,
      clock,
      log: app.log,
      bus,
      ownsBus: !deps.bus,
      products,
      config: config.realtime,
    }),
    ai,
    knowledge: createKnowledge({
      database,
      clock,
      log: app.log,
      embed: (texts, options) => core.ai.embed(texts, options),
      enqueueImport: async (importId, userId) =>
        void (await core.jobs.send(KNOWLEDGE_IMPORT_JOB, { importId, userId }, { idempotencyKey: importId })),
      options: { ...config.knowledge, defaultDimension: config.ai.embedDimensions },
    }),
    get forProducts() {
      return productContext(core);
    },
  };
  app.decorate('core', core);
  // While this process holds the embedded database, `talkbase purge` and `admin grant` ask it to do the work: the
  // lock file tells them where (once listening) and with which key.
  const controlKey = database.lock ? randomBytes(32).toString('base64url') : null;
  if (controlKey)
    app.addHook('onListen', (done) => {
      const address = app.server.address();
      if (address && typeof address === 'object') {
        const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
        const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
        database.lock?.update({ control: { url, key: controlKey } });
      }
      done();
    });
  app.decorate('metrics', metrics);
  const routeList: RouteSummary[] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeList.push({
        method,
        url: route.url,
        public: route.config?.public === true,
        hidden: route.schema?.hide === true || route.url.startsWith('/docs'),
      });
    }
  });
  if (ownsDatabase) app.addHook('onClose', async () => database.close());
  if (!deps.blobs) app.addHook('onClose', async () => blobs.close());
  if (!deps.mailer) app.addHook('onClose', async () => core.mailer.close?.());
  // onClose hooks run last-added first: jobs finish and logs flush before the database closes.
  app.addHook('onClose', async () => {
    await core.jobs.stop();
    await systemLogSink?.close();
  });
  systemLogSink?.attach(database);
  core.jobs.define(webhookDeliveryJob);
  core.jobs.define(deleteBlobsJob);
  core.jobs.define(knowledgeImportJob);
  core.jobs.schedule(retentionSchedule);
  checkPolicies(allRetentionPolicies(config, products));
  for (const product of products) {
    for (const job of product.jobs ?? []) core.jobs.define({ ...job, run: (c, data, info) => job.run(c.forProducts, data, info) });
    for (const schedule of product.schedules ?? []) core.jobs.schedule({ ...schedule, run: (c) => schedule.run(c.forProducts) });
  }
  app.addHook('onClose', async () => core.ai.close());
  await core.knowledge.start();
  app.addHook('preClose', async () => core.knowledge.close());
  const voice = createVoiceService(() => core, { metrics });
  // Voice sessions end (replies cut off are stored) before realtime closes its sockets and the database goes.
  app.addHook('preClose', async () => voice.close());

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerProblemHandler(app);
  registerJsonBodyParser(app);
  registerInputTextGuard(app);
  registerHttpMetrics(app, metrics);
  registerLoadShedding(app, { config: config.shedding, database, metrics });
  registerIdempotencyKeys(app, database);
  // Security headers on every answer. The middleware is built once: the Fastify plugin for it built it again,
  // parsing the policy anew, on every request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        // Served over plain HTTP on a LAN address, the console's own files must not be rewritten to https.
        upgradeInsecureRequests: null,
      },
    },
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)),
  );
  await app.register(cors, {
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    credentials: false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'x-request-id', 'x-file-name'],
    exposedHeaders: [
      'retry-after',
      'idempotent-replayed',
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
      'x-request-id',
      'location',
    ],
    maxAge: 600,
  });
  // What one account sees is never kept by a browser or a shared cache.
  app.addHook('onSend', (request, reply, payload, done) => {
    if (request.headers.authorization && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  await registerOpenApi(app, { version: VERSION, serverUrl: config.apiServerUrl, operationIds });
  registerAuthHook(app, core);
  await registerUploadParsers(app, config.files.uploadMaxBytes);

  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['operations'],
        summary: 'The process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok'), version: Type.String() }) },
      },
    },
    async () => ({ status: 'ok' as const, version: VERSION }),
  );

  app.get(
    '/ready',
    {
      config: { public: true },
      schema: {
        tags: ['operations'],
        summary: 'The database and every configured dependency answer',
        response: {
          200: Type.Object({ status: Type.String(), checks: Type.Record(Type.String(), Type.String()) }),
          503: Type.Object({ status: Type.String(), checks: Type.Record(Type.String(), Type.String()) }),
        },
      },
    },
    async (_request, reply) => {
      const checks: Record<string, string> = {};
      try {
        await database.ping();
        checks.database = 'ok';
      } catch {
        checks.database = 'unreachable';
      }
      try {
        await core.realtime.ping();
        checks.bus = 'ok';
      } catch {
        checks.bus = 'unreachable';
      }
      // Informational: the server starts the job queue just after it listens, and a job sent meanwhile waits for it.
      const jobs = core.jobs.started ? 'ok' : 'starting';
      const ok = Object.values(checks).every((c) => c === 'ok');
      checks.jobs = jobs;
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not ready', checks });
    },
  );

  app.get(
    '/metrics',
    {
      config: { public: true },
      schema: {
        tags: ['operations'],
        summary:
          'Prometheus metrics: for clients on the same machine (loopback, not through a proxy), a deployment admin, or the METRICS_TOKEN bearer token',
        produces: ['text/plain'],
        security: [{}, { bearerAuth: [] }],
        response: { 200: Type.String(), ...errorResponses(401) },
      },
      preHandler: metricsAccess(config.metrics.token),
    },
    async (_request, reply) => {
      // Queue depth is counted when scraped, not on a timer, so an idle server does not wake for it.
      if (core.jobs.started) await core.jobs.stats().catch((err: unknown) => app.log.warn({ err }, 'could not count the job queues'));
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    },
  );

  if (controlKey) await app.register(localControlRoutes(core, controlKey));
  if (role !== 'worker') await registerApi(app, core, voice);
  if (deps.startJobs !== false) await core.jobs.start();
  await app.ready();
  return app;
}

/** The public API, the sockets and the web console: everything a worker process does not serve. */
async function registerApi(app: FastifyInstance, core: Core, voice: ReturnType<typeof createVoiceService>) {
  await app.register(identityRoutes(core));
  await app.register(fileRoutes(core));
  const telephone = createTelephone({ core: () => core, voice });
  await app.register(realtimeRoutes(core, [voiceRoutes(voice, core.products), telephoneRoutes(telephone, core.products)]));
  await app.register(notificationRoutes(core));
  await app.register(knowledgeRoutes(core));
  await app.register(jobAdminRoutes(core));
  await app.register(webhookAdminRoutes(core));
  await app.register(systemLogRoutes(core));
  await app.register(aiRoutes(core, VERSION));
  for (const product of core.products) {
    if (product.routes) {
      const routes = product.routes;
      await app.register(async (scope) => routes(scope, core.forProducts), { prefix: `/v1/${product.name}` });
    }
  }
  // The web console at `/` (any path the API does not answer); /v1, /docs and the operational endpoints keep theirs.
  await app.register(consoleRoutes());
}

/** Stdout at the configured level, and warnings and above to the system log whatever that level is. */
function loggerStreams(level: string, systemLog: { write(line: string): void }) {
  const streams: pino.StreamEntry[] = [{ level: 'warn', stream: systemLog }];
  if (level !== 'silent') streams.push({ level: level as pino.Level, stream: process.stdout });
  const order = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
  const lowest = level === 'silent' || order.indexOf(level) > order.indexOf('warn') ? 'warn' : level;
  return { level: lowest, stream: pino.multistream(streams) };
}
