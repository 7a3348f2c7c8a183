/** One error type for the whole server; `code` is stable and becomes the problem `type`. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly extra: { errors?: FieldError[]; retryAfterSeconds?: number; [key: string]: unknown } = {},
  ) {
    super(message);
  }
}

export interface FieldError {
  field: string;
  message: string;
}

export const notFound = (what: string) => new AppError(`${what}.not_found`, 404, `${what.replace(/_/g, ' ')} not found`);

export function problemType(code: string): string {
  return `urn:talkbase:problem:${code}`;
}
