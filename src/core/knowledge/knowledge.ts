import type { Database, RawQuery } from '../db/database.js';
import { CHECK_VIOLATION, pgConstraint, pgErrorCode, UNIQUE_VIOLATION } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import { AppError, notFound } from '../http/errors.js';
import type { Clock } from '../time/clock.js';
import { arrayLiteral, compareScored, cosineSimilarity, decodeRealArray, normOf, toFloat32, vectorLiteral } from './cosine.js';
import { createExactSearch } from './exact-search.js';
import { MAX_CHUNK_CHARS, parseImport, type ChunkInput, type ImportFormat } from './import-formats.js';
import { dropVectorIndex, ensureAllVectorIndexes, ensureVectorIndex, usesHnsw, vectorTypeFor } from './vector-index.js';

/** The slice of the AI engine port knowledge needs: `core.ai.embed`. */
export type EmbedPort = (
  texts: string[],
  options: { dimensions: number; model?: string; userId?: string | null },
) => Promise<{ vectors: number[][]; model: string }>;

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

export interface SearchHit {
  id: string;
  documentKey: string | null;
  title: string | null;
  content: string;
  metadata: Record<string, unknown>;
  /** Cosine similarity, 1 for the same direction. */
  score: number;
}

export interface NumericRange {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export interface SearchRequest {
  query?: string;
  vector?: number[];
  /** Default 10, at most 100. */
  topK?: number;
  /** Chunks whose metadata contains this object (JSONB `@>`): `{ category: 'billing' }`, `{ keywords: ['roaming'] }`. */
  filter?: Record<string, unknown>;
  /** Numeric bounds on top-level metadata fields: `{ year: { gte: 2024 } }`. */
  ranges?: Record<string, NumericRange>;
}

export interface SearchResult {
  items: SearchHit[];
  searchMethod: 'hnsw' | 'exact';
}

export interface CachedSearchResult extends SearchResult {
  cache: { hit: boolean; entryId: string; hitCount: number; distance: number | null; cachedQuery: string };
}

export interface ImportRun {
  id: string;
  collection: string;
  format: ImportFormat;
  fileName: string | null;
  status: 'queued' | 'running' | 'completed' | 'failed';
  total: number;
  done: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** An import stopped between batches because the process is shutting down. */
export class ImportInterrupted extends Error {
  constructor(readonly importId: string) {
    super(`import ${importId} stopped for shutdown; it resumes from its progress`);
    this.name = 'ImportInterrupted';
  }
}

export const DEFAULT_TOP_K = 10;
export const MAX_TOP_K = 100;
export const MAX_CHUNKS_PER_CALL = 1000;
const EMBED_BATCH = 64;
const INSERT_BATCH = 200;
const CACHE_CANDIDATES = 2000;

const NAME = /^[a-z0-9][a-z0-9_.-]{0,62}$/;

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : new Date(String(d)).toISOString());
const isoOrNull = (d: unknown) => (d === null || d === undefined ? null : iso(d));

const badRequest = (code: string, field: string, message: string) => new AppError(code, 400, message, { errors: [{ field, message }] });

interface CollectionRow {
  id: string;
  name: string;
  description: string | null;
  dimension: number;
  embedding_model: string | null;
  chunk_count: number;
  revision: number;
  created_at: Date;
}

interface PreparedChunk {
  content: string;
  title: string | null;
  documentKey: string | null;
  metadata: Record<string, unknown>;
  vector: Float32Array;
}

export function createKnowledge(deps: KnowledgeDeps) {
  const { database, clock, options } = deps;
  const exact = createExactSearch(database, { maxCacheBytes: options.vectorCacheBytes });
  const running = new Map<string, Promise<void>>();
  let closing = false;

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
    const dimension = input.dimension ?? options.defaultDimension;
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

  /** Embeds what has no vector yet (in batches), checking every vector's dimension. */
  async function prepare(
    collection: CollectionRow,
    inputs: ChunkInput[],
    userId: string | null,
    fieldOf: (i: number) => string,
  ): Promise<{ chunks: PreparedChunk[]; model: string | null }> {
    const vectors: (Float32Array | null)[] = inputs.map((c, i) => {
      if (typeof c.content !== 'string' || !c.content.trim())
        throw badRequest('validation', `${fieldOf(i)}.content`, 'content must not be empty');
      if (c.content.length > MAX_CHUNK_CHARS)
        throw badRequest('validation', `${fieldOf(i)}.content`, `content is longer than ${MAX_CHUNK_CHARS} characters`);
      if (!c.embedding) return null;
      if (c.embedding.length !== collection.dimension) {
        throw badRequest(
          'knowledge.dimension_mismatch',
          `${fieldOf(i)}.embedding`,
          `embedding has ${c.embedding.length} dimensions; collection "${collection.name}" has ${collection.dimension}`,
        );
      }
      return Float32Array.from(c.embedding);
    });
    let model: string | null = null;
    const missing = inputs.map((_, i) => i).filter((i) => !vectors[i]);
    for (let start = 0; start < missing.length; start += EMBED_BATCH) {
      const batch = missing.slice(start, start + EMBED_BATCH);
      const embedded = await embedChecked(
        collection,
        batch.map((i) => inputs[i]!.content),
        userId,
        'content',
      );
      model = embedded.model;
      batch.forEach((i, j) => (vectors[i] = embedded.vectors[j]!));
    }
    const chunks = inputs.map((c, i) => {
      const vector = vectors[i]!;
      if (normOf(vector) === 0)
        throw badRequest(
          'knowledge.empty_embedding',
          `${fieldOf(i)}.content`,
          'this chunk embeds to the zero vector (no words to search by)',
        );
      const metadata = c.metadata ?? {};
      if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
        throw badRequest('validation', `${fieldOf(i)}.metadata`, 'metadata must be an object');
      return { content: c.content, title: c.title ?? null, documentKey: c.documentKey ?? null, metadata, vector };
    });
    return { chunks, model };
  }

  async function embedChecked(collection: CollectionRow, texts: string[], userId: string | null, field: string) {
    const result = await deps.embed(texts, { dimensions: collection.dimension, model: collection.embedding_model ?? undefined, userId });
    if (collection.embedding_model && result.model !== collection.embedding_model) {
      throw new AppError(
        'knowledge.model_mismatch',
        409,
        `collection "${collection.name}" was embedded with ${collection.embedding_model}; the embedding model now answering is ${result.model}`,
      );
    }
    const vectors = result.vectors.map((v) => {
      if (v.length !== collection.dimension) {
        throw badRequest(
          'knowledge.dimension_mismatch',
          field,
          `the embedding model ${result.model} returned ${v.length} dimensions; collection "${collection.name}" has ${collection.dimension}`,
        );
      }
      return Float32Array.from(v);
    });
    return { vectors, model: result.model };
  }

  /** Inserts prepared chunks in the caller's transaction and marks the collection changed. */
  async function storeChunks(q: RawQuery, collection: CollectionRow, chunks: PreparedChunk[], model: string | null): Promise<string[]> {
    const [locked] = await q<{ embedding_model: string | null }>(
      'SELECT embedding_model FROM core.knowledge_collections WHERE id = $1 FOR UPDATE',
      [collection.id],
    );
    if (!locked) throw notFound('knowledge_collection');
    if (model && locked.embedding_model && locked.embedding_model !== model) {
      throw new AppError(
        'knowledge.model_mismatch',
        409,
        `collection "${collection.name}" was embedded with ${locked.embedding_model}, not ${model}`,
      );
    }
    const ids: string[] = [];
    const now = clock.now();
    for (let start = 0; start < chunks.length; start += INSERT_BATCH) {
      const batch = chunks.slice(start, start + INSERT_BATCH);
      const params: unknown[] = [collection.id, collection.dimension, now];
      const rows = batch.map((c) => {
        const id = uuidv7(now.getTime());
        ids.push(id);
        const p = (v: unknown) => `$${params.push(v)}`;
        return `(${p(id)}, $1, $2, ${p(c.documentKey)}, ${p(c.title)}, ${p(c.content)}, ${p(JSON.stringify(c.metadata))}::jsonb, ${p(arrayLiteral(c.vector))}::real[], $3)`;
      });
      try {
        await q(
          `INSERT INTO core.knowledge_chunks (id, collection_id, dimension, document_key, title, content, metadata, embedding, created_at) VALUES ${rows.join(', ')}`,
          params,
        );
      } catch (err) {
        if (pgErrorCode(err) === CHECK_VIOLATION && pgConstraint(err) === 'knowledge_chunks_embedding_dimension') {
          throw badRequest(
            'knowledge.dimension_mismatch',
            'embedding',
            `every embedding of collection "${collection.name}" must have ${collection.dimension} dimensions`,
          );
        }
        throw err;
      }
    }
    await q(
      `UPDATE core.knowledge_collections SET chunk_count = chunk_count + $2, revision = revision + 1, embedding_model = coalesce(embedding_model, $3), updated_at = $4 WHERE id = $1`,
      [collection.id, chunks.length, model, now],
    );
    // Cached answers were computed without these chunks.
    await q('DELETE FROM core.knowledge_query_cache WHERE collection_id = $1', [collection.id]);
    return ids;
  }

  async function addChunks(name: string, inputs: ChunkInput[], ctx: { userId?: string | null } = {}): Promise<{ ids: string[] }> {
    if (!Array.isArray(inputs) || inputs.length === 0) throw badRequest('validation', 'chunks', 'give at least one chunk');
    if (inputs.length > MAX_CHUNKS_PER_CALL)
      throw badRequest('validation', 'chunks', `at most ${MAX_CHUNKS_PER_CALL} chunks per call; use an import for more`);
    const collection = await collectionRow(name);
    const { chunks, model } = await prepare(collection, inputs, ctx.userId ?? null, (i) => `chunks[${i}]`);
    const ids = await database.transaction((q) => storeChunks(q, collection, chunks, model));
    return { ids };
  }

  async function deleteChunk(name: string, chunkId: string): Promise<void> {
    const collection = await collectionRow(name);
    await database.transaction(async (q) => {
      const gone = await q('DELETE FROM core.knowledge_chunks WHERE id = $1 AND collection_id = $2 RETURNING id', [chunkId, collection.id]);
      if (!gone.length) throw notFound('knowledge_chunk');
      await q(
        'UPDATE core.knowledge_collections SET chunk_count = chunk_count - 1, revision = revision + 1, updated_at = $2 WHERE id = $1',
        [collection.id, clock.now()],
      );
      await q('DELETE FROM core.knowledge_query_cache WHERE collection_id = $1', [collection.id]);
    });
  }

  /** SQL conditions for the metadata filter and ranges, with parameters numbered after `offset` existing ones. */
  function filterSql(request: SearchRequest, offset: number): { where: string[]; params: unknown[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (v: unknown) => `$${offset + params.push(v)}`;
    if (request.filter !== undefined) {
      if (typeof request.filter !== 'object' || request.filter === null || Array.isArray(request.filter))
        throw badRequest('validation', 'filter', 'filter must be an object');
      if (Object.keys(request.filter).length) where.push(`metadata @> ${p(JSON.stringify(request.filter))}::jsonb`);
    }
    for (const [field, range] of Object.entries(request.ranges ?? {})) {
      const ops = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
      for (const [key, op] of Object.entries(ops)) {
        const bound = range[key as keyof NumericRange];
        if (bound === undefined) continue;
        if (typeof bound !== 'number' || !Number.isFinite(bound))
          throw badRequest('validation', `ranges.${field}.${key}`, 'must be a number');
        // CASE keeps a non-numeric value from reaching the cast (AND does not promise an order).
        where.push(
          `(CASE WHEN jsonb_typeof(metadata -> ${p(field)}::text) = 'number' THEN (metadata ->> $${offset + params.length}::text)::numeric END) ${op} ${p(bound)}::numeric`,
        );
      }
    }
    return { where, params };
  }

  async function queryVector(collection: CollectionRow, request: SearchRequest, userId: string | null): Promise<Float32Array> {
    const hasQuery = typeof request.query === 'string';
    const hasVector = Array.isArray(request.vector);
    if (hasQuery === hasVector) throw badRequest('validation', 'query', 'give either "query" (text) or "vector"');
    let vector: Float32Array;
    if (hasVector) {
      if (request.vector!.length !== collection.dimension) {
        throw badRequest(
          'knowledge.dimension_mismatch',
          'vector',
          `vector has ${request.vector!.length} dimensions; collection "${collection.name}" has ${collection.dimension}`,
        );
      }
      vector = Float32Array.from(request.vector!);
    } else {
      if (!request.query!.trim()) throw badRequest('validation', 'query', 'query must not be empty');
      vector = (await embedChecked(collection, [request.query!], userId, 'query')).vectors[0]!;
    }
    if (normOf(vector) === 0)
      throw badRequest(
        'knowledge.empty_query',
        hasVector ? 'vector' : 'query',
        'the query has no words to search by (its embedding is the zero vector)',
      );
    return vector;
  }

  function topKOf(request: { topK?: number }): number {
    const topK = request.topK ?? DEFAULT_TOP_K;
    if (!Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K)
      throw badRequest('validation', 'topK', `topK must be an integer from 1 to ${MAX_TOP_K}`);
    return topK;
  }

  interface HitRow {
    id: string;
    document_key: string | null;
    title: string | null;
    content: string;
    metadata: Record<string, unknown>;
    embedding: unknown;
  }

  /** Scores are recomputed here from the stored float32 values, so both database paths report identical numbers. */
  function rank(rows: HitRow[], vector: Float32Array, topK: number): SearchHit[] {
    const qNorm = normOf(vector);
    return rows
      .map((r) => {
        const v = toFloat32(r.embedding);
        return {
          id: r.id,
          documentKey: r.document_key,
          title: r.title,
          content: r.content,
          metadata: r.metadata,
          score: cosineSimilarity(vector, qNorm, v, 0, normOf(v), vector.length),
        };
      })
      .sort(compareScored)
      .slice(0, topK);
  }

  /** The pgvector search: the same cast expression and collection predicate as the partial index, so the planner uses it. */
  async function hnswQuery<R>(
    q: RawQuery,
    collection: CollectionRow,
    vector: Float32Array,
    request: SearchRequest,
    topK: number,
    explain: boolean,
  ) {
    const type = vectorTypeFor(collection.dimension)!;
    const { where, params } = filterSql(request, 2);
    await q(`SET LOCAL hnsw.ef_search = ${Math.max(options.efSearch, topK)}`);
    // With a filter, keep walking the graph until enough rows pass it instead of returning too few.
    if (where.length) await q(`SET LOCAL hnsw.iterative_scan = strict_order`);
    return q<R>(
      `${explain ? 'EXPLAIN ' : ''}SELECT id, document_key, title, content, metadata, embedding FROM core.knowledge_chunks
       WHERE collection_id = $2${where.map((w) => ` AND ${w}`).join('')}
       ORDER BY (embedding::${type.cast}) <=> $1::${type.cast} LIMIT ${topK}`,
      [vectorLiteral(vector), collection.id, ...params],
    );
  }

  /** The query plan of a search where it runs in SQL (pgvector), or null where it is an exact scan in the process. */
  async function explainSearch(name: string, request: SearchRequest): Promise<string | null> {
    const collection = await collectionRow(name);
    if (!usesHnsw(database, collection.dimension)) return null;
    const vector = await queryVector(collection, request, null);
    const plan = await database.transaction((q) =>
      hnswQuery<{ 'QUERY PLAN': string }>(q, collection, vector, request, topKOf(request), true),
    );
    return plan.map((r) => r['QUERY PLAN']).join('\n');
  }

  async function searchByVector(
    collection: CollectionRow,
    vector: Float32Array,
    request: SearchRequest,
    topK: number,
  ): Promise<SearchResult> {
    if (usesHnsw(database, collection.dimension)) {
      const rows = await database.transaction((q) => hnswQuery<HitRow>(q, collection, vector, request, topK, false));
      return { items: rank(rows, vector, topK), searchMethod: 'hnsw' };
    }
    const { where, params } = filterSql(request, 1);
    const best = await exact.search({
      collectionId: collection.id,
      revision: collection.revision,
      dimension: collection.dimension,
      query: vector,
      topK,
      where,
      params,
    });
    if (!best.length) return { items: [], searchMethod: 'exact' };
    const rows = await database.query<HitRow>(
      'SELECT id, document_key, title, content, metadata, embedding FROM core.knowledge_chunks WHERE id = ANY($1::uuid[])',
      [`{${best.map((b) => b.id).join(',')}}`],
    );
    return { items: rank(rows, vector, topK), searchMethod: 'exact' };
  }

  async function searchChunks(name: string, request: SearchRequest, ctx: { userId?: string | null } = {}): Promise<SearchResult> {
    const topK = topKOf(request);
    const collection = await collectionRow(name);
    filterSql(request, 0);
    const vector = await queryVector(collection, request, ctx.userId ?? null);
    return searchByVector(collection, vector, request, topK);
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
    const threshold = opts.threshold ?? options.cacheDistance;
    if (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 2))
      throw badRequest('validation', 'threshold', 'threshold is a cosine distance from 0 to 2');
    const request: SearchRequest = { query, topK: topKOf(opts), filter: opts.filter, ranges: opts.ranges };
    const collection = await collectionRow(name);
    filterSql(request, 0);
    const vector = await queryVector(collection, request, opts.userId ?? null);
    const searchKey = JSON.stringify({ topK: request.topK, filter: opts.filter ?? {}, ranges: opts.ranges ?? {} });
    const now = clock.now();
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
    if (nearest) {
      const [hit] = await database.query<{ results: SearchResult; hit_count: number; query_text: string }>(
        'UPDATE core.knowledge_query_cache SET hit_count = hit_count + 1, last_hit_at = $2 WHERE id = $1 AND expires_at > $2 RETURNING results, hit_count, query_text',
        [nearest.id, now],
      );
      if (hit) {
        return {
          ...hit.results,
          cache: { hit: true, entryId: nearest.id, hitCount: hit.hit_count, distance: nearest.distance, cachedQuery: hit.query_text },
        };
      }
    }
    const result = await searchByVector(collection, vector, request, request.topK!);
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
        new Date(now.getTime() + options.cacheTtlSeconds * 1000),
        collection.revision,
      ],
    );
    return { ...result, cache: { hit: false, entryId, hitCount: 0, distance: null, cachedQuery: query } };
  }

  // ---- imports -------------------------------------------------------------------------------

  interface ImportRow {
    id: string;
    collection_id: string;
    collection: string;
    format: ImportFormat;
    file_name: string | null;
    status: ImportRun['status'];
    total: number;
    done: number;
    error: string | null;
    created_at: Date;
    started_at: Date | null;
    finished_at: Date | null;
  }

  const toImport = (r: ImportRow): ImportRun => ({
    id: r.id,
    collection: r.collection,
    format: r.format,
    fileName: r.file_name,
    status: r.status,
    total: r.total,
    done: r.done,
    error: r.error,
    createdAt: iso(r.created_at),
    startedAt: isoOrNull(r.started_at),
    finishedAt: isoOrNull(r.finished_at),
  });

  const IMPORT_COLUMNS = `i.id, i.collection_id, c.name AS collection, i.format, i.file_name, i.status, i.total, i.done, i.error, i.created_at, i.started_at, i.finished_at`;

  async function getImport(id: string): Promise<ImportRun> {
    const [row] = await database.query<ImportRow>(
      `SELECT ${IMPORT_COLUMNS} FROM core.knowledge_imports i JOIN core.knowledge_collections c ON c.id = i.collection_id WHERE i.id = $1`,
      [id],
    );
    if (!row) throw notFound('knowledge_import');
    return toImport(row);
  }

  /** A collection's imports, newest first, a keyset page at a time (after the given creation time and id). */
  async function listImports(name: string, page: { limit: number; after: { at: Date; id: string } | null }): Promise<ImportRun[]> {
    const collection = await collectionRow(name);
    const params: unknown[] = [collection.id, page.limit];
    let after = '';
    if (page.after) {
      params.push(page.after.at, page.after.id);
      after = 'AND (i.created_at, i.id) < ($3, $4)';
    }
    const rows = await database.query<ImportRow>(
      `SELECT ${IMPORT_COLUMNS} FROM core.knowledge_imports i JOIN core.knowledge_collections c ON c.id = i.collection_id
       WHERE i.collection_id = $1 ${after} ORDER BY i.created_at DESC, i.id DESC LIMIT $2`,
      params,
    );
    return rows.map(toImport);
  }

  /**
   * Parses the whole file now (a bad record is a 400 naming it), stores the parsed chunks with the
   * run, and embeds and stores them in the background; progress is readable with `getImport`.
   */
  async function startImport(
    name: string,
    input: { format: ImportFormat; content: string; fileName?: string | null },
    ctx: { userId?: string | null } = {},
  ): Promise<ImportRun> {
    const collection = await collectionRow(name);
    const chunks = parseImport(input.format, input.content, input.fileName);
    chunks.forEach((c, i) => {
      if (c.embedding && c.embedding.length !== collection.dimension) {
        throw badRequest(
          'knowledge.dimension_mismatch',
          'content',
          `record ${i + 1}: embedding has ${c.embedding.length} dimensions; collection "${collection.name}" has ${collection.dimension}`,
        );
      }
    });
    const id = uuidv7(clock.now().getTime());
    await database.query(
      `INSERT INTO core.knowledge_imports (id, collection_id, format, file_name, status, total, done, pending, created_by, created_at) VALUES ($1, $2, $3, $4, 'queued', $5, 0, $6::jsonb, $7, $8)`,
      [id, collection.id, input.format, input.fileName ?? null, chunks.length, JSON.stringify(chunks), ctx.userId ?? null, clock.now()],
    );
    if (deps.enqueueImport) await deps.enqueueImport(id, ctx.userId ?? null);
    else kickImport(id, ctx.userId ?? null);
    return getImport(id);
  }

  function kickImport(id: string, userId: string | null) {
    if (running.has(id) || closing) return;
    const run = runImport(id, userId)
      .catch((err) => deps.log?.error({ err, importId: id }, 'knowledge import failed'))
      .finally(() => running.delete(id));
    running.set(id, run);
  }

  /** Embeds and stores an import's remaining chunks; safe to call twice (the job handler, a restart). */
  async function runImport(id: string, userId: string | null = null): Promise<void> {
    const [claimed] = await database.query<{ collection_id: string; pending: ChunkInput[]; done: number; total: number }>(
      `UPDATE core.knowledge_imports SET status = 'running', started_at = coalesce(started_at, $2) WHERE id = $1 AND status IN ('queued', 'running') RETURNING collection_id, pending, done, total`,
      [id, clock.now()],
    );
    if (!claimed) return;
    const fail = async (message: string) => {
      await database.query(
        `UPDATE core.knowledge_imports SET status = 'failed', error = $2, pending = NULL, finished_at = $3 WHERE id = $1`,
        [id, message, clock.now()],
      );
    };
    try {
      const [collection] = await database.query<CollectionRow>('SELECT * FROM core.knowledge_collections WHERE id = $1', [
        claimed.collection_id,
      ]);
      if (!collection) return;
      const pending = claimed.pending ?? [];
      for (let done = claimed.done; done < pending.length;) {
        if (closing) {
          // Progress is committed; the job queue retries the rest, or the next start resumes it in the process.
          if (deps.enqueueImport) throw new ImportInterrupted(id);
          return;
        }
        const batch = pending.slice(done, done + EMBED_BATCH);
        const { chunks, model } = await prepare(collection, batch, userId, (i) => `record ${done + i + 1}`);
        if (model) collection.embedding_model ??= model;
        const advanced = await database.transaction(async (q) => {
          // Another runner (a second instance resuming the same import) may have stored this batch already.
          const [row] = await q<{ done: number; status: string }>(
            'SELECT done, status FROM core.knowledge_imports WHERE id = $1 FOR UPDATE',
            [id],
          );
          if (!row || row.status !== 'running' || row.done !== done) return false;
          await storeChunks(q, collection, chunks, model);
          await q('UPDATE core.knowledge_imports SET done = done + $2 WHERE id = $1', [id, chunks.length]);
          return true;
        });
        if (!advanced) return;
        done += chunks.length;
      }
      await database.query(
        `UPDATE core.knowledge_imports SET status = 'completed', pending = NULL, finished_at = $2 WHERE id = $1 AND status = 'running'`,
        [id, clock.now()],
      );
    } catch (err) {
      if (err instanceof ImportInterrupted) throw err;
      if (err instanceof AppError && err.status < 500) {
        const field = err.extra.errors?.[0]?.field;
        await fail(field && !err.message.startsWith(field) ? `${field}: ${err.message}` : err.message);
      } else {
        deps.log?.error({ err, importId: id }, 'knowledge import failed');
        await fail('internal error while importing; see the server log');
      }
    }
  }

  /** At start: vector indexes for every collection (where pgvector exists) and imports a stop interrupted. */
  async function start(): Promise<void> {
    await ensureAllVectorIndexes(database);
    const unfinished = await database.query<{ id: string; created_by: string | null }>(
      `SELECT id, created_by FROM core.knowledge_imports WHERE status IN ('queued', 'running') ORDER BY created_at`,
    );
    if (!deps.enqueueImport) for (const r of unfinished) kickImport(r.id, r.created_by);
  }

  /** Stops background imports between batches and waits for them. */
  async function close(): Promise<void> {
    closing = true;
    await Promise.allSettled([...running.values()]);
  }

  /** Resolves once every background import now running has ended (tests, the benchmark). */
  async function idle(): Promise<void> {
    while (running.size) await Promise.allSettled([...running.values()]);
  }

  return {
    createCollection,
    listCollections,
    getCollection,
    deleteCollection,
    addChunks,
    deleteChunk,
    searchChunks,
    searchWithCache,
    explainSearch,
    startImport,
    getImport,
    listImports,
    runImport,
    start,
    close,
    idle,
    /** Rebuilds a collection's HNSW index (after a bulk load, building once is far faster than growing it row by row). */
    async rebuildVectorIndex(name: string, opts: { dropOnly?: boolean } = {}): Promise<void> {
      const row = await collectionRow(name);
      await dropVectorIndex(database, row.id);
      if (!opts.dropOnly) await ensureVectorIndex(database, row);
    },
    vectorCacheStats: () => exact.stats(),
  };
}

export type Knowledge = ReturnType<typeof createKnowledge>;
