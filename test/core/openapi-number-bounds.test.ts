// Every number a request can carry (path, query, header and body) is bounded in the served OpenAPI document, so no
// number too large for its column ever reaches the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProducts } from '../../src/products/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Schema = Record<string, any>;

let t: TestApp;
let doc: Schema;
beforeAll(async () => {
  t = await createTestApp({ deps: { products: allProducts } });
  doc = (await t.app.inject({ url: '/openapi.json' })).json();
});
afterAll(async () => t?.close());

/** Paths (like `POST /v1/x body.items[].n`) of numeric schemas under `schema` that lack a minimum or a maximum. */
function unbounded(schema: Schema | undefined, at: string, seen = new Set<Schema>()): string[] {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return [];
  seen.add(schema);
  if (schema.$ref) return unbounded(doc.components?.schemas?.[String(schema.$ref).split('/').pop()!], at, seen);
  const out: string[] = [];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('integer') || types.includes('number')) {
    const low = schema.minimum ?? schema.exclusiveMinimum;
    const high = schema.maximum ?? schema.exclusiveMaximum;
    if (typeof low !== 'number' || typeof high !== 'number') out.push(at);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
    for (const [i, sub] of (schema[key] ?? []).entries()) out.push(...unbounded(sub, `${at}`, seen).map((p) => p || `${at}#${i}`));
  for (const [name, sub] of Object.entries<Schema>(schema.properties ?? {})) out.push(...unbounded(sub, `${at}.${name}`, seen));
  if (schema.items) out.push(...unbounded(schema.items, `${at}[]`, seen));
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
    out.push(...unbounded(schema.additionalProperties, `${at}.*`, seen));
  return out;
}

describe('GET /openapi.json', () => {
  it('bounds every numeric schema of every request with a minimum and a maximum', () => {
    const missing: string[] = [];
    let numbers = 0;
    for (const [path, item] of Object.entries<Schema>(doc.paths)) {
      for (const [method, op] of Object.entries<Schema>(item)) {
        if (typeof op !== 'object' || !op) continue;
        const where = `${method.toUpperCase()} ${path}`;
        for (const p of op.parameters ?? []) {
          if (/integer|number/.test(JSON.stringify(p.schema ?? {}))) numbers++;
          missing.push(...unbounded(p.schema, `${where} ${p.in}.${p.name}`));
        }
        for (const [type, media] of Object.entries<Schema>(op.requestBody?.content ?? {})) {
          if (/integer|number/.test(JSON.stringify(media.schema ?? {}))) numbers++;
          missing.push(...unbounded(media.schema, `${where} body(${type})`));
        }
      }
    }
    // The walk reaches the request numbers (pagination limits, scores, offsets …), and none is open-ended.
    expect(numbers).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
