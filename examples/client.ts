// What the examples share, as a product team's app would write it: @talkbase/client for typed HTTP calls and the realtime
// socket (with ws as Node.js 20's WebSocket), plus the few raw requests it does not cover (files, event streams, signaling).
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { createTalkbaseClient, TalkbaseProblem, type TalkbaseClient } from '@talkbase/client';
import { createRealtimeClient, type RealtimeClient, type RealtimeEvent } from '@talkbase/client/realtime';

export const BASE_URL = (process.env.TALKBASE_URL ?? 'http://localhost:8080').replace(/\/$/, '');

export class StepError extends Error {
  /** The server's problem, when the step failed on a refused request. */
  problem?: TalkbaseProblem;
}

/** The problem a request was refused with (the example expects a refusal); an error if it was not refused. */
export async function refusal(request: Promise<unknown>): Promise<TalkbaseProblem> {
  const outcome = await request.then(
    () => null,
    (err: unknown) => err,
  );
  if (outcome instanceof StepError && outcome.problem) return outcome.problem;
  throw outcome ?? new StepError('the request was not refused');
}

let stepNo = 0;
/** Runs one named step and prints it; any failure ends the example with a non-zero exit code. */
export async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  stepNo++;
  const started = Date.now();
  try {
    const result = await work();
    console.log(`✔ ${stepNo}. ${name} (${Date.now() - started} ms)`);
    return result;
  } catch (err) {
    console.error(`✘ ${stepNo}. ${name}: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new StepError(message);
}

/** A busy server refuses a request before doing any of it (503 overloaded, with Retry-After): asking again is safe. */
async function fetchPatiently(request: Request): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(request.clone());
    if (res.status !== 503 || attempt >= 5) return res;
    const body = (await res
      .clone()
      .json()
      .catch(() => null)) as { type?: string } | null;
    if (!String(body?.type ?? '').endsWith(':overloaded')) return res;
    await new Promise((r) => setTimeout(r, Math.min(10, Number(res.headers.get('retry-after')) || 1) * 1000));
  }
}

export class Client {
  accessToken = '';
  /** Every route of the API, typed from the server's OpenAPI document; a refusal is a StepError naming the problem. */
  readonly api: TalkbaseClient;
  constructor(readonly baseUrl = BASE_URL) {
    this.api = createTalkbaseClient({
      baseUrl,
      getToken: () => this.accessToken || null,
      fetch: fetchPatiently,
      onProblem: (p: TalkbaseProblem) => {
        const error = new StepError(`${p.response ? new URL(p.response.url).pathname : ''} answered ${p.status}: ${p.detail || p.title}`);
        error.problem = p;
        return error;
      },
    });
  }

  async signUp(prefix: string) {
    const email = `${prefix}-${randomBytes(4).toString('hex')}@example.com`;
    const password = `pw-${randomBytes(8).toString('hex')}`;
    const session = await this.api.post('/v1/auth/register', { body: { email, password, fullName: `${prefix} example` } });
    this.accessToken = session.tokens.accessToken;
    return { ...session.user, email, password };
  }

  /** Reads a binary response (a file's content). */
  async download(path: string): Promise<Buffer> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.accessToken}` } });
    if (!res.ok) throw new StepError(`GET ${path} answered ${res.status}: ${await res.text()}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /** POSTs raw bytes (an audio recording) under their media type and reads the JSON answer. */
  async upload<T = any>(path: string, bytes: Uint8Array, contentType: string): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${this.accessToken}` },
      body: new Blob([new Uint8Array(bytes)]),
    });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new StepError(`POST ${path} answered ${res.status}: ${body?.detail ?? JSON.stringify(body)}`);
    return body as T;
  }

  async logIn(email: string, password: string) {
    const session = await this.api.post('/v1/auth/login', { body: { email, password } });
    this.accessToken = session.tokens.accessToken;
    return session.user;
  }

  /** POSTs and reads a Server-Sent Events stream, calling `onEvent` for each event. */
  async stream(path: string, body: unknown, onEvent: (event: string, data: any) => void): Promise<void> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${this.accessToken}` },
      body: JSON.stringify(body),
    });
    if (!res.ok || !res.body) throw new StepError(`POST ${path} answered ${res.status}: ${await res.text()}`);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let at;
      while ((at = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        const data = /^data: (.*)$/m.exec(block)?.[1];
        onEvent(event, data ? JSON.parse(data) : null);
      }
    }
  }

  /** The realtime client of @talkbase/client, signed in with this account, keeping every event for `next`. */
  live(): LiveEvents {
    return new LiveEvents(createRealtimeClient({ baseUrl: this.baseUrl, getToken: () => this.accessToken, WebSocket }));
  }

  /** Opens the realtime socket and signs in, for what @talkbase/client does not carry: signaling and product messages. */
  async realtime(): Promise<Realtime> {
    const ws = new WebSocket(`${this.baseUrl.replace(/^http/, 'ws')}/v1/realtime`);
    const rt = new Realtime(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'auth', token: this.accessToken }));
    await rt.next((m) => m.type === 'authenticated', 5000, 'authentication');
    return rt;
  }
}

/** Events of the channels followed, kept so a step can wait for the first one that matches. */
export class LiveEvents {
  readonly events: RealtimeEvent[] = [];
  private waiters: { match: (e: RealtimeEvent) => boolean; resolve: (e: RealtimeEvent) => void }[] = [];
  constructor(readonly client: RealtimeClient) {}

  /** Follows a channel (from `fromSeq` when given) and resolves once the server has confirmed it. */
  async subscribe(channel: string, fromSeq?: number): Promise<void> {
    this.client.subscribe(channel, (e) => this.received(e), fromSeq);
    await Promise.race([
      this.client.subscribed(channel),
      new Promise((_, reject) => setTimeout(() => reject(new StepError(`no answer to subscribe ${channel} within 5000 ms`)), 5000)),
    ]);
  }

  /** The first event (already received or still to come) that matches, within `ms`. */
  next(match: (e: RealtimeEvent) => boolean, ms = 10_000, what = 'an event'): Promise<RealtimeEvent> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new StepError(`no ${what} within ${ms} ms`)), ms);
      this.waiters.push({ match, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  }

  close() {
    this.client.close();
  }

  private received(e: RealtimeEvent) {
    this.events.push(e);
    for (const w of [...this.waiters]) {
      if (w.match(e)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(e);
      }
    }
  }
}

export class Realtime {
  readonly messages: any[] = [];
  private waiters: { match: (m: any) => boolean; resolve: (m: any) => void }[] = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString());
      this.messages.push(m);
      for (const w of [...this.waiters]) {
        if (w.match(m)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    });
  }

  /** The first message (already received or still to come) that matches, within `ms`. */
  next(match: (m: any) => boolean, ms = 10_000, what = 'a message'): Promise<any> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new StepError(`no ${what} within ${ms} ms`)), ms);
      this.waiters.push({ match, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  async subscribe(channel: string, lastSeq?: number) {
    this.ws.send(JSON.stringify({ type: 'subscribe', channel, ...(lastSeq !== undefined ? { lastSeq } : {}) }));
    const answer = await this.next(
      (m) => (m.type === 'subscribed' || m.type === 'error') && m.channel === channel,
      5000,
      `an answer to subscribe ${channel}`,
    );
    if (answer.type === 'error') throw new StepError(`subscribe ${channel}: ${answer.code}`);
    return answer;
  }

  close() {
    this.ws.close(1000);
  }
}
