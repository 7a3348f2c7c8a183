// Random valid and invalid requests generated from the OpenAPI document, and hostile ones (NUL, lone surrogates, huge
// and negative numbers, long path parameters, bad percent-encoding in the path, the query and the body): no 5xx, every
// error is application/problem+json, and every answer matches its documented schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TestApp } from '../support/test-app.js';
import { buildWorld, createSecurityApp, spokenWav, type World } from '../support/security-world.js';

/** Runs per operation, and the seed: a failure prints both, and FC_SEED=<seed> replays it. */
const RUNS = Number(process.env.FC_RUNS ?? 12);
/** Hostile requests per operation (FC_HOSTILE_RUNS): mostly refused before any handler, so they are cheap. */
const HOSTILE_RUNS = Number(process.env.FC_HOSTILE_RUNS ?? 16);
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

function requestArbitrary({ path, op }: Operation, validOnly = false): fc.Arbitrary<Generated> {
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
  if (validOnly) return make(true, null);
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

/** What a hostile request breaks: a path parameter, a query parameter or a field of the JSON body (`at`, from the top). */
interface Hostile {
  where: 'path' | 'query' | 'body';
  actor: Generated['actor'];
  /** The parameter's name, or the body field's path (array items as index 0). */
  at: (string | number)[];
  value: string | number;
  /** A valid request the hostile value is put into. */
  base: Generated;
}

/** Text PostgreSQL cannot store, text past every length limit, and percent-encoding that does not decode. */
const HOSTILE_TEXT = ['\u0000', '김하늘\u0000', '\uD800', 'a\uDFFFb', '%zz', '%E0%A4%A', '100%', 'x'.repeat(101), 'x'.repeat(10_001)];
/** Numbers past every column: the largest double, 2^64, and negative ones. */
const HOSTILE_NUMBERS = [1e308, -1e308, 2 ** 64, -1, -(2 ** 53), 2 ** 53 + 2];

/** A path segment or query value as a client would write it; percent sequences that do not decode are kept raw. */
function rawUrlText(value: string | number): string {
  const text = String(value);
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return text;
  // A lone surrogate has no UTF-8 form: written as the bytes a careless encoder sends (WTF-8), which are not UTF-8 either.
  return Array.from(text, (ch) => {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff)
      return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    return encodeURIComponent(ch);
  }).join('');
}

/** Paths to the fields of a body schema, nested objects and array items included (three levels). */
function fieldPaths(input: Schema, depth = 0): (string | number)[][] {
  const s = resolve(input) ?? {};
  if (depth > 3) return [];
  const variants = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
  if (variants.length) return variants.flatMap((v: Schema) => fieldPaths(v, depth));
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === 'array' && s.items) return [[0], ...fieldPaths(s.items, depth + 1).map((p) => [0, ...p])];
  const out: (string | number)[][] = [];
  for (const [name, sub] of Object.entries<Schema>(s.properties ?? {})) {
    out.push([name]);
    out.push(...fieldPaths(sub, depth + 1).map((p) => [name, ...p]));
  }
  return out;
}

/** `body` with the value at `at` replaced (objects and arrays on the way made when missing). */
function withValue(body: unknown, at: (string | number)[], value: unknown): unknown {
  if (!at.length) return value;
  const [head, ...rest] = at;
  if (typeof head === 'number') {
    const list = Array.isArray(body) ? [...body] : [];
    list[0] = withValue(list[0], rest, value);
    return list;
  }
  const object = body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...(body as object) } : {};
  return { ...object, [head!]: withValue((object as Record<string, unknown>)[head!], rest, value) };
}

function hostileArbitrary(operation: Operation): fc.Arbitrary<Hostile> {
  const { op } = operation;
  const params = (op.parameters ?? []) as Schema[];
  const base = requestArbitrary(operation, true);
  const value = fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.constantFrom(...HOSTILE_NUMBERS));
  const actor = fc.constantFrom<Generated['actor']>('owner', 'owner', 'other', 'admin');
  const kinds: fc.Arbitrary<Hostile>[] = [];
  const pathNames = params.filter((p) => p.in === 'path').map((p) => p.name as string);
  const queryNames = params.filter((p) => p.in === 'query').map((p) => p.name as string);
  if (pathNames.length)
    kinds.push(fc.record({ where: fc.constant('path' as const), actor, at: fc.constantFrom(...pathNames).map((n) => [n]), value, base }));
  // A query with no documented parameter still gets one, as a client may send it anyway.
  kinds.push(
    fc.record({
      where: fc.constant('query' as const),
      actor,
      at: fc.constantFrom(...(queryNames.length ? queryNames : ['q'])).map((n) => [n]),
      value,
      base,
    }),
  );
  const jsonSchema = op.requestBody?.content?.['application/json']?.schema;
  if (jsonSchema) {
    const fields = fieldPaths(jsonSchema);
    kinds.push(
      fc.record({
        where: fc.constant('body' as const),
        actor,
        at: fields.length ? fc.constantFrom(...fields) : fc.constant([]),
        value,
        base,
      }),
    );
  }
  return fc.oneof(...kinds);
}

function hostileUrl(path: string, h: Hostile): string {
  const name = String(h.at[0]);
  const filled = path.replace(/\{([^}]+)\}/g, (_, param: string) =>
    h.where === 'path' && param === name ? rawUrlText(h.value) : encodeURIComponent(String(h.base.params[param] ?? 'missing')),
  );
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(h.base.query ?? {}))
    if (v !== undefined && !(h.where === 'query' && k === name)) qs.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  const query = [qs.toString(), h.where === 'query' ? `${encodeURIComponent(name)}=${rawUrlText(h.value)}` : ''].filter(Boolean).join('&');
  return query ? `${filled}?${query}` : filled;
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

interface Sent {
  actor: Generated['actor'];
  url: string;
  /** The JSON body, or (`valid` decides which) an upload's bytes. */
  body: unknown;
  valid: boolean;
}

const statuses = new Map<number, number>();
let requests = 0;
/** The status of the request `check` sent last. */
let lastStatus = 0;

/** Sends one request and throws what is wrong with the answer: a 5xx, an error that is not problem+json, a status or a body the document does not promise. */
async function check({ method, path, op }: Operation, sent: Sent, label: string): Promise<void> {
  requests++;
  lastStatus = 0;
  const uploads = Object.keys(op.requestBody?.content ?? {}).some((c) => c.startsWith('audio/') || c.startsWith('multipart/'));
  const headers: Record<string, string> = sent.actor === 'anonymous' ? {} : { ...w.accounts[sent.actor].auth };
  let payload: string | Buffer | undefined;
  if (uploads && !op.requestBody?.content?.['application/json']) {
    headers['content-type'] = 'audio/wav';
    payload = sent.valid ? spokenWav('A generated answer.') : Buffer.from('not audio at all');
  } else if (sent.body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(sent.body);
  }
  const res = await t.app.inject({ method: method as 'GET', url: sent.url, headers, ...(payload !== undefined ? { payload } : {}) });
  statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
  lastStatus = res.statusCode;
  const where = `${method} ${path} as ${sent.actor} ${label}`;
  const type = String(res.headers['content-type'] ?? '');
  if (res.statusCode >= 400 && !type.startsWith('application/problem+json'))
    throw new Error(`${res.statusCode} answered as "${type}", not application/problem+json: ${res.body.slice(0, 300)} for ${where}`);
  const json = /json/.test(type) ? (JSON.parse(res.body || 'null') as Record<string, unknown>) : null;
  if (res.statusCode >= 500) {
    const documented = op.responses?.[String(res.statusCode)] !== undefined;
    if (!documented || !DEPENDENCY.test(String(json?.type))) throw new Error(`${res.statusCode} ${res.body.slice(0, 300)} for ${where}`);
    return;
  }
  const documented = op.responses?.[String(res.statusCode)] ?? op.responses?.default;
  if (!documented) throw new Error(`undocumented status ${res.statusCode} ${res.body.slice(0, 200)} for ${where}`);
  const schema = Object.values<Schema>(documented.content ?? {})[0]?.schema;
  if (!schema || !json || res.statusCode === 204) return;
  const validate = validatorFor(schema);
  if (!validate(json)) throw new Error(`body does not match the ${res.statusCode} schema: ${ajv.errorsText(validate.errors)} for ${where}`);
}

/** Runs one property per operation; a failure names the operation, fast-check's seed and path, and what broke. */
async function forEveryOperation<T>(
  arbitrary: (o: Operation) => fc.Arbitrary<T>,
  opts: { runs: number; seedPerOperation?: boolean },
  run: (o: Operation, v: T) => Promise<void>,
) {
  const failures: string[] = [];
  for (const operation of operations()) {
    // One seed for all (the same choices for operations of the same shape), or one derived from FC_SEED per operation.
    const seed = opts.seedPerOperation ? seedOf(`${operation.method} ${operation.path}`) : SEED;
    await fc
      .assert(
        fc.asyncProperty(arbitrary(operation), (v) => run(operation, v)),
        { numRuns: opts.runs, seed, endOnFailure: true },
      )
      .catch((err: Error) => {
        const cause = err.cause instanceof Error ? err.cause.message : err.message;
        failures.push(`${operation.method} ${operation.path}: ${err.message.split('\n')[0]} ${cause.slice(0, 2500)}`);
      });
  }
  return failures;
}

/** FC_SEED mixed with an operation's name (FNV-1a), so FC_SEED alone replays every operation's run. */
function seedOf(name: string): number {
  let hash = 0x811c9dc5;
  for (const ch of name) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  return (hash ^ SEED) | 0;
}

const shown = (v: unknown) => {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 40)}… (${text.length} characters)` : text;
};

describe('requests generated from the OpenAPI document', () => {
  it('never answer 5xx, and every answer matches the schema documented for its status', async () => {
    expect(operations().length).toBeGreaterThan(100);
    statuses.clear();
    requests = 0;
    const failures = await forEveryOperation(requestArbitrary, { runs: RUNS }, (operation, g) =>
      check(
        operation,
        { actor: g.actor, url: urlOf(operation.path, g), body: g.body, valid: g.valid },
        JSON.stringify({ ...g, body: JSON.stringify(g.body)?.slice(0, 1500) }),
      ),
    );
    console.info(
      `openapi property: ${operations().length} operations, ${requests} requests, seed ${SEED}, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(failures).toEqual([]);
  }, 600_000);

  it('answer hostile input (NUL, lone surrogates, huge and negative numbers, long path parameters, bad percent-encoding) with a 4xx problem or a documented answer, never a 5xx', async () => {
    statuses.clear();
    requests = 0;
    const byPlace = new Map<string, Record<number, number>>();
    const tried = new Set<string>();
    const failures = await forEveryOperation(hostileArbitrary, { runs: HOSTILE_RUNS, seedPerOperation: true }, async (operation, h) => {
      const body = h.where === 'body' ? withValue(h.base.body, h.at, h.value) : h.base.body;
      try {
        await check(
          operation,
          { actor: h.actor, url: hostileUrl(operation.path, h), body, valid: true },
          `with ${shown(h.value)} in ${h.where} ${h.at.join('.') || '(the whole body)'}`,
        );
      } finally {
        tried.add(`${h.where} ${shown(h.value)}`);
        const place = byPlace.get(h.where) ?? {};
        place[lastStatus] = (place[lastStatus] ?? 0) + 1;
        byPlace.set(h.where, place);
      }
    });
    console.info(
      `openapi hostile property: ${operations().length} operations, ${requests} requests, seed ${SEED}, statuses by where the value was ${JSON.stringify(Object.fromEntries(byPlace))}`,
    );
    expect(failures).toEqual([]);
    // Every hostile value was sent in the path, in the query and in a body.
    const untried = (['path', 'query', 'body'] as const).flatMap((where) =>
      [...HOSTILE_TEXT, ...HOSTILE_NUMBERS].map((v) => `${where} ${shown(v)}`).filter((k) => !tried.has(k)),
    );
    expect(untried).toEqual([]);
  }, 600_000);
});
