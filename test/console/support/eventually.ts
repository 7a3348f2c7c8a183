import { expect } from 'vitest';

/** expect.poll with room for a loaded machine: pages and the API get 20 s to agree. */
export function eventually<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 20_000, interval: 100 });
}
