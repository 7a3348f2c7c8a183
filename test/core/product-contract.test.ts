import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { generateKeyring } from '../../src/core/crypto/keyring.js';
import { createTestDatabase, signUp, testConfig, type TestDatabase } from '../support/test-app.js';
import { createNotesTable, notesProduct } from '../support/notes-product.js';
import type { FastifyInstance } from 'fastify';

let db: TestDatabase;
let app: FastifyInstance;
beforeAll(async () => {
  db = await createTestDatabase();
  await createNotesTable(db.database);
  app = await buildApp(testConfig(), { logger: false, database: db.database, keyring: generateKeyring(), products: [notesProduct] });
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

describe('a product defined with defineProduct', () => {
  it('gets its routes under /v1/<name>, behind authentication, in the OpenAPI document', async () => {
    expect((await app.inject({ method: 'POST', url: '/v1/notes/notes', payload: { title: 'x' } })).statusCode).toBe(401);
    const doc = (await app.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toContain('/v1/notes/notes/{id}');
  });

  it('stores its personal fields encrypted, and hides one user’s rows from another', async () => {
    const a = await signUp(app);
    const b = await signUp(app);
    const created = await app.inject({ method: 'POST', url: '/v1/notes/notes', headers: a.auth, payload: { title: 'Grandma’s birthday' } });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await app.inject({ url: `/v1/notes/notes/${id}`, headers: a.auth })).json().title).toBe('Grandma’s birthday');
    const other = await app.inject({ url: `/v1/notes/notes/${id}`, headers: b.auth });
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('Grandma');
    const raw = await db.database.query<{ title: string }>('SELECT title FROM notes.notes WHERE id = $1', [id]);
    expect(raw[0]!.title).toMatch(/^tb1\./);
    expect(raw[0]!.title).not.toContain('Grandma');
  });

  it('lets users take self-service roles only', async () => {
    const u = await signUp(app);
    const ok = await app.inject({ method: 'POST', url: '/v1/me/roles', headers: u.auth, payload: { product: 'notes', role: 'writer' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles).toEqual([{ product: 'notes', role: 'writer' }]);
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/me/roles',
      headers: u.auth,
      payload: { product: 'notes', role: 'editor' },
    });
    expect(refused.statusCode).toBe(403);
    const unknown = await app.inject({ method: 'POST', url: '/v1/me/roles', headers: u.auth, payload: { product: 'notes', role: 'king' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].field).toBe('role');
  });

  it('includes the product in the account export and erases its rows with the account', async () => {
    const u = await signUp(app);
    await app.inject({ method: 'POST', url: '/v1/notes/notes', headers: u.auth, payload: { title: 'first' } });
    await app.inject({ method: 'POST', url: '/v1/notes/notes', headers: u.auth, payload: { title: 'second' } });
    const exported = (await app.inject({ url: '/v1/me/export', headers: u.auth })).json();
    expect(exported.products.notes.notes.map((n: { title: string }) => n.title).sort()).toEqual(['first', 'second']);
    const del = await app.inject({ method: 'DELETE', url: '/v1/me', headers: u.auth, payload: { password: u.password } });
    expect(del.statusCode).toBe(204);
    expect(await db.database.query('SELECT 1 FROM notes.notes WHERE user_id = $1', [u.user.id])).toHaveLength(0);
    expect(await db.database.query('SELECT 1 FROM core.users WHERE id = $1', [u.user.id])).toHaveLength(0);
  });
});
