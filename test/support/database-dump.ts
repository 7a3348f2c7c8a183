// Every row of every table, as PostgreSQL renders it to JSON: for plaintext searches and before/after comparisons.
import type { Database } from '../../src/core/db/database.js';

/** `schema.table` → its rows as JSON text, sorted so two dumps of the same data compare equal. */
export async function databaseDump(database: Database, opts: { schemas?: string[] } = {}): Promise<Record<string, string[]>> {
  const tables = await database.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
  );
  const out: Record<string, string[]> = {};
  for (const { schema, name } of tables) {
    if (opts.schemas && !opts.schemas.includes(schema)) continue;
    const rows = await database.query<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM "${schema}"."${name}" t`);
    out[`${schema}.${name}`] = rows.map((r) => r.row).sort();
  }
  return out;
}

/** The text and JSON columns of every table, each value as stored (what an attacker with a dump reads). */
export async function textColumns(database: Database): Promise<{ column: string; value: string }[]> {
  const columns = await database.query<{ schema: string; table: string; column: string }>(
    `SELECT c.table_schema AS schema, c.table_name AS table, c.column_name AS column
     FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
       AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea')
     ORDER BY 1, 2, 3`,
  );
  const out: { column: string; value: string }[] = [];
  for (const { schema, table, column } of columns) {
    const rows = await database.query<{ v: string | null }>(
      `SELECT "${column}"::text AS v FROM "${schema}"."${table}" WHERE "${column}" IS NOT NULL`,
    );
    for (const r of rows) if (r.v !== null) out.push({ column: `${schema}.${table}.${column}`, value: r.v });
  }
  return out;
}
