import { customType, getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { Sealed, type FieldAddress, type FieldCipher } from '../crypto/field-cipher.js';
import type { BlindIndex, Normalization } from '../crypto/blind-index.js';

function sealedToDriver(value: Sealed): string {
  if (!(value instanceof Sealed)) throw new TypeError('an encrypted column takes a sealed value: use crypt.seal(column, rowId, plaintext)');
  return value.toString();
}

function sealedFromDriver(value: string): Sealed {
  return Sealed.parse(value);
}

/**
 * A personal field. Its TypeScript type is `Sealed`, so plaintext cannot be written by mistake:
 * values go in through `crypt.seal(column, rowId, text)` and come out through `crypt.open`.
 */
export const encryptedText = customType<{ data: Sealed; driverData: string }>({
  dataType: () => 'text',
  toDriver: sealedToDriver,
  fromDriver: sealedFromDriver,
});

export function isEncryptedColumn(column: PgColumn): boolean {
  return (column as unknown as { mapFrom?: unknown }).mapFrom === sealedFromDriver;
}

/** The encrypted columns of a table, found from its definition so a new table cannot be missed by key rotation. */
export function encryptedColumnsOf(table: PgTable): PgColumn[] {
  return getTableConfig(table).columns.filter(isEncryptedColumn);
}

export function qualifiedTableName(table: PgTable): string {
  const c = getTableConfig(table);
  return `${c.schema ?? 'public'}.${c.name}`;
}

function addressOf(column: PgColumn, rowId: string): FieldAddress {
  return { table: qualifiedTableName(column.table as PgTable), column: column.name, rowId };
}

/**
 * Sealing and opening bound to a column and a row, plus blind indexes for lookups. `rowId` is the value of
 * the table's single-column primary key (key rotation re-encrypts by it).
 */
export interface Crypt {
  seal(column: PgColumn, rowId: string, plaintext: string): Sealed;
  sealOptional(column: PgColumn, rowId: string, plaintext: string | null | undefined): Sealed | null;
  open(column: PgColumn, rowId: string, sealed: Sealed): string;
  openOptional(column: PgColumn, rowId: string, sealed: Sealed | null): string | null;
  blind(purpose: string, kind: Normalization, value: string): string;
  blindCandidates(purpose: string, kind: Normalization, value: string): string[];
  readonly cipher: FieldCipher;
  readonly blindIndex: BlindIndex;
}

export function createCrypt(cipher: FieldCipher, blindIndex: BlindIndex): Crypt {
  return {
    cipher,
    blindIndex,
    seal: (column, rowId, plaintext) => cipher.seal(addressOf(column, rowId), plaintext),
    sealOptional: (column, rowId, plaintext) =>
      plaintext === null || plaintext === undefined ? null : cipher.seal(addressOf(column, rowId), plaintext),
    open: (column, rowId, sealed) => cipher.open(addressOf(column, rowId), sealed),
    openOptional: (column, rowId, sealed) => (sealed === null ? null : cipher.open(addressOf(column, rowId), sealed)),
    blind: (purpose, kind, value) => blindIndex.compute(purpose, kind, value),
    blindCandidates: (purpose, kind, value) => blindIndex.candidates(purpose, kind, value),
  };
}
