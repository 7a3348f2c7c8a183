import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../db/database.js';
import { encryptedTargets, guardedRewrite, quote, type CellAddress } from './encrypted-targets.js';
import { Sealed, type FieldCipher } from './field-cipher.js';

/** What a stored ciphertext looks like (`tb1.<keyId>.<base64url>`); anything else in an encrypted column is plaintext. */
const CIPHERTEXT = '^tb1[.][^.]+[.][A-Za-z0-9_-]+$';

/** Whether a stored value is a ciphertext this keyring opens in its cell (a plaintext shaped like one is not). */
function isSealed(cipher: FieldCipher, at: CellAddress, stored: string): boolean {
  try {
    cipher.open(at, Sealed.parse(stored));
    return true;
  } catch {
    return false;
  }
}

/**
 * Encrypts values left in plain text in encrypted columns: a column that became encrypted keeps its rows' old
 * plaintext until this runs. A bounded batch per transaction; each update is guarded by the value it read, so a row
 * written meanwhile (already sealed) is left alone, and a run stopped half way is finished by the next.
 */
export async function sealPlaintextColumns(
  database: Database,
  cipher: FieldCipher,
  tables: PgTable[],
  opts: { batchSize?: number } = {},
): Promise<{ sealed: number }> {
  const batchSize = opts.batchSize ?? 500;
  let sealed = 0;
  for (const table of encryptedTargets(tables)) {
    const { target, key, columns } = table;
    const plain = columns.map((c: PgColumn) => `(${quote(c.name)} IS NOT NULL AND ${quote(c.name)} !~ '${CIPHERTEXT}')`).join(' OR ');
    // Rows whose plaintext looks like a ciphertext are found by trying to open it; they are rare enough to need no index.
    let after: string | null = null;
    for (;;) {
      const rows: Record<string, string | null>[] = await database.query<Record<string, string | null>>(
        `SELECT ${quote(key)}::text AS row_id, ${columns.map((c) => quote(c.name)).join(', ')} FROM ${target}
         WHERE (${plain})${after === null ? '' : ` AND ${quote(key)} > $1`} ORDER BY ${quote(key)} LIMIT ${batchSize}`,
        after === null ? [] : [after],
      );
      if (rows.length === 0) break;
      after = rows.at(-1)!.row_id;
      const statements: { text: string; params: unknown[] }[] = [];
      for (const row of rows) {
        const statement = guardedRewrite(table, row, (at, stored) =>
          isSealed(cipher, at, stored) ? null : cipher.seal(at, stored).toString(),
        );
        if (statement) statements.push(statement);
      }
      if (statements.length)
        await database.transaction(async (query) => {
          for (const s of statements) await query(s.text, s.params);
        });
      sealed += statements.length;
    }
  }
  return { sealed };
}
