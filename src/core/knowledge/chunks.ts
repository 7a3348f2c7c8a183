import type { Database, RawQuery } from '../db/database.js';
import { CHECK_VIOLATION, pgConstraint, pgErrorCode } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import { AppError, notFound } from '../http/errors.js';
import type { Clock } from '../time/clock.js';
import { embedForCollection, type EmbedPort } from './collection-embedding.js';
import type { CollectionRow } from './collections.js';
import { arrayLiteral, normOf } from './cosine.js';
import { MAX_CHUNK_CHARS, type ChunkInput } from './import-formats.js';
import { badRequest } from './validation-error.js';

export const MAX_CHUNKS_PER_CALL = 1000;
/** Chunks embedded per call of the embedding port (and per import step). */
export const EMBED_BATCH = 64;
const INSERT_BATCH = 200;

export interface PreparedChunk {
  content: string;
  title: string | null;
  documentKey: string | null;
  metadata: Record<string, unknown>;
  vector: Float32Array;
}

export interface ChunksDeps {
  database: Database;
  clock: Clock;
  embed: EmbedPort;
  collectionRow: (name: string) => Promise<CollectionRow>;
}

/** Checks a chunk's own vector against the collection (null when it has none to embed later). */
function givenVector(collection: CollectionRow, c: ChunkInput, field: string): Float32Array | null {
  if (typeof c.content !== 'string' || !c.content.trim()) throw badRequest('validation', `${field}.content`, 'content must not be empty');
  if (c.content.length > MAX_CHUNK_CHARS)
    throw badRequest('validation', `${field}.content`, `content is longer than ${MAX_CHUNK_CHARS} characters`);
  if (!c.embedding) return null;
  if (c.embedding.length !== collection.dimension) {
    throw badRequest(
      'knowledge.dimension_mismatch',
      `${field}.embedding`,
      `embedding has ${c.embedding.length} dimensions; collection "${collection.name}" has ${collection.dimension}`,
    );
  }
  return Float32Array.from(c.embedding);
}

function preparedChunk(c: ChunkInput, vector: Float32Array, field: string): PreparedChunk {
  if (normOf(vector) === 0)
    throw badRequest('knowledge.empty_embedding', `${field}.content`, 'this chunk embeds to the zero vector (no words to search by)');
  const metadata = c.metadata ?? {};
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
    throw badRequest('validation', `${field}.metadata`, 'metadata must be an object');
  return { content: c.content, title: c.title ?? null, documentKey: c.documentKey ?? null, metadata, vector };
}

/** Adding and deleting chunks: validation, embedding in batches, and storage that invalidates the query cache. */
export function createChunks(deps: ChunksDeps) {
  const { database, clock } = deps;

  /** Embeds what has no vector yet (in batches), checking every vector's dimension. */
  async function prepare(
    collection: CollectionRow,
    inputs: ChunkInput[],
    userId: string | null,
    fieldOf: (i: number) => string,
  ): Promise<{ chunks: PreparedChunk[]; model: string | null }> {
    const vectors = inputs.map((c, i) => givenVector(collection, c, fieldOf(i)));
    let model: string | null = null;
    const missing = inputs.map((_, i) => i).filter((i) => !vectors[i]);
    for (let start = 0; start < missing.length; start += EMBED_BATCH) {
      const batch = missing.slice(start, start + EMBED_BATCH);
      const embedded = await embedForCollection(
        deps.embed,
        collection,
        batch.map((i) => inputs[i]!.content),
        userId,
        'content',
      );
      model = embedded.model;
      batch.forEach((i, j) => (vectors[i] = embedded.vectors[j]!));
    }
    const chunks = inputs.map((c, i) => preparedChunk(c, vectors[i]!, fieldOf(i)));
    return { chunks, model };
  }

  async function insertBatch(q: RawQuery, collection: CollectionRow, batch: PreparedChunk[], now: Date, ids: string[]) {
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
      await insertBatch(q, collection, chunks.slice(start, start + INSERT_BATCH), now, ids);
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
    const collection = await deps.collectionRow(name);
    const { chunks, model } = await prepare(collection, inputs, ctx.userId ?? null, (i) => `chunks[${i}]`);
    const ids = await database.transaction((q) => storeChunks(q, collection, chunks, model));
    return { ids };
  }

  async function deleteChunk(name: string, chunkId: string): Promise<void> {
    const collection = await deps.collectionRow(name);
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

  return { prepare, storeChunks, addChunks, deleteChunk };
}
