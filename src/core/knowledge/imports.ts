import type { Database } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import { AppError, notFound } from '../http/errors.js';
import type { Clock } from '../time/clock.js';
import type { createChunks } from './chunks.js';
import { EMBED_BATCH } from './chunks.js';
import { iso, type CollectionRow } from './collections.js';
import { parseImport, type ChunkInput, type ImportFormat } from './import-formats.js';
import { badRequest } from './validation-error.js';

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

const isoOrNull = (d: unknown) => (d === null || d === undefined ? null : iso(d));

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

export interface ImportsDeps {
  database: Database;
  clock: Clock;
  chunks: Pick<ReturnType<typeof createChunks>, 'prepare' | 'storeChunks'>;
  collectionRow: (name: string) => Promise<CollectionRow>;
  log?: { error(obj: unknown, msg?: string): void };
  /** Hands an import to the durable job queue, whose handler calls `runImport`; without it imports run in this process. */
  enqueueImport?: (importId: string, userId: string | null) => Promise<void>;
}

/** Bulk imports: parsed up front, then embedded and stored batch by batch, resumable after a stop. */
export function createImports(deps: ImportsDeps) {
  const { database, clock } = deps;
  const running = new Map<string, Promise<void>>();
  let closing = false;

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
    const collection = await deps.collectionRow(name);
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
    const collection = await deps.collectionRow(name);
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

  /** Stores the next batch unless another runner (a second instance resuming the same import) already has. */
  async function storeBatch(id: string, collection: CollectionRow, pending: ChunkInput[], done: number, userId: string | null) {
    const batch = pending.slice(done, done + EMBED_BATCH);
    const { chunks, model } = await deps.chunks.prepare(collection, batch, userId, (i) => `record ${done + i + 1}`);
    if (model) collection.embedding_model ??= model;
    const advanced = await database.transaction(async (q) => {
      const [row] = await q<{ done: number; status: string }>('SELECT done, status FROM core.knowledge_imports WHERE id = $1 FOR UPDATE', [
        id,
      ]);
      if (!row || row.status !== 'running' || row.done !== done) return false;
      await deps.chunks.storeChunks(q, collection, chunks, model);
      await q('UPDATE core.knowledge_imports SET done = done + $2 WHERE id = $1', [id, chunks.length]);
      return true;
    });
    return advanced ? chunks.length : null;
  }

  /** Embeds and stores the claimed chunks from `done` on; false when it stopped before the end. */
  async function storeRemaining(
    id: string,
    claimed: { collection_id: string; pending: ChunkInput[]; done: number },
    userId: string | null,
  ) {
    const [collection] = await database.query<CollectionRow>('SELECT * FROM core.knowledge_collections WHERE id = $1', [
      claimed.collection_id,
    ]);
    if (!collection) return false;
    const pending = claimed.pending ?? [];
    for (let done = claimed.done; done < pending.length;) {
      if (closing) {
        // Progress is committed; the job queue retries the rest, or the next start resumes it in the process.
        if (deps.enqueueImport) throw new ImportInterrupted(id);
        return false;
      }
      const stored = await storeBatch(id, collection, pending, done, userId);
      if (stored === null) return false;
      done += stored;
    }
    return true;
  }

  async function recordFailure(id: string, err: unknown) {
    if (err instanceof ImportInterrupted) throw err;
    let message: string;
    if (err instanceof AppError && err.status < 500) {
      const field = err.extra.errors?.[0]?.field;
      message = field && !err.message.startsWith(field) ? `${field}: ${err.message}` : err.message;
    } else {
      deps.log?.error({ err, importId: id }, 'knowledge import failed');
      message = 'internal error while importing; see the server log';
    }
    await database.query(
      `UPDATE core.knowledge_imports SET status = 'failed', error = $2, pending = NULL, finished_at = $3 WHERE id = $1`,
      [id, message, clock.now()],
    );
  }

  /** Embeds and stores an import's remaining chunks; safe to call twice (the job handler, a restart). */
  async function runImport(id: string, userId: string | null = null): Promise<void> {
    const [claimed] = await database.query<{ collection_id: string; pending: ChunkInput[]; done: number; total: number }>(
      `UPDATE core.knowledge_imports SET status = 'running', started_at = coalesce(started_at, $2) WHERE id = $1 AND status IN ('queued', 'running') RETURNING collection_id, pending, done, total`,
      [id, clock.now()],
    );
    if (!claimed) return;
    try {
      if (!(await storeRemaining(id, claimed, userId))) return;
      await database.query(
        `UPDATE core.knowledge_imports SET status = 'completed', pending = NULL, finished_at = $2 WHERE id = $1 AND status = 'running'`,
        [id, clock.now()],
      );
    } catch (err) {
      await recordFailure(id, err);
    }
  }

  /** Imports a stop interrupted, resumed in this process when there is no job queue to hand them to. */
  async function resumeImports(): Promise<void> {
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

  return { getImport, listImports, startImport, runImport, resumeImports, close, idle };
}
