// The console's only way to the server: the public HTTP API (bearer token, refresh-token rotation,
// problem+json errors as readable messages) and the realtime WebSocket (docs/realtime.md).
import { i18n, t } from './i18n';

export interface Role {
  product: string;
  role: string;
}

export interface Profile {
  id: string;
  email: string;
  username: string | null;
  fullName: string | null;
  locale: 'ko' | 'en' | null;
  timeZone: string | null;
  isActive: boolean;
  isVerified: boolean;
  isAdmin: boolean;
  roles: Role[];
  lastLoginAt: string | null;
  createdAt: string;
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  user: Profile;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A failed request, with the server's explanation in words a person can read. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly fields: { field: string; message: string }[] = [],
    readonly body: Record<string, unknown> | null = null,
  ) {
    super(message);
  }
}

const SESSION_KEY = 'talkbase.session';

function readSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : null;
  } catch {
    return null;
  }
}

let session: StoredSession | null = readSession();
/** This visit's read of the profile (the stored copy may be from an earlier visit, before roles changed). */
let profileRead: Promise<Profile | null> | null = null;
const sessionListeners = new Set<(user: Profile | null) => void>();

function saveSession(next: StoredSession | null) {
  if (next?.user.id !== session?.user.id) profileRead = null;
  session = next;
  if (next) localStorage.setItem(SESSION_KEY, JSON.stringify(next));
  else localStorage.removeItem(SESSION_KEY);
  for (const listener of sessionListeners) listener(next?.user ?? null);
}

export function currentUser(): Profile | null {
  return session?.user ?? null;
}

export function onSessionChange(listener: (user: Profile | null) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** Problems with a sentence of the console's own (in the user's language); other details come from the server. */
function knownProblem(code: string | null, status: number): string | null {
  if (!code) return null;
  const key = `common:problems.${code}`;
  return i18n.exists(key) && (status >= 500 || !code.startsWith('ai.')) ? (t(key as never) as string) : null;
}

function humanize(code: string | null): string {
  if (!code) return '';
  const last = code.split(/[/.]/).pop() ?? code;
  return last.replace(/[_-]+/g, ' ');
}

/** Turns a problem+json body (or anything else) into an ApiError with a sentence a person can read. */
async function toApiError(res: Response): Promise<ApiError> {
  let body: Record<string, unknown> | null;
  try {
    const text = await res.text();
    body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
  } catch {
    body = null;
  }
  const code = typeof body?.type === 'string' ? body.type.split(/[:/]/).pop()! : null;
  const fields = Array.isArray(body?.errors)
    ? (body!.errors as { field?: string; message?: string }[]).map((e) => ({
        field: String(e.field ?? ''),
        message: String(e.message ?? ''),
      }))
    : [];
  // A missing AI engine's 503 says why (and what to configure); an older server only said it could not.
  const saysWhy = typeof body?.detail === 'string' && !!body.detail && !/could not complete the request/i.test(body.detail);
  const known = saysWhy && code?.startsWith('ai.') ? null : knownProblem(code, res.status);
  let message = known
    ? known
    : typeof body?.detail === 'string' && body.detail
      ? body.detail
      : typeof body?.title === 'string'
        ? body.title
        : humanize(code) || t('common:problems.status', { status: res.status });
  if (fields.length && !known) message = fields.map((f) => `${f.field.replace(/[._]/g, ' ')} ${f.message}`).join('; ');
  if (res.status === 429) {
    const retry = res.headers.get('retry-after');
    if (retry) message += ' ' + t('common:problems.retryIn', { seconds: retry });
  }
  message = message.charAt(0).toUpperCase() + message.slice(1);
  return new ApiError(res.status, message, code, fields, body);
}

let refreshing: Promise<boolean> | null = null;

/** Exchanges the refresh token for a new pair once, however many requests ask at the same time. */
function refreshTokens(): Promise<boolean> {
  if (!session) return Promise.resolve(false);
  refreshing ??= (async () => {
    const current = session;
    try {
      const res = await fetch('/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: current!.refreshToken }),
      });
      if (!res.ok) {
        if (res.status === 401 || res.status === 400) saveSession(null);
        return false;
      }
      const tokens = (await res.json()) as Tokens;
      saveSession({ ...current!, ...tokens, expiresAt: Date.now() + tokens.expiresIn * 1000 });
      realtime.reauthenticate();
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** A fresh access token: refreshed ahead of expiry so long pages keep working. */
export async function accessToken(): Promise<string | null> {
  if (!session) return null;
  if (session.expiresAt - Date.now() < 30_000) await refreshTokens();
  return session?.accessToken ?? null;
}

interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw body (a file); sent as is with the given content type. */
  raw?: Blob;
  signal?: AbortSignal;
  /** Internal: no second refresh attempt. */
  retried?: boolean;
}

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const token = await accessToken();
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.raw) body = options.raw;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res = await fetch(path, { method, headers, body, signal: options.signal });
  // An overloaded server answers 503 with Retry-After; a read is safe to ask again, twice, after that wait.
  for (let attempt = 0; res.status === 503 && method === 'GET' && attempt < 2; attempt++) {
    const wait = Math.min(5, Number(res.headers.get('retry-after')) || 1);
    await new Promise((r) => setTimeout(r, wait * 1000));
    res = await fetch(path, { method, headers, body, signal: options.signal });
  }
  if (res.status === 401 && token && !options.retried && (await refreshTokens())) {
    return send(method, path, { ...options, retried: true });
  }
  return res;
}

export async function request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, options);
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T = unknown>(path: string, signal?: AbortSignal) => request<T>('GET', path, { signal }),
  post: <T = unknown>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T = unknown>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T = unknown>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = unknown>(path: string, body?: unknown) => request<T>('DELETE', path, { body }),
  /** Uploads a file's bytes under its media type; the file name travels in `x-file-name`. */
  upload: <T = unknown>(path: string, file: Blob, fileName?: string) =>
    request<T>('POST', path, {
      raw: file,
      headers: {
        'content-type': file.type || 'application/octet-stream',
        ...(fileName ? { 'x-file-name': encodeURIComponent(fileName) } : {}),
      },
    }),
  /** Reads a file the API serves (audio, images) into an object URL the page can play or show. */
  async blobUrl(path: string): Promise<string> {
    const res = await send('GET', path);
    if (!res.ok) throw await toApiError(res);
    return URL.createObjectURL(await res.blob());
  },
  /** POSTs and reads a Server-Sent Events stream; resolves when the stream ends (or is aborted). */
  async stream(path: string, body: unknown, onEvent: (event: string, data: any) => void, signal?: AbortSignal): Promise<void> {
    const res = await send('POST', path, { body, headers: { accept: 'text/event-stream' }, signal });
    if (!res.ok || !res.body) throw await toApiError(res);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let at;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.replace(/^data: ?/, ''))
            .join('\n');
          if (!data && !/^event:/m.test(block)) continue;
          onEvent(event, data ? JSON.parse(data) : null);
        }
      }
    } catch (err) {
      if ((err as Error).name !== 'AbortError') throw err;
    }
  },
};

// ---- accounts -------------------------------------------------------------------------------

interface SessionAnswer {
  user: Profile;
  tokens: Tokens;
}

function startSession(answer: SessionAnswer): Profile {
  saveSession({ ...answer.tokens, expiresAt: Date.now() + answer.tokens.expiresIn * 1000, user: answer.user });
  profileRead = Promise.resolve(answer.user);
  return answer.user;
}

export const auth = {
  async signIn(email: string, password: string): Promise<Profile> {
    return startSession(await request<SessionAnswer>('POST', '/v1/auth/login', { body: { email, password } }));
  },
  async signUp(input: { email: string; password: string; fullName?: string }): Promise<Profile> {
    return startSession(await request<SessionAnswer>('POST', '/v1/auth/register', { body: input }));
  },
  async signOut(): Promise<void> {
    const current = session;
    realtime.close();
    saveSession(null);
    if (current) {
      await fetch('/v1/auth/logout', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refreshToken: current.refreshToken }),
      }).catch(() => undefined);
    }
  },
  signedIn(): boolean {
    return session !== null;
  },
  /** Changes the profile (language, time zone, names) and keeps the answer with the session. */
  async updateProfile(patch: Partial<Pick<Profile, 'locale' | 'timeZone' | 'fullName'>>): Promise<Profile> {
    const user = await api.patch<Profile>('/v1/me', patch);
    if (session) saveSession({ ...session, user });
    return user;
  },
  /** Re-reads the profile (roles, admin) and keeps it with the session. */
  reloadProfile(): Promise<Profile | null> {
    if (!session) return Promise.resolve(null);
    const read = api.get<Profile>('/v1/me').then((user) => {
      if (session) saveSession({ ...session, user });
      return user;
    });
    profileRead = read.catch(() => {
      profileRead = null;
      return session?.user ?? null;
    });
    return read;
  },
  /**
   * The profile as the server has it on this visit, read once: pages ask it which roles the account has before
   * asking for a role's data, so an account without the role meets a page that says so, not a refused request.
   */
  freshProfile(): Promise<Profile | null> {
    if (!session) return Promise.resolve(null);
    if (!profileRead) void auth.reloadProfile().catch(() => undefined);
    return profileRead!;
  },
  /** Whether the account (as read on this visit) has a role in a product. */
  async hasRole(product: string, role?: string): Promise<boolean> {
    const user = await auth.freshProfile();
    return !!user?.roles.some((r) => r.product === product && (role === undefined || r.role === role));
  },
};

// ---- realtime -------------------------------------------------------------------------------

export interface RealtimeEvent {
  channel: string;
  event: string;
  data: any;
  seq?: number;
  at: string;
  ephemeral?: boolean;
}

type Handler = (event: RealtimeEvent) => void;
export type ConnectionState = 'offline' | 'connecting' | 'online';

/**
 * One WebSocket for the whole console. Subscriptions are reference-counted per channel; the last
 * sequence number of each channel is kept, so after a reconnect the server replays what was missed.
 */
class RealtimeClient {
  private ws: WebSocket | null = null;
  private state: ConnectionState = 'offline';
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly lastSeq = new Map<string, number>();
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  private retry = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closedByUser = false;

  get connectionState() {
    return this.state;
  }

  onState(listener: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  private setState(s: ConnectionState) {
    this.state = s;
    for (const l of this.stateListeners) l(s);
  }

  /**
   * Follows a channel. With `fromSeq` (0 = from the start) the stored events after it are replayed first.
   * Returns a function that stops following.
   */
  subscribe(channel: string, handler: Handler, fromSeq?: number): () => void {
    let set = this.handlers.get(channel);
    const first = !set;
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      if (fromSeq !== undefined) this.lastSeq.set(channel, fromSeq);
    }
    set.add(handler);
    this.closedByUser = false;
    if (!this.ws) this.connect();
    else if (first && this.state === 'online') this.sendSubscribe(channel);
    return () => {
      const s = this.handlers.get(channel);
      if (!s) return;
      s.delete(handler);
      if (s.size === 0) {
        this.handlers.delete(channel);
        this.lastSeq.delete(channel);
        if (this.state === 'online') this.send({ type: 'unsubscribe', channel });
      }
    };
  }

  /** Sends on the socket only when it is open; anything not sent is sent again after the next `authenticated`. */
  private send(message: unknown) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  private sendSubscribe(channel: string) {
    const lastSeq = this.lastSeq.get(channel);
    this.send({ type: 'subscribe', channel, ...(lastSeq !== undefined ? { lastSeq } : {}) });
  }

  private connecting = false;

  private async connect() {
    if (this.ws || this.connecting || this.closedByUser) return;
    this.connecting = true;
    let token: string | null;
    try {
      token = await accessToken();
    } finally {
      this.connecting = false;
    }
    if (!token || this.ws || this.closedByUser) return;
    this.setState('connecting');
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/realtime`;
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token }));
    ws.onmessage = (msg) => {
      if (this.ws === ws) this.onMessage(JSON.parse(String(msg.data)));
    };
    ws.onclose = (close) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.setState('offline');
      if (close.code === 4401) {
        void refreshTokens().then((ok) => ok && this.scheduleReconnect());
        return;
      }
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect() {
    if (this.closedByUser || this.handlers.size === 0 || this.timer) return;
    const delay = Math.min(10_000, 500 * 2 ** this.retry++);
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
      for (const h of this.handlers.get(m.channel) ?? [])
        h({ channel: m.channel, event: 'error', data: { code: m.code, message: m.message }, at: new Date().toISOString() });
    }
  }

  /** Sends a fresh access token on the open socket (after a refresh). */
  reauthenticate() {
    if (this.state === 'online' && session) this.send({ type: 'auth', token: session.accessToken });
  }

  close() {
    this.closedByUser = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ws = this.ws;
    this.ws = null;
    this.handlers.clear();
    this.lastSeq.clear();
    ws?.close(1000);
    this.setState('offline');
  }
}

export const realtime = new RealtimeClient();

/** Formats a problem for a page: the ApiError's message, or a generic sentence. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message === 'Failed to fetch' ? t('common:problems.unreachable') : err.message;
  return t('common:problems.unknown');
}
