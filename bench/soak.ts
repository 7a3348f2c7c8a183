// Soak: a Talkbase server under steady, mixed, realistic traffic for a fixed time (30 minutes by default), sampled
// every 10 s from outside. Memory, handles, open files and connections must end flat: the last window (5 minutes,
// or a third of a shorter run) is compared with the first, and a least-squares slope is fitted over the run after
// the first window (warm-up). Everything goes to 127.0.0.1; every loop is bounded by the end time.
//
//   npx tsx bench/soak.ts [--minutes 30] [--database pglite|postgres] [--rate 40] [--users 20]
//
// Traffic (20 users, 40 requests/s in all): the profile (GET /v1/me) 25 %, the conversation list 20 %, a messages
// page 20 %, sending a chat message 12 % (the offline engine replies; the reply is stored and published on the
// conversation's channel), notifications 17.5 %, starting a conversation (deleting the oldest past five) 3 %, token
// refresh 2 %; each user keeps a WebSocket subscribed to its conversations and, 0.5 % of the time, drops it and
// reconnects with its last sequence numbers (replay of what it missed).
import fs from 'node:fs';
import os from 'node:os';
import WebSocket from 'ws';
import {
  api,
  flagValue,
  machineInfo,
  prepareServerDatabase,
  processTreeRssMb,
  registerUser,
  round,
  startServer,
  writeReport,
} from './support.js';

const minutes = Number(flagValue('minutes', '30'));
const kind = flagValue('database', 'pglite') as 'pglite' | 'postgres';
const rate = Number(flagValue('rate', '40'));
const userCount = Number(flagValue('users', '20'));
const sampleSeconds = Number(flagValue('sample-seconds', '10'));
const loadAtStart = os.loadavg()[0]!;
const startedAt = new Date();

interface User {
  id: string;
  token: string;
  refreshToken: string;
  conversations: string[];
  socket: WebSocket | null;
  lastSeq: Map<string, number>;
  eventsReceived: number;
  /** A refresh token works once: like a real client, a user refreshes one request at a time. */
  refreshing: boolean;
}

interface Sample {
  t: number;
  rssMb: number;
  heapUsedMb: number;
  activeHandles: number;
  openFds: number;
  openNonSocketFds: number;
  serverTcp: number;
  dbConnections: number | null;
  eventLoopLagMs: number;
  loadAverage: number;
}

const counters = { requests: 0, errors: 0, status5xx: 0, notFoundAfterDelete: 0, wsConnects: 0, wsReconnects: 0, wsEvents: 0, wsErrors: 0 };
const errorSamples: string[] = [];
const errorsByStatus: Record<string, number> = {};
const countStatus = (status: number) => void (errorsByStatus[String(status)] = (errorsByStatus[String(status)] ?? 0) + 1);

function countServerTcp(port: number): number {
  // Established TCP connections whose local port is the server's (both address families).
  let n = 0;
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length > 3 && cols[1]!.endsWith(`:${hex}`) && cols[3] === '01') n++;
    }
  }
  return n;
}

function metric(text: string, name: string): number {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

/** Open descriptors of the server's processes: all of them, and those that are not sockets (files, pipes). */
function openFds(pids: number[]): { all: number; nonSocket: number } {
  let all = 0;
  let nonSocket = 0;
  for (const pid of pids) {
    const dir = `/proc/${pid}/fd`;
    for (const fd of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
      all++;
      try {
        if (!fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) nonSocket++;
      } catch {
        // closed meanwhile
      }
    }
  }
  return { all, nonSocket };
}

/** The node process that listens (the launcher imports the server in-process, so it is the spawned pid itself). */
function serverPids(root: number): number[] {
  const pids = [root];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) === root) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

/** Least-squares slope of y over x (per minute when x is in minutes). */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p[0], 0) / n;
  const my = points.reduce((s, p) => s + p[1], 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return den ? num / den : 0;
}

async function main() {
  const db = await prepareServerDatabase(kind);
  const server = await startServer({ env: { ...db.env, TALKBASE_ACCESS_TOKEN_SECONDS: '900' } });
  const base = server.url;
  const wsUrl = `${base.replace('http', 'ws')}/v1/realtime`;
  const endAt = Date.now() + minutes * 60_000;
  const samples: Sample[] = [];
  let pgAdmin: import('../src/core/db/database.js').Database | null = null;
  const dbName = kind === 'postgres' ? new URL(db.env.DATABASE_URL!).pathname.slice(1) : null;
  if (kind === 'postgres') {
    const { openDatabase } = await import('../src/core/db/database.js');
    pgAdmin = await openDatabase({
      kind: 'postgres',
      url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      poolSize: 1,
    });
  }

  try {
    const personas = await api<Array<{ id: string }>>(base, (await registerUser(base, 'soak-probe')).token, 'GET', '/v1/chat/personas');
    if (!personas.length) throw new Error('no chat personas in the database');
    const users: User[] = [];
    for (let i = 0; i < userCount; i++) {
      const u = await registerUser(base, `soak${i}`);
      const convo = await api<{ id: string }>(base, u.token, 'POST', '/v1/chat/conversations', {
        personaId: personas[i % personas.length]!.id,
      });
      users.push({ ...u, conversations: [convo.id], socket: null, lastSeq: new Map(), eventsReceived: 0, refreshing: false });
    }

    const connect = (user: User, reconnect: boolean) =>
      new Promise<void>((resolve) => {
        const ws = new WebSocket(wsUrl);
        user.socket = ws;
        const timer = setTimeout(() => resolve(), 10_000);
        ws.on('error', () => {
          counters.wsErrors++;
          clearTimeout(timer);
          resolve();
        });
        ws.on('open', () => ws.send(JSON.stringify({ type: 'auth', token: user.token })));
        ws.on('message', (raw) => {
          const m = JSON.parse(raw.toString()) as { type: string; channel?: string; seq?: number };
          if (m.type === 'authenticated') {
            for (const id of user.conversations.slice(-3)) {
              const channel = `conversation:${id}`;
              const lastSeq = user.lastSeq.get(channel);
              ws.send(JSON.stringify(lastSeq === undefined ? { type: 'subscribe', channel } : { type: 'subscribe', channel, lastSeq }));
            }
            counters.wsConnects++;
            if (reconnect) counters.wsReconnects++;
            clearTimeout(timer);
            resolve();
          } else if (m.type === 'event' && m.channel && typeof m.seq === 'number') {
            user.lastSeq.set(m.channel, m.seq);
            user.eventsReceived++;
            counters.wsEvents++;
          } else if (m.type === 'ping') {
            ws.send(JSON.stringify({ type: 'pong' }));
          }
        });
      });
    for (const u of users) await connect(u, false);

    const call = async (user: User, method: string, url: string, body?: unknown) => {
      counters.requests++;
      try {
        const res = await fetch(`${base}${url}`, {
          method,
          headers: { authorization: `Bearer ${user.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await res.text();
        if (res.status === 404 && !user.conversations.some((c) => url.includes(c)) && url.includes('/conversations/')) {
          // Another request of this user deleted the conversation meanwhile: the right answer, counted apart.
          counters.notFoundAfterDelete++;
          return null;
        }
        if (res.status >= 400) {
          counters.errors++;
          countStatus(res.status);
          if (res.status >= 500) counters.status5xx++;
          if (errorSamples.length < 20 && errorsByStatus[String(res.status)]! <= 3)
            errorSamples.push(`${method} ${url.replace(/[0-9a-f-]{36}/g, ':id')} ${res.status} ${text.slice(0, 200)}`);
          return null;
        }
        return text ? (JSON.parse(text) as any) : null;
      } catch (err) {
        counters.errors++;
        countStatus(0);
        if (errorSamples.length < 20) errorSamples.push(`${method} ${url} ${(err as Error).message}`);
        return null;
      }
    };

    const operation = async (user: User) => {
      const r = Math.random();
      const convo = user.conversations[Math.floor(Math.random() * user.conversations.length)]!;
      if (r < 0.25) await call(user, 'GET', '/v1/me');
      else if (r < 0.45) await call(user, 'GET', '/v1/chat/conversations?limit=20');
      else if (r < 0.65) await call(user, 'GET', `/v1/chat/conversations/${convo}/messages?limit=20`);
      else if (r < 0.77)
        await call(user, 'POST', `/v1/chat/conversations/${convo}/messages`, {
          content: `Soak message ${counters.requests}: how was your day?`,
        });
      else if (r < 0.945) await call(user, 'GET', '/v1/notifications?limit=20');
      else if (r < 0.975) {
        const c = await call(user, 'POST', '/v1/chat/conversations', {
          personaId: (await call(user, 'GET', '/v1/chat/personas'))?.[0]?.id,
        });
        if (c?.id) {
          user.conversations.push(c.id);
          // Keep a bounded working set: the oldest conversation is deleted (its messages go with it).
          if (user.conversations.length > 5) await call(user, 'DELETE', `/v1/chat/conversations/${user.conversations.shift()}`);
        }
      } else if (r < 0.995) {
        if (user.refreshing) return;
        user.refreshing = true;
        counters.requests++;
        const res = await fetch(`${base}/v1/auth/refresh`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ refreshToken: user.refreshToken }),
        }).catch(() => null);
        if (res?.status === 200) {
          const t = (await res.json()) as { accessToken: string; refreshToken: string };
          user.token = t.accessToken;
          user.refreshToken = t.refreshToken;
        } else {
          counters.errors++;
          countStatus(res?.status ?? 0);
          await res?.arrayBuffer();
        }
        user.refreshing = false;
      } else {
        // Drop the socket and come back with the last sequence numbers: stored events missed meanwhile are replayed.
        user.socket?.terminate();
        await connect(user, true);
      }
    };

    const sample = async () => {
      const text = await fetch(`${base}/metrics`)
        .then((r) => r.text())
        .catch(() => '');
      let dbConnections: number | null = null;
      if (pgAdmin && dbName) {
        const [row] = await pgAdmin.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1`, [dbName]);
        dbConnections = Number(row?.n ?? 0);
      }
      const pids = serverPids(server.pid);
      const fds = openFds(pids);
      samples.push({
        t: round((Date.now() - (endAt - minutes * 60_000)) / 60_000, 3),
        rssMb: processTreeRssMb(server.pid),
        heapUsedMb: round(metric(text, 'nodejs_heap_size_used_bytes') / 1024 ** 2, 1),
        activeHandles: metric(text, 'nodejs_active_handles_total'),
        openFds: fds.all,
        openNonSocketFds: fds.nonSocket,
        serverTcp: countServerTcp(server.port),
        dbConnections,
        eventLoopLagMs: round(metric(text, 'nodejs_eventloop_lag_p99_seconds') * 1000, 1),
        loadAverage: round(os.loadavg()[0]!, 2),
      });
    };

    // Open-loop arrivals at the target rate, at most 4 per user in flight (bounded by the end time).
    const inFlight = new Map<User, number>();
    const pending = new Set<Promise<void>>();
    let nextSample = Date.now();
    let nextReport = Date.now() + 60_000;
    const interval = 1000 / rate;
    let next = Date.now();
    while (Date.now() < endAt) {
      if (Date.now() >= nextSample) {
        await sample();
        nextSample += sampleSeconds * 1000;
      }
      if (Date.now() >= nextReport) {
        const s = samples.at(-1)!;
        console.log(
          `soak: ${round(s.t, 1)} min, ${counters.requests} requests, ${counters.errors} errors, rss ${s.rssMb} MB, heap ${s.heapUsedMb} MB, handles ${s.activeHandles}, fds ${s.openFds}, tcp ${s.serverTcp}, load ${s.loadAverage}`,
        );
        nextReport += 60_000;
      }
      const user = users[Math.floor(Math.random() * users.length)]!;
      if ((inFlight.get(user) ?? 0) < 4) {
        inFlight.set(user, (inFlight.get(user) ?? 0) + 1);
        const p: Promise<void> = operation(user).finally(() => {
          inFlight.set(user, inFlight.get(user)! - 1);
          pending.delete(p);
        });
        pending.add(p);
      }
      next += interval;
      const wait = next - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      else if (wait < -5000) next = Date.now(); // fell far behind: do not burst to catch up
    }
    await Promise.race([Promise.allSettled([...pending]), new Promise((r) => setTimeout(r, 30_000))]);
    for (const u of users) u.socket?.terminate();
    // Sockets closed and requests done: one more sample shows what the server holds when idle again.
    await new Promise((r) => setTimeout(r, 3000));
    await sample();
    const idle = samples.pop()!;

    const windowMin = Math.min(5, minutes / 3);
    const first = samples.filter((s) => s.t <= windowMin);
    const last = samples.filter((s) => s.t >= minutes - windowMin);
    const afterWarmup = samples.filter((s) => s.t > windowMin);
    const mean = (xs: Sample[], k: keyof Sample) => round(xs.reduce((a, s) => a + Number(s[k] ?? 0), 0) / Math.max(1, xs.length), 2);
    const series = [
      'rssMb',
      'heapUsedMb',
      'activeHandles',
      'openFds',
      'openNonSocketFds',
      'serverTcp',
      ...(kind === 'postgres' ? ['dbConnections'] : []),
    ] as Array<keyof Sample>;
    const trends = series.map((k) => {
      const firstMean = mean(first, k);
      const lastMean = mean(last, k);
      const perMinute = round(slope(afterWarmup.map((s) => [s.t, Number(s[k])])), 3);
      const change = firstMean ? round((lastMean - firstMean) / firstMean, 3) : 0;
      // Flat: the last window within 10 % (memory) or 10 %/3 units (counts) of the first, and no steady climb.
      const tolerance = k === 'rssMb' || k === 'heapUsedMb' ? 0.1 * firstMean : Math.max(3, 0.1 * firstMean);
      const flat = lastMean - firstMean <= tolerance && perMinute * (minutes - windowMin) <= tolerance;
      return { series: k, firstWindowMean: firstMean, lastWindowMean: lastMean, change, slopePerMinute: perMinute, flat };
    });
    const loads = samples.map((s) => s.loadAverage);
    const machine = {
      ...machineInfo(loadAtStart),
      loadAverageDuringRun: {
        min: Math.min(...loads),
        mean: round(loads.reduce((a, b) => a + b, 0) / loads.length, 2),
        max: Math.max(...loads),
      },
    };
    const eventsPerUser = users.map((u) => u.eventsReceived);
    const json = {
      benchmark: 'soak',
      date: startedAt.toISOString(),
      command: `npx tsx bench/soak.ts --minutes ${minutes} --database ${kind} --rate ${rate} --users ${userCount}`,
      database: kind,
      minutes,
      rate,
      users: userCount,
      windowMinutes: windowMin,
      counters: { ...counters, requestsPerSecond: round(counters.requests / (minutes * 60), 1), wsEventsMin: Math.min(...eventsPerUser) },
      errorsByStatus,
      errorSamples,
      trends,
      flat: trends.every((t) => t.flat),
      afterTrafficStopped: idle,
      machine,
      samples,
    };
    const md = [
      '# Soak',
      '',
      `${minutes} minutes of mixed traffic against one Talkbase server (${kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}), ${userCount} users at ${rate} requests/s in all: profile, conversation list, message pages, chat messages answered by the offline engine, new and deleted conversations, notifications, token refresh; each user keeps a WebSocket subscribed to its conversations and now and then reconnects with its last sequence numbers (replay). Sampled every ${sampleSeconds} s from outside the process (RSS from /proc, heap and handles from /metrics, open files, established TCP connections on the server port${kind === 'postgres' ? ', PostgreSQL sessions of its database' : ''}).`,
      '',
      `Requests: ${counters.requests} (${json.counters.requestsPerSecond}/s), errors ${counters.errors} (5xx ${counters.status5xx}), 404 for a conversation deleted meanwhile ${counters.notFoundAfterDelete}; errors by status ${JSON.stringify(errorsByStatus)} (0: no answer; 503: load shedding); WebSocket connects ${counters.wsConnects} (reconnects ${counters.wsReconnects}), events received ${counters.wsEvents}, socket errors ${counters.wsErrors}.`,
      '',
      `| series | first ${windowMin} min mean | last ${windowMin} min mean | change | slope per minute (after warm-up) | flat |`,
      '|---|---|---|---|---|---|',
      ...trends.map(
        (t) =>
          `| ${t.series} | ${t.firstWindowMean} | ${t.lastWindowMean} | ${round(t.change * 100, 1)} % | ${t.slopePerMinute} | ${t.flat ? 'yes' : '**no**'} |`,
      ),
      '',
      `After the traffic stopped and the sockets closed: RSS ${idle.rssMb} MB, heap ${idle.heapUsedMb} MB, handles ${idle.activeHandles}, open files ${idle.openFds}, TCP connections ${idle.serverTcp}${idle.dbConnections === null ? '' : `, database sessions ${idle.dbConnections}`}.`,
      '',
      `Verdict: **${json.flat ? 'flat' : 'not flat'}** (flat: the last window within 10 % of the first — or 3 for small counts — and the fitted slope over the run after warm-up adding no more than that).`,
      '',
      `- Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, ${machine.platform}; load average ${machine.loadAverageAtStart} at start, ${machine.loadAverageAtEnd} at the end, ${machine.loadAverageDuringRun.min}–${machine.loadAverageDuringRun.max} (mean ${machine.loadAverageDuringRun.mean}) during the run.`,
      `- Run: \`${json.command}\`, ${json.date}.`,
      ...(errorSamples.length ? ['', 'First errors:', '', ...errorSamples.slice(0, 10).map((e) => `- \`${e}\``)] : []),
      '',
    ].join('\n');
    const name = flagValue('name', minutes >= 30 ? 'soak' : 'soak-trial');
    writeReport(name, json, md);
    console.log(md);
  } finally {
    await server.stop();
    await pgAdmin?.close();
    await db.cleanup();
  }
}

await main();
process.exit(0);
