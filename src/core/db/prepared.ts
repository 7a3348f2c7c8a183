import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { rowsOf, type Db } from './database.js';

/**
 * A query that a hot path runs with new values many times, built once per database handle and shape.
 *
 * Drizzle builds a query's SQL text anew on every call (about 80 µs for a two-condition select), which on a
 * hot read costs more than the round trip. `build` returns the query prepared with `sql.placeholder`s, and is
 * called once for each (database, shape); on PostgreSQL a query prepared under a name is also a named
 * statement on each pooled connection, so the server parses it once per connection. Each shape must give its
 * query a name of its own. Everything that changes per call must be a placeholder: an insert's `$defaultFn`
 * columns, for one, would be computed once, at build time.
 */
export function preparedPerDb<S, Q>(build: (db: Db, shape: S) => Q): (db: Db, shape: S) => Q {
  const byDb = new WeakMap<Db, Map<S, Q>>();
  return (db, shape) => {
    let shapes = byDb.get(db);
    if (!shapes) byDb.set(db, (shapes = new Map()));
    let query = shapes.get(shape);
    if (query === undefined) shapes.set(shape, (query = build(db, shape)));
    return query;
  };
}

const dialect = new PgDialect();

/**
 * A raw statement (a hand-written `sql` query, for a write that one Drizzle builder cannot express) run under a
 * name: its text is built once, so it must not vary with the values; everything that does is a `sql.placeholder`,
 * given to `run` by name. On PostgreSQL each pooled connection parses it once and, after a few runs, keeps one
 * generic plan instead of planning it again on every run (the names of all statements must differ).
 */
export function namedStatement<T>(name: string, query: SQL): (db: Db, values: Record<string, unknown>) => Promise<T[]> {
  const built = dialect.sqlToQuery(query);
  return async (db, values) => rowsOf<T>(await db._.session.prepareQuery(built, undefined, name, false).execute(values));
}
