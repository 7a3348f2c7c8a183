import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, real, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { coreSchema } from '../db/core-schema.js';
import { users } from '../identity/schema.js';

/** A searchable set of chunks; the vector dimension belongs to the collection. */
export const knowledgeCollections = coreSchema.table(
  'knowledge_collections',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description'),
    dimension: integer('dimension').notNull(),
    /** The model that embedded this collection's chunks, set by the first embedding; queries must use the same one. */
    embeddingModel: text('embedding_model'),
    chunkCount: integer('chunk_count').notNull().default(0),
    /** Bumped by every write to the chunks, so in-process vector caches on every instance know when they are stale. */
    revision: integer('revision').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('knowledge_collections_name_key').on(t.name),
    // The target of the chunks' (collection_id, dimension) key, which lets a plain CHECK enforce the dimension.
    unique('knowledge_collections_id_dimension_key').on(t.id, t.dimension),
    check('knowledge_collections_name_format', sql`${t.name} ~ '^[a-z0-9][a-z0-9_.-]{0,62}$'`),
    check('knowledge_collections_dimension_range', sql`${t.dimension} BETWEEN 1 AND 16000`),
  ],
);

/** A piece of a document with its metadata and embedding (`real[]`; the vector type stays out of migrations). */
export const knowledgeChunks = coreSchema.table(
  'knowledge_chunks',
  {
    id: uuid('id').primaryKey(),
    collectionId: uuid('collection_id').notNull(),
    dimension: integer('dimension').notNull(),
    documentKey: text('document_key'),
    title: text('title'),
    content: text('content').notNull(),
    metadata: jsonb('metadata').notNull().default({}),
    embedding: real('embedding').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: 'knowledge_chunks_collection_fk',
      columns: [t.collectionId, t.dimension],
      foreignColumns: [knowledgeCollections.id, knowledgeCollections.dimension],
    }).onDelete('cascade'),
    check(
      'knowledge_chunks_embedding_dimension',
      sql`array_ndims(${t.embedding}) = 1 AND cardinality(${t.embedding}) = ${t.dimension} AND array_position(${t.embedding}, NULL) IS NULL`,
    ),
    check('knowledge_chunks_metadata_object', sql`jsonb_typeof(${t.metadata}) = 'object'`),
    index('knowledge_chunks_collection_idx').on(t.collectionId, t.id),
    index('knowledge_chunks_document_idx').on(t.collectionId, t.documentKey),
    index('knowledge_chunks_metadata_idx').using('gin', t.metadata.op('jsonb_path_ops')),
  ],
);

/** A background import of a JSON, JSONL or Markdown file into a collection, with its progress. */
export const knowledgeImports = coreSchema.table(
  'knowledge_imports',
  {
    id: uuid('id').primaryKey(),
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => knowledgeCollections.id, { onDelete: 'cascade' }),
    format: text('format').notNull(),
    fileName: text('file_name'),
    status: text('status').notNull().default('queued'),
    total: integer('total').notNull(),
    done: integer('done').notNull().default(0),
    /** The parsed chunks still to embed and store; cleared when the import ends. */
    pending: jsonb('pending'),
    error: text('error'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    check('knowledge_imports_format', sql`${t.format} IN ('json', 'jsonl', 'markdown')`),
    check('knowledge_imports_status', sql`${t.status} IN ('queued', 'running', 'completed', 'failed')`),
    check('knowledge_imports_progress', sql`${t.done} >= 0 AND ${t.done} <= ${t.total}`),
    index('knowledge_imports_collection_idx').on(t.collectionId, t.createdAt),
  ],
);

/** The semantic query cache (the seed's `faq_query_cache`): a close enough query reuses stored results. */
export const knowledgeQueryCache = coreSchema.table(
  'knowledge_query_cache',
  {
    id: uuid('id').primaryKey(),
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => knowledgeCollections.id, { onDelete: 'cascade' }),
    queryText: text('query_text').notNull(),
    queryEmbedding: real('query_embedding').array().notNull(),
    /** The search's filter and topK: only a query asking the same may reuse the results. */
    searchKey: jsonb('search_key').notNull(),
    results: jsonb('results').notNull(),
    hitCount: integer('hit_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastHitAt: timestamp('last_hit_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('knowledge_query_cache_lookup_idx').on(t.collectionId, t.expiresAt)],
);
