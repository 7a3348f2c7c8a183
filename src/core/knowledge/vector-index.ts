import type { Database } from '../db/database.js';

/**
 * pgvector's HNSW indexes `vector` up to 2,000 dimensions and `halfvec` up to 4,000; beyond that a
 * collection is searched exactly in the process, as on a server without the extension.
 */
export function vectorTypeFor(dimension: number): { cast: string; ops: string } | null {
  if (dimension <= 2000) return { cast: `vector(${dimension})`, ops: 'vector_cosine_ops' };
  if (dimension <= 4000) return { cast: `halfvec(${dimension})`, ops: 'halfvec_cosine_ops' };
  return null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function indexNameOf(collectionId: string): string {
  return `knowledge_chunks_hnsw_${collectionId.replace(/-/g, '')}`;
}

/** Whether searches of this collection go through an HNSW index on this database. */
export function usesHnsw(database: Database, dimension: number): boolean {
  return database.hasVector && vectorTypeFor(dimension) !== null;
}

/**
 * A partial expression index per collection: the cast fixes the dimension, the predicate keeps other
 * collections out. Searches repeat the same expression and predicate so the planner picks it.
 */
export async function ensureVectorIndex(database: Database, collection: { id: string; dimension: number }): Promise<boolean> {
  const type = vectorTypeFor(collection.dimension);
  if (!database.hasVector || !type) return false;
  if (!UUID.test(collection.id)) throw new Error('collection id is not a uuid');
  await database.query(
    `CREATE INDEX IF NOT EXISTS ${indexNameOf(collection.id)} ON core.knowledge_chunks USING hnsw ((embedding::${type.cast}) ${type.ops}) WHERE collection_id = '${collection.id}'`,
  );
  return true;
}

export async function dropVectorIndex(database: Database, collectionId: string): Promise<void> {
  if (!UUID.test(collectionId)) throw new Error('collection id is not a uuid');
  await database.query(`DROP INDEX IF EXISTS core.${indexNameOf(collectionId)}`);
}

/** At start: where pgvector is present, every existing collection gets its index (installing pgvector later switches them on). */
export async function ensureAllVectorIndexes(database: Database): Promise<number> {
  if (!database.hasVector) return 0;
  const collections = await database.query<{ id: string; dimension: number }>('SELECT id, dimension FROM core.knowledge_collections');
  let made = 0;
  for (const c of collections) if (await ensureVectorIndex(database, c)) made++;
  return made;
}
