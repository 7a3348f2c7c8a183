// The console's only way to the server: the public HTTP API through @talkbase/client (bearer token, refresh-token
// rotation, problem+json errors as readable messages) and the realtime WebSocket (docs/realtime.md).
import { createTalkbaseClient, readProblem, TalkbaseProblem, type ResponseOf, type Schemas } from '@talkbase/client';
import { createRealtimeClient } from '@talkbase/client/realtime';
import { i18n, t } from './i18n';

export type { BodyOf, ItemOf, QueryOf, ResponseOf, Schemas } from '@talkbase/client';
export type { ConnectionState, RealtimeEvent } from '@talkbase/client/realtime';

export type Profile = Schemas['Profile'];
export type Role = Profile['roles'][number];

type SessionAnswer = ResponseOf<'/v1/auth/login', 'post'>;
type Tokens = SessionAnswer['tokens'];

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

/** A failed request (the server's problem+json), with its explanation in words a person can read as the message. */
export class ApiError extends TalkbaseProblem {
  override name = 'ApiError';
  get fields() {
    return this.errors;
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

/** Turns the server's problem into an ApiError with a sentence a person can read. */
function toApiError(problem: TalkbaseProblem): ApiError {
  const code = problem.type === 'about:blank' ? null : problem.code;
  const fields = problem.errors;
  const body = problem.problem;
  // A missing AI engine's 503 says why (and what to configure); an older server only said it could not.
  const saysWhy = !!body.detail && !/could not complete the request/i.test(body.detail);
  const known = saysWhy && code?.startsWith('ai.') ? null : knownProblem(code, problem.status);
  let message = known
    ? known
    : body.detail
      ? body.detail
      : body.title && code
        ? body.title
        : humanize(code) || t('common:problems.status', { status: problem.status });
  if (fields.length && !known) message = fields.map((f) => `${f.field.replace(/[._]/g, ' ')} ${f.message}`).join('; ');
  if (problem.status === 429 && problem.retryAfterSeconds)
    message += ' ' + t('common:problems.retryIn', { seconds: problem.retryAfterSeconds });
  const error = new ApiError(body, problem.response);
  error.message = message.charAt(0).toUpperCase() + message.slice(1);
  return error;
}

const responseError = async (res: Response) => toApiError(await readProblem(res));

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
      void realtime.reauthenticate();
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

/**
 * Every request of the console: with a fresh access token, asked again (twice, after the server's Retry-After) when an
 * overloaded server refused a read with 503, and once more after a refresh when the token was refused.
 */
async function consoleFetch(request: Request, retried = false): Promise<Response> {
  const token = await accessToken();
  const first = request.clone();
  if (token) first.headers.set('authorization', `Bearer ${token}`);
  const copy = first.clone();
  let res = await fetch(first);
  for (let attempt = 0; res.status === 503 && request.method === 'GET' && attempt < 2; attempt++) {
    const wait = Math.min(5, Number(res.headers.get('retry-after')) || 1);
    await new Promise((r) => setTimeout(r, wait * 1000));
    res = await fetch(copy.clone());
  }
  if (res.status === 401 && token && !retried && (await refreshTokens())) return consoleFetch(request, true);
  return res;
}

/** The typed client of the whole API (types generated from the server's OpenAPI document). */
export const talkbase = createTalkbaseClient({
  baseUrl: location.origin,
  fetch: (request) => consoleFetch(request),
  onProblem: toApiError,
});

interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw body (a file); sent as is with the given content type. */
  raw?: Blob;
  signal?: AbortSignal;
}

/** A request by URL, for what the typed client does not cover: uploads, files, event streams. */
function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.raw) body = options.raw;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  return consoleFetch(new Request(new URL(path, location.origin), { method, headers, body, signal: options.signal }));
}

async function request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, options);
  if (!res.ok) throw await responseError(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** What the typed client does not cover: file uploads, files read as object URLs, and event streams. */
export const api = {
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
    if (!res.ok) throw await responseError(res);
    return URL.createObjectURL(await res.blob());
  },
  /** POSTs and reads a Server-Sent Events stream; resolves when the stream ends (or is aborted). */
  async stream(path: string, body: unknown, onEvent: (event: string, data: any) => void, signal?: AbortSignal): Promise<void> {
    const res = await send('POST', path, { body, headers: { accept: 'text/event-stream' }, signal });
    if (!res.ok || !res.body) throw await responseError(res);
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

function startSession(answer: SessionAnswer): Profile {
  saveSession({ ...answer.tokens, expiresAt: Date.now() + answer.tokens.expiresIn * 1000, user: answer.user });
  profileRead = Promise.resolve(answer.user);
  return answer.user;
}

export const auth = {
  async signIn(email: string, password: string): Promise<Profile> {
    return startSession(await talkbase.post('/v1/auth/login', { body: { email, password } }));
  },
  async signUp(input: { email: string; password: string; fullName?: string }): Promise<Profile> {
    return startSession(await talkbase.post('/v1/auth/register', { body: input }));
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
    const user = await talkbase.patch('/v1/me', { body: patch });
    if (session) saveSession({ ...session, user });
    return user;
  },
  /** Re-reads the profile (roles, admin) and keeps it with the session. */
  reloadProfile(): Promise<Profile | null> {
    if (!session) return Promise.resolve(null);
    const read = talkbase.get('/v1/me').then((user) => {
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

/**
 * One WebSocket for the whole console. Subscriptions are reference-counted per channel; after a reconnect the
 * server replays what was missed. A refused token is refreshed and the socket reconnects.
 */
export const realtime = createRealtimeClient({ baseUrl: location.origin, getToken: accessToken, onUnauthorized: refreshTokens });

/** Formats a problem for a page: the ApiError's message, or a generic sentence. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return err.message === 'Failed to fetch' ? t('common:problems.unreachable') : err.message;
  return t('common:problems.unknown');
}
