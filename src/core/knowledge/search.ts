import type { Database, RawQuery } from '../db/database.js';
import { embedForCollection, type EmbedPort } from './collection-embedding.js';
import type { CollectionRow } from './collections.js';
import { compareScored, cosineSimilarity, normOf, toFloat32, vectorLiteral } from './cosine.js';
import type { ExactSearch } from './exact-search.js';
import { badRequest } from './validation-error.js';
import { usesHnsw, vectorTypeFor } from './vector-index.js';

export const DEFAULT_TOP_K = 10;
export const MAX_TOP_K = 100;

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

interface HitRow {
  id: string;
  document_key: string | null;
  title: string | null;
  content: string;
  metadata: Record<string, unknown>;
  embedding: unknown;
}

/** SQL conditions for the metadata filter and ranges, with parameters numbered after `offset` existing ones. */
export function filterSql(request: SearchRequest, offset: number): { where: string[]; params: unknown[] } {
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

export function topKOf(request: { topK?: number }): number {
  const topK = request.topK ?? DEFAULT_TOP_K;
  if (!Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K)
    throw badRequest('validation', 'topK', `topK must be an integer from 1 to ${MAX_TOP_K}`);
  return topK;
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

export interface SearchDeps {
  database: Database;
  embed: EmbedPort;
  exact: ExactSearch;
  /** HNSW candidate list size per search; high enough that the top results match an exact search. */
  efSearch: number;
  collectionRow: (name: string) => Promise<CollectionRow>;
}

/** Vector search over a collection's chunks: pgvector's HNSW index where it exists, an exact scan in the process elsewhere. */
export function createSearch(deps: SearchDeps) {
  const { database, exact } = deps;

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
      vector = (await embedForCollection(deps.embed, collection, [request.query!], userId, 'query')).vectors[0]!;
    }
    if (normOf(vector) === 0)
      throw badRequest(
        'knowledge.empty_query',
        hasVector ? 'vector' : 'query',
        'the query has no words to search by (its embedding is the zero vector)',
      );
    return vector;
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
    await q(`SET LOCAL hnsw.ef_search = ${Math.max(deps.efSearch, topK)}`);
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
    const collection = await deps.collectionRow(name);
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
    const collection = await deps.collectionRow(name);
    filterSql(request, 0);
    const vector = await queryVector(collection, request, ctx.userId ?? null);
    return searchByVector(collection, vector, request, topK);
  }

  return { queryVector, searchByVector, searchChunks, explainSearch };
}

export type Search = ReturnType<typeof createSearch>;
