import { expect } from 'vitest';

/** expect.poll with room for a loaded machine: pages and the API get 20 s (or `timeoutMs`) to agree. */
export function eventually<T>(read: () => T | Promise<T>, timeoutMs = 20_000) {
  return expect.poll(read, { timeout: timeoutMs, interval: 100 });
}

/** Reads until `done` holds and answers that value; throws with the last value read after `timeoutMs`. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`not reached in ${timeoutMs} ms; last read: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
