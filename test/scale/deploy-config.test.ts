import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config.js';
import { generateKeyring, parseKeyring, serializeKeyring } from '../../src/core/crypto/keyring.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** What deploy/ says must be true of the code: these checks read the files an operator uses. */
const compose = parse(fs.readFileSync('deploy/docker-compose.yml', 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[]; disable?: boolean };
  stop_grace_period?: string;
}
const caddyfile = fs.readFileSync('deploy/Caddyfile', 'utf8');
const configurationPage = fs.readFileSync('docs/configuration.md', 'utf8');
const deployReadme = fs.readFileSync('deploy/README.md', 'utf8');

/** `.env.example`, read the way docker compose reads an env file (single-quoted values taken literally). */
function envExample(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of fs.readFileSync('deploy/.env.example', 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) env[m[1]!] = m[2]!.replace(/^'(.*)'$/, '$1');
  }
  return env;
}

/** Compose interpolation of `${VAR}`, `${VAR:-default}` and `${VAR:?message}`; `$$` is a literal `$`. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\$|\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (whole, name?: string, op?: string, arg?: string) => {
    if (whole === '$$') return '$';
    const v = env[name!];
    if (v !== undefined && v !== '') return v;
    if (op === '-') return arg!;
    throw new Error(`${name} is required: ${arg}`);
  });
}

const instances = Object.entries(compose.services).filter(([, s]) => s.build && s.command?.[0] === 'serve');
const role = (s: Service) => s.command![s.command!.indexOf('--role') + 1];
const apiInstances = instances.filter(([, s]) => role(s) === 'api');
const keyring = serializeKeyring(generateKeyring());
const instanceEnv = (s: Service) => {
  const env = { ...envExample(), TALKBASE_KEYS: keyring };
  return Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpolate(String(v), env)]));
};

describe('deploy/: the multi-instance setup matches the code', () => {
  it('every Talkbase instance gets a configuration the server accepts: PostgreSQL, Redis, the S3 bucket and the keyring, from the compose services', () => {
    // Two api instances behind the proxy and one worker for jobs, schedules and sweeps.
    expect(instances.map(([name, s]) => [name, role(s)])).toEqual([
      ['api-1', 'api'],
      ['api-2', 'api'],
      ['worker', 'worker'],
    ]);
    // The names in the first cell of the configuration table rows (docs/configuration.md, generated from the schema).
    const documented = new Set(
      configurationPage
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]!)),
    );
    for (const [, service] of instances) {
      const env = instanceEnv(service);
      // Every variable the file sets is one the configuration page documents (a misspelt name would be ignored silently).
      for (const name of Object.keys(env)) expect(documented, name).toContain(name);
      const config = loadConfig(env);
      expect(config.database.kind).toBe('postgres');
      const db = new URL((config.database as { url: string }).url);
      expect(compose.services[db.hostname]?.image).toMatch(/pgvector/);
      expect(compose.services[db.hostname]!.environment).toMatchObject({ POSTGRES_DB: db.pathname.slice(1), POSTGRES_USER: db.username });
      expect(compose.services[new URL(config.redisUrl!).hostname]?.image).toMatch(/^redis:/);
      expect(config.blobs).toMatchObject({ kind: 's3', bucket: 'talkbase', forcePathStyle: true });
      const blobs = config.blobs as { endpoint: string; bucket: string };
      expect(compose.services[new URL(blobs.endpoint).hostname]?.image).toMatch(/minio/);
      expect(compose.services['minio-bucket']!.command!.join(' ')).toContain(`mc mb --ignore-existing local/${blobs.bucket}`);
      expect(parseKeyring(config.keysJson!).active).toBeTruthy();
      // Instances start after the one-shot migration and the bucket exist, and stop gracefully before a SIGKILL.
      expect(service.depends_on).toMatchObject({
        migrate: { condition: 'service_completed_successfully' },
        'minio-bucket': { condition: 'service_completed_successfully' },
        redis: { condition: 'service_healthy' },
      });
      expect(parseInt(service.stop_grace_period!, 10) * 1000).toBeGreaterThan(config.shutdownTimeoutMs);
    }
    // One keyring, one database for all: the same environment on every instance.
    expect(new Set(instances.map(([, s]) => JSON.stringify(s.environment))).size).toBe(1);
  });

  it('the migrate service runs `talkbase migrate` once against the same database, after PostgreSQL is healthy', () => {
    const migrate = compose.services.migrate!;
    expect(migrate.command).toEqual(['migrate']);
    expect(migrate.environment).toEqual(instances[0]![1].environment);
    expect(migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    const help = spawnSync(process.execPath, ['scripts/start.mjs', 'migrate', '--help'], {
      encoding: 'utf8',
      // The sources, not dist/: a test must not rebuild dist/ under other runs.
      env: { ...process.env, TALKBASE_USE_TSX: '1' },
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('apply the committed migrations');
  });

  it('the image runs the compiled server as PID 1 (SIGTERM reaches its graceful shutdown), its CMD is `serve`, it is multi-stage with production dependencies only in the final stage, and every image is pinned', () => {
    const dockerfile = fs.readFileSync('deploy/Dockerfile', 'utf8');
    // With the node flags npm start serves with (package.json), so the image's memory is what the benchmarks measure.
    const startFlags = /^node ((?:--\S+ )*)scripts\/start\.mjs/.exec(
      JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts.start,
    )![1]!;
    const flags = startFlags.split(' ').filter(Boolean);
    expect(dockerfile).toContain(`ENTRYPOINT ${JSON.stringify(['node', ...flags, 'dist/main.js']).replaceAll(',', ', ')}\n`);
    expect(dockerfile).toMatch(/^CMD \["serve"\]$/m);
    expect(dockerfile).toMatch(/^ENV NODE_ENV=production \\\n\s+TALKBASE_DATA_DIR=\/app\/data \\\n\s+PORT=8080/m);
    const stages = dockerfile.split(/^FROM /m).slice(1);
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const final = stages.at(-1)!;
    expect(final).not.toMatch(/npm (ci|install)/);
    expect(final).toMatch(/COPY --from=deps \/app\/node_modules/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(final).not.toMatch(/COPY \. /);
    // Exact versions (or digests), never a moving tag such as node:20 or redis:7-alpine.
    expect(/^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)![1]).toMatch(/^node:\d+\.\d+\.\d+-[a-z-]+(@sha256:[0-9a-f]{64})?$/);
    for (const line of dockerfile.split('\n').filter((l) => l.startsWith('FROM '))) expect(line).toMatch(/^FROM \$\{NODE_IMAGE\}/);
    for (const [name, service] of Object.entries(compose.services)) {
      if (!service.image || service.build) continue;
      expect(service.image, name).toMatch(/:(\d+\.\d+\.\d+|\d+\.\d+\.\d+-\S+|RELEASE\.\S+)(@sha256:[0-9a-f]{64})?$/);
    }
    expect(instances[0]![1].build).toEqual({ context: '..', dockerfile: 'deploy/Dockerfile' });
  });

  describe('the proxy and health checks', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(async () => t?.close());

    it('Caddy balances over exactly the instances, on the port they listen on, and checks the readiness route the server has', async () => {
      const upstreams = /reverse_proxy ([^{]+)\{/.exec(caddyfile)![1]!.trim().split(/\s+/);
      const port = loadConfig({ PORT: '8080' }).port;
      expect(upstreams).toEqual(apiInstances.map(([name]) => `${name}:${port}`));
      const healthUri = /^\s*health_uri (\S+)$/m.exec(caddyfile)![1]!;
      const ready = await t.app.inject({ method: 'GET', url: healthUri });
      expect(ready.statusCode).toBe(Number(/^\s*health_status (\d+)$/m.exec(caddyfile)![1]));
      expect(ready.json()).toMatchObject({ status: 'ready', checks: { database: 'ok', bus: 'ok' } });
      // The container health check asks the same route on the same port.
      const check = instances[0]![1].healthcheck!.test.join(' ');
      expect(check).toContain(`http://127.0.0.1:${port}${healthUri}`);
      // The WebSocket endpoint the README tells clients to use is a route of the server.
      expect(deployReadme).toContain('/v1/realtime');
      const upgrade = await t.app.inject({ method: 'GET', url: '/v1/realtime' });
      expect(upgrade.statusCode).toBe(426);
    });
  });
});
