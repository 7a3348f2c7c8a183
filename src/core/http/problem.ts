import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, problemType, type FieldError } from './errors.js';
import { databaseUnavailable, isDatabaseUnavailable } from './load-shedding.js';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function fieldName(issue: AjvIssue, context: string): string {
  const base = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const child = (issue.params.missingProperty ?? issue.params.additionalProperty) as string | undefined;
  const name = child ? (base ? `${base}.${child}` : child) : base;
  return name || context;
}

function fieldMessage(issue: AjvIssue): string {
  if (issue.keyword === 'additionalProperties') return 'is not a known field';
  if (issue.keyword === 'required') return 'is required';
  return issue.message ?? 'is invalid';
}

/** Turns Fastify's schema-validation issues into one entry per bad field. */
export function validationErrors(issues: AjvIssue[], context: string): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of issues) {
    const field = fieldName(issue, context);
    const message = fieldMessage(issue);
    const key = `${field}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, message });
  }
  return out;
}

function send(reply: FastifyReply, request: FastifyRequest, body: ProblemDetails) {
  const { type, title, status, detail, retryAfterSeconds, ...extra } = body;
  if (typeof retryAfterSeconds === 'number') reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterSeconds))));
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type, title, status, detail, instance: request.url.split('?')[0], requestId: request.id, ...extra });
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** A problem+json body (RFC 9457) before the request's `instance` and `requestId` are added. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  retryAfterSeconds?: number;
  [key: string]: unknown;
}

const SERVER_DETAIL = 'The server could not complete the request.';

/** `extra` comes last: an error may carry its own user-facing `detail` (a 503 that says what to configure). */
export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): ProblemDetails {
  return { type: problemType(code), title: TITLES[status] ?? 'Error', status, detail, ...extra };
}

/** Any error as the problem a client sees, over HTTP or in an event stream; 5xx details stay on the server. */
export function problemOf(error: unknown): ProblemDetails {
  if (!(error instanceof AppError)) return problem(500, 'internal', SERVER_DETAIL);
  return problem(error.status, error.code, error.status >= 500 ? SERVER_DETAIL : error.message, error.extra);
}

/** Every error leaves as application/problem+json (RFC 9457); 5xx details stay in the log. */
export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, error.message);
      return send(reply, request, problemOf(error));
    }
    const fe = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
    if (fe.validation) {
      const errors = validationErrors(fe.validation, fe.validationContext ?? 'body');
      const detail = errors.map((e) => `${e.field} ${e.message}`).join('; ');
      return send(reply, request, problem(400, 'validation', detail, { errors }));
    }
    const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 600 ? fe.statusCode : 500;
    if (status >= 500 && isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      const detail = 'The database is not reachable right now; retry shortly.';
      return send(reply, request, problem(503, 'database_unavailable', detail, databaseUnavailable(request)));
    }
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return send(reply, request, problem(status, 'internal', SERVER_DETAIL));
    }
    const code =
      fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'body_too_large'
        : fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'unsupported_media_type'
          : fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
            ? 'malformed_body'
            : fe.statusCode === 429
              ? 'rate_limited'
              : 'bad_request';
    return send(reply, request, problem(status, code, error.message));
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, request, problem(404, 'route.not_found', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
}
