import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../db/database.js';
import { encryptedTargets, guardedRewrite, quote } from './encrypted-targets.js';
import type { FieldCipher } from './field-cipher.js';
import { Sealed } from './field-cipher.js';

export interface RotationProgress {
  table: string;
  done: number;
  total: number;
}

/**
 * Re-encrypts every value not under the active key, a bounded batch per transaction. A killed run
 * loses at most its open batch; running again picks up the values still under an older key.
 */
export async function rotateEncryptedColumns(
  database: Database,
  cipher: FieldCipher,
  tables: PgTable[],
  opts: { batchSize?: number; onProgress?: (p: RotationProgress) => void } = {},
): Promise<{ reencrypted: number }> {
  const batchSize = opts.batchSize ?? 500;
  const activePrefix = `tb1.${cipher.activeKeyId}.`;
  let reencrypted = 0;
  for (const table of encryptedTargets(tables)) {
    const { name, target, key, columns } = table;
    const stale = columns
      .map((c: PgColumn) => `(${quote(c.name)} IS NOT NULL AND left(${quote(c.name)}, ${activePrefix.length}) <> '${activePrefix}')`)
      .join(' OR ');
    const [{ count }] = await database.query<{ count: string | number }>(`SELECT count(*) AS count FROM ${target} WHERE ${stale}`);
    const total = Number(count);
    let done = 0;
    opts.onProgress?.({ table: name, done, total });
    while (done < total) {
      const rows = await database.query<Record<string, string | null>>(
        `SELECT ${quote(key)} AS row_id, ${columns.map((c) => quote(c.name)).join(', ')} FROM ${target} WHERE ${stale} ORDER BY ${quote(key)} LIMIT ${batchSize}`,
      );
      if (rows.length === 0) break;
      // The guard skips a row that changed since it was read; the next pass sees it again.
      const statements = rows.flatMap(
        (row) => guardedRewrite(table, row, (at, stored) => cipher.seal(at, cipher.open(at, Sealed.parse(stored))).toString()) ?? [],
      );
      await database.transaction(async (query) => {
        for (const s of statements) await query(s.text, s.params);
      });
      done += rows.length;
      reencrypted += rows.length;
      opts.onProgress?.({ table: name, done: Math.min(done, total), total });
    }
  }
  return { reencrypted };
}
