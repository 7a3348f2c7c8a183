import type { Db } from './database.js';

export type AfterCommit = (effect: () => Promise<void> | void) => void;

/**
 * One transaction; effects registered with `afterCommit` (publishing events, deleting blobs) run
 * only once it has committed, in order, and never if it rolled back.
 */
export async function inTransaction<T>(db: Db, work: (tx: Db, afterCommit: AfterCommit) => Promise<T>): Promise<T> {
  const effects: (() => Promise<void> | void)[] = [];
  const result = await db.transaction((tx) => work(tx as unknown as Db, (effect) => effects.push(effect)));
  for (const effect of effects) await effect();
  return result;
}
