import type { Database } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import type { Clock } from '../time/clock.js';
import type { CollectionRow } from './collections.js';
import { arrayLiteral, cosineSimilarity, decodeRealArray, normOf } from './cosine.js';
import { filterSql, topKOf, type NumericRange, type Search, type SearchRequest, type SearchResult } from './search.js';
import { badRequest } from './validation-error.js';

const CACHE_CANDIDATES = 2000;

export interface CachedSearchResult extends SearchResult {
  cache: { hit: boolean; entryId: string; hitCount: number; distance: number | null; cachedQuery: string };
}

export interface QueryCacheDeps {
  database: Database;
  clock: Clock;
  search: Pick<Search, 'queryVector' | 'searchByVector'>;
  collectionRow: (name: string) => Promise<CollectionRow>;
  /** A cached query within this cosine distance of a new one answers it. */
  cacheDistance: number;
  cacheTtlSeconds: number;
}

/** The semantic cache of search answers, keyed by the query's embedding. */
export function createQueryCache(deps: QueryCacheDeps) {
  const { database } = deps;

  /** The nearest unexpired cached query within `threshold` (same filter and topK), its hit counted; null when none. */
  async function cachedAnswer(collection: CollectionRow, vector: Float32Array, searchKey: string, threshold: number, now: Date) {
    const candidates = await database.query<{ id: string; query_embedding: Uint8Array }>(
      `SELECT id, array_send(query_embedding) AS query_embedding FROM core.knowledge_query_cache
       WHERE collection_id = $1 AND search_key = $2::jsonb AND expires_at > $3 AND cardinality(query_embedding) = $4
       ORDER BY created_at DESC LIMIT ${CACHE_CANDIDATES}`,
      [collection.id, searchKey, now, collection.dimension],
    );
    const qNorm = normOf(vector);
    const v = new Float32Array(collection.dimension);
    let nearest: { id: string; distance: number } | null = null;
    for (const c of candidates) {
      decodeRealArray(c.query_embedding, v, 0, v.length);
      const distance = 1 - cosineSimilarity(vector, qNorm, v, 0, normOf(v), v.length);
      if (distance <= threshold && (!nearest || distance < nearest.distance)) nearest = { id: c.id, distance };
    }
    if (!nearest) return null;
    const [hit] = await database.query<{ results: SearchResult; hit_count: number; query_text: string }>(
      'UPDATE core.knowledge_query_cache SET hit_count = hit_count + 1, last_hit_at = $2 WHERE id = $1 AND expires_at > $2 RETURNING results, hit_count, query_text',
      [nearest.id, now],
    );
    if (!hit) return null;
    return {
      ...hit.results,
      cache: { hit: true, entryId: nearest.id, hitCount: hit.hit_count, distance: nearest.distance, cachedQuery: hit.query_text },
    };
  }

  /** Stores an answer unless the collection changed since it was read. */
  async function storeAnswer(
    collection: CollectionRow,
    query: string,
    vector: Float32Array,
    searchKey: string,
    result: SearchResult,
    now: Date,
  ): Promise<string> {
    const entryId = uuidv7(now.getTime());
    await database.query('DELETE FROM core.knowledge_query_cache WHERE collection_id = $1 AND expires_at <= $2', [collection.id, now]);
    await database.query(
      `INSERT INTO core.knowledge_query_cache (id, collection_id, query_text, query_embedding, search_key, results, hit_count, created_at, expires_at)
       SELECT $1, $2, $3, $4::real[], $5::jsonb, $6::jsonb, 0, $7, $8
       WHERE (SELECT revision FROM core.knowledge_collections WHERE id = $2) = $9`,
      [
        entryId,
        collection.id,
        query,
        arrayLiteral(vector),
        searchKey,
        JSON.stringify(result),
        now,
        new Date(now.getTime() + deps.cacheTtlSeconds * 1000),
        collection.revision,
      ],
    );
    return entryId;
  }

  /**
   * The semantic cache: a query whose embedding lies within the configured cosine distance of a
   * cached query (same filter and topK, not expired) gets that query's results and bumps its hit_count.
   */
  async function searchWithCache(
    name: string,
    query: string,
    opts: {
      threshold?: number;
      topK?: number;
      filter?: Record<string, unknown>;
      ranges?: Record<string, NumericRange>;
      userId?: string | null;
    } = {},
  ): Promise<CachedSearchResult> {
    const threshold = opts.threshold ?? deps.cacheDistance;
    if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 2))
      throw badRequest('validation', 'threshold', 'threshold is a cosine distance from 0 to 2');
    const request: SearchRequest = { query, topK: topKOf(opts), filter: opts.filter, ranges: opts.ranges };
    const collection = await deps.collectionRow(name);
    filterSql(request, 0);
    const vector = await deps.search.queryVector(collection, request, opts.userId ?? null);
    const searchKey = JSON.stringify({ topK: request.topK, filter: opts.filter ?? {}, ranges: opts.ranges ?? {} });
    const now = deps.clock.now();
    const cached = await cachedAnswer(collection, vector, searchKey, threshold, now);
    if (cached) return cached;
    const result = await deps.search.searchByVector(collection, vector, request, request.topK!);
    const entryId = await storeAnswer(collection, query, vector, searchKey, result, now);
    return { ...result, cache: { hit: false, entryId, hitCount: 0, distance: null, cachedQuery: query } };
  }

  return { searchWithCache };
}
