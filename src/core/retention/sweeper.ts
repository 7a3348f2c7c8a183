import { performance } from 'node:perf_hooks';
import { sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Core } from '../context.js';
import { rowsOf, type Db } from '../db/database.js';
import { deleteBlobsLater } from '../files/blob-deletion.js';
import type { CascadeBlobs, RetentionPolicy } from '../product.js';

export interface PolicyReport {
  policy: string;
  /** `core` or the product that declared the policy. */
  owner: string;
  kind: RetentionPolicy['kind'];
  action: 'deleted' | 'archived';
  rows: number;
  /** Blobs queued for deletion (the rows' own, their children's and their files'). */
  blobs: number;
  batches: number;
  /** False when the time budget ran out (or an error stopped it) before every due row was handled. */
  complete: boolean;
  error?: string;
}

export interface SweepReport {
  /** The clock's "now" every cutoff was measured from. */
  now: Date;
  policies: PolicyReport[];
  complete: boolean;
}

export interface SweepOptions {
  /** Default: every policy of the core and of the enabled products. */
  policies?: OwnedPolicy[];
  /** Rows per transaction (default 500). */
  batchSize?: number;
  /** Real time the whole sweep may take before it stops between batches (default 10 minutes). */
  timeBudgetMs?: number;
  onProgress?: (report: PolicyReport) => void;
}

export interface OwnedPolicy {
  owner: string;
  policy: RetentionPolicy;
}

const DEFAULT_BATCH = 500;
const DEFAULT_BUDGET_MS = 10 * 60_000;
const DAY_MS = 86_400_000;

function columnOf(table: PgTable, name: string, policy: string, what: string): PgColumn {
  const column = getTableConfig(table).columns.find((c) => c.name === name);
  if (!column) throw new Error(`retention policy "${policy}": ${what} "${name}" is not a column of ${qualifiedName(table)}`);
  return column;
}

function qualifiedName(table: PgTable): string {
  const c = getTableConfig(table);
  return `${c.schema ?? 'public'}.${c.name}`;
}

function tableSql(table: PgTable): SQL {
  const c = getTableConfig(table);
  return c.schema ? sql`${sql.identifier(c.schema)}.${sql.identifier(c.name)}` : sql`${sql.identifier(c.name)}`;
}

/** Fails early, naming the policy, when a policy refers to columns its table does not have. */
export function checkPolicy(policy: RetentionPolicy): void {
  if (!(policy.days >= 0)) throw new Error(`retention policy "${policy.name}": days must be zero or more`);
  columnOf(policy.table, policy.column, policy.name, 'column');
  if (policy.kind === 'archive') {
    columnOf(policy.table, policy.archivedColumn, policy.name, 'archivedColumn');
    return;
  }
  for (const c of [...(policy.blobColumns ?? []), ...(policy.fileColumns ?? [])])
    columnOf(policy.table, c, policy.name, 'blob or file column');
  for (const child of policy.cascadeBlobs ?? []) {
    columnOf(child.table, child.foreignKey, policy.name, 'cascadeBlobs.foreignKey');
    columnOf(policy.table, child.references ?? 'id', policy.name, 'cascadeBlobs.references');
    for (const c of [...(child.blobColumns ?? []), ...(child.fileColumns ?? [])])
      columnOf(child.table, c, policy.name, 'cascadeBlobs column');
  }
}

/** Every policy valid and named once; the app checks this at start so a bad declaration stops it early. */
export function checkPolicies(policies: OwnedPolicy[]): void {
  const names = new Set<string>();
  for (const { policy } of policies) {
    if (names.has(policy.name)) throw new Error(`retention policy "${policy.name}" is declared twice`);
    names.add(policy.name);
    checkPolicy(policy);
  }
}

const keysIn = (rows: Record<string, unknown>[], columns: string[]) =>
  rows.flatMap((r) => columns.map((c) => r[c])).filter((v): v is string => typeof v === 'string' && v.length > 0);

async function childKeys(tx: Db, child: CascadeBlobs, parentKeys: unknown[]): Promise<{ blobs: string[]; files: string[] }> {
  const blobColumns = child.blobColumns ?? [];
  const fileColumns = child.fileColumns ?? [];
  const wanted = [...blobColumns, ...fileColumns];
  if (!wanted.length || !parentKeys.length) return { blobs: [], files: [] };
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`SELECT ${sql.join(
      wanted.map((c) => sql`${sql.identifier(c)}::text AS ${sql.identifier(c)}`),
      sql`, `,
    )}
      FROM ${tableSql(child.table)} WHERE ${sql.identifier(child.foreignKey)}::text IN (${sql.join(
        parentKeys.map((k) => sql`${String(k)}`),
        sql`, `,
      )})`),
  );
  return { blobs: keysIn(rows, blobColumns), files: keysIn(rows, fileColumns) };
}

/** Deletes core.files rows by id and returns their blob keys. */
async function deleteFileRows(tx: Db, fileIds: string[]): Promise<string[]> {
  if (!fileIds.length) return [];
  const rows = rowsOf<{ blob_key: string }>(
    await tx.execute(
      sql`DELETE FROM core.files WHERE id::text IN (${sql.join(
        fileIds.map((id) => sql`${id}`),
        sql`, `,
      )}) RETURNING blob_key`,
    ),
  );
  return rows.map((r) => r.blob_key);
}

/** One batch of a deleting policy, in one transaction: lock due rows, gather their blobs, delete, queue the blobs. */
async function deleteBatch(core: Core, policy: Exclude<RetentionPolicy, { kind: 'archive' }>, cutoff: Date, limit: number) {
  const blobColumns = policy.blobColumns ?? [];
  const fileColumns = policy.fileColumns ?? [];
  const cascades = policy.cascadeBlobs ?? [];
  const refColumns = [...new Set(cascades.map((c) => c.references ?? 'id'))];
  const selected = [...new Set([...blobColumns, ...fileColumns, ...refColumns])];
  const table = tableSql(policy.table);
  const due = sql`${sql.identifier(policy.column)} < ${cutoff.toISOString()}::timestamptz${policy.where ? sql` AND (${policy.where})` : sql``}`;

  return core.db.transaction(async (raw) => {
    const tx = raw as unknown as Db;
    const rows = rowsOf<Record<string, unknown> & { row_ctid: string }>(
      await tx.execute(sql`SELECT ctid::text AS row_ctid${sql.join(
        selected.map((c) => sql`, ${sql.identifier(c)}::text AS ${sql.identifier(c)}`),
        sql``,
      )}
        FROM ${table} WHERE ${due} ORDER BY ${sql.identifier(policy.column)} LIMIT ${limit} FOR UPDATE SKIP LOCKED`),
    );
    if (!rows.length) return { rows: 0, blobs: 0 };
    const blobs = keysIn(rows, blobColumns);
    const fileIds = keysIn(rows, fileColumns);
    for (const child of cascades) {
      const found = await childKeys(
        tx,
        child,
        rows.map((r) => r[child.references ?? 'id']),
      );
      blobs.push(...found.blobs);
      fileIds.push(...found.files);
    }
    const deleted = rowsOf(
      await tx.execute(
        sql`DELETE FROM ${table} WHERE ctid IN (${sql.join(
          rows.map((r) => sql`${r.row_ctid}::tid`),
          sql`, `,
        )}) RETURNING 1`,
      ),
    ).length;
    blobs.push(...(await deleteFileRows(tx, [...new Set(fileIds)])));
    const unique = [...new Set(blobs)];
    await deleteBlobsLater(core, unique, tx);
    return { rows: deleted, blobs: unique.length };
  });
}

async function archiveBatch(core: Core, policy: Extract<RetentionPolicy, { kind: 'archive' }>, now: Date, cutoff: Date, limit: number) {
  const flag = columnOf(policy.table, policy.archivedColumn, policy.name, 'archivedColumn');
  const isBoolean = flag.columnType === 'PgBoolean';
  const archived = sql.identifier(policy.archivedColumn);
  const table = tableSql(policy.table);
  const notYet = isBoolean ? sql`NOT ${archived}` : sql`${archived} IS NULL`;
  const value = isBoolean ? sql`true` : sql`${now.toISOString()}::timestamptz`;
  const rows = rowsOf(
    await core.db.execute(sql`UPDATE ${table} SET ${archived} = ${value} WHERE ctid IN (
      SELECT ctid FROM ${table} WHERE ${notYet} AND ${sql.identifier(policy.column)} < ${cutoff.toISOString()}::timestamptz${policy.where ? sql` AND (${policy.where})` : sql``}
      LIMIT ${limit} FOR UPDATE SKIP LOCKED) RETURNING 1`),
  );
  return { rows: rows.length, blobs: 0 };
}

/**
 * Applies retention policies in bounded batches (one transaction each) until nothing is due or the
 * time budget is spent. Cutoffs come from the clock port, so tests move time instead of waiting.
 */
export async function sweepRetention(core: Core, policies: OwnedPolicy[], opts: Omit<SweepOptions, 'policies'> = {}): Promise<SweepReport> {
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('batchSize must be a positive whole number');
  const deadline = performance.now() + (opts.timeBudgetMs ?? DEFAULT_BUDGET_MS);
  const now = core.clock.now();
  checkPolicies(policies);

  const reports: PolicyReport[] = [];
  for (const { owner, policy } of policies) {
    const report: PolicyReport = {
      policy: policy.name,
      owner,
      kind: policy.kind,
      action: policy.kind === 'archive' ? 'archived' : 'deleted',
      rows: 0,
      blobs: 0,
      batches: 0,
      complete: false,
    };
    const cutoff = new Date(now.getTime() - policy.days * DAY_MS);
    try {
      for (;;) {
        if (performance.now() >= deadline) break;
        const batch =
          policy.kind === 'archive'
            ? await archiveBatch(core, policy, now, cutoff, batchSize)
            : await deleteBatch(core, policy, cutoff, batchSize);
        report.batches++;
        report.rows += batch.rows;
        report.blobs += batch.blobs;
        if (batch.rows < batchSize) {
          report.complete = true;
          break;
        }
        opts.onProgress?.({ ...report });
      }
    } catch (err) {
      report.error = err instanceof Error ? err.message : String(err);
      core.log.error({ err, policy: policy.name }, 'retention policy failed');
    }
    reports.push(report);
    opts.onProgress?.({ ...report });
  }
  return { now, policies: reports, complete: reports.every((r) => r.complete) };
}
