import { sql } from 'drizzle-orm';
import { PgBoss, fromDrizzle, fromPglite, type Job, type JobResult } from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Core } from '../context.js';
import { rowsOf, type Database, type Db } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { decodeCursor, toPage } from '../http/pagination.js';
import type { Metrics } from '../observability/metrics.js';
import type { JobDefinition, RetentionPolicy, ScheduleDefinition } from '../product.js';
import { jobKeys } from './schema.js';

/** pg-boss keeps its tables in this schema; the admin listing reads them directly. */
export const JOB_SCHEMA = 'pgboss';

/** Idempotency keys are remembered this long; a key reused later creates a new job. (Jobs themselves are kept by pg-boss: completed and failed 7 days.) */
export const jobKeyRetention: RetentionPolicy = { name: 'core.job_keys', kind: 'ttl', table: jobKeys, column: 'created_at', days: 30 };

export interface SendOptions {
  /** A second send with the same key on the same queue creates no job and returns null. */
  idempotencyKey?: string;
  /** Not before this time, or this many seconds from now. */
  startAfter?: Date | number;
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  /** Enqueue inside this transaction: the job exists only if the transaction commits. */
  tx?: Db;
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

/** Jobs per queue and state; `failed` is the dead-letter state (retries exhausted, kept 7 days). */
export interface QueueDepth {
  queue: string;
  created: number;
  retry: number;
  active: number;
  failed: number;
}

export interface JobSummary {
  id: string;
  queue: string;
  state: JobState;
  /** Attempts started after the first. */
  retryCount: number;
  retryLimit: number;
  createdAt: Date;
  startAfter: Date;
  startedAt: Date | null;
  completedAt: Date | null;
  /** The last error message, for failed and retried jobs. */
  error: string | null;
}

export interface JobQueue {
  /** Registers a handler; defining after start starts its worker at once. Names are unique. */
  define<T>(job: JobDefinition<T, Core>): void;
  /** Registers a cron schedule (UTC) whose occurrences run `run(core)` once across all instances. */
  schedule(schedule: ScheduleDefinition<Core>): void;
  /** Enqueues a job; returns its id, or null when the idempotency key was already used. */
  send<T extends object>(name: string, data: T, opts?: SendOptions): Promise<string | null>;
  start(): Promise<void>;
  /** Stops fetching, lets in-flight jobs finish (bounded), then stops; unfinished jobs are retried later. */
  stop(): Promise<void>;
  /** Jobs per queue and state; also updates the talkbase_job_queue_depth gauge (the server refreshes it on every scrape). */
  stats(): Promise<QueueDepth[]>;
  /** Newest first, a page of `limit`; pass the returned `nextCursor` back as `cursor` for the next page. */
  list(filter: {
    queue?: string;
    state?: JobState;
    limit: number;
    cursor?: string;
  }): Promise<{ items: JobSummary[]; nextCursor: string | null }>;
  /** Puts a failed or cancelled job back in the queue; false when no such job is in such a state. */
  retry(id: string): Promise<JobSummary | null>;
  readonly started: boolean;
  readonly runsWorkers: boolean;
}

export interface JobQueueOptions {
  /** Run handlers and schedules in this process (false: only send; other processes work). */
  workers: boolean;
  /** Worker poll interval while the database's notifications are not heard (pg-boss minimum 0.5). */
  pollingSeconds: number;
  /**
   * While notifications wake the workers (a job sent on any instance is announced by the database when it commits),
   * each worker still polls this often, as a backstop.
   */
  backstopSeconds: number;
  /** How often a worker process looks up when the next delayed job or retry comes due (sends it cannot hear of). */
  dueCheckSeconds: number;
  /** How often expired jobs (a worker died mid-run) are failed over to retry. */
  superviseSeconds: number;
  /** How often due schedules are checked (at most 45: pg-boss sends an occurrence due within the last minute). */
  cronSeconds: number;
  /** The bound on `stop()` waiting for in-flight jobs. */
  stopTimeoutMs: number;
  batchSize: number;
}

export const defaultJobQueueOptions: JobQueueOptions = {
  workers: true,
  pollingSeconds: 2,
  backstopSeconds: 300,
  dueCheckSeconds: 30,
  superviseSeconds: 60,
  cronSeconds: 45,
  stopTimeoutMs: 10_000,
  batchSize: 5,
};

const DEFAULT_RETRY_LIMIT = 3;
const DEFAULT_RETRY_DELAY = 5;
const DEFAULT_TIMEOUT = 900;
const QUEUE_NAME = /^[A-Za-z0-9_.\-/]{1,100}$/;
const KEY_MAX = 200;

export interface JobQueueDeps {
  database: Database;
  log: FastifyBaseLogger;
  /** The context handed to handlers; read when a job runs, so the queue can be built before the Core is. */
  core: () => Core;
  metrics?: Metrics;
  options?: Partial<JobQueueOptions>;
}

/** The durable job queue: pg-boss on the same database (its own pool on PostgreSQL, the shared client on PGlite). */
export function createJobQueue(deps: JobQueueDeps): JobQueue {
  const options = { ...defaultJobQueueOptions, ...deps.options };
  const { database, log } = deps;
  const native = database.native;
  const boss =
    native.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(native.client), backend: 'pglite', schema: JOB_SCHEMA, ...bossTimers(options) })
      : new PgBoss({
          connectionString: native.url,
          max: options.workers ? 4 : 2,
          schema: JOB_SCHEMA,
          application_name: 'talkbase-jobs',
          ...bossTimers(options),
        });
  boss.on('error', (err) => log.error({ err: { message: err.message, name: err.name } }, 'job queue error'));
  boss.on('warning', (w) => log.warn({ warning: w.message }, 'job queue warning'));

  const jobs = new Map<string, JobDefinition<any, Core>>();
  const schedules = new Map<string, ScheduleDefinition<Core>>();
  let started = false;
  let starting: Promise<void> | null = null;
  let stopping: Promise<void> | null = null;
  const workerIds = new Map<string, string>();
  const due = dueWakeups({ database, log, options, queues: () => [...workerIds.keys()], wake: (name) => wakeQueue(name) });

  function wakeQueue(name: string) {
    const id = workerIds.get(name);
    if (id) boss.notifyWorker(id);
  }

  function assertName(name: string, what: string) {
    if (!QUEUE_NAME.test(name)) throw new Error(`${what} name "${name}" may hold only letters, digits, _ . - / (1-100 characters)`);
    if (jobs.has(name) || schedules.has(name)) throw new Error(`${what} "${name}" is defined twice`);
  }

  async function createQueue(
    name: string,
    def: { retryLimit?: number; retryDelay?: number; retryBackoff?: boolean; timeoutSeconds?: number },
  ) {
    const queueOptions = {
      retryLimit: def.retryLimit ?? DEFAULT_RETRY_LIMIT,
      retryDelay: def.retryDelay ?? DEFAULT_RETRY_DELAY,
      retryBackoff: def.retryBackoff ?? true,
      expireInSeconds: def.timeoutSeconds ?? DEFAULT_TIMEOUT,
      // The database announces each job that can run now, so idle workers wait for that instead of polling.
      notify: true,
    };
    if (await boss.getQueue(name)) await boss.updateQueue(name, queueOptions);
    else await boss.createQueue(name, queueOptions);
  }

  async function startWorker(name: string, run: (job: Job<unknown>) => Promise<void>) {
    const id = await boss.work<unknown>(
      name,
      {
        batchSize: options.batchSize,
        burstWhenBatchFull: true,
        pollingIntervalSeconds: options.pollingSeconds,
        notifyPollingIntervalSeconds: Math.max(options.pollingSeconds, options.backstopSeconds),
        perJobResults: true,
      },
      async (batch) => {
        const outcomes = await Promise.allSettled(batch.map((job) => run(job)));
        // A failed job comes back as a retry after its delay, which the database does not announce.
        if (outcomes.some((o) => o.status === 'rejected')) due.checkSoon();
        return outcomes.map((outcome, i): JobResult => {
          const job = batch[i]!;
          if (outcome.status === 'fulfilled') return { id: job.id, status: 'completed' };
          const err = outcome.reason as Error;
          log.warn(
            { queue: name, jobId: job.id, attempt: job.retryCount + 1, err: { name: err?.name, message: err?.message } },
            'job failed',
          );
          return { id: job.id, status: 'failed', output: { message: String(err?.message ?? err).slice(0, 1000) } };
        });
      },
    );
    workerIds.set(name, id);
  }

  async function activateJob(def: JobDefinition<any, Core>) {
    await createQueue(def.name, def);
    if (options.workers) await startWorker(def.name, (job) => def.run(deps.core(), job.data, { id: job.id, attempt: job.retryCount + 1 }));
  }

  async function activateSchedule(def: ScheduleDefinition<Core>) {
    await createQueue(def.name, { retryLimit: 0, timeoutSeconds: def.timeoutSeconds });
    if (!options.workers) return;
    await boss.schedule(def.name, def.cron, null, { tz: 'UTC' });
    await startWorker(def.name, () => def.run(deps.core()));
  }

  function recordDepth(depths: QueueDepth[]) {
    if (!deps.metrics) return;
    deps.metrics.jobQueueDepth.reset();
    for (const d of depths) {
      for (const state of ['created', 'retry', 'active', 'failed'] as const)
        deps.metrics.jobQueueDepth.set({ queue: d.queue, state }, d[state]);
    }
  }

  const queue: JobQueue = {
    get started() {
      return started;
    },
    get runsWorkers() {
      return options.workers;
    },

    define(def) {
      assertName(def.name, 'job');
      jobs.set(def.name, def);
      if (started && !stopping) void activateJob(def).catch((err) => log.error({ err, queue: def.name }, 'could not start job worker'));
    },

    schedule(def) {
      assertName(def.name, 'schedule');
      if (def.cron.trim().split(/\s+/).length !== 5)
        throw new Error(`schedule "${def.name}": cron must have five fields (UTC), got "${def.cron}"`);
      schedules.set(def.name, def);
      if (started && !stopping) void activateSchedule(def).catch((err) => log.error({ err, queue: def.name }, 'could not start schedule'));
    },

    async send(name, data, opts = {}) {
      // The server starts the queue just after it listens; a job sent meanwhile waits for that start.
      if (!started && starting) await starting.catch(() => undefined);
      if (!started) throw new Error('the job queue is not started');
      if (!jobs.has(name)) throw new AppError('job.unknown_queue', 500, `no job named "${name}" is defined`);
      if (opts.idempotencyKey !== undefined && (opts.idempotencyKey.length === 0 || opts.idempotencyKey.length > KEY_MAX)) {
        throw new AppError('validation', 400, 'idempotency key must be 1-200 characters', {
          errors: [{ field: 'idempotencyKey', message: 'must be 1-200 characters' }],
        });
      }
      const sendOptions = {
        ...(opts.startAfter !== undefined ? { startAfter: opts.startAfter } : {}),
        ...(opts.retryLimit !== undefined ? { retryLimit: opts.retryLimit } : {}),
        ...(opts.retryDelay !== undefined ? { retryDelay: opts.retryDelay } : {}),
        ...(opts.retryBackoff !== undefined ? { retryBackoff: opts.retryBackoff } : {}),
      };
      const payload = data as object;
      const enqueue = async (tx: Db) => {
        if (opts.idempotencyKey !== undefined) {
          const claimed = rowsOf<{ key: string }>(
            await tx.execute(
              sql`INSERT INTO core.job_keys (queue, key, job_id) VALUES (${name}, ${opts.idempotencyKey}, gen_random_uuid()) ON CONFLICT DO NOTHING RETURNING key`,
            ),
          );
          if (!claimed.length) return null;
        }
        const id = await boss.send(name, payload, { ...sendOptions, db: fromDrizzle(tx as never, sql as never) });
        if (id && opts.idempotencyKey !== undefined) {
          await tx.execute(sql`UPDATE core.job_keys SET job_id = ${id} WHERE queue = ${name} AND key = ${opts.idempotencyKey}`);
        }
        return id;
      };
      // A delayed job is not announced when it comes due: this process's workers wake for it then.
      if (opts.startAfter !== undefined) due.checkAt(opts.startAfter);
      if (opts.tx) return enqueue(opts.tx);
      if (opts.idempotencyKey === undefined) return boss.send(name, payload, sendOptions);
      return database.db.transaction((tx) => enqueue(tx as unknown as Db));
    },

    async start() {
      if (started) return;
      starting ??= (async () => {
        await boss.start();
        for (const def of jobs.values()) await activateJob(def);
        for (const def of schedules.values()) await activateSchedule(def);
        if (!options.workers) {
          // pg-boss looks a queue up on its first send through its own connection; on the embedded database that
          // waits for the caller's transaction to end, which waits for the send. A worker's start looks every queue
          // up; without workers, a read by id does it here, outside any transaction.
          for (const name of jobs.keys()) await boss.getJobById(name, '00000000-0000-0000-0000-000000000000');
        }
        if (options.workers) {
          // A schedule removed from the code must stop firing into a queue nobody works.
          for (const s of await boss.getSchedules()) if (!schedules.has(s.name)) await boss.unschedule(s.name, s.key);
          // Due schedule occurrences go through this queue of pg-boss's own; announced, its worker need not poll.
          await boss.updateQueue(CRON_QUEUE, { notify: true });
        }
        started = true;
        if (options.workers) due.start();
        if (deps.metrics) await queue.stats();
      })();
      try {
        await starting;
      } finally {
        starting = null;
      }
    },

    async stop() {
      if (starting) await starting.catch(() => undefined);
      due.stop();
      if (!started) return;
      stopping ??= boss.stop({ graceful: true, timeout: options.stopTimeoutMs, close: true }).finally(() => {
        // Jobs finishing during the graceful stop may still enqueue follow-up work, so sends work until here.
        started = false;
        stopping = null;
      });
      await stopping;
    },

    async stats() {
      const rows = await database.query<{ name: string; state: string; n: number | string }>(
        `SELECT name, state::text AS state, count(*) AS n FROM ${JOB_SCHEMA}.job WHERE state IN ('created', 'retry', 'active', 'failed') GROUP BY name, state`,
      );
      const byQueue = new Map<string, QueueDepth>();
      for (const name of [...jobs.keys(), ...schedules.keys()])
        byQueue.set(name, { queue: name, created: 0, retry: 0, active: 0, failed: 0 });
      for (const r of rows) {
        const d = byQueue.get(r.name) ?? { queue: r.name, created: 0, retry: 0, active: 0, failed: 0 };
        d[r.state as 'created' | 'retry' | 'active' | 'failed'] = Number(r.n);
        byQueue.set(r.name, d);
      }
      const depths = [...byQueue.values()].sort((a, b) => a.queue.localeCompare(b.queue));
      recordDepth(depths);
      return depths;
    },

    async list(filter) {
      const where: string[] = [];
      const params: unknown[] = [];
      const cursor = decodeCursor(filter.cursor, 2);
      if (filter.queue) where.push(`name = $${params.push(filter.queue)}`);
      if (filter.state) where.push(`state = $${params.push(filter.state)}::${JOB_SCHEMA}.job_state`);
      // Microseconds since the epoch, exactly: a millisecond Date would skip rows created within the same millisecond.
      if (cursor)
        where.push(
          `(created_on, id) < (timestamptz 'epoch' + $${params.push(String(cursor[0]))}::bigint * interval '1 microsecond', $${params.push(String(cursor[1]))}::uuid)`,
        );
      const rows = await database.query<JobRow & { created_us: string }>(
        `SELECT ${JOB_COLUMNS}, (extract(epoch FROM created_on) * 1000000)::bigint::text AS created_us FROM ${JOB_SCHEMA}.job ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_on DESC, id DESC LIMIT $${params.push(filter.limit + 1)}`,
        params,
      );
      return toPage(rows, filter.limit, (r) => [r.created_us, r.id], toSummary);
    },

    async retry(id) {
      const [row] = await database.query<{ name: string; state: string }>(
        `SELECT name, state::text AS state FROM ${JOB_SCHEMA}.job WHERE id = $1`,
        [id],
      );
      if (!row) return null;
      if (row.state !== 'failed' && row.state !== 'cancelled') {
        throw new AppError('job.not_failed', 409, `job is ${row.state}; only failed or cancelled jobs can be retried`);
      }
      await boss.retry(row.name, id);
      // The database does not always announce a job put back: this process's worker looks for it.
      due.checkAt(0);
      const [after] = await database.query<JobRow>(`SELECT ${JOB_COLUMNS} FROM ${JOB_SCHEMA}.job WHERE id = $1`, [id]);
      return after ? toSummary(after) : null;
    },
  };
  return queue;
}

/** Installs or upgrades the queue's tables without running anything (prepared databases, test templates). */
export async function installJobSchema(database: Database): Promise<void> {
  const queue = createJobQueue({
    database,
    log: silentLog,
    core: () => {
      throw new Error('no handlers run while installing');
    },
    options: { workers: false },
  });
  await queue.start();
  await queue.stop();
}

const silentLog = { error() {}, warn() {} } as unknown as FastifyBaseLogger;

/** pg-boss's queue for due schedule occurrences. */
const CRON_QUEUE = '__pgboss__send-it';

/**
 * Wakes a queue's worker when its next delayed job or retry comes due, which the database does not announce: a lookup
 * of the earliest due time per queue, then one timer for the nearest. Looked up again after a send with a delay from
 * this process, after a failed job, and every dueCheckSeconds (delays sent by other processes).
 */
function dueWakeups(deps: {
  database: Database;
  log: FastifyBaseLogger;
  options: JobQueueOptions;
  queues: () => string[];
  wake: (queue: string) => void;
}) {
  let timer: NodeJS.Timeout | null = null;
  let timerAt = Infinity;
  let running = false;
  let checking = false;

  function arm(inMs: number) {
    if (!running) return;
    const at = Date.now() + Math.max(0, inMs);
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = null;
      timerAt = Infinity;
      void check();
    }, at - Date.now());
    timer.unref();
  }

  async function check() {
    if (!running) return;
    if (checking) return arm(100);
    checking = true;
    let next = deps.options.dueCheckSeconds * 1000;
    try {
      const names = deps.queues();
      const rows = names.length
        ? await deps.database.query<{ name: string; wait_ms: number | string }>(
            `SELECT name, (extract(epoch FROM min(start_after) - now()) * 1000)::bigint AS wait_ms FROM ${JOB_SCHEMA}.job WHERE state IN ('created', 'retry') AND name = ANY($1::text[]) GROUP BY name`,
            [names],
          )
        : [];
      for (const row of rows) {
        const waitMs = Number(row.wait_ms);
        if (waitMs <= 0) deps.wake(row.name);
        else next = Math.min(next, waitMs + 20);
      }
    } catch (err) {
      if (running) deps.log.warn({ err }, 'could not look up when the next delayed job is due');
    } finally {
      checking = false;
    }
    arm(next);
  }

  return {
    start() {
      running = true;
      arm(0);
    },
    stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      timerAt = Infinity;
    },
    /** After a failed job: its retry is written once the handler returns. */
    checkSoon() {
      arm(250);
    },
    checkAt(startAfter: Date | number) {
      arm(startAfter instanceof Date ? startAfter.getTime() - Date.now() + 20 : startAfter * 1000 + 20);
    },
  };
}

function bossTimers(o: JobQueueOptions) {
  return {
    useListenNotify: true,
    supervise: o.workers,
    schedule: o.workers,
    superviseIntervalSeconds: o.superviseSeconds,
    monitorIntervalSeconds: o.superviseSeconds,
    cronMonitorIntervalSeconds: Math.min(45, o.cronSeconds),
    cronWorkerIntervalSeconds: Math.min(45, Math.max(1, Math.ceil(o.cronSeconds / 6))),
    // Talkbase sends no job flows, and pg-boss's own background migrations are rare: their passes need not wake an idle server often.
    flowIntervalSeconds: 600,
    bamIntervalSeconds: 600,
  };
}

const JOB_COLUMNS = `id, name, state::text AS state, retry_count, retry_limit, created_on, start_after, started_on, completed_on, output`;

interface JobRow {
  id: string;
  name: string;
  state: JobState;
  retry_count: number;
  retry_limit: number;
  created_on: Date | string;
  start_after: Date | string;
  started_on: Date | string | null;
  completed_on: Date | string | null;
  output: unknown;
}

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

function toSummary(r: JobRow): JobSummary {
  const output = (typeof r.output === 'string' ? safeJson(r.output) : r.output) as { message?: unknown } | null;
  const failedOrRetried = r.state === 'failed' || r.state === 'retry' || r.retry_count > 0;
  return {
    id: r.id,
    queue: r.name,
    state: r.state,
    retryCount: r.retry_count,
    retryLimit: r.retry_limit,
    createdAt: asDate(r.created_on),
    startAfter: asDate(r.start_after),
    startedAt: r.started_on ? asDate(r.started_on) : null,
    completedAt: r.completed_on ? asDate(r.completed_on) : null,
    error: failedOrRetried && output && typeof output.message === 'string' ? output.message : null,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
