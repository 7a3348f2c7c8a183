import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { pgErrorCode, UNIQUE_VIOLATION, type Database } from '../db/database.js';
import { qualifiedTableName } from '../db/encrypted-column.js';
import type { BlindIndex } from './blind-index.js';
import { quote } from './encrypted-targets.js';
import { Sealed, type FieldCipher } from './field-cipher.js';

/** A table whose encrypted phone number is found through a blind index computed under `purpose`. */
export interface PhoneIndexTarget {
  table: PgTable;
  phone: PgColumn;
  index: PgColumn;
  purpose: string;
}

/**
 * Recomputes the blind index of every stored phone number from its decrypted value, under today's normalization and
 * the active blind key: rows indexed before phone numbers were normalized to E.164 are found by every spelling again.
 * A bounded batch per read, in key order; a row whose index is already right is not written, and each update is
 * guarded by the values it read, so a row written meanwhile is left alone and a run stopped half way is finished by
 * the next without writing a row twice. A row whose new index would collide with another's unique one (two live
 * personas of one user that were one number spelled twice) keeps its old index.
 */
export async function reindexPhoneNumbers(
  database: Database,
  cipher: FieldCipher,
  blindIndex: BlindIndex,
  targets: PhoneIndexTarget[],
  opts: { batchSize?: number; afterBatch?: (reindexed: number) => void } = {},
): Promise<{ reindexed: number; kept: number }> {
  const batchSize = opts.batchSize ?? 500;
  let reindexed = 0;
  let kept = 0;
  for (const { table, phone, index, purpose } of targets) {
    const config = getTableConfig(table);
    const key = config.columns.find((c) => c.primary)?.name;
    if (!key) throw new Error(`${qualifiedTableName(table)} has no single-column primary key`);
    const target = `${quote(config.schema ?? 'public')}.${quote(config.name)}`;
    const name = qualifiedTableName(table);
    let after: string | null = null;
    for (;;) {
      const rows: { row_id: string; phone: string; bidx: string | null }[] = await database.query(
        `SELECT ${quote(key)}::text AS row_id, ${quote(phone.name)} AS phone, ${quote(index.name)} AS bidx FROM ${target}
         WHERE ${quote(phone.name)} IS NOT NULL${after === null ? '' : ` AND ${quote(key)} > $1`} ORDER BY ${quote(key)} LIMIT ${batchSize}`,
        after === null ? [] : [after],
      );
      if (rows.length === 0) break;
      after = rows.at(-1)!.row_id;
      for (const row of rows) {
        const number = cipher.open({ table: name, column: phone.name, rowId: row.row_id }, Sealed.parse(row.phone));
        const fresh = blindIndex.compute(purpose, 'phone', number);
        if (fresh === row.bidx) continue;
        try {
          const updated = await database.query(
            `UPDATE ${target} SET ${quote(index.name)} = $2 WHERE ${quote(key)} = $1 AND ${quote(phone.name)} = $3
             AND ${quote(index.name)} IS NOT DISTINCT FROM $4 RETURNING 1 AS ok`,
            [row.row_id, fresh, row.phone, row.bidx],
          );
          reindexed += updated.length;
        } catch (err) {
          if (pgErrorCode(err) !== UNIQUE_VIOLATION) throw err;
          kept += 1;
        }
      }
      opts.afterBatch?.(reindexed);
    }
  }
  return { reindexed, kept };
}
