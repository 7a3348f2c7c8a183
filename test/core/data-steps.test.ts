import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDataSteps } from '../../src/core/db/migrate.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('data steps', () => {
  it('several instances starting at once on a database without the steps table: no error, each step recorded once', async () => {
    await t.database.query('DROP TABLE IF EXISTS public.talkbase_data_steps');
    let runs = 0;
    const step = {
      name: 'test-concurrent-start',
      run: async () => {
        runs++;
      },
    };
    // Four starts at once (on PostgreSQL each on its own pooled connection) once raced creating the table.
    const results = await Promise.all(Array.from({ length: 4 }, () => runDataSteps(t.database, [step])));
    expect(results.flat().length).toBeGreaterThanOrEqual(1);
    expect(runs).toBeGreaterThanOrEqual(1);
    const rows = await t.database.query<{ name: string }>('SELECT name FROM public.talkbase_data_steps');
    expect(rows.map((r) => r.name)).toEqual(['test-concurrent-start']);
    // A later start finds it done.
    expect(await runDataSteps(t.database, [step])).toEqual([]);
  });
});
