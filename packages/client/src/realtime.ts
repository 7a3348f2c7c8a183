// The realtime socket (docs/realtime.md): one WebSocket, authenticated by its first message, following channels.
// Subscriptions are reference-counted per channel; the last sequence number of each channel is kept, so after a
// reconnect the server replays what was missed. Works in browsers and on Node.js (pass `WebSocket` from `ws`).
import { openSocket, socketUrl, SOCKET_OPEN, type SocketLike, type WebSocketConstructor } from './socket.js';

export type { WebSocketConstructor } from './socket.js';

export interface RealtimeEvent<Data = any> {
  channel: string;
  event: string;
  data: Data;
  seq?: number;
  at: string;
  ephemeral?: boolean;
}

export type RealtimeHandler = (event: RealtimeEvent) => void;
export type ConnectionState = 'offline' | 'connecting' | 'online';

export interface RealtimeOptions {
  /** The server (`https://talkbase.example.com`, or `''` in a page it serves); the socket is `<baseUrl>/v1/realtime`. */
  baseUrl?: string;
  /** The socket's URL, when it is not under `baseUrl`. */
  url?: string;
  /** A valid access token; asked on every (re)connect and by `reauthenticate`. */
  getToken: () => string | null | undefined | Promise<string | null | undefined>;
  /** The WebSocket class; the global one by default (Node.js 20 has none: pass `ws`'s). */
  WebSocket?: WebSocketConstructor;
  /** The server refused the token (close 4401): refresh it and answer true to reconnect. */
  onUnauthorized?: () => boolean | Promise<boolean>;
  /** Longest wait between reconnects, in ms (the wait doubles from 500 ms). */
  maxReconnectDelayMs?: number;
}

export class RealtimeClient {
  private ws: SocketLike | null = null;
  private state: ConnectionState = 'offline';
  private readonly handlers = new Map<string, Set<RealtimeHandler>>();
  private readonly lastSeq = new Map<string, number>();
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  private retry = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closedByUser = false;
  private connecting = false;
  private readonly confirmed = new Set<string>();
  private readonly confirmWaiters = new Map<string, { resolve: () => void; reject: (err: Error) => void }[]>();

  constructor(private readonly options: RealtimeOptions) {}

  get connectionState(): ConnectionState {
    return this.state;
  }

  onState(listener: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** The last sequence number seen on a channel (what a reconnect resumes after). */
  sequence(channel: string): number | undefined {
    return this.lastSeq.get(channel);
  }

  /** Resolves once the server has confirmed the subscription to `channel` (`subscribed`); rejects when it refused it. */
  subscribed(channel: string): Promise<void> {
    if (this.confirmed.has(channel)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiters = this.confirmWaiters.get(channel) ?? [];
      waiters.push({ resolve, reject });
      this.confirmWaiters.set(channel, waiters);
    });
  }

  /**
   * Follows a channel. With `fromSeq` (0 = from the start) the stored events after it are replayed first.
   * Returns a function that stops following.
   */
  subscribe(channel: string, handler: RealtimeHandler, fromSeq?: number): () => void {
    let set = this.handlers.get(channel);
    const first = !set;
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      if (fromSeq !== undefined) this.lastSeq.set(channel, fromSeq);
    }
    set.add(handler);
    this.closedByUser = false;
    if (!this.ws) void this.connect();
    else if (first && this.state === 'online') this.sendSubscribe(channel);
    return () => {
      const s = this.handlers.get(channel);
      if (!s) return;
      s.delete(handler);
      if (s.size === 0) {
        this.handlers.delete(channel);
        this.lastSeq.delete(channel);
        this.confirmed.delete(channel);
        if (this.state === 'online') this.send({ type: 'unsubscribe', channel });
      }
    };
  }

  /** Sends a fresh access token on the open socket (after a refresh). */
  async reauthenticate(): Promise<void> {
    if (this.state !== 'online') return;
    const token = await this.options.getToken();
    if (token) this.send({ type: 'auth', token });
  }

  close(): void {
    this.closedByUser = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ws = this.ws;
    this.ws = null;
    this.handlers.clear();
    this.lastSeq.clear();
    this.confirmed.clear();
    ws?.close(1000);
    this.setState('offline');
  }

  private setState(s: ConnectionState) {
    if (this.state === s) return;
    this.state = s;
    for (const l of this.stateListeners) l(s);
  }

  /** Sends on the socket only when it is open; anything not sent is sent again after the next `authenticated`. */
  private send(message: unknown) {
    if (this.ws?.readyState === SOCKET_OPEN) this.ws.send(JSON.stringify(message));
  }

  private sendSubscribe(channel: string) {
    const lastSeq = this.lastSeq.get(channel);
    this.send({ type: 'subscribe', channel, ...(lastSeq !== undefined ? { lastSeq } : {}) });
  }

  private async connect() {
    if (this.ws || this.connecting || this.closedByUser) return;
    this.connecting = true;
    let token: string | null | undefined;
    try {
      token = await this.options.getToken();
    } finally {
      this.connecting = false;
    }
    if (!token || this.ws || this.closedByUser) return;
    this.setState('connecting');
    const ws = openSocket(this.options.WebSocket, this.options.url ?? socketUrl(this.options.baseUrl ?? '', '/v1/realtime'));
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token }));
    ws.onmessage = (msg) => {
      if (this.ws === ws) this.onMessage(JSON.parse(String(msg.data)));
    };
    ws.onerror = () => undefined;
    ws.onclose = (close) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.confirmed.clear();
      this.setState('offline');
      if (close.code === 4401) {
        void Promise.resolve(this.options.onUnauthorized?.() ?? false).then((ok) => ok && this.scheduleReconnect());
        return;
      }
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect() {
    if (this.closedByUser || this.handlers.size === 0 || this.timer) return;
    const delay = Math.min(this.options.maxReconnectDelayMs ?? 10_000, 500 * 2 ** this.retry++);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
  }

  private onMessage(m: any) {
    if (m.type === 'authenticated') {
      this.retry = 0;
      this.setState('online');
      for (const channel of this.handlers.keys()) this.sendSubscribe(channel);
      return;
    }
    if (m.type === 'subscribed') {
      // A head lower than what we hold means the channel was reset: start over from its head.
      const held = this.lastSeq.get(m.channel);
      if (held === undefined || (typeof m.seq === 'number' && m.seq < held)) this.lastSeq.set(m.channel, m.seq ?? 0);
      this.confirmed.add(m.channel);
      for (const w of this.confirmWaiters.get(m.channel) ?? []) w.resolve();
      this.confirmWaiters.delete(m.channel);
      return;
    }
    if (m.type === 'event') {
      if (typeof m.seq === 'number') {
        const held = this.lastSeq.get(m.channel) ?? 0;
        if (m.seq <= held) return;
        this.lastSeq.set(m.channel, m.seq);
      }
      for (const h of this.handlers.get(m.channel) ?? []) h(m as RealtimeEvent);
      return;
    }
    if (m.type === 'error' && m.channel) {
      for (const w of this.confirmWaiters.get(m.channel) ?? []) w.reject(new Error(`${m.code}: ${m.message}`));
      this.confirmWaiters.delete(m.channel);
      for (const h of this.handlers.get(m.channel) ?? [])
        h({ channel: m.channel, event: 'error', data: { code: m.code, message: m.message }, at: new Date().toISOString() });
    }
  }
}

export function createRealtimeClient(options: RealtimeOptions): RealtimeClient {
  return new RealtimeClient(options);
}
