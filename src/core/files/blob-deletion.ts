import { inArray } from 'drizzle-orm';
import type { Core } from '../context.js';
import type { Db } from '../db/database.js';
import type { JobDefinition } from '../product.js';
import { files } from './schema.js';

export const DELETE_BLOBS_JOB = 'files.delete-blobs';

/** Keys per job, so one job stays small and a retry repeats little. */
const KEYS_PER_JOB = 100;

export interface DeleteBlobsData {
  keys: string[];
}

/**
 * Queues the blobs of deleted rows for deletion. Given the transaction that deletes the rows, the job
 * exists only if that transaction commits; a failed deletion is retried by the job queue.
 */
export async function deleteBlobsLater(core: Core, keys: string[], tx?: Db): Promise<void> {
  const unique = [...new Set(keys.filter((k) => typeof k === 'string' && k.length > 0))];
  for (let i = 0; i < unique.length; i += KEYS_PER_JOB) {
    await core.jobs.send(DELETE_BLOBS_JOB, { keys: unique.slice(i, i + KEYS_PER_JOB) } satisfies DeleteBlobsData, tx ? { tx } : {});
  }
}

/** Deletes blobs no live file row points at (a key still in core.files was handed over by mistake and is kept). */
export const deleteBlobsJob: JobDefinition<DeleteBlobsData, Core> = {
  name: DELETE_BLOBS_JOB,
  retryLimit: 10,
  retryDelay: 30,
  async run(core, data) {
    const keys = Array.isArray(data?.keys) ? data.keys.filter((k): k is string => typeof k === 'string') : [];
    if (!keys.length) return;
    const referenced = new Set(
      (await core.db.select({ key: files.blobKey }).from(files).where(inArray(files.blobKey, keys))).map((r) => r.key),
    );
    for (const key of keys) {
      if (!referenced.has(key)) await core.blobs.delete(key);
    }
  },
};
