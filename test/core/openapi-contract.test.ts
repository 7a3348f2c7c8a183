// The API contract a generated client is built from: GET /openapi.json names every operation, says which ones need
// no token, where the server is, which writes take an Idempotency-Key, that errors are problem+json, and passes the
// Redocly lint with the committed rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProducts } from '../../src/products/index.js';
import { loadConfig } from '../../src/config.js';
import { openApiPath } from '../../src/core/http/openapi.js';
import { operationIds } from '../../src/operation-ids.js';
import { redoclyLint } from '../../scripts/redocly-lint.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Schema = Record<string, any>;
interface Operation {
  key: string;
  method: string;
  path: string;
  op: Schema;
}

let t: TestApp;
let doc: Schema;
let ops: Operation[];
beforeAll(async () => {
  t = await createTestApp({ deps: { products: allProducts } });
  doc = (await t.app.inject({ url: '/openapi.json' })).json();
  ops = Object.entries<Schema>(doc.paths).flatMap(([path, item]) =>
    Object.entries<Schema>(item).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      op,
    })),
  );
});
afterAll(async () => t?.close());

/** The area an operation's name starts with: the first segment under /v1 (`admin`, `chat`, `me` …), or `ops`. */
function areaOf(path: string): string {
  const segment = path.startsWith('/v1/') ? path.split('/')[2]! : 'ops';
  return segment.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

describe('GET /openapi.json', () => {
  it('names every operation once, in camelCase, after its area (chatSendMessage, callsHangup, authLogin)', () => {
    expect(ops.length).toBeGreaterThan(150);
    const unnamed = ops.filter((o) => typeof o.op.operationId !== 'string').map((o) => o.key);
    expect(unnamed, 'operations without an operationId: add them to src/operation-ids.ts').toEqual([]);
    const misnamed = ops
      .filter(({ path, op }) => !/^[a-z][a-zA-Z0-9]+$/.test(op.operationId) || !new RegExp(`^${areaOf(path)}[A-Z]`).test(op.operationId))
      .map((o) => `${o.key}: ${o.op.operationId}`);
    expect(misnamed).toEqual([]);
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const { key, op } of ops) {
      if (seen.has(op.operationId)) duplicates.push(`${op.operationId}: ${seen.get(op.operationId)} and ${key}`);
      seen.set(op.operationId, key);
    }
    expect(duplicates).toEqual([]);
    const byKey = new Map(ops.map((o) => [o.key, o.op.operationId]));
    expect(byKey.get('POST /v1/chat/conversations/{id}/messages')).toBe('chatSendMessage');
    expect(byKey.get('POST /v1/calls/sessions/{id}/hangup')).toBe('callsHangup');
    expect(byKey.get('POST /v1/auth/login')).toBe('authLogin');
    // A route that names its own operationId keeps it.
    expect(byKey.get('POST /v1/admin/webhooks')).toBe('adminCreateWebhookEndpoint');
    // Every name in the table is an operation the server has, under that name.
    const stale = Object.entries(operationIds)
      .filter(([key, id]) => byKey.get(key) !== id)
      .map(([key, id]) => `${key}: ${id}`);
    expect(stale).toEqual([]);
  });

  it('marks every operation that needs no token with security: [], and the others with the bearer token', () => {
    const routes = t.app.routeList.filter((r) => !r.hidden);
    const isPublic = new Map(routes.map((r) => [`${r.method} ${openApiPath(r.url)}`, r.public]));
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    const wrong: string[] = [];
    let publicCount = 0;
    for (const { key, op } of ops) {
      expect(isPublic.has(key), `${key} is a route`).toBe(true);
      const security = op.security as Schema[] | undefined;
      const anonymous = Array.isArray(security) && (security.length === 0 || security.some((s) => Object.keys(s).length === 0));
      if (isPublic.get(key)) publicCount++;
      if (isPublic.get(key) !== anonymous) wrong.push(`${key}: ${JSON.stringify(security)}`);
      for (const requirement of security ?? [])
        for (const scheme of Object.keys(requirement)) expect(doc.components.securitySchemes[scheme], `${key} ${scheme}`).toBeDefined();
    }
    expect(wrong).toEqual([]);
    expect(publicCount).toBeGreaterThan(10);
    const byKey = new Map(ops.map((o) => [o.key, o.op]));
    expect(byKey.get('POST /v1/auth/login')!.security).toEqual([]);
    expect(byKey.get('GET /health')!.security).toEqual([]);
    expect(byKey.get('GET /v1/me')!.security).toEqual([{ bearerAuth: [] }]);
  });

  it('documents the Idempotency-Key header on exactly the writes that honour it (those that need a token)', () => {
    const missing: string[] = [];
    const extra: string[] = [];
    for (const { key, method, op } of ops) {
      const header = (op.parameters ?? []).find((p: Schema) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
      const honoured =
        ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method) &&
        op.security?.length > 0 &&
        !op.security.some((s: Schema) => !Object.keys(s).length);
      if (honoured && !header) missing.push(key);
      if (!honoured && header) extra.push(key);
      if (header) {
        expect(header.required).toBe(false);
        expect(header.schema).toMatchObject({ type: 'string', minLength: 1, maxLength: 200 });
        expect(op.responses['409']?.content?.['application/problem+json'], `${key} 409`).toBeDefined();
        expect(op.responses['422']?.content?.['application/problem+json'], `${key} 422`).toBeDefined();
      }
    }
    expect(missing).toEqual([]);
    expect(extra).toEqual([]);
  });

  it('honours the documented header on an authenticated write and ignores it on a public one', async () => {
    const email = `idem-${Date.now()}@example.com`;
    const register = (key: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/auth/register',
        headers: { 'idempotency-key': key },
        payload: { email, password: 'correct horse battery' },
      });
    const created = await register('one');
    expect(created.statusCode).toBe(201);
    // Not replayed: a public write runs again (and the address is taken now).
    const again = await register('one');
    expect(again.statusCode).toBe(409);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    const auth = { authorization: `Bearer ${created.json().tokens.accessToken}` };
    const send = () =>
      t.app.inject({
        method: 'PATCH',
        url: '/v1/me',
        headers: { ...auth, 'idempotency-key': 'rename-1' },
        payload: { fullName: '김하늘' },
      });
    const first = await send();
    expect(first.statusCode).toBe(200);
    const replay = await send();
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('sends error answers as application/problem+json, whatever else the operation produces', () => {
    const wrong: string[] = [];
    for (const { key, op } of ops)
      for (const [status, response] of Object.entries<Schema>(op.responses ?? {})) {
        const content = Object.entries<Schema>(response.content ?? {});
        const problem = content.some(([, media]) => media.schema?.$ref === '#/components/schemas/Problem');
        if (Number(status) >= 400 && problem && (content.length !== 1 || content[0]![0] !== 'application/problem+json'))
          wrong.push(`${key} ${status}: ${content.map(([type]) => type).join(', ')}`);
      }
    expect(wrong).toEqual([]);
    const byKey = new Map(ops.map((o) => [o.key, o.op]));
    expect(Object.keys(byKey.get('GET /metrics')!.responses['401'].content)).toEqual(['application/problem+json']);
    // Any request can carry text that cannot be stored (400), and any path parameter can be too long (414).
    expect(ops.filter(({ op }) => !op.responses['400']).map((o) => o.key)).toEqual([]);
    expect(ops.filter(({ path, op }) => path.includes('{') && !op.responses['414']).map((o) => o.key)).toEqual([]);
  });

  it('names its server: `/` by default, TALKBASE_PUBLIC_URL when set', async () => {
    expect(doc.servers).toEqual([{ url: '/' }]);
    expect(loadConfig({}).apiServerUrl).toBe('/');
    expect(loadConfig({ TALKBASE_PUBLIC_URL: 'https://talk.example.com/api/' }).apiServerUrl).toBe('https://talk.example.com/api');
    const other = await createTestApp({ config: { apiServerUrl: 'https://talk.example.com/api' } });
    try {
      const served = (await other.app.inject({ url: '/openapi.json' })).json();
      expect(served.servers).toEqual([{ url: 'https://talk.example.com/api' }]);
      // The server's path is not taken off the operations' paths.
      expect(Object.keys(served.paths)).toContain('/v1/me');
    } finally {
      await other.close();
    }
  });

  it('passes the Redocly lint with the committed rules (npm run lint:openapi), offline', () => {
    const result = redoclyLint(doc);
    expect(result.output).toMatch(/valid/);
    expect(result.status, result.output.slice(-4000)).toBe(0);
  });
});
