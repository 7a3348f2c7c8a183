import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { bodyLimitBytes: 4096 } });
});
afterAll(async () => t?.close());

describe('HTTP conventions', () => {
  it('answers validation errors as problem+json naming every bad field, and rejects unknown fields', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/register',
      payload: { email: 'not-an-email', password: 'short', role: 'admin' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body.type).toBe('urn:talkbase:problem:validation');
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['email', 'password', 'role']);
    expect(body.errors.find((e: { field: string }) => e.field === 'role').message).toBe('is not a known field');
  });

  it('names a missing field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'a@b.co' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'password', message: 'is required' }]);
  });

  it('answers malformed JSON, an oversized body and an unknown route with problem+json', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().type).toBe('urn:talkbase:problem:malformed_body');
    const big = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: 'a@b.co', password: 'x'.repeat(10_000) } });
    expect(big.statusCode).toBe(413);
    expect(big.json().type).toBe('urn:talkbase:problem:body_too_large');
    const missing = await t.app.inject({ url: '/v1/nothing-here' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('requires a token on every non-public route', async () => {
    const res = await t.app.inject({ url: '/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().type).toBe('urn:talkbase:problem:auth.required');
  });

  it('keeps admin routes for admins', async () => {
    const u = await signUp(t.app);
    expect((await t.app.inject({ url: '/v1/admin/users', headers: u.auth })).statusCode).toBe(403);
    await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [u.user.id]);
    const list = await t.app.inject({ url: '/v1/admin/users?limit=1', headers: u.auth });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
  });

  it('echoes a request id and sends security headers', async () => {
    const res = await t.app.inject({ url: '/health', headers: { 'x-request-id': 'trace-123' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).toBe('trace-123');
    const generated = await t.app.inject({ url: '/health' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('serves /ready and Prometheus /metrics', async () => {
    const ready = await t.app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks.database).toBe('ok');
    await t.app.inject({ url: '/health' });
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('talkbase_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('route="/health"');
  });
});

describe('OpenAPI', () => {
  it('is a valid OpenAPI 3.1 document listing every route with request and response schemas', async () => {
    const res = await t.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    await SwaggerParser.validate(structuredClone(doc));
    const documented = new Set<string>();
    for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        documented.add(`${method.toUpperCase()} ${path}`);
        expect(op.responses, `${method} ${path} responses`).toBeDefined();
        // 101 is the success of a WebSocket upgrade.
        const ok = Object.entries(op.responses as Record<string, { content?: unknown; description?: string }>).filter(
          ([s]) => s.startsWith('2') || s === '101',
        );
        expect(ok.length, `${method} ${path} has a success response`).toBeGreaterThan(0);
        if (op.requestBody) {
          const content = (op.requestBody as { content: Record<string, { schema?: unknown }> }).content;
          expect(Object.values(content)[0]?.schema, `${method} ${path} request schema`).toBeDefined();
        }
      }
    }
    const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const visible = t.app.routeList.filter((r) => !r.hidden);
    expect(visible.length).toBeGreaterThan(15);
    for (const r of visible) expect(documented.has(`${r.method} ${toOpenApiPath(r.url)}`), `${r.method} ${r.url} is documented`).toBe(true);
  });

  it('serves the interactive reference at /docs', async () => {
    const res = await t.app.inject({ url: '/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
