import type { Database } from '../db/database.js';
import type { Clock } from '../time/clock.js';
import { createChunks } from './chunks.js';
import type { EmbedPort } from './collection-embedding.js';
import { createCollections } from './collections.js';
import { createExactSearch } from './exact-search.js';
import { createImports } from './imports.js';
import { createQueryCache } from './query-cache.js';
import { createSearch } from './search.js';
import { ensureAllVectorIndexes } from './vector-index.js';

export { MAX_CHUNKS_PER_CALL } from './chunks.js';
export type { EmbedPort } from './collection-embedding.js';
export type { Collection } from './collections.js';
export { ImportInterrupted, type ImportRun } from './imports.js';
export type { CachedSearchResult } from './query-cache.js';
export { DEFAULT_TOP_K, MAX_TOP_K, type NumericRange, type SearchHit, type SearchRequest, type SearchResult } from './search.js';

export interface KnowledgeOptions {
  /** A cached query within this cosine distance of a new one answers it. */
  cacheDistance: number;
  cacheTtlSeconds: number;
  /** HNSW candidate list size per search; high enough that the top results match an exact search. */
  efSearch: number;
  /** Memory bound for the in-process vectors of the exact search. */
  vectorCacheBytes: number;
  /** The dimension of a collection created without one (the embedding default). */
  defaultDimension: number;
}

export interface KnowledgeDeps {
  database: Database;
  embed: EmbedPort;
  clock: Clock;
  options: KnowledgeOptions;
  log?: { error(obj: unknown, msg?: string): void; info(msg: string): void };
  /** Hands an import to the durable job queue, whose handler calls `runImport`; without it imports run in this process. */
  enqueueImport?: (importId: string, userId: string | null) => Promise<void>;
}

/** Knowledge: collections, their chunks, vector search, the semantic query cache and bulk imports. */
export function createKnowledge(deps: KnowledgeDeps) {
  const { database, clock, embed, options } = deps;
  const exact = createExactSearch(database, { maxCacheBytes: options.vectorCacheBytes });
  const collections = createCollections({ database, clock, exact, defaultDimension: options.defaultDimension });
  const { collectionRow } = collections;
  const chunks = createChunks({ database, clock, embed, collectionRow });
  const search = createSearch({ database, embed, exact, efSearch: options.efSearch, collectionRow });
  const queryCache = createQueryCache({
    database,
    clock,
    search,
    collectionRow,
    cacheDistance: options.cacheDistance,
    cacheTtlSeconds: options.cacheTtlSeconds,
  });
  const imports = createImports({ database, clock, chunks, collectionRow, log: deps.log, enqueueImport: deps.enqueueImport });

  /** At start: vector indexes for every collection (where pgvector exists) and imports a stop interrupted. */
  async function start(): Promise<void> {
    await ensureAllVectorIndexes(database);
    await imports.resumeImports();
  }

  return {
    createCollection: collections.createCollection,
    listCollections: collections.listCollections,
    getCollection: collections.getCollection,
    deleteCollection: collections.deleteCollection,
    addChunks: chunks.addChunks,
    deleteChunk: chunks.deleteChunk,
    searchChunks: search.searchChunks,
    searchWithCache: queryCache.searchWithCache,
    explainSearch: search.explainSearch,
    startImport: imports.startImport,
    getImport: imports.getImport,
    listImports: imports.listImports,
    runImport: imports.runImport,
    start,
    close: imports.close,
    idle: imports.idle,
    rebuildVectorIndex: collections.rebuildVectorIndex,
    vectorCacheStats: () => exact.stats(),
  };
}

export type Knowledge = ReturnType<typeof createKnowledge>;
