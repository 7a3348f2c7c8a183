import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signUp>>;
let member: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await signUp(t.app);
  member = await signUp(t.app);
  await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
});
afterAll(async () => t?.close());

const CATEGORIES = {
  billing: ['bill', 'invoice', 'payment', 'charge', 'refund', 'autopay', 'late fee', 'credit card'],
  roaming: ['roaming', 'abroad', 'travel', 'international', 'overseas data', 'country pass', 'airport', 'visa'],
  internet: ['router', 'wifi', 'fiber', 'modem', 'speed', 'outage', 'password', 'cable'],
  device: ['phone', 'screen', 'battery', 'repair', 'warranty', 'sim card', 'camera', 'charger'],
  plan: ['plan', 'upgrade', 'unlimited', 'family', 'contract', 'discount', 'data cap', 'downgrade'],
} as const;
const VERBS = ['how do I', 'why does my', 'can I change the', 'what happens to the', 'where is my', 'who handles the', 'when will the'];
const TAILS = ['after the move', 'this month', 'for my parents', 'on weekends', 'without a fee', 'before the trip', 'during the promotion'];
const NUMBERS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen'];

/** A small seeded generator, so the corpus is the same on every run and every database. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function corpus(size: number) {
  const rand = prng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const names = Object.keys(CATEGORIES) as (keyof typeof CATEGORIES)[];
  return Array.from({ length: size }, (_, i) => {
    const category = names[i % names.length]!;
    const words = CATEGORIES[category];
    const a = pick(words);
    const b = pick(words);
    // The spelled-out number makes every text unique, so no two chunks tie exactly.
    const tag = `${NUMBERS[i % 13]} ${NUMBERS[Math.floor(i / 13) % 13]} ${NUMBERS[Math.floor(i / 169) % 13]}`;
    return {
      content: `${pick(VERBS)} ${a} ${pick(TAILS)}? Answer about ${b} and ${a}, case ${tag}.`,
      title: `${category} question ${i + 1}`,
      documentKey: `faq-${Math.floor(i / 10)}`,
      metadata: { category, year: 2020 + (i % 7), keywords: [a, b], n: i },
    };
  });
}

function cosine(a: number[], b: number[]) {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

let corpusRows: { id: string; embedding: number[]; metadata: Record<string, unknown> }[] = [];

/** The exact top k of the faq corpus, computed here from what the database holds, independently of the code under test. */
async function exactTop(query: string, k: number, keep: (m: Record<string, unknown>) => boolean = () => true) {
  const [q] = (await t.app.core.ai.embed([query], { dimensions: corpusRows[0]!.embedding.length })).vectors;
  return corpusRows
    .filter((r) => keep(r.metadata))
    .map((r) => ({ id: r.id, score: cosine(q!, r.embedding) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k + 1);
}

/** Same top k as the exact ranking; a swap is only tolerated between scores equal to float precision. */
function expectSameTop(got: { id: string }[], exact: { id: string; score: number }[], k: number) {
  expect(got).toHaveLength(Math.min(k, exact.length));
  const top = new Set(exact.slice(0, k).map((e) => e.id));
  const kth = exact[Math.min(k, exact.length) - 1]!.score;
  for (const hit of got) {
    if (top.has(hit.id)) continue;
    const score = exact.find((e) => e.id === hit.id)?.score ?? -1;
    expect(Math.abs(score - kth)).toBeLessThan(1e-6);
  }
}

async function waitForImport(id: string) {
  const seen: number[] = [];
  for (let i = 0; i < 300; i++) {
    const res = await t.app.inject({ url: `/v1/knowledge/imports/${id}`, headers: admin.auth });
    expect(res.statusCode).toBe(200);
    const run = res.json();
    seen.push(run.done);
    if (run.status === 'completed' || run.status === 'failed') return { run, seen };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish in 15 s');
}

describe('collections', () => {
  it('admins create, list and delete collections; members read; names are unique', async () => {
    const create = (headers: Record<string, string>, payload: object) =>
      t.app.inject({ method: 'POST', url: '/v1/knowledge/collections', headers, payload });
    expect((await create(member.auth, { name: 'nope' })).statusCode).toBe(403);
    const made = await create(admin.auth, { name: 'policies', description: 'Policy documents', dimension: 64 });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({
      name: 'policies',
      dimension: 64,
      chunkCount: 0,
      embeddingModel: null,
      searchMethod: t.database.hasVector ? 'hnsw' : 'exact',
    });
    const dup = await create(admin.auth, { name: 'policies' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().type).toBe('urn:talkbase:problem:knowledge.collection_exists');
    expect((await create(admin.auth, { name: 'Bad Name' })).statusCode).toBe(400);

    const list = await t.app.inject({ url: '/v1/knowledge/collections', headers: member.auth });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { name: string }) => c.name)).toContain('policies');

    const add = await t.app.inject({
      method: 'POST',
      url: '/v1/knowledge/collections/policies/chunks',
      headers: admin.auth,
      payload: { chunks: [{ content: 'Refunds are paid within 14 days.' }] },
    });
    expect(add.statusCode).toBe(201);
    const one = await t.app.inject({ url: '/v1/knowledge/collections/policies', headers: member.auth });
    expect(one.json()).toMatchObject({ chunkCount: 1, embeddingModel: expect.any(String) });

    expect((await t.app.inject({ method: 'DELETE', url: '/v1/knowledge/collections/policies', headers: member.auth })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ method: 'DELETE', url: '/v1/knowledge/collections/policies', headers: admin.auth })).statusCode).toBe(204);
    expect((await t.app.inject({ url: '/v1/knowledge/collections/policies', headers: member.auth })).statusCode).toBe(404);
    const left = await t.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM core.knowledge_chunks c WHERE NOT EXISTS (SELECT 1 FROM core.knowledge_collections k WHERE k.id = c.collection_id)',
    );
    expect(left[0]!.n).toBe(0);
  });

  it('a vector of the wrong dimension is a clear 400, and the database refuses one too', async () => {
    await t.app.core.knowledge.createCollection({ name: 'dims', dimension: 8 });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/v1/knowledge/collections/dims/chunks',
      headers: admin.auth,
      payload: {
        chunks: [
          { content: 'eight', embedding: [1, 0, 0, 0, 0, 0, 0, 0] },
          { content: 'three', embedding: [1, 2, 3] },
        ],
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      type: 'urn:talkbase:problem:knowledge.dimension_mismatch',
      errors: [{ field: 'chunks[1].embedding' }],
    });
    expect(bad.json().detail).toContain('3 dimensions');
    const search = await t.app.inject({
      method: 'POST',
      url: '/v1/knowledge/collections/dims/search',
      headers: member.auth,
      payload: { vector: [1, 2, 3] },
    });
    expect(search.statusCode).toBe(400);
    expect(search.json()).toMatchObject({ type: 'urn:talkbase:problem:knowledge.dimension_mismatch', errors: [{ field: 'vector' }] });
    const [dims] = await t.database.query<{ id: string }>("SELECT id FROM core.knowledge_collections WHERE name = 'dims'");
    await expect(
      t.database.query(
        "INSERT INTO core.knowledge_chunks (id, collection_id, dimension, content, embedding) VALUES (gen_random_uuid(), $1, 8, 'x', '{1,2,3}')",
        [dims!.id],
      ),
    ).rejects.toThrow(/knowledge_chunks_embedding_dimension/);
    await expect(
      t.database.query(
        "INSERT INTO core.knowledge_chunks (id, collection_id, dimension, content, embedding) VALUES (gen_random_uuid(), $1, 3, 'x', '{1,2,3}')",
        [dims!.id],
      ),
      // pgvector's index expression (embedding::vector(8)) refuses it even before the foreign key does.
    ).rejects.toThrow(/knowledge_chunks_collection_fk|expected 8 dimensions, not 3/);
    expect(
      (
        await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM core.knowledge_chunks WHERE collection_id = $1', [dims!.id])
      )[0]!.n,
    ).toBe(0);
  });
});

describe('search over a 2,000-chunk corpus', () => {
  const QUERIES = [
    'how do I pay my bill with a credit card',
    'roaming data abroad before the trip',
    'my router wifi password',
    'phone battery repair under warranty',
    'upgrade to the unlimited family plan',
  ];

  beforeAll(async () => {
    await t.app.core.knowledge.createCollection({ name: 'faq', dimension: 128 });
    const docs = corpus(2000);
    for (let i = 0; i < docs.length; i += 500) await t.app.core.knowledge.addChunks('faq', docs.slice(i, i + 500));
    corpusRows = (
      await t.database.query<{ id: string; embedding: number[]; metadata: Record<string, unknown> }>(
        "SELECT c.id, c.embedding, c.metadata FROM core.knowledge_chunks c JOIN core.knowledge_collections k ON k.id = c.collection_id WHERE k.name = 'faq'",
      )
    ).map((r) => ({ ...r, embedding: r.embedding.map(Number) }));
  });

  it('returns the exact top 10 (pgvector HNSW where present, an exact scan otherwise)', async () => {
    const collection = await t.app.core.knowledge.getCollection('faq');
    expect(collection.chunkCount).toBe(2000);
    expect(collection.searchMethod).toBe(t.database.hasVector ? 'hnsw' : 'exact');
    for (const query of QUERIES) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/knowledge/collections/faq/search',
        headers: member.auth,
        payload: { query },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.searchMethod).toBe(collection.searchMethod);
      expect(body.items).toHaveLength(10);
      const scores = body.items.map((h: { score: number }) => h.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      expectSameTop(body.items, await exactTop(query, 10), 10);
    }
  });

  it('on pgvector the search really uses the HNSW index', async () => {
    const plan = await t.app.core.knowledge.explainSearch('faq', { query: QUERIES[0] });
    if (!t.database.hasVector) return expect(plan).toBeNull();
    expect(plan).toMatch(/Index Scan using knowledge_chunks_hnsw_/);
  });

  it('filters by metadata containment and numeric ranges', async () => {
    const query = 'refund for a late fee on my invoice';
    const byCategory = await t.app.core.knowledge.searchChunks('faq', { query, filter: { category: 'roaming' } });
    expect(byCategory.items).toHaveLength(10);
    expect(byCategory.items.every((h) => h.metadata.category === 'roaming')).toBe(true);
    expectSameTop(byCategory.items, await exactTop(query, 10, (m) => m.category === 'roaming'), 10);

    const byKeyword = await t.app.core.knowledge.searchChunks('faq', { query, filter: { keywords: ['refund'] }, topK: 5 });
    expect(byKeyword.items).toHaveLength(5);
    expect(byKeyword.items.every((h) => (h.metadata.keywords as string[]).includes('refund'))).toBe(true);

    const byYear = await t.app.inject({
      method: 'POST',
      url: '/v1/knowledge/collections/faq/search',
      headers: member.auth,
      payload: { query, filter: { category: 'billing' }, ranges: { year: { gte: 2024, lt: 2026 } }, topK: 20 },
    });
    expect(byYear.statusCode).toBe(200);
    const hits = byYear.json().items as { metadata: { year: number; category: string } }[];
    expect(hits).toHaveLength(20);
    expect(hits.every((h) => h.metadata.category === 'billing' && h.metadata.year >= 2024 && h.metadata.year < 2026)).toBe(true);
    expectSameTop(
      hits as never,
      await exactTop(query, 20, (m) => m.category === 'billing' && (m.year as number) >= 2024 && (m.year as number) < 2026),
      20,
    );

    const none = await t.app.core.knowledge.searchChunks('faq', { query, filter: { category: 'nothing-like-this' } });
    expect(none.items).toEqual([]);
    const badTopK = await t.app.inject({
      method: 'POST',
      url: '/v1/knowledge/collections/faq/search',
      headers: member.auth,
      payload: { query, topK: 101 },
    });
    expect(badTopK.statusCode).toBe(400);
  });

  it('the semantic cache answers a close question from the cache and counts the hit; a different one misses', async () => {
    const ask = (query: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/knowledge/collections/faq/search',
        headers: member.auth,
        payload: { query, useCache: true, filter: { category: 'billing' } },
      });
    const first = (await ask('How can I pay my phone bill online with autopay?')).json();
    expect(first.cache).toMatchObject({ hit: false, hitCount: 0 });
    const again = (await ask('how can I pay my phone bill online with autopay')).json();
    expect(again.cache).toMatchObject({
      hit: true,
      hitCount: 1,
      entryId: first.cache.entryId,
      cachedQuery: 'How can I pay my phone bill online with autopay?',
    });
    expect(again.cache.distance).toBeLessThanOrEqual(t.config.knowledge.cacheDistance);
    expect(again.items.map((h: { id: string }) => h.id)).toEqual(first.items.map((h: { id: string }) => h.id));
    const third = (await ask('How can I pay my phone bill online with autopay?')).json();
    expect(third.cache).toMatchObject({ hit: true, hitCount: 2 });
    const other = (await ask('my fiber modem has no internet since the outage')).json();
    expect(other.cache.hit).toBe(false);
    // The same question with another filter is another cache entry.
    const otherFilter = await t.app.core.knowledge.searchWithCache('faq', 'How can I pay my phone bill online with autopay?');
    expect(otherFilter.cache.hit).toBe(false);

    const rows = await t.database.query<{ query_text: string; hit_count: number; last_hit_at: Date | null }>(
      'SELECT query_text, hit_count, last_hit_at FROM core.knowledge_query_cache ORDER BY created_at, id',
    );
    expect(rows.map((r) => [r.query_text, r.hit_count])).toEqual([
      ['How can I pay my phone bill online with autopay?', 2],
      ['my fiber modem has no internet since the outage', 0],
      ['How can I pay my phone bill online with autopay?', 0],
    ]);
    expect(rows[0]!.last_hit_at).not.toBeNull();

    // New chunks make cached answers stale: they are dropped.
    await t.app.core.knowledge.addChunks('faq', [
      { content: 'Autopay pays your phone bill online every month.', metadata: { category: 'billing' } },
    ]);
    expect((await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM core.knowledge_query_cache'))[0]!.n).toBe(0);
    const fresh = (await ask('how can I pay my phone bill online with autopay')).json();
    expect(fresh.cache.hit).toBe(false);
    expect(fresh.items[0].content).toBe('Autopay pays your phone bill online every month.');

    // An entry past its TTL answers no more, and is cleared by the next miss.
    expect((await ask('how can I pay my phone bill online with autopay')).json().cache.hit).toBe(true);
    await t.database.query("UPDATE core.knowledge_query_cache SET expires_at = now() - interval '1 second'");
    const expired = (await ask('how can I pay my phone bill online with autopay')).json();
    expect(expired.cache.hit).toBe(false);
    const left = await t.database.query<{ id: string }>('SELECT id FROM core.knowledge_query_cache');
    expect(left.map((r) => r.id)).toEqual([expired.cache.entryId]);
  });
});

describe('imports', () => {
  beforeAll(async () => {
    await t.app.core.knowledge.createCollection({ name: 'docs', dimension: 128 });
  });

  const start = (payload: object, headers = admin.auth) =>
    t.app.inject({ method: 'POST', url: '/v1/knowledge/collections/docs/imports', headers, payload });

  it('imports a JSON array in the background with progress up to the total', async () => {
    const records = Array.from({ length: 150 }, (_, i) => ({
      content: `Policy ${i}: customers on plan ${i % 5} may cancel within ${i % 30} days.`,
      title: `Policy ${i}`,
      documentKey: `policy-${i}`,
      metadata: { category: i % 2 ? 'plan' : 'billing' },
      classification: 'public',
    }));
    const res = await start({ format: 'json', content: JSON.stringify(records), fileName: 'policies.json' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ format: 'json', total: 150, collection: 'docs' });
    const { run, seen } = await waitForImport(res.json().id);
    expect(run).toMatchObject({ status: 'completed', done: 150, total: 150, error: null });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const rows = await t.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM core.knowledge_chunks WHERE metadata @> \'{"classification": "public"}\'',
    );
    expect(rows[0]!.n).toBe(150);
    const [stored] = await t.database.query<{ pending: unknown; finished_at: Date | null }>(
      'SELECT pending, finished_at FROM core.knowledge_imports WHERE id = $1',
      [run.id],
    );
    expect(stored).toMatchObject({ pending: null });
    expect(stored!.finished_at).not.toBeNull();
  });

  it('imports JSONL (LangChain-style records) and names a bad line', async () => {
    const lines = [
      JSON.stringify({
        page_content: 'Roaming in the EU costs nothing extra.',
        metadata: { category: 'roaming', hypothetical_questions: ['Is EU roaming free?'] },
      }),
      '',
      JSON.stringify({ document: 'International calls cost 0.5 per minute.', cmetadata: { category: 'roaming' } }),
    ];
    const res = await start({ format: 'jsonl', content: lines.join('\n') });
    expect(res.statusCode).toBe(202);
    const { run } = await waitForImport(res.json().id);
    expect(run).toMatchObject({ status: 'completed', done: 2, total: 2 });
    const hits = await t.app.core.knowledge.searchChunks('docs', {
      query: 'is roaming in the EU free',
      filter: { category: 'roaming' },
      topK: 1,
    });
    expect(hits.items[0]).toMatchObject({
      content: 'Roaming in the EU costs nothing extra.',
      metadata: { hypothetical_questions: ['Is EU roaming free?'] },
    });

    const bad = await start({ format: 'jsonl', content: `${lines[0]}\n{"content": "fine"}\n{oops}\n` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/^line 3: is not valid JSON/);
    const noText = await start({ format: 'json', content: JSON.stringify([{ content: 'ok' }, { title: 'no text' }]) });
    expect(noText.statusCode).toBe(400);
    expect(noText.json().detail).toMatch(/^record 2: needs a non-empty "content"/);
    expect((await start({ format: 'json', content: '[]' }, member.auth)).statusCode).toBe(403);
  });

  it('an interrupted import resumes from its progress, and two runners never store a batch twice', async () => {
    const [docs] = await t.database.query<{ id: string }>("SELECT id FROM core.knowledge_collections WHERE name = 'docs'");
    const pending = Array.from({ length: 100 }, (_, i) => ({
      content: `Resumed record number ${i} about prepaid top-ups.`,
      metadata: { resumed: true },
    }));
    const id = '01900000-0000-7000-8000-000000000001';
    await t.database.query(
      "INSERT INTO core.knowledge_imports (id, collection_id, format, status, total, done, pending) VALUES ($1, $2, 'jsonl', 'running', 100, 0, $3::jsonb)",
      [id, docs!.id, JSON.stringify(pending)],
    );
    await Promise.all([t.app.core.knowledge.runImport(id), t.app.core.knowledge.runImport(id)]);
    expect(await t.app.core.knowledge.getImport(id)).toMatchObject({ status: 'completed', done: 100, total: 100 });
    const rows = await t.database.query<{ n: number; distinct: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT content)::int AS distinct FROM core.knowledge_chunks WHERE metadata @> \'{"resumed": true}\'',
    );
    expect(rows[0]).toEqual({ n: 100, distinct: 100 });
  });

  it('splits Markdown at headings, keeping the heading path as title and metadata', async () => {
    const long = Array.from({ length: 12 }, (_, i) =>
      `Paragraph ${i} about data caps and throttling after the monthly allowance is used up.`.repeat(3),
    ).join('\n\n');
    const md = `---\ncategory: plans\n---\n# Plans\n\nAll plans include calls.\n\n## Unlimited\n\nNo data cap.\n\n\`\`\`\n# not a heading\n\`\`\`\n\n## Data caps\n\n${long}\n\n# Billing\n\nBills are issued on the 1st.\n`;
    const res = await start({ format: 'markdown', content: md, fileName: 'plans.md' });
    expect(res.statusCode).toBe(202);
    const { run } = await waitForImport(res.json().id);
    expect(run.status).toBe('completed');
    expect(run.done).toBe(run.total);
    const rows = await t.database.query<{ title: string; document_key: string; content: string; metadata: Record<string, unknown> }>(
      "SELECT title, document_key, content, metadata FROM core.knowledge_chunks WHERE document_key = 'plans.md' ORDER BY (metadata->>'section')::int, (metadata->>'part')::int NULLS FIRST",
    );
    expect(rows.length).toBe(run.total);
    expect(rows[0]).toMatchObject({
      title: 'Plans',
      content: 'All plans include calls.',
      metadata: { category: 'plans', heading: 'Plans', section: 1 },
    });
    expect(rows[1]!.title).toBe('Plans > Unlimited');
    expect(rows[1]!.content).toContain('# not a heading');
    const caps = rows.filter((r) => r.title === 'Plans > Data caps');
    expect(caps.length).toBeGreaterThan(1);
    expect(caps.every((r) => r.content.length <= 1500)).toBe(true);
    expect(caps[0]!.metadata).toMatchObject({ headingPath: ['Plans', 'Data caps'], part: 1, parts: caps.length });
    expect(rows.at(-1)).toMatchObject({ title: 'Billing', content: 'Bills are issued on the 1st.' });
  });
});
