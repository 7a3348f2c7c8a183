import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { waitForValue } from '../support/wait-for.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUp(t.app);
  await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
  await t.app.core.knowledge.createCollection({ name: 'faq', dimension: 64 });
  await t.app.core.knowledge.createCollection({ name: 'other', dimension: 64 });
});
afterAll(async () => t?.close());

type ImportRun = { id: string; collection: string; status: string; total: number; done: number; fileName: string | null };

const startImport = async (collection: string, n: number, fileName: string) => {
  const records = Array.from({ length: n }, (_, i) => ({ content: `${fileName} answer ${i}: refunds take ${i + 1} days.` }));
  const res = await t.app.inject({
    method: 'POST',
    url: `/v1/knowledge/collections/${collection}/imports`,
    headers: admin.auth,
    payload: { format: 'jsonl', content: records.map((r) => JSON.stringify(r)).join('\n'), fileName },
  });
  expect(res.statusCode, res.body).toBe(202);
  return res.json() as ImportRun;
};

const listImports = async (collection: string, query = '') => {
  const res = await t.app.inject({ url: `/v1/knowledge/collections/${collection}/imports${query}`, headers: admin.auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: ImportRun[]; nextCursor: string | null };
};

describe('GET /v1/knowledge/collections/:name/imports', () => {
  it("lists a collection's imports newest first with their progress, a page at a time", async () => {
    const first = await startImport('faq', 3, 'first.jsonl');
    const second = await startImport('faq', 5, 'second.jsonl');
    const third = await startImport('faq', 2, 'third.jsonl');
    await startImport('other', 1, 'elsewhere.jsonl');

    const done = await waitForValue('every faq import completed', async () => {
      const page = await listImports('faq');
      return page.items.every((i) => i.status === 'completed') ? page : undefined;
    });
    expect(done.items.map((i) => [i.id, i.fileName, i.done, i.total])).toEqual([
      [third.id, 'third.jsonl', 2, 2],
      [second.id, 'second.jsonl', 5, 5],
      [first.id, 'first.jsonl', 3, 3],
    ]);
    expect(done.items.every((i) => i.collection === 'faq')).toBe(true);
    expect(done.nextCursor).toBeNull();
    const [{ n }] = await t.database.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM core.knowledge_chunks c JOIN core.knowledge_collections k ON k.id = c.collection_id WHERE k.name = 'faq'",
    );
    expect(n).toBe(10);

    const page1 = await listImports('faq', '?limit=2');
    expect(page1.items.map((i) => i.id)).toEqual([third.id, second.id]);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await listImports('faq', `?limit=2&cursor=${page1.nextCursor}`);
    expect(page2.items.map((i) => i.id)).toEqual([first.id]);
    expect(page2.nextCursor).toBeNull();
  });

  it('answers 404 for an unknown collection, 400 naming a bad cursor, 403 for a non-admin', async () => {
    const missing = await t.app.inject({ url: '/v1/knowledge/collections/nope/imports', headers: admin.auth });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const cursor = Buffer.from(JSON.stringify(['not a date', 'x'])).toString('base64url');
    const bad = await t.app.inject({ url: `/v1/knowledge/collections/faq/imports?cursor=${cursor}`, headers: admin.auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    const member = await signUp(t.app);
    const refused = await t.app.inject({ url: '/v1/knowledge/collections/faq/imports', headers: member.auth });
    expect(refused.statusCode).toBe(403);
  });
});
