import type { Database } from '../db/database.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import { AppError, notFound } from '../http/errors.js';
import type { Clock } from '../time/clock.js';
import type { ExactSearch } from './exact-search.js';
import { badRequest } from './validation-error.js';
import { dropVectorIndex, ensureVectorIndex, usesHnsw } from './vector-index.js';

export interface Collection {
  id: string;
  name: string;
  description: string | null;
  dimension: number;
  embeddingModel: string | null;
  chunkCount: number;
  /** How this database searches the collection: an HNSW index (pgvector) or an exact scan in the process. */
  searchMethod: 'hnsw' | 'exact';
  createdAt: string;
}

export interface CollectionRow {
  id: string;
  name: string;
  description: string | null;
  dimension: number;
  embedding_model: string | null;
  chunk_count: number;
  revision: number;
  created_at: Date;
}

const NAME = /^[a-z0-9][a-z0-9_.-]{0,62}$/;

export const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : new Date(String(d)).toISOString());

export interface CollectionsDeps {
  database: Database;
  clock: Clock;
  exact: ExactSearch;
  /** The dimension of a collection created without one (the embedding default). */
  defaultDimension: number;
}

/** Creating, reading and deleting collections, and the row lookup the other knowledge topics share. */
export function createCollections(deps: CollectionsDeps) {
  const { database, clock, exact } = deps;

  const toCollection = (r: CollectionRow): Collection => ({
    id: r.id,
    name: r.name,
    description: r.description,
    dimension: r.dimension,
    embeddingModel: r.embedding_model,
    chunkCount: r.chunk_count,
    searchMethod: usesHnsw(database, r.dimension) ? 'hnsw' : 'exact',
    createdAt: iso(r.created_at),
  });

  async function collectionRow(name: string): Promise<CollectionRow> {
    const [row] = await database.query<CollectionRow>('SELECT * FROM core.knowledge_collections WHERE name = $1', [name]);
    if (!row) throw notFound('knowledge_collection');
    return row;
  }

  async function createCollection(input: { name: string; description?: string | null; dimension?: number }): Promise<Collection> {
    const dimension = input.dimension ?? deps.defaultDimension;
    if (!NAME.test(input.name))
      throw badRequest(
        'validation',
        'name',
        'name must be 1–63 lowercase letters, digits, ".", "_" or "-", starting with a letter or digit',
      );
    if (!Number.isInteger(dimension) || dimension < 1 || dimension > 16000)
      throw badRequest('validation', 'dimension', 'dimension must be an integer from 1 to 16000');
    let row: CollectionRow;
    try {
      [row] = (await database.query<CollectionRow>(
        'INSERT INTO core.knowledge_collections (id, name, description, dimension, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING *',
        [uuidv7(clock.now().getTime()), input.name, input.description ?? null, dimension, clock.now()],
      )) as [CollectionRow];
    } catch (err) {
      if (pgErrorCode(err) === UNIQUE_VIOLATION)
        throw new AppError('knowledge.collection_exists', 409, `a collection named "${input.name}" already exists`);
      throw err;
    }
    await ensureVectorIndex(database, row);
    return toCollection(row);
  }

  async function listCollections(): Promise<Collection[]> {
    return (await database.query<CollectionRow>('SELECT * FROM core.knowledge_collections ORDER BY name')).map(toCollection);
  }

  async function getCollection(name: string): Promise<Collection> {
    return toCollection(await collectionRow(name));
  }

  async function deleteCollection(name: string): Promise<void> {
    const [row] = await database.query<{ id: string }>('DELETE FROM core.knowledge_collections WHERE name = $1 RETURNING id', [name]);
    if (!row) throw notFound('knowledge_collection');
    await dropVectorIndex(database, row.id);
    exact.forget(row.id);
  }

  /** Rebuilds a collection's HNSW index (after a bulk load, building once is far faster than growing it row by row). */
  async function rebuildVectorIndex(name: string, opts: { dropOnly?: boolean } = {}): Promise<void> {
    const row = await collectionRow(name);
    await dropVectorIndex(database, row.id);
    if (!opts.dropOnly) await ensureVectorIndex(database, row);
  }

  return { collectionRow, createCollection, listCollections, getCollection, deleteCollection, rebuildVectorIndex };
}
