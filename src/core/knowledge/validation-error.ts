import { AppError } from '../http/errors.js';

/** A 400 that names the request field at fault. */
export const badRequest = (code: string, field: string, message: string) =>
  new AppError(code, 400, message, { errors: [{ field, message }] });
