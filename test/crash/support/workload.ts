// The crash suite's workload: concurrent clients making acknowledged writes in four products through the HTTP API
// of a real server process, a ledger of what was acknowledged (2xx received), and the checks that everything in the
// ledger is there after a restart and that nothing is half-written.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { expect } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';

export interface Actor {
  id: string;
  token: string;
}

export interface Fixture {
  chat: { user: Actor; conversationId: string }[];
  assist: { agent: Actor; customerId: string; roomId: string }[];
  people: { user: Actor; personaId: string }[];
}

export interface Ledger {
  messages: { conversationId: string; content: string; userMessageId: string; assistantMessageId: string; key: string }[];
  finals: { roomId: string; segmentId: string; text: string; token: string }[];
  rooms: { roomId: string; customerId: string; token: string }[];
  roomEnds: { roomId: string; sessionId: string; customerId: string; token: string }[];
  interviews: { sessionId: string; token: string; abandoned: boolean }[];
  calls: { sessionId: string; token: string; ended: boolean }[];
  /** Requests that got no 2xx (refused, reset, 5xx): their effect may or may not exist. */
  unacknowledged: number;
}

export const newLedger = (): Ledger => ({
  messages: [],
  finals: [],
  rooms: [],
  roomEnds: [],
  interviews: [],
  calls: [],
  unacknowledged: 0,
});

export const acknowledged = (l: Ledger) =>
  l.messages.length +
  l.finals.length +
  l.roomEnds.length +
  l.interviews.length +
  l.interviews.filter((i) => i.abandoned).length +
  l.calls.length +
  l.calls.filter((c) => c.ended).length;

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
}

/** One HTTP call; a network failure answers status 0. */
export async function call(
  url: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Answer> {
  try {
    const res = await fetch(url + path, {
      method,
      headers: {
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...opts.headers,
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body, headers: res.headers };
  } catch (err) {
    return { status: 0, body: String(err), headers: new Headers() };
  }
}

const burstAgent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

/**
 * The same call on node:http with no limit on sockets, for bursts of hundreds of concurrent requests (fetch keeps
 * only a few connections per origin busy at a time).
 */
export function burstCall(
  url: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; timeoutMs?: number; holdBody?: Promise<void> } = {},
): Promise<Answer> {
  return new Promise((resolve) => {
    const payload = opts.body !== undefined ? JSON.stringify(opts.body) : undefined;
    const req = http.request(
      url + path,
      {
        method,
        agent: burstAgent,
        headers: {
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
          ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
        timeout: opts.timeoutMs ?? 60_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          let body: any = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON
          }
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers.set(k, v);
          resolve({ status: res.statusCode ?? 0, body, headers });
        });
        res.on('error', (err) => resolve({ status: 0, body: String(err), headers: new Headers() }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err) => resolve({ status: 0, body: String(err), headers: new Headers() }));
    if (payload !== undefined && opts.holdBody) {
      // A client still uploading: the headers and half the body now, the rest once `holdBody` settles.
      const half = Buffer.from(payload).subarray(0, Math.floor(Buffer.byteLength(payload) / 2));
      req.write(half);
      void opts.holdBody.then(() => req.end(Buffer.from(payload).subarray(half.length)));
    } else req.end(payload);
  });
}

const ok = (a: Answer) => a.status >= 200 && a.status < 300;

/**
 * Accounts and the rows the load writes under, made through the API of an app built in this process on the same
 * data (which the server process then opens): the first account is made an admin in the database, as
 * `talkbase admin grant` does, to register agents.
 */
export async function prepare(env: Record<string, string>, sizes = { chat: 3, assist: 2, people: 2 }): Promise<Fixture> {
  // No shedding while setting up: a test may configure thresholds meant for its load, not for this.
  const config = {
    ...loadConfig(env),
    logLevel: 'silent',
    workers: false,
    shedding: { eventLoopDelayMs: 0, dbWaiting: 0, retryAfterSeconds: 1 },
  };
  const app = await buildApp(config, { logger: false });
  try {
    const inject = async (method: string, url: string, token: string | null, payload?: unknown) => {
      const res = await app.inject({
        method: method as 'POST',
        url,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const signUp = async (): Promise<Actor> => {
      const body = await inject('POST', '/v1/auth/register', null, {
        email: `crash-${randomBytes(5).toString('hex')}@example.com`,
        password: 'correct horse battery',
      });
      return { id: body.user.id, token: body.tokens.accessToken };
    };
    const admin = await signUp();
    await app.core.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.id]);
    const fixture: Fixture = { chat: [], assist: [], people: [] };
    for (let i = 0; i < sizes.chat; i++) {
      const user = await signUp();
      const convo = await inject('POST', '/v1/chat/conversations', user.token, { personaId: 'business-assistant' });
      fixture.chat.push({ user, conversationId: convo.id });
    }
    for (let i = 0; i < sizes.assist; i++) {
      const agent = await signUp();
      await inject('POST', '/v1/assist/agents', admin.token, {
        userId: agent.id,
        agentCode: `C-${agent.id.slice(-8)}`,
        agentName: `Agent ${i + 1}`,
      });
      const customer = await inject('POST', '/v1/assist/customers', agent.token, {
        customerName: `Customer ${i + 1}`,
        phoneNumber: `010-${String(1000 + i)}-${randomBytes(2).readUInt16BE() % 10000}`,
      });
      fixture.assist.push({ agent, customerId: customer.id, roomId: '' });
    }
    for (let i = 0; i < sizes.people; i++) {
      const user = await signUp();
      const persona = await inject('POST', '/v1/calls/personas', user.token, {
        name: `Persona ${i + 1}`,
        phoneNumber: `010-9000-${1000 + i}`,
      });
      fixture.people.push({ user, personaId: persona.id });
    }
    return fixture;
  } finally {
    await app.close();
  }
}

/** Opens a room for the agent's customer and joins it as the agent; false when the server did not acknowledge. */
async function openRoom(url: string, a: Fixture['assist'][number], ledger: Ledger): Promise<boolean> {
  const opened = await call(url, 'POST', '/v1/assist/rooms', {
    token: a.agent.token,
    body: { roomName: `crash ${Date.now()}`, customerId: a.customerId },
  });
  if (!ok(opened)) return false;
  ledger.rooms.push({ roomId: opened.body.id, customerId: a.customerId, token: a.agent.token });
  const joined = await call(url, 'POST', `/v1/assist/rooms/${opened.body.id}/join`, { token: a.agent.token, body: { nickname: 'agent' } });
  if (!ok(joined)) return false;
  a.roomId = opened.body.id;
  return true;
}

export interface Load {
  stop(): Promise<void>;
}

/** Starts every client's loop; each runs until `stop` (and at most `maxMs`), one request at a time. */
export function startLoad(url: string, fixture: Fixture, ledger: Ledger, maxMs = 120_000): Load {
  let stopped = false;
  const until = Date.now() + maxMs;
  const running = () => !stopped && Date.now() < until;
  const pause = () => new Promise((r) => setTimeout(r, 20));
  const miss = async (a: Answer) => {
    ledger.unacknowledged++;
    if (a.status === 0 || a.status >= 500) await new Promise((r) => setTimeout(r, 100));
  };
  const loops: Promise<void>[] = [];

  for (const c of fixture.chat) {
    loops.push(
      (async () => {
        for (let seq = 0; running(); seq++) {
          const content = `message ${c.user.id.slice(-6)}-${seq} ${randomBytes(3).toString('hex')}`;
          const key = randomBytes(12).toString('hex');
          const res = await call(url, 'POST', `/v1/chat/conversations/${c.conversationId}/messages`, {
            token: c.user.token,
            body: { content },
            headers: { 'idempotency-key': key },
          });
          if (res.status === 201) {
            ledger.messages.push({
              conversationId: c.conversationId,
              content,
              userMessageId: res.body.userMessage.id,
              assistantMessageId: res.body.assistantMessage.id,
              key,
            });
          } else await miss(res);
          await pause();
        }
      })(),
    );
  }

  for (const a of fixture.assist) {
    loops.push(
      (async () => {
        let finalsInRoom = 0;
        for (let seq = 0; running(); seq++) {
          if (!a.roomId) {
            if (!(await openRoom(url, a, ledger))) {
              ledger.unacknowledged++;
              await new Promise((r) => setTimeout(r, 100));
              continue;
            }
            finalsInRoom = 0;
          }
          if (finalsInRoom >= 4) {
            const ended = await call(url, 'POST', `/v1/assist/rooms/${a.roomId}/end`, { token: a.agent.token });
            if (ok(ended)) {
              ledger.roomEnds.push({ roomId: a.roomId, sessionId: ended.body.session.id, customerId: a.customerId, token: a.agent.token });
              a.roomId = '';
            } else if (ended.status === 409) a.roomId = '';
            else await miss(ended);
            continue;
          }
          const segmentId = `seg-${seq}`;
          const path = `/v1/assist/rooms/${a.roomId}/transcripts/${segmentId}`;
          const text = `final words ${seq} of ${a.agent.id.slice(-6)}`;
          const partial = await call(url, 'PUT', path, {
            token: a.agent.token,
            body: { text: 'final wo', isFinal: false, startMs: seq * 2000, endMs: seq * 2000 + 500 },
          });
          if (!ok(partial)) {
            await miss(partial);
            continue;
          }
          const final = await call(url, 'PUT', path, {
            token: a.agent.token,
            body: { text, isFinal: true, startMs: seq * 2000, endMs: seq * 2000 + 1500, confidence: 0.9 },
          });
          if (ok(final)) {
            ledger.finals.push({ roomId: a.roomId, segmentId, text, token: a.agent.token });
            finalsInRoom++;
          } else await miss(final);
          await pause();
        }
      })(),
    );
  }

  for (const p of fixture.people) {
    loops.push(
      (async () => {
        for (let seq = 0; running(); seq++) {
          if (seq % 2 === 0) {
            const started = await call(url, 'POST', '/v1/interview/sessions', {
              token: p.user.token,
              body: { position: 'Backend engineer', questionCount: 2 },
            });
            if (!ok(started)) {
              await miss(started);
              continue;
            }
            const entry = { sessionId: started.body.session.id as string, token: p.user.token, abandoned: false };
            ledger.interviews.push(entry);
            const abandoned = await call(url, 'POST', `/v1/interview/sessions/${entry.sessionId}/abandon`, { token: p.user.token });
            if (ok(abandoned)) entry.abandoned = true;
            else await miss(abandoned);
          } else {
            const created = await call(url, 'POST', '/v1/calls/sessions', { token: p.user.token, body: { personaId: p.personaId } });
            if (!ok(created)) {
              await miss(created);
              continue;
            }
            const entry = { sessionId: created.body.id as string, token: p.user.token, ended: false };
            ledger.calls.push(entry);
            const hung = await call(url, 'POST', `/v1/calls/sessions/${entry.sessionId}/hangup`, { token: p.user.token });
            if (ok(hung)) entry.ended = true;
            else await miss(hung);
          }
          await pause();
        }
      })(),
    );
  }

  return {
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

async function get(url: string, path: string, token: string) {
  const res = await call(url, 'GET', path, { token });
  expect(res.status, `GET ${path}: ${JSON.stringify(res.body)}`).toBe(200);
  return res.body;
}

async function allPages<T>(url: string, path: string, token: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get(url, `${path}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}

export interface Found {
  acknowledged: number;
  found: number;
}

/**
 * Every acknowledged write is readable through the API, and nothing is half-written: every stored message is counted
 * in its conversation, every ended room has its consultation session, turns and history entry, every ended call
 * its call log, every interview session its first question.
 */
export async function verify(url: string, fixture: Fixture, ledger: Ledger): Promise<Found> {
  let found = 0;
  for (const c of fixture.chat) {
    const convo = await get(url, `/v1/chat/conversations/${c.conversationId}`, c.user.token);
    const messages = await allPages<{ id: string; role: string; content: string }>(
      url,
      `/v1/chat/conversations/${c.conversationId}/messages?all=true`,
      c.user.token,
    );
    expect(convo.messageCount, 'message_count counts every stored message').toBe(messages.length);
    const ids = new Set(messages.map((m) => m.id));
    for (const m of ledger.messages.filter((x) => x.conversationId === c.conversationId)) {
      expect(ids.has(m.userMessageId) && ids.has(m.assistantMessageId), `acknowledged message "${m.content}"`).toBe(true);
      expect(messages.filter((x) => x.role === 'user' && x.content === m.content)).toHaveLength(1);
      found++;
    }
  }

  const finalsByRoom = new Map<string, { segmentId: string; text: string }[]>();
  for (const r of ledger.rooms) {
    const finals = await get(url, `/v1/assist/rooms/${r.roomId}/transcripts`, r.token);
    finalsByRoom.set(r.roomId, finals);
    expect(new Set(finals.map((f: { segmentId: string }) => f.segmentId)).size, 'one final per segment').toBe(finals.length);
  }
  for (const f of ledger.finals) {
    const finals = finalsByRoom.get(f.roomId)!;
    expect(
      finals.some((x) => x.segmentId === f.segmentId && x.text === f.text),
      `acknowledged final ${f.segmentId} in ${f.roomId}`,
    ).toBe(true);
    found++;
  }
  const acknowledgedEnds = new Set(ledger.roomEnds.map((e) => e.roomId));
  for (const r of ledger.rooms) {
    const { room } = await get(url, `/v1/assist/rooms/${r.roomId}`, r.token);
    if (acknowledgedEnds.has(r.roomId)) expect(room.status, `acknowledged end of ${r.roomId}`).toBe('ended');
    const { history } = await get(url, `/v1/assist/customers/${r.customerId}`, r.token);
    const entries = history.filter((h: { detail: { roomId?: string } }) => h.detail.roomId === r.roomId);
    if (room.status !== 'ended') {
      expect(entries, `no history for the open room ${r.roomId}`).toHaveLength(0);
      continue;
    }
    // Ended, acknowledged or not: the session, its turns and exactly one history entry exist together.
    expect(entries, `one history entry for the ended room ${r.roomId}`).toHaveLength(1);
    const detail = await get(url, `/v1/assist/sessions/${entries[0].sessionId}`, r.token);
    expect(detail.session.roomId).toBe(r.roomId);
    expect(detail.turns.map((t: { text: string }) => t.text)).toEqual(finalsByRoom.get(r.roomId)!.map((f) => f.text.trim()));
    if (acknowledgedEnds.has(r.roomId)) {
      expect(entries[0].sessionId).toBe(ledger.roomEnds.find((e) => e.roomId === r.roomId)!.sessionId);
      found++;
    }
  }

  for (const s of ledger.interviews) {
    const body = await get(url, `/v1/interview/sessions/${s.sessionId}`, s.token);
    expect(body.records.length, 'a session has its first question').toBeGreaterThanOrEqual(1);
    found++;
    if (s.abandoned) {
      expect(body.session.status).toBe('abandoned');
      found++;
    }
  }

  const logsByUser = new Map<string, { callSessionId: string }[]>();
  for (const p of fixture.people) logsByUser.set(p.user.token, await allPages(url, '/v1/calls/logs', p.user.token));
  for (const c of ledger.calls) {
    const session = await get(url, `/v1/calls/sessions/${c.sessionId}`, c.token);
    found++;
    const logs = logsByUser.get(c.token)!.filter((l) => l.callSessionId === c.sessionId);
    if (c.ended) {
      expect(session.status).toBe('ENDED');
      found++;
    }
    expect(logs, `call ${c.sessionId} (${session.status}) has a log exactly when it ended`).toHaveLength(
      session.status === 'ENDED' ? 1 : 0,
    );
  }
  return { acknowledged: acknowledged(ledger), found };
}

/**
 * Retries after the restart: the same final again, ending an ended room, hanging up an ended call, and a chat
 * message sent again with its Idempotency-Key: none creates a second row.
 */
export async function retry(url: string, fixture: Fixture, ledger: Ledger): Promise<number> {
  let retried = 0;
  for (const f of ledger.finals.slice(-4)) {
    const before = await get(url, `/v1/assist/rooms/${f.roomId}/transcripts`, f.token);
    const again = await call(url, 'PUT', `/v1/assist/rooms/${f.roomId}/transcripts/${f.segmentId}`, {
      token: f.token,
      body: { text: f.text, isFinal: true, startMs: 0, endMs: 1500, confidence: 0.9 },
    });
    expect([200, 409], JSON.stringify(again.body)).toContain(again.status);
    expect(await get(url, `/v1/assist/rooms/${f.roomId}/transcripts`, f.token)).toEqual(before);
    retried++;
  }
  for (const e of ledger.roomEnds.slice(-3)) {
    const again = await call(url, 'POST', `/v1/assist/rooms/${e.roomId}/end`, { token: e.token });
    expect(again.status).toBe(409);
    const { history } = await get(url, `/v1/assist/customers/${e.customerId}`, e.token);
    expect(history.filter((h: { sessionId: string }) => h.sessionId === e.sessionId)).toHaveLength(1);
    retried++;
  }
  for (const c of ledger.calls.filter((x) => x.ended).slice(-3)) {
    const again = await call(url, 'POST', `/v1/calls/sessions/${c.sessionId}/hangup`, { token: c.token });
    expect(again.status).toBe(409);
    const logs = await allPages<{ callSessionId: string }>(url, '/v1/calls/logs', c.token);
    expect(logs.filter((l) => l.callSessionId === c.sessionId)).toHaveLength(1);
    retried++;
  }
  for (const m of ledger.messages.slice(-3)) {
    const c = fixture.chat.find((x) => x.conversationId === m.conversationId)!;
    const before = (await get(url, `/v1/chat/conversations/${m.conversationId}`, c.user.token)).messageCount;
    const again = await call(url, 'POST', `/v1/chat/conversations/${m.conversationId}/messages`, {
      token: c.user.token,
      body: { content: m.content },
      headers: { 'idempotency-key': m.key },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.userMessage.id).toBe(m.userMessageId);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await get(url, `/v1/chat/conversations/${m.conversationId}`, c.user.token)).messageCount).toBe(before);
    retried++;
  }
  return retried;
}
