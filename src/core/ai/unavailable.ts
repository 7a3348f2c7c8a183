import { AppError } from '../http/errors.js';

/**
 * A 503 for a missing or failing AI engine whose message tells the user why and what to configure. The problem
 * handler hides the message of a 5xx; a problem's own `detail` member is what it shows instead, so these carry their
 * message there too. Their messages name settings and packages, never internals.
 */
export function aiUnavailable(code: string, message: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError(code, 503, message, { ...extra, detail: message });
}
