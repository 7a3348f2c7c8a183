import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { encryptedColumnsOf, qualifiedTableName } from '../db/encrypted-column.js';

/** A PostgreSQL identifier in double quotes. */
export const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A table with encrypted columns, as the batch jobs that rewrite those columns need it. */
export interface EncryptedTarget {
  /** The name bound into each value's associated data (`schema.table`). */
  name: string;
  /** The quoted `"schema"."table"` to put in SQL. */
  target: string;
  /** The single-column primary key: the row id bound into each value's associated data. */
  key: string;
  columns: PgColumn[];
}

/**
 * The tables that have encrypted columns, one at a time as the caller gets to it; one without a single-column primary key
 * is an error when reached, since its values could not be bound to a row.
 */
export function* encryptedTargets(tables: PgTable[]): Generator<EncryptedTarget> {
  for (const table of tables) {
    const columns = encryptedColumnsOf(table);
    if (columns.length === 0) continue;
    const config = getTableConfig(table);
    const key = config.columns.find((c) => c.primary)?.name;
    if (!key) throw new Error(`${qualifiedTableName(table)} has encrypted columns but no single-column primary key`);
    yield { name: qualifiedTableName(table), target: `${quote(config.schema ?? 'public')}.${quote(config.name)}`, key, columns };
  }
}

export type CellAddress = { table: string; column: string; rowId: string };

/**
 * The UPDATE that writes a read row's new values, each guarded by the value it read, so a row written since is left
 * alone. `rewrite` gives a stored value's replacement, or null to keep it; null when nothing in the row changes.
 */
export function guardedRewrite(
  { name, target, key, columns }: EncryptedTarget,
  row: Record<string, string | null>,
  rewrite: (at: CellAddress, stored: string) => string | null,
): { text: string; params: unknown[] } | null {
  const id = row.row_id as string;
  const params: unknown[] = [id];
  const sets: string[] = [];
  const guards: string[] = [];
  for (const c of columns) {
    const stored = row[c.name];
    if (stored === null || stored === undefined) continue;
    const replacement = rewrite({ table: name, column: c.name, rowId: id }, stored);
    if (replacement === null) continue;
    params.push(replacement, stored);
    sets.push(`${quote(c.name)} = $${params.length - 1}`);
    guards.push(`${quote(c.name)} = $${params.length}`);
  }
  if (sets.length === 0) return null;
  return { text: `UPDATE ${target} SET ${sets.join(', ')} WHERE ${quote(key)} = $1 AND ${guards.join(' AND ')}`, params };
}
