import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from '../context.js';
import { requireAdmin, requireUser } from '../identity/access.js';
import { errorResponses, IdParams, Strict, Timestamp, Uuid } from '../http/schemas.js';
import { decodeTimeCursor, DEFAULT_PAGE_SIZE, encodeCursor, PageQuery, pageOf } from '../http/pagination.js';
import { DEFAULT_TOP_K, MAX_CHUNKS_PER_CALL, MAX_TOP_K } from './knowledge.js';

const CollectionName = Type.String({ pattern: '^[a-z0-9][a-z0-9_.-]{0,62}$', description: 'Lowercase letters, digits, ".", "_" and "-"' });
const NameParams = Strict({ name: CollectionName });
const Metadata = Type.Record(Type.String(), Type.Unknown());
/** A vector component (stored as float4); real embeddings stay far inside this. */
const Component = Type.Number({ minimum: -1e9, maximum: 1e9 });
/** A bound compared with a numeric metadata field: integers stay exact up to here. */
const Bound = Type.Number({ minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER });

const CollectionSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  dimension: Type.Integer(),
  embeddingModel: Type.Union([Type.String(), Type.Null()], {
    description: 'Set by the first embedding; queries are embedded with the same model',
  }),
  chunkCount: Type.Integer(),
  searchMethod: Type.Union([Type.Literal('hnsw'), Type.Literal('exact')], {
    description: 'pgvector HNSW index, or an exact scan where the extension is absent',
  }),
  createdAt: Timestamp,
});

const ChunkInputSchema = Strict({
  content: Type.String({ minLength: 1, maxLength: 32_000 }),
  title: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  documentKey: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  metadata: Type.Optional(Metadata),
  embedding: Type.Optional(
    Type.Array(Component, {
      minItems: 1,
      maxItems: 16000,
      description: 'A vector computed elsewhere; embedded with the configured model when left out',
    }),
  ),
});

const Range = Strict({
  gt: Type.Optional(Bound),
  gte: Type.Optional(Bound),
  lt: Type.Optional(Bound),
  lte: Type.Optional(Bound),
});

const SearchBody = Strict({
  query: Type.Optional(Type.String({ minLength: 1, maxLength: 8000 })),
  vector: Type.Optional(Type.Array(Component, { minItems: 1, maxItems: 16000 })),
  topK: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_TOP_K, default: DEFAULT_TOP_K })),
  filter: Type.Optional(
    Type.Record(Type.String(), Type.Unknown(), { description: 'Metadata containment (JSONB @>): {"category": "billing"}' }),
  ),
  ranges: Type.Optional(Type.Record(Type.String(), Range, { description: 'Numeric bounds on metadata fields: {"year": {"gte": 2024}}' })),
  useCache: Type.Optional(
    Type.Boolean({ description: 'Answer from the semantic query cache when a close enough query was asked (text queries only)' }),
  ),
  threshold: Type.Optional(
    Type.Number({ minimum: 0, maximum: 2, description: 'Cosine distance for a cache hit; default TALKBASE_KNOWLEDGE_CACHE_DISTANCE' }),
  ),
});

const Hit = Type.Object({
  id: Uuid,
  documentKey: Type.Union([Type.String(), Type.Null()]),
  title: Type.Union([Type.String(), Type.Null()]),
  content: Type.String(),
  metadata: Metadata,
  score: Type.Number({ description: 'Cosine similarity' }),
});

const SearchReply = Type.Object({
  items: Type.Array(Hit),
  searchMethod: Type.Union([Type.Literal('hnsw'), Type.Literal('exact')]),
  cache: Type.Optional(
    Type.Object({
      hit: Type.Boolean(),
      entryId: Uuid,
      hitCount: Type.Integer(),
      distance: Type.Union([Type.Number(), Type.Null()]),
      cachedQuery: Type.String(),
    }),
  ),
});

const ImportSchema = Type.Object({
  id: Uuid,
  collection: Type.String(),
  format: Type.Union([Type.Literal('json'), Type.Literal('jsonl'), Type.Literal('markdown')]),
  fileName: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed')]),
  total: Type.Integer({ description: 'Chunks in the file' }),
  done: Type.Integer({ description: 'Chunks embedded and stored so far' }),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  startedAt: Type.Union([Timestamp, Type.Null()]),
  finishedAt: Type.Union([Timestamp, Type.Null()]),
});

/** /v1/knowledge: collections and chunks (admins write), similarity search (any signed-in user), imports. */
export function knowledgeRoutes(core: Core) {
  return async function register(root: FastifyInstance) {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['knowledge'];
    const knowledge = core.knowledge;

    app.post(
      '/v1/knowledge/collections',
      {
        schema: {
          tags,
          summary: 'Create a collection (admin)',
          body: Strict({
            name: CollectionName,
            description: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
            dimension: Type.Optional(
              Type.Integer({ minimum: 1, maximum: 16000, description: 'Vector length; default AI_EMBED_DIMENSIONS' }),
            ),
          }),
          response: { 201: CollectionSchema, ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (request, reply) => {
        requireAdmin(request);
        return reply.status(201).send(await knowledge.createCollection(request.body));
      },
    );

    app.get(
      '/v1/knowledge/collections',
      {
        schema: {
          tags,
          summary: 'All collections',
          response: { 200: Type.Object({ items: Type.Array(CollectionSchema) }), ...errorResponses(401) },
        },
      },
      async (request) => {
        requireUser(request);
        return { items: await knowledge.listCollections() };
      },
    );

    app.get(
      '/v1/knowledge/collections/:name',
      {
        schema: { tags, summary: 'One collection', params: NameParams, response: { 200: CollectionSchema, ...errorResponses(401, 404) } },
      },
      async (request) => {
        requireUser(request);
        return knowledge.getCollection(request.params.name);
      },
    );

    app.delete(
      '/v1/knowledge/collections/:name',
      {
        schema: {
          tags,
          summary: 'Delete a collection with its chunks, imports and cached queries (admin)',
          params: NameParams,
          response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        requireAdmin(request);
        await knowledge.deleteCollection(request.params.name);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/v1/knowledge/collections/:name/chunks',
      {
        schema: {
          tags,
          summary: 'Add chunks, embedding those without a vector (admin)',
          params: NameParams,
          body: Strict({ chunks: Type.Array(ChunkInputSchema, { minItems: 1, maxItems: MAX_CHUNKS_PER_CALL }) }),
          response: { 201: Type.Object({ ids: Type.Array(Uuid) }), ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const user = requireAdmin(request);
        return reply.status(201).send(await knowledge.addChunks(request.params.name, request.body.chunks, { userId: user.id }));
      },
    );

    app.delete(
      '/v1/knowledge/collections/:name/chunks/:chunkId',
      {
        schema: {
          tags,
          summary: 'Delete one chunk (admin)',
          params: Strict({ name: CollectionName, chunkId: Uuid }),
          response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
        },
      },
      async (request, reply) => {
        requireAdmin(request);
        await knowledge.deleteChunk(request.params.name, request.params.chunkId);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/v1/knowledge/collections/:name/search',
      {
        schema: {
          tags,
          summary: 'Similarity search with metadata filters',
          description: "Give `query` (text, embedded with the collection's model) or `vector`. Results are the same on every database.",
          params: NameParams,
          body: SearchBody,
          response: { 200: SearchReply, ...errorResponses(400, 401, 404, 409) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const { useCache, threshold, ...search } = request.body;
        if (useCache && search.query !== undefined && search.vector === undefined) {
          return knowledge.searchWithCache(request.params.name, search.query, {
            threshold,
            topK: search.topK,
            filter: search.filter,
            ranges: search.ranges,
            userId: user.id,
          });
        }
        return knowledge.searchChunks(request.params.name, search, { userId: user.id });
      },
    );

    app.post(
      '/v1/knowledge/collections/:name/imports',
      {
        // A document file is larger than an ordinary JSON request; the upload limit applies instead.
        bodyLimit: Math.max(core.config.bodyLimitBytes, core.config.files.uploadMaxBytes),
        schema: {
          tags,
          summary: 'Import a JSON, JSONL or Markdown file in the background (admin)',
          description:
            'JSON: an array of records; JSONL: one record per line. A record has `content` (or `page_content`, `document`, `text`), optional `title`, `documentKey`, `metadata` (other fields join the metadata) and `embedding`. Markdown is split at headings, long sections at paragraphs. The whole file is checked first; progress is at GET /v1/knowledge/imports/{id}.',
          params: NameParams,
          body: Strict({
            format: Type.Union([Type.Literal('json'), Type.Literal('jsonl'), Type.Literal('markdown')]),
            content: Type.String({ minLength: 1, description: "The file's text" }),
            fileName: Type.Optional(Type.String({ maxLength: 500, description: 'Becomes the document key of Markdown chunks' })),
          }),
          response: { 202: ImportSchema, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        const user = requireAdmin(request);
        return reply.status(202).send(await knowledge.startImport(request.params.name, request.body, { userId: user.id }));
      },
    );

    app.get(
      '/v1/knowledge/collections/:name/imports',
      {
        schema: {
          tags,
          summary: "A collection's imports with their status and progress, newest first (admin)",
          params: NameParams,
          querystring: Strict(PageQuery),
          response: { 200: pageOf(ImportSchema), ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request) => {
        requireAdmin(request);
        const limit = request.query.limit ?? DEFAULT_PAGE_SIZE;
        const after = decodeTimeCursor(request.query.cursor);
        const rows = await knowledge.listImports(request.params.name, { limit: limit + 1, after });
        const items = rows.slice(0, limit);
        const last = items[items.length - 1];
        return { items, nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt, last.id]) : null };
      },
    );

    app.get(
      '/v1/knowledge/imports/:id',
      {
        schema: {
          tags,
          summary: "An import's status and progress (admin)",
          params: IdParams,
          response: { 200: ImportSchema, ...errorResponses(401, 403, 404) },
        },
      },
      async (request) => {
        requireAdmin(request);
        return knowledge.getImport(request.params.id);
      },
    );
  };
}
