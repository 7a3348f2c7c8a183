// Random valid and invalid requests generated from the OpenAPI document: no 5xx, and every answer matches its documented schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TestApp } from '../support/test-app.js';
import { buildWorld, createSecurityApp, spokenWav, type World } from '../support/security-world.js';

/** Runs per operation, and the seed: a failure prints both, and FC_SEED=<seed> replays it. */
const RUNS = Number(process.env.FC_RUNS ?? 12);
const SEED = Number(process.env.FC_SEED ?? 20261122);

type Schema = Record<string, any>;
interface Operation {
  method: string;
  path: string;
  op: Schema;
}

let t: TestApp;
let w: World;
let doc: Schema;
let ajv: Ajv;
beforeAll(async () => {
  t = await createSecurityApp();
  w = await buildWorld(t.app);
  doc = (await t.app.inject({ url: '/openapi.json' })).json();
  ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  (addFormats as unknown as (a: Ajv) => void)(ajv);
  for (const [name, schema] of Object.entries<Schema>(doc.components?.schemas ?? {})) {
    ajv.addSchema(schema, `#/components/schemas/${name}`);
  }
}, 120_000);
afterAll(async () => t?.close());

const resolve = (s: Schema): Schema => (s?.$ref ? resolve(doc.components.schemas[s.$ref.split('/').pop()!]) : s);

/** Ids that exist: generated uuids are these half of the time, so requests reach past the not-found checks. */
function knownIds(): string[] {
  const ids = [...Object.values(w.owns.owner), ...Object.values(w.owns.other), w.assist.roomId, w.assist.customerId, w.assist.resultId];
  return ids.map(String);
}

/** An arbitrary of values valid against `schema` (strings kept short; arrays of at most three). */
function arbitraryOf(input: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(input) ?? {};
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...(s.enum as unknown[]));
  if (s.anyOf || s.oneOf) return fc.oneof(...(s.anyOf ?? s.oneOf).map((x: Schema) => arbitraryOf(x, depth)));
  if (s.allOf) return arbitraryOf(Object.assign({}, ...s.allOf.map(resolve)), depth);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000, noNaN: true, noDefaultInfinity: true });
    case 'string':
      return stringOf(s);
    case 'array': {
      const min = s.minItems ?? 0;
      return fc.array(arbitraryOf(s.items ?? {}, depth + 1), { minLength: min, maxLength: Math.min(s.maxItems ?? 3, min + 3) });
    }
    case 'object': {
      const props = Object.entries<Schema>(s.properties ?? {});
      if (!props.length)
        return depth > 2 ? fc.constant({}) : fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
      return fc.record(Object.fromEntries(props.map(([k, v]) => [k, arbitraryOf(v, depth + 1)])), { requiredKeys: s.required ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringOf(s: Schema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? 40, min + 40));
  switch (s.format) {
    case 'uuid':
      return fc.oneof(fc.uuid(), fc.constantFrom(...knownIds()));
    case 'date-time':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress().filter((e) => e.length <= (s.maxLength ?? 254));
    case 'uri':
      return fc.webUrl();
  }
  if (s.pattern) {
    return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length >= min && x.length <= (s.maxLength ?? 1000));
  }
  return fc.string({
    minLength: min,
    maxLength: max,
    unit: fc.oneof(fc.constantFrom('a', 'Z', ' ', '7', '-'), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })),
  });
}

/** A valid value broken one way: a required field dropped, an unknown field added, or a field of the wrong type. */
function invalidFrom(schema: Schema): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const valid = arbitraryOf(s);
  const wrong = fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 5 }), fc.constant([]), fc.constant({ x: 1 }));
  if (s?.type !== 'object' || !s.properties)
    return fc.oneof(
      wrong,
      valid.map((v) => [v]),
    );
  const keys = Object.keys(s.properties);
  if (!keys.length)
    return fc.oneof(
      wrong,
      valid.map((v) => ({ ...(v as object), __unknown: true })),
    );
  return fc.oneof(
    fc.tuple(valid, fc.constantFrom('isAdmin', 'userId', 'status', '__unknown')).map(([v, k]) => ({ ...(v as object), [k]: true })),
    fc.tuple(valid, fc.constantFrom(...keys), wrong).map(([v, k, x]) => ({ ...(v as object), [k]: x })),
    ...(s.required?.length ? [fc.tuple(valid, fc.constantFrom(...(s.required as string[]))).map(([v, k]) => omit(v as object, k))] : []),
    wrong,
  );
}

const omit = (o: object, k: string) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k));

function operations(): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries<Schema>(doc.paths)) {
    for (const [method, op] of Object.entries<Schema>(item)) {
      if (path === '/v1/realtime') continue; // the WebSocket upgrade; its frames have their own tests
      out.push({ method: method.toUpperCase(), path, op });
    }
  }
  return out;
}

interface Generated {
  valid: boolean;
  actor: 'owner' | 'other' | 'admin' | 'anonymous';
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

function requestArbitrary({ path, op }: Operation): fc.Arbitrary<Generated> {
  const params = (op.parameters ?? []) as Schema[];
  const group = (where: string, makeInvalid: boolean) => {
    const ps = params.filter((p) => p.in === where);
    const schema = {
      type: 'object',
      properties: Object.fromEntries(ps.map((p) => [p.name, p.schema])),
      required: ps.filter((p) => p.required).map((p) => p.name),
    };
    return makeInvalid ? invalidFrom(schema) : arbitraryOf(schema);
  };
  const content = op.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  const admin = path.startsWith('/v1/admin/');
  const actor = fc.constantFrom<Generated['actor']>('owner', 'owner', 'other', 'admin', 'anonymous');
  const make = (valid: boolean, broken: 'params' | 'query' | 'body' | null) =>
    fc.record({
      valid: fc.constant(valid),
      actor,
      // Administration routes take generated ids only, so a run never disables the accounts the others use.
      params: admin ? group('path', broken === 'params').map((p) => mapIds(p as object)) : group('path', broken === 'params'),
      query: group('query', broken === 'query'),
      body: jsonSchema ? (broken === 'body' ? invalidFrom(jsonSchema) : arbitraryOf(jsonSchema)) : fc.constant(undefined),
    }) as fc.Arbitrary<Generated>;
  const kinds: fc.Arbitrary<Generated>[] = [make(true, null), make(true, null), make(false, 'query')];
  if (jsonSchema) kinds.push(make(false, 'body'));
  if (params.some((p) => p.in === 'path')) kinds.push(make(false, 'params'));
  return fc.oneof(...kinds);
}

const mapIds = (p: object) =>
  Object.fromEntries(
    Object.entries(p).map(([k, v]) => [k, typeof v === 'string' && knownIds().includes(v) ? '00000000-0000-4000-8000-000000000000' : v]),
  );

function urlOf(path: string, g: Generated): string {
  const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(g.params[name] ?? 'missing')));
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(g.query ?? {}))
    if (v !== undefined) qs.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  const q = qs.toString();
  return q ? `${filled}?${q}` : filled;
}

const validators = new Map<object, ValidateFunction>();
function validatorFor(schema: Schema) {
  let v = validators.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    validators.set(schema, v);
  }
  return v;
}

/** 502 and 503 are a dependency's answer (an AI engine that cannot transcribe random bytes), allowed only where documented. */
const DEPENDENCY = /^urn:talkbase:problem:(ai\.|engine\.|database_unavailable|overloaded)/;

describe('requests generated from the OpenAPI document', () => {
  it('never answer 5xx, and every answer matches the schema documented for its status', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let runs = 0;
    for (const operation of ops) {
      const { method, path, op } = operation;
      const uploads = Object.keys(op.requestBody?.content ?? {}).some((c) => c.startsWith('audio/') || c.startsWith('multipart/'));
      await fc
        .assert(
          fc.asyncProperty(requestArbitrary(operation), async (g) => {
            runs++;
            const headers: Record<string, string> = g.actor === 'anonymous' ? {} : { ...w.accounts[g.actor].auth };
            let payload: string | Buffer | undefined;
            if (uploads && !op.requestBody?.content?.['application/json']) {
              headers['content-type'] = 'audio/wav';
              payload = g.valid ? spokenWav('A generated answer.') : Buffer.from('not audio at all');
            } else if (g.body !== undefined) {
              headers['content-type'] = 'application/json';
              payload = JSON.stringify(g.body);
            }
            const res = await t.app.inject({
              method: method as 'GET',
              url: urlOf(path, g),
              headers,
              ...(payload !== undefined ? { payload } : {}),
            });
            statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
            const label = `${method} ${path} as ${g.actor} ${JSON.stringify({ ...g, body: JSON.stringify(g.body)?.slice(0, 1500) })}`;
            const type = res.headers['content-type'] ?? '';
            const json = /json/.test(String(type)) ? (JSON.parse(res.body || 'null') as Record<string, unknown>) : null;
            if (res.statusCode >= 500) {
              const documented = op.responses?.[String(res.statusCode)] !== undefined;
              if (!documented || !DEPENDENCY.test(String(json?.type)))
                throw new Error(`${res.statusCode} ${res.body.slice(0, 300)} for ${label}`);
              return;
            }
            const documented = op.responses?.[String(res.statusCode)] ?? op.responses?.default;
            if (!documented) throw new Error(`undocumented status ${res.statusCode} ${res.body.slice(0, 200)} for ${label}`);
            const schema = Object.values<Schema>(documented.content ?? {})[0]?.schema;
            if (!schema || !json || res.statusCode === 204) return;
            const validate = validatorFor(schema);
            if (!validate(json))
              throw new Error(`body does not match the ${res.statusCode} schema: ${ajv.errorsText(validate.errors)} for ${label}`);
          }),
          { numRuns: RUNS, seed: SEED, endOnFailure: true },
        )
        .catch((err: Error) => {
          // fast-check names the seed and the counterexample's path (to replay it); the cause says what broke.
          const cause = err.cause instanceof Error ? err.cause.message : err.message;
          failures.push(`${method} ${path}: ${err.message.split('\n')[0]} ${cause.slice(0, 2500)}`);
        });
    }
    console.info(
      `openapi property: ${ops.length} operations, ${runs} requests, seed ${SEED}, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(failures).toEqual([]);
  }, 600_000);
});
