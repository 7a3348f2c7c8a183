import type { Database } from '../../src/core/db/database.js';

/** EXPLAIN (FORMAT JSON) of the very query a product runs (a Drizzle builder), as one string to search for index names. */
export async function queryPlan(database: Database, query: { toSQL(): { sql: string; params: unknown[] } }): Promise<string> {
  const { sql, params } = query.toSQL();
  const rows = await database.query<Record<string, unknown>>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const raw = rows[0]!['QUERY PLAN'];
  return JSON.stringify(typeof raw === 'string' ? JSON.parse(raw) : raw);
}
