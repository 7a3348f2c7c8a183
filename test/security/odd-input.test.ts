/** Odd input is a 4xx problem+json naming the field, never a 5xx or Fastify's own JSON (on both databases). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatProduct } from '../../src/products/chat/index.js';
import { interviewProduct } from '../../src/products/interview/index.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let auth: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp({ deps: { products: [chatProduct, interviewProduct] } });
  auth = (await signUp(t.app)).auth;
});
afterAll(async () => t?.close());

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: auth });

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number, field?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  if (field) expect((JSON.parse(res.body) as { errors?: { field: string }[] }).errors?.map((e) => e.field)).toContain(field);
}

describe('text the database cannot hold', () => {
  it('a NUL byte in a query string is a 400 naming the parameter', async () => {
    expectProblem(await get('/v1/chat/conversations?q=a%00b'), 400, 'q');
    expectProblem(await get('/v1/interview/sessions?position=a%00b'), 400, 'position');
    expectProblem(await get('/v1/interview/trend?position=%00'), 400, 'position');
  });

  it('a lone surrogate in a JSON body or a query is a 400 naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/interview/sessions',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"position":"Dev\\ud800eloper","questionCount":1}',
    });
    expectProblem(res, 400, 'position');
    const rows = await t.database.query('SELECT 1 FROM interview.interview_sessions');
    expect(rows).toEqual([]);
  });
});

describe("Fastify's own routing errors", () => {
  it('invalid percent-encoding in a path is a 400 problem', async () => {
    expectProblem(await get('/v1/interview/sessions/%E0%A4%A'), 400);
  });

  it('a path parameter over 100 characters is a problem, not Fastify’s JSON', async () => {
    for (const url of [`/v1/interview/sessions/${'a'.repeat(150)}`, `/v1/chat/conversations/${'b'.repeat(101)}/messages`]) {
      const res = await get(url);
      expect([404, 414]).toContain(res.statusCode);
      expectProblem(res, res.statusCode);
    }
  });
});

describe('browser-facing headers', () => {
  it('with CORS origins configured, a preflight allows every method the API uses and its headers', async () => {
    const c = await createTestApp({ config: { corsOrigins: ['https://app.example.com'] }, deps: { products: [chatProduct] } });
    try {
      for (const method of ['PUT', 'PATCH', 'DELETE']) {
        const res = await c.app.inject({
          method: 'OPTIONS',
          url: '/v1/chat/conversations/x',
          headers: {
            origin: 'https://app.example.com',
            'access-control-request-method': method,
            'access-control-request-headers': 'authorization,content-type,idempotency-key',
          },
        });
        expect(res.statusCode).toBe(204);
        expect(String(res.headers['access-control-allow-methods'])).toContain(method);
        expect(String(res.headers['access-control-allow-headers']).toLowerCase()).toContain('idempotency-key');
      }
      const other = await c.app.inject({
        method: 'OPTIONS',
        url: '/v1/chat/conversations',
        headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'DELETE' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await c.close();
    }
  });

  it('authenticated answers are not stored by caches', async () => {
    const res = await get('/v1/chat/conversations');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const problem = await get('/v1/chat/conversations?limit=-1');
    expect(problem.headers['cache-control']).toBe('no-store');
  });
});

describe('bodies are taken as sent', () => {
  it('a number where text belongs is a 400 naming the field, not text; query strings still convert', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/interview/sessions',
      headers: auth,
      payload: { position: 5, questionCount: 1 },
    });
    expectProblem(res, 400, 'position');
    const count = await t.app.inject({
      method: 'POST',
      url: '/v1/interview/sessions',
      headers: auth,
      payload: { position: 'Dev', questionCount: '2' },
    });
    expectProblem(count, 400, 'questionCount');
    expect(await t.database.query('SELECT 1 FROM interview.interview_sessions')).toEqual([]);
    expect((await get('/v1/chat/conversations?limit=2')).statusCode).toBe(200);
  });
});
