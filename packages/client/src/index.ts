// The typed client of the Talkbase HTTP API: every path, its parameters, body and answer come from the server's
// OpenAPI document (src/openapi.ts is generated from it), and every refused request rejects with a TalkbaseProblem.
import createClient, { type Client, type MaybeOptionalInit, type Middleware } from 'openapi-fetch';
import type {
  HttpMethod,
  OperationRequestBodyContent,
  PathsWithMethod,
  RequiredKeysOf,
  ResponseObjectMap,
  SuccessResponse,
} from 'openapi-typescript-helpers';
import type { components, operations, paths } from './openapi.js';

export type { components, operations, paths };
export type { HttpMethod };

/** Every named schema of the document: `Schemas['Profile']`, `Schemas['Problem']` … */
export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type FieldError = NonNullable<Problem['errors']>[number];

/** The methods a path answers: `MethodsOf<'/v1/me'>` is `'get' | 'patch' | …`. */
export type MethodsOf<P extends keyof paths> = {
  [M in HttpMethod]-?: [paths[P][M]] extends [undefined] ? never : M;
}[HttpMethod];

type OperationOf<P extends keyof paths, M extends MethodsOf<P>> = NonNullable<paths[P][M]>;

/** The JSON a route answers on success: `ResponseOf<'/v1/chat/conversations', 'get'>`. */
export type ResponseOf<P extends keyof paths, M extends MethodsOf<P>> = SuccessResponse<
  ResponseObjectMap<OperationOf<P, M>>,
  `${string}/json`
>;

/** The JSON body a route takes: `BodyOf<'/v1/chat/conversations', 'post'>`. */
export type BodyOf<P extends keyof paths, M extends MethodsOf<P>> = NonNullable<OperationRequestBodyContent<OperationOf<P, M>>>;

/** The query parameters a route takes. */
export type QueryOf<P extends keyof paths, M extends MethodsOf<P>> =
  OperationOf<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The path parameters a route takes. */
export type PathParamsOf<P extends keyof paths, M extends MethodsOf<P>> =
  OperationOf<P, M> extends { parameters: { path?: infer Q } } ? NonNullable<Q> : never;

/** One item of a list answer: a page (`{ items, nextCursor }`) or a plain array. */
export type ItemOf<P extends keyof paths, M extends MethodsOf<P> = MethodsOf<P>> =
  ResponseOf<P, M> extends { items: (infer I)[] } ? I : ResponseOf<P, M> extends (infer I)[] ? I : never;

const PROBLEM_PREFIX = 'urn:talkbase:problem:';

/**
 * A request the server refused, as its application/problem+json answer says (RFC 9457): `status`, `type`
 * (`urn:talkbase:problem:<code>`), `title`, `detail` and, for invalid input, one entry per bad field in `errors`.
 */
export class TalkbaseProblem extends Error {
  override name = 'TalkbaseProblem';
  readonly status: number;
  readonly type: string;
  /** The stable code: `validation`, `auth.invalid_credentials`, `chat.conversation_not_found` … */
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  readonly requestId: string | null;
  /** Seconds the server asked to wait (429 and 503 answers). */
  readonly retryAfterSeconds: number | null;

  constructor(
    readonly problem: Problem,
    readonly response?: Response,
  ) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.status = problem.status;
    this.type = problem.type;
    this.code = problem.type.startsWith(PROBLEM_PREFIX) ? problem.type.slice(PROBLEM_PREFIX.length) : problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.requestId = problem.requestId ?? null;
    const retry = Number(response?.headers.get('retry-after'));
    this.retryAfterSeconds = Number.isFinite(retry) && retry > 0 ? retry : null;
  }

  /** What the server said about one input field, if it named it. */
  field(name: string): string | undefined {
    return this.errors.find((e) => e.field === name)?.message;
  }
}

/** Reads a refused answer into a TalkbaseProblem; an answer that is not problem+json (a proxy's 502) gets a generic one. */
export async function readProblem(response: Response): Promise<TalkbaseProblem> {
  let body: unknown;
  try {
    const text = await response.clone().text();
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  const given = body && typeof body === 'object' ? (body as Partial<Problem>) : {};
  const problem: Problem = {
    ...given,
    type: typeof given.type === 'string' ? given.type : 'about:blank',
    title: typeof given.title === 'string' ? given.title : response.statusText || `HTTP ${response.status}`,
    status: typeof given.status === 'number' ? given.status : response.status,
    detail: typeof given.detail === 'string' ? given.detail : '',
    ...(Array.isArray(given.errors) ? { errors: given.errors } : {}),
  };
  return new TalkbaseProblem(problem, response);
}

export interface TalkbaseClientOptions {
  /** Where the server is: `https://talkbase.example.com`, or `''` in a page the server itself serves. */
  baseUrl: string;
  /** A fixed access token. */
  token?: string;
  /** Asked before every request: a fresh access token, or null to send none. */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** The fetch to use (default: the global one), for retries, refreshes or tests. */
  fetch?: (request: Request) => Promise<Response>;
  headers?: Record<string, string>;
  /** Turns a refused answer into the error to throw (default: the TalkbaseProblem itself). */
  onProblem?: (problem: TalkbaseProblem) => unknown;
}

type InitParam<Init> = RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

/** One typed call: the path picks the parameters and body it needs; resolves with the answer, rejects with a TalkbaseProblem. */
export type TalkbaseCall<M extends HttpMethod> = <P extends PathsWithMethod<paths, M>, Init extends MaybeOptionalInit<paths[P], M>>(
  path: P,
  ...init: InitParam<Init>
) => Promise<ResponseOf<P, M & MethodsOf<P>>>;

export interface TalkbaseClient {
  get: TalkbaseCall<'get'>;
  post: TalkbaseCall<'post'>;
  put: TalkbaseCall<'put'>;
  patch: TalkbaseCall<'patch'>;
  delete: TalkbaseCall<'delete'>;
  /** The openapi-fetch client underneath (answers `{ data, response }`; refused requests still reject). */
  raw: Client<paths>;
}

export function createTalkbaseClient(options: TalkbaseClientOptions): TalkbaseClient {
  const raw = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: options.headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const middleware: Middleware = {
    async onRequest({ request }) {
      if (request.headers.has('authorization')) return undefined;
      const token = options.getToken ? await options.getToken() : options.token;
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
    async onResponse({ response }) {
      if (response.ok) return undefined;
      const problem = await readProblem(response);
      throw options.onProblem ? options.onProblem(problem) : problem;
    },
  };
  raw.use(middleware);
  const call =
    <M extends HttpMethod>(method: M): TalkbaseCall<M> =>
    async (path, ...init) => {
      const { data } = await (raw.request as (m: string, p: string, i?: unknown) => Promise<{ data?: unknown }>)(method, path, init[0]);
      return data as never;
    };
  return { get: call('get'), post: call('post'), put: call('put'), patch: call('patch'), delete: call('delete'), raw };
}
