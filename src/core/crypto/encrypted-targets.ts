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
