import type { Database } from '../db/database.js';
import { cosineSimilarity, createTopK, decodeRealArray, normOf, type Scored } from './cosine.js';

/** One collection's vectors in one contiguous block, valid for one revision of the collection. */
interface LoadedVectors {
  revision: number;
  dimension: number;
  ids: string[];
  indexOf: Map<string, number>;
  vectors: Float32Array;
  norms: Float64Array;
  bytes: number;
}

export interface ExactSearchOptions {
  /** Upper bound for the vectors kept in memory across collections; a larger collection is streamed each time. */
  maxCacheBytes: number;
  batchSize?: number;
}

export interface ExactSearchRequest {
  collectionId: string;
  revision: number;
  dimension: number;
  query: Float32Array;
  topK: number;
  /** SQL conditions on the chunk rows (from the metadata filter) and their parameters, numbered from $2. */
  where: string[];
  params: unknown[];
}

/**
 * Exact cosine search in the process, for databases without pgvector. The SQL selects the candidate
 * rows (collection and metadata filter); the scoring runs over Float32Arrays, ~50× faster than SQL.
 */
export function createExactSearch(database: Database, options: ExactSearchOptions) {
  const batchSize = options.batchSize ?? 5000;
  // Map order is recency order: a hit is re-inserted at the end, eviction takes from the front.
  const cache = new Map<string, LoadedVectors>();
  let cachedBytes = 0;

  function forget(collectionId: string) {
    const entry = cache.get(collectionId);
    if (!entry) return;
    cache.delete(collectionId);
    cachedBytes -= entry.bytes;
  }

  function remember(collectionId: string, entry: LoadedVectors) {
    forget(collectionId);
    if (entry.bytes > options.maxCacheBytes) return;
    for (const [key, old] of cache) {
      if (cachedBytes + entry.bytes <= options.maxCacheBytes) break;
      cache.delete(key);
      cachedBytes -= old.bytes;
    }
    cache.set(collectionId, entry);
    cachedBytes += entry.bytes;
  }

  /** Reads the collection's vectors in id order, a batch at a time. */
  async function* scan(collectionId: string, where: string[], params: unknown[]): AsyncGenerator<{ id: string; embedding: Uint8Array }[]> {
    let after: string | null = null;
    const filter = where.map((w) => ` AND ${w}`).join('');
    for (;;) {
      const args: unknown[] = [collectionId, ...params];
      const keyset: string = after ? ` AND id > $${args.push(after)}` : '';
      const rows: { id: string; embedding: Uint8Array }[] = await database.query(
        `SELECT id, array_send(embedding) AS embedding FROM core.knowledge_chunks WHERE collection_id = $1${filter}${keyset} ORDER BY id LIMIT ${batchSize}`,
        args,
      );
      if (rows.length) yield rows;
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  async function load(collectionId: string, revision: number, dimension: number): Promise<LoadedVectors | null> {
    const hit = cache.get(collectionId);
    if (hit && hit.revision === revision && hit.dimension === dimension) {
      cache.delete(collectionId);
      cache.set(collectionId, hit);
      return hit;
    }
    forget(collectionId);
    const [counted] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM core.knowledge_chunks WHERE collection_id = $1', [
      collectionId,
    ]);
    const count = counted?.n ?? 0;
    const bytes = count * (dimension * 4 + 8 + 64);
    if (bytes > options.maxCacheBytes) return null;
    const ids: string[] = [];
    let vectors = new Float32Array(count * dimension);
    for await (const rows of scan(collectionId, [], [])) {
      for (const row of rows) {
        if (ids.length * dimension + dimension > vectors.length) {
          const grown = new Float32Array(Math.max(vectors.length * 2, (ids.length + rows.length) * dimension));
          grown.set(vectors);
          vectors = grown;
        }
        decodeRealArray(row.embedding, vectors, ids.length * dimension, dimension);
        ids.push(row.id);
      }
    }
    const norms = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) norms[i] = normOf(vectors, i * dimension, dimension);
    const entry: LoadedVectors = {
      revision,
      dimension,
      ids,
      indexOf: new Map(ids.map((id, i) => [id, i])),
      vectors: vectors.length === ids.length * dimension ? vectors : vectors.slice(0, ids.length * dimension),
      norms,
      bytes: ids.length * (dimension * 4 + 8 + 64),
    };
    // Chunks written while loading would make this copy stale at birth; the revision check catches it.
    const [now] = await database.query<{ revision: number }>('SELECT revision FROM core.knowledge_collections WHERE id = $1', [
      collectionId,
    ]);
    if (now && now.revision === revision) remember(collectionId, entry);
    return entry;
  }

  async function search(request: ExactSearchRequest): Promise<Scored[]> {
    const { collectionId, dimension, query, topK } = request;
    const queryNorm = normOf(query);
    const best = createTopK(topK);
    const loaded = await load(collectionId, request.revision, dimension);
    if (loaded) {
      if (request.where.length === 0) {
        for (let i = 0; i < loaded.ids.length; i++)
          best.offer(loaded.ids[i]!, cosineSimilarity(query, queryNorm, loaded.vectors, i * dimension, loaded.norms[i]!, dimension));
        return best.result();
      }
      const filter = request.where.map((w) => ` AND ${w}`).join('');
      const rows = await database.query<{ id: string }>(`SELECT id FROM core.knowledge_chunks WHERE collection_id = $1${filter}`, [
        collectionId,
        ...request.params,
      ]);
      for (const { id } of rows) {
        const i = loaded.indexOf.get(id);
        if (i !== undefined) best.offer(id, cosineSimilarity(query, queryNorm, loaded.vectors, i * dimension, loaded.norms[i]!, dimension));
      }
      return best.result();
    }
    for await (const rows of scan(collectionId, request.where, request.params)) {
      const v = new Float32Array(dimension);
      for (const row of rows) {
        decodeRealArray(row.embedding, v, 0, dimension);
        best.offer(row.id, cosineSimilarity(query, queryNorm, v, 0, normOf(v), dimension));
      }
    }
    return best.result();
  }

  return {
    search,
    forget,
    stats: () => ({ collections: cache.size, bytes: cachedBytes }),
  };
}

export type ExactSearch = ReturnType<typeof createExactSearch>;
