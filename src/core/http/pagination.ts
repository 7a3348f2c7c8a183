import { Type } from 'typebox';
import { and, eq, gt, lt, or, type Placeholder, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { isUuid } from '../db/ids.js';
import { AppError } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })),
  cursor: Type.Optional(Type.String({ maxLength: 512 })),
};

export const pageOf = <T extends import('typebox').TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

/** A keyset cursor: the sort key of the last row seen, opaque to clients. */
export function encodeCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === arity && key.every((k) => typeof k === 'string' || typeof k === 'number')) return key;
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
}

const invalidCursor = () =>
  new AppError('validation', 400, 'cursor is not valid', { errors: [{ field: 'cursor', message: 'is not a cursor this list gave out' }] });

/** Fetch `limit + 1` rows, then call this: it trims the extra row and builds the next cursor from the last kept one. */
export function toPage<R, I>(rows: R[], limit: number, keyOf: (row: R) => (string | number)[], map: (row: R) => I) {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { items: kept.map(map), nextCursor: more ? encodeCursor(keyOf(kept[kept.length - 1]!)) : null };
}

/**
 * The keyset condition "after this cursor" for a list sorted by (time, id), both in `direction`:
 * `(time, id) < (t, id)` for newest-first lists, `>` for oldest-first. Null without a cursor.
 */
export function afterCursor(cursor: string | undefined, time: AnyPgColumn, id: AnyPgColumn, direction: 'asc' | 'desc'): SQL | undefined {
  return afterKey(time, id, decodeTimeCursor(cursor), direction);
}

/**
 * A (time, id) cursor's key, null without a cursor. A cursor whose time is not a time or whose id is not a uuid
 * (every table's id is one) is refused like any other bad cursor, instead of failing in the database.
 */
export function decodeTimeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  const key = decodeCursor(cursor, 2);
  if (!key) return null;
  const at = new Date(key[0]!);
  if (typeof key[0] !== 'string' || typeof key[1] !== 'string' || !isUuid(key[1]) || Number.isNaN(at.getTime())) throw invalidCursor();
  return { at, id: key[1] };
}

/** The same condition from an already decoded (time, id) key, or from placeholders of a prepared query; undefined without one. */
export function afterKey(
  time: AnyPgColumn,
  id: AnyPgColumn,
  after: { at: Date | Placeholder; id: string | Placeholder } | null | undefined,
  direction: 'asc' | 'desc',
): SQL | undefined {
  if (!after) return undefined;
  const beyond = direction === 'desc' ? lt : gt;
  return or(beyond(time, after.at), and(eq(time, after.at), beyond(id, after.id)));
}
