import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_TYPES_FILE, generateClientTypes } from '../../scripts/client-types.js';

describe('@talkbase/client generated types', () => {
  it('are what the generator makes of the server’s current OpenAPI document (run `npm run client:generate` after a schema change)', async () => {
    const committed = fs.readFileSync(CLIENT_TYPES_FILE, 'utf8');
    const generated = await generateClientTypes();
    expect(generated.length).toBeGreaterThan(10_000);
    expect(committed === generated, 'packages/client/src/openapi.ts is stale: run `npm run client:generate`').toBe(true);
  }, 120_000);
});
