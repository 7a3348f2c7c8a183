import { afterAll, describe, expect, it } from 'vitest';
import { killAll, serverData, serverEnv, startServer, type ServerData } from './support/server.js';
import { newLedger, prepare, retry, startLoad, verify } from './support/workload.js';
import { waitFor } from '../support/wait-for.js';

let data: ServerData | null = null;
afterAll(async () => {
  killAll();
  await data?.cleanup();
});

describe('kill -9 under load', () => {
  it('keeps every acknowledged write, half-writes nothing, and retries create no duplicates', async () => {
    data = await serverData();
    const env = serverEnv(data.env);
    const fixture = await prepare(env);
    const ledger = newLedger();

    const first = await startServer(env);
    const load = startLoad(first.url, fixture, ledger);
    // Kill once every kind of write has been acknowledged a few times, with requests still in flight.
    await waitFor(
      () => ledger.messages.length >= 5 && ledger.finals.length >= 10 && ledger.roomEnds.length >= 2 && ledger.calls.length >= 3,
      100_000,
      `acknowledged writes of every kind (so far ${JSON.stringify(ledger)})`.slice(0, 300),
      50,
    );
    first.child.kill('SIGKILL');
    // An answer the server wrote just before it died may still be read after kill() returns: it counts as acknowledged.
    await load.stop();
    expect((await first.exited).signal).toBe('SIGKILL');

    const second = await startServer(env);
    const found = await verify(second.url, fixture, ledger);
    expect(found.found).toBe(found.acknowledged);
    const retried = await retry(second.url, fixture, ledger);
    // The suite's numbers, for the record: acknowledged before the kill, found after the restart.
    console.log(
      `[crash] ${data.kind} SIGKILL: ${found.acknowledged} acknowledged, ${found.found} found, ` +
        `${ledger.unacknowledged} unacknowledged, ${retried} retries without duplicates`,
    );
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 300_000);
});
