import type { Db } from './database.js';

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
