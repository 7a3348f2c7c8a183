import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { buildApp } from './app.js';
import type { Config } from './config.js';
import { VERSION } from './version.js';

// Only help and the version are answered before anything else loads: the server, the database driver and the
// products are imported by the command that needs them, so `talkbase --help` starts in a fraction of a second.

const HELP: Record<string, string> = {
  '': `talkbase ${VERSION} — the backend for AI conversation products

Usage: talkbase <command> [options]

Commands:
  serve                 start the HTTP and WebSocket server (default)
  migrate               apply database migrations and exit
  seed                  create the demo accounts and demo data of every enabled product
  keys generate         print a new keyring for TALKBASE_KEYS
  keys rotate           re-encrypt personal fields under the active key (resumable)
  export-user <email>   print everything held about one account as JSON
  purge                 apply every retention policy now (also runs hourly in the server)
  admin grant <email>   make an account a deployment admin
  bench [--quick]       run the benchmarks side by side and write bench/results/report.md (from a source checkout)

Run 'talkbase <command> --help' for a command's options. Configuration is read from the
environment; docs/configuration.md lists every variable.`,
  serve: `talkbase serve [--role all|api|worker] [--demo] — start the server on HOST:PORT (default 0.0.0.0:8080).
Migrations are applied at start. SIGTERM or SIGINT stops accepting, finishes in-flight requests
and exits within TALKBASE_SHUTDOWN_TIMEOUT_MS.
--role all (default): one process does everything; the embedded database needs this (one process per data directory).
--role api: serves the HTTP API, the WebSockets and the web console and sends jobs, but runs no job handlers,
  schedules or sweeps. Scale it for requests and sockets (with REDIS_URL, so events reach every instance).
--role worker: runs the jobs, the schedules and the retention sweeps; over HTTP it answers only /health, /ready
  and /metrics. Scale it for background work. Both need PostgreSQL (DATABASE_URL) to share the work.
--demo (what npm start passes): on a database with no accounts yet, seed the demo accounts and data once
listening, as talkbase seed does (see its --help).`,
  migrate: `talkbase migrate — apply the committed migrations to DATABASE_URL (or the embedded database) and exit.`,
  bench: `talkbase bench [--quick] [--report-only] — every benchmark under bench/, side by side in one run, with the
report of every target in bench/results/report.md and report.json (what npm run bench runs). Needs a source checkout
with its dev dependencies, PostgreSQL (DATABASE_URL, default the local server) and Redis (REDIS_URL).`,
  seed: `talkbase seed — create the demo accounts (demo@talkbase.local, tutors, students; the demo account is also an
assist agent) and each enabled product's demo data; running it again adds only what is missing. Every account it
creates gets its own generated password: <data dir>/demo.json (mode 0600) lists each account, its password and what
it opens. Passwords are never printed.`,
  keys: `talkbase keys generate — print a fresh keyring (JSON) to put in TALKBASE_KEYS.
talkbase keys rotate [--new-key] [--batch N] — re-encrypt every personal field not under the active key,
  N rows per transaction (default 500), with progress. --new-key first adds a key and makes it active
  (embedded keys.json only; with TALKBASE_KEYS, add the key there and set "active"). A killed run
  can simply be run again: it continues with the rows still under an older key.`,
  'export-user': `talkbase export-user <email|user id> — print the account's data export (the same as GET /v1/me/export).`,
  purge: `talkbase purge [--batch N] [--time-budget SECONDS] [--policy NAME]… — apply the retention policies of the core
  and of every enabled product now: delete expired rows, archive idle ones, and queue their files' blobs for
  deletion. N rows per transaction (default 500); stops between batches once the time budget (default 600)
  is spent, so a later run continues. The server runs the same sweep every hour. With the embedded database, while a
  server has it open (one process per data directory), purge asks that server to run the sweep and prints its report.`,
  admin: `talkbase admin grant <email> — give an account the deployment admin role (through the running server when one
  has the embedded database open).`,
};

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function withApp<T>(config: Config, work: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<T>): Promise<T> {
  // A command only enqueues: the server's workers run the jobs it leaves behind.
  const { buildApp } = await import('./app.js');
  const app = await buildApp({ ...config, workers: false, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

async function findUserId(app: Awaited<ReturnType<typeof buildApp>>, who: string): Promise<string> {
  const [{ eq, inArray }, { emailLookup }, { users }] = await Promise.all([
    import('drizzle-orm'),
    import('./core/identity/accounts.js'),
    import('./core/identity/schema.js'),
  ]);
  const byId = /^[0-9a-f-]{36}$/i.test(who);
  const [row] = await app.core.db
    .select({ id: users.id })
    .from(users)
    .where(byId ? eq(users.id, who) : inArray(users.emailBlindIndex, emailLookup(app.core, who)));
  if (!row) throw new Error('no such account');
  return row.id;
}

interface PurgeOptions {
  batchSize: number;
  budgetSeconds: number;
  only: string[];
}

interface PurgeSummary {
  now: string;
  complete: boolean;
  policies: { policy: string; rows: number; action: string; blobs: number; complete: boolean; error?: string }[];
}

const purgeLine = (p: PurgeSummary['policies'][number]) =>
  `${p.policy}: ${p.rows} rows ${p.action}${p.blobs ? `, ${p.blobs} blobs queued for deletion` : ''}${p.error ? ` — failed: ${p.error}` : p.complete ? '' : ' …'}`;

function summarizePurge(report: PurgeSummary): number {
  const rows = report.policies.reduce((n, p) => n + p.rows, 0);
  console.log(
    `${rows} rows handled by ${report.policies.length} policies as of ${report.now}${report.complete ? '' : '; not finished (time budget or errors): run again'}`,
  );
  return report.policies.some((p) => p.error) ? 1 : 0;
}

/** Runs the purge in this process, or, while a server holds the embedded database, asks that server to run it. */
function runPurge(config: Config, opts: PurgeOptions): Promise<number> {
  return hereOrThroughServer(
    () => purgeHere(config, opts),
    async (control) => {
      const report = await askServer<PurgeSummary>(control, '/v1/local/retention/purge', {
        batchSize: opts.batchSize,
        timeBudgetSeconds: opts.budgetSeconds,
        policies: opts.only,
      });
      for (const p of report.policies) console.log(purgeLine(p));
      return summarizePurge(report);
    },
  );
}

async function purgeHere(config: Config, { batchSize, budgetSeconds, only }: PurgeOptions): Promise<number> {
  return withApp(config, async (app) => {
    const { purgeExpired } = await import('./core/retention/retention.js');
    const { allRetentionPolicies } = await import('./core/retention/policies.js');
    const policies = allRetentionPolicies(app.core.config, app.core.products).filter((p) => !only.length || only.includes(p.policy.name));
    const unknown = only.filter((name) => !policies.some((p) => p.policy.name === name));
    const { ConfigError } = await import('./config.js');
    if (unknown.length) throw new ConfigError('--policy', `no retention policy named ${unknown.map((n) => `"${n}"`).join(', ')}`);
    const report = await purgeExpired(app.core, {
      policies,
      batchSize,
      timeBudgetMs: budgetSeconds * 1000,
      onProgress: (p) => console.log(purgeLine(p)),
    });
    return summarizePurge({ ...report, now: report.now.toISOString() });
  });
}

/**
 * Asks the server that holds the embedded database (its lock file names its address and control key) to do what a
 * command would do itself. Plain HTTP, without fetch's five-minute limit on waiting: a purge may take its whole budget.
 */
async function askServer<T>(control: { url: string; key: string }, route: string, body: unknown): Promise<T> {
  const { request } = await import('node:http');
  const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(
      new URL(route, control.url),
      { method: 'POST', headers: { authorization: `Bearer ${control.key}`, 'content-type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', (err) => reject(new Error(`could not reach the server at ${control.url} (${err.message}); is it still running?`)));
    req.end(JSON.stringify(body));
  });
  if (answer.status !== 200) {
    let detail: string | undefined;
    try {
      detail = (JSON.parse(answer.text) as { detail?: string }).detail;
    } catch {
      detail = undefined;
    }
    throw new Error(`the server refused (${answer.status}${detail ? `: ${detail}` : ''})`);
  }
  return JSON.parse(answer.text) as T;
}

/** Runs `work` in this process, or `beside` through the server when a server holds the embedded database. */
async function hereOrThroughServer(
  work: () => Promise<number>,
  beside: (control: { url: string; key: string }) => Promise<number>,
): Promise<number> {
  const { DataDirLockedError } = await import('./core/db/data-dir-lock.js');
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof DataDirLockedError) || !err.owner.control) throw err;
    console.log(`the server (process ${err.owner.pid}) has the embedded database open; it does this`);
    return beside(err.owner.control);
  }
}

const ROLES = ['all', 'api', 'worker'] as const;

async function serve(config: Config, opts: { demo: boolean; role: (typeof ROLES)[number] }): Promise<void> {
  // The job queue starts once the server listens, which shortens the start by its set-up queries; meanwhile
  // /ready reports jobs "starting" and a request that sends a job waits for the queue.
  // The embedded database boots (its WebAssembly compiles on other threads) while the server's modules load.
  const [{ buildApp }, database] = await Promise.all([
    import('./app.js'),
    import('./core/db/database.js').then(({ openDatabase }) => openDatabase(config.database)),
  ]);
  const app = await buildApp(config, { startJobs: false, role: opts.role, database, closeDatabase: true });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    try {
      // New requests get 503 with Retry-After while the ones in flight finish; then sockets close with 1001 and the listener stops.
      const drain = await app.loadShedding?.drain(Math.max(config.shutdownTimeoutMs / 2, config.shutdownTimeoutMs - 2000));
      if (drain) app.log.info(drain, drain.drained ? 'in-flight requests finished' : 'in-flight requests still running; closing anyway');
      await app.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await app.listen({ port: config.port, host: config.host });
  await app.core.jobs.start();
  if (opts.demo) {
    const { seedDemoOnFirstStart } = await import('./core/seed.js');
    await seedDemoOnFirstStart(app.core, config.dataDir, (m) => app.log.info(m)).catch((err: unknown) =>
      app.log.error({ err }, 'demo: could not seed the demo data; run `talkbase seed` to try again'),
    );
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP['']);
    return 0;
  }
  if (command === '--version') {
    console.log(VERSION);
    return 0;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(HELP[command] ?? HELP['']);
    return HELP[command] ? 0 : 2;
  }
  const { ConfigError, loadConfig } = await import('./config.js');
  const { KeyringError, generateKeyring, keysFilePath, loadKeyring, parseKeyring, serializeKeyring, withNewFieldKey, writeKeysFile } =
    await import('./core/crypto/keyring.js');
  if (command === 'keys' && rest[0] === 'generate') {
    process.stdout.write(JSON.stringify(JSON.parse(serializeKeyring(generateKeyring()))) + '\n');
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const role = flag(rest, '--role') ?? 'all';
      if (!ROLES.some((r) => r === role)) throw new ConfigError('--role', `must be all, api or worker, not "${role}"`);
      await serve(config, { demo: rest.includes('--demo') && role !== 'worker', role: role as (typeof ROLES)[number] });
      return -1;
    }
    case 'migrate': {
      const [{ openDatabase }, { migrate }] = await Promise.all([import('./core/db/database.js'), import('./core/db/migrate.js')]);
      const database = await openDatabase(config.database);
      try {
        const result = await migrate(database, { log: (m) => console.log(m) });
        console.log(`database is up to date (${result.applied.length} applied, ${result.total} in all)`);
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'keys': {
      if (rest[0] !== 'rotate') {
        console.error(HELP.keys);
        return 2;
      }
      let keysJson = config.keysJson;
      if (rest.includes('--new-key')) {
        if (config.keysJson)
          throw new KeyringError('--new-key works on the embedded keys.json; with TALKBASE_KEYS, add the key there and set "active"');
        const file = keysFilePath(config.dataDir);
        const current = loadKeyring({ keysJson: null, dataDir: config.dataDir, embedded: config.database.kind === 'pglite' }).keyring;
        const next = withNewFieldKey(current);
        writeKeysFile(file, next);
        console.log(`added key "${next.active}" and made it active`);
        keysJson = fs.readFileSync(file, 'utf8');
      }
      const batchSize = Number(flag(rest, '--batch') ?? 500);
      if (!Number.isInteger(batchSize) || batchSize < 1) throw new ConfigError('--batch', 'must be a positive whole number');
      const [{ createFieldCipher }, { rotateEncryptedColumns }, { allTables }] = await Promise.all([
        import('./core/crypto/field-cipher.js'),
        import('./core/crypto/rotation.js'),
        import('./core/schema.js'),
      ]);
      return withApp({ ...config, keysJson }, async (app) => {
        const keyring = keysJson ? parseKeyring(keysJson) : app.core.keyring;
        const cipher = createFieldCipher(keyring);
        const result = await rotateEncryptedColumns(app.core.database, cipher, allTables(app.core.products), {
          batchSize,
          onProgress: (p) => console.log(`${p.table}: ${p.done}/${p.total}`),
        });
        console.log(`re-encrypted ${result.reencrypted} rows; every personal field is under key "${cipher.activeKeyId}"`);
        return 0;
      });
    }
    case 'export-user': {
      if (!rest[0]) {
        console.error(HELP['export-user']);
        return 2;
      }
      const { exportAccount } = await import('./core/identity/accounts.js');
      return withApp(config, async (app) => {
        const data = await exportAccount(app.core, await findUserId(app, rest[0]!));
        process.stdout.write(JSON.stringify(data, null, 2) + '\n');
        return 0;
      });
    }
    case 'admin': {
      if (rest[0] !== 'grant' || !rest[1]) {
        console.error(HELP.admin);
        return 2;
      }
      const who = rest[1];
      return hereOrThroughServer(
        () =>
          withApp(config, async (app) => {
            const [{ eq }, { users }] = await Promise.all([import('drizzle-orm'), import('./core/identity/schema.js')]);
            const id = await findUserId(app, who);
            await app.core.db.update(users).set({ isAdmin: true }).where(eq(users.id, id));
            await app.core.accountCache.forget(id);
            console.log(`account ${id} is now a deployment admin`);
            return 0;
          }),
        async (control) => {
          const { id } = await askServer<{ id: string }>(control, '/v1/local/admins', { who });
          console.log(`account ${id} is now a deployment admin`);
          return 0;
        },
      );
    }
    case 'purge': {
      const batchSize = Number(flag(rest, '--batch') ?? 500);
      if (!Number.isInteger(batchSize) || batchSize < 1) throw new ConfigError('--batch', 'must be a positive whole number');
      const budgetSeconds = Number(flag(rest, '--time-budget') ?? 600);
      if (!(budgetSeconds > 0)) throw new ConfigError('--time-budget', 'must be a positive number of seconds');
      const only = rest.flatMap((arg, i) => (rest[i - 1] === '--policy' ? [arg] : []));
      return runPurge(config, { batchSize, budgetSeconds, only });
    }
    case 'bench': {
      // The benchmarks are TypeScript beside the sources, not part of the compiled server: run them through tsx.
      const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
      const script = path.join(root, 'bench', 'run.ts');
      if (!fs.existsSync(script)) throw new Error('talkbase bench needs a source checkout (bench/run.ts is not here)');
      const child = spawn(process.execPath, ['--import', 'tsx', script, ...rest], { cwd: root, stdio: 'inherit' });
      return new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
    }
    case 'seed':
      return withApp(config, async (app) => {
        const { seedDemo } = await import('./core/seed.js');
        await seedDemo(app.core, config.dataDir, (m) => console.log(m));
        return 0;
      });
    default:
      console.error(`unknown command "${command}"\n\n${HELP['']}`);
      return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('main.ts')) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exit(code);
    },
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      console.error(`talkbase: ${message}`);
      process.exit(1);
    },
  );
}
