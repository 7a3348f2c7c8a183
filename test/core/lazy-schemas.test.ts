import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePendingSchemas } from '../../src/core/http/lazy-schemas.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('route schemas', () => {
  it('compile on first use, and every route schema of the app compiles', async () => {
    // Nothing is compiled at start or in the background; compiling the rest here is what shows a broken schema.
    expect(await compilePendingSchemas()).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
  });
});
