import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/database.js';
import { TestSocket } from '../support/realtime-client.js';
import { waitFor } from '../support/wait-for.js';
import { killAll, serverData, serverEnv, startServer, type ServerData } from './support/server.js';
import { burstCall, call, prepare, type Answer } from './support/workload.js';

async function gauge(url: string, name: string): Promise<number> {
  const res = await call(url, 'GET', '/metrics', { timeoutMs: 30_000 });
  const m = typeof res.body === 'string' ? res.body.match(new RegExp(`^${name} (\\d+)`, 'm')) : null;
  return m ? Number(m[1]) : 0;
}

let data: ServerData | null = null;
afterAll(async () => {
  killAll();
  await data?.cleanup();
});

describe('graceful shutdown under 200 in-flight requests', () => {
  it('finishes every request in flight, answers new ones 503 with Retry-After, closes sockets with 1001 and exits 0', async () => {
    data = await serverData();
    // Shedding off: this test is about shutdown, and 200 requests at once would otherwise be shed on a busy machine.
    const env = serverEnv({
      ...data.env,
      TALKBASE_SHUTDOWN_TIMEOUT_MS: '120000',
      TALKBASE_SHED_EVENT_LOOP_DELAY_MS: '0',
      TALKBASE_SHED_DB_WAITING: '0',
    });
    const fixture = await prepare(env, { chat: 10, assist: 0, people: 0 });
    const server = await startServer(env);
    const wsUrl = server.url.replace('http', 'ws') + '/v1/realtime';
    const sockets = await Promise.all(fixture.chat.slice(0, 3).map((c) => TestSocket.connect(wsUrl, c.user.token)));
    for (const [i, s] of sockets.entries()) {
      const sub = await s.subscribe(`conversation:${fixture.chat[i]!.conversationId}`);
      expect(sub.type).toBe('subscribed');
    }

    // 200 real writes whose clients are still sending their bodies: the server has read their headers and is
    // waiting for the rest. Each then stores a message, has the offline engine reply, and stores the reply.
    const started = Date.now();
    let release!: () => void;
    const bodies = new Promise<void>((r) => (release = r));
    const inflight: Promise<Answer & { at: number }>[] = [];
    for (let i = 0; i < 200; i++) {
      const c = fixture.chat[i % fixture.chat.length]!;
      inflight.push(
        burstCall(server.url, 'POST', `/v1/chat/conversations/${c.conversationId}/messages`, {
          token: c.user.token,
          body: { content: `in flight ${i}` },
          timeoutMs: 120_000,
          holdBody: bodies,
        }).then((a) => ({ ...a, at: Date.now() })),
      );
    }
    let atSigterm = 0;
    await waitFor(
      async () => (atSigterm = await gauge(server.url, 'talkbase_http_in_flight')) >= 200,
      60_000,
      '200 requests in flight',
      20,
    );
    const sigtermAt = Date.now();
    server.child.kill('SIGTERM');

    // New requests once the server is shutting down: 503 with Retry-After.
    const late: Answer[] = [];
    const lateRequest = (i: number) => {
      const c = fixture.chat[i % fixture.chat.length]!;
      return call(server.url, 'POST', `/v1/chat/conversations/${c.conversationId}/messages`, {
        token: c.user.token,
        body: { content: `too late ${i}` },
        timeoutMs: 10_000,
      });
    };
    for (let i = 0; i < 100 && !late.some((a) => a.status === 503); i++) {
      late.push(await lateRequest(i));
      await new Promise((r) => setTimeout(r, 20));
    }
    // The uploads finish; more new requests keep coming while the 200 are served.
    release();
    for (let i = 0; i < 20 && server.child.exitCode === null; i++) {
      late.push(await lateRequest(100 + i));
      await new Promise((r) => setTimeout(r, 20));
    }

    const answers = await Promise.all(inflight);
    const exit = await server.exited;
    const exitedAt = Date.now();
    const closes = await Promise.all(sockets.map((s) => s.closed));

    console.log(
      server
        .log()
        .split('\n')
        .filter((l) => /in-flight|shutting|drain/.test(l))
        .join('\n'),
    );
    expect(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${JSON.stringify(a.body)}`.slice(0, 200))).toEqual([]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(closes.map((c) => c.code)).toEqual([1001, 1001, 1001]);
    const refused = late.filter((a) => a.status === 503);
    expect(refused.length, 'new requests during the drain get 503').toBeGreaterThan(0);
    for (const r of refused) {
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
      expect(r.body.type).toBe('urn:talkbase:problem:shutting_down');
    }
    // A request that reached the server before it had handled the signal (a busy event loop) is still served.
    const servedLate = late.filter((a) => a.status === 201).length;
    expect(late.map((a) => a.status).filter((s) => s !== 503 && s !== 0 && s !== 201)).toEqual([]);

    // The database holds exactly the exchanges that were answered 201, none of the refused ones.
    const database =
      data.kind === 'postgres'
        ? await openDatabase({ kind: 'postgres', url: data.env.DATABASE_URL!, poolSize: 1 })
        : await openDatabase({ kind: 'pglite', dataDir: path.join(data.env.TALKBASE_DATA_DIR!, 'pgdata') });
    try {
      const [row] = await database.query<{ users: number; replies: number; late: number }>(
        `SELECT count(*) FILTER (WHERE role = 'user')::int AS users, count(*) FILTER (WHERE role = 'assistant')::int AS replies,
                count(*) FILTER (WHERE content LIKE 'too late%')::int AS late FROM chat.messages`,
      );
      expect(row).toEqual({ users: 200 + servedLate, replies: 200 + servedLate, late: servedLate });
    } finally {
      await database.close();
    }
    const lastAnswer = Math.max(...answers.map((a) => a.at));
    console.log(
      `[shutdown] ${data.kind}: ${atSigterm} requests in flight at SIGTERM (${sigtermAt - started} ms after the first request); ` +
        `all 200 answered 201, the last ${lastAnswer - sigtermAt} ms after SIGTERM; of ${late.length} new requests ${refused.length} got 503, ` +
        `${servedLate} were read before the signal was handled and served, ${late.length - refused.length - servedLate} refused after the listener closed; exit 0 ${exitedAt - sigtermAt} ms after SIGTERM`,
    );
  }, 300_000);
});
