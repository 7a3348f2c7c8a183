import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { chatProduct } from '../../src/products/chat/index.js';
import { seedPersonas } from '../../src/products/chat/personas.js';
import { conversationsPageQuery, messagesPageQuery } from '../../src/products/chat/conversations.js';
import { SEED_PERSONAS } from '../../src/products/chat/seed-personas.js';
import { createTestApp, signUp, testConfig, type TestApp } from '../support/test-app.js';
import { queryPlan } from '../support/query-plan.js';
import { chatThrough, startCompatibleServer } from '../support/openai-compatible-server.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ deps: { products: [chatProduct] } });
  await seedPersonas(t.app.core.forProducts);
});
afterAll(async () => t?.close());

async function startConversation(app: FastifyInstance, auth: Record<string, string>, personaId = 'education-tutor') {
  const res = await app.inject({ method: 'POST', url: '/v1/chat/conversations', headers: auth, payload: { personaId } });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; title: string | null };
}

describe('personas', () => {
  it('seeds six active personas with real system prompts and avatar models', async () => {
    const u = await signUp(t.app);
    const res = await t.app.inject({ url: '/v1/chat/personas', headers: u.auth });
    expect(res.statusCode).toBe(200);
    const list = res.json() as { id: string; systemPrompt: string; avatarModel: string }[];
    expect(list.map((p) => p.id).sort()).toEqual(SEED_PERSONAS.map((p) => p.id).sort());
    for (const p of list) {
      expect(p.systemPrompt.length).toBeGreaterThan(200);
      expect(p.avatarModel).toMatch(/\.glb$/);
    }
    expect((await t.app.inject({ url: '/v1/chat/personas' })).statusCode).toBe(401);
  });

  it('round-trips a Character Card V2 and lets only admins manage personas', async () => {
    const u = await signUp(t.app);
    const card = (await t.app.inject({ url: '/v1/chat/personas/customer-service/card', headers: u.auth })).json();
    expect(card.spec).toBe('chara_card_v2');
    expect(card.data.system_prompt).toContain('customer-service agent');
    const refused = await t.app.inject({
      method: 'POST',
      url: '/v1/chat/personas/import',
      headers: u.auth,
      payload: { card, id: 'support-copy' },
    });
    expect(refused.statusCode).toBe(403);
    await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [u.user.id]);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/v1/chat/personas/import',
      headers: u.auth,
      payload: { card, id: 'support-copy' },
    });
    expect(imported.statusCode).toBe(201);
    expect(imported.json().systemPrompt).toBe(card.data.system_prompt);
    const off = await t.app.inject({
      method: 'PATCH',
      url: '/v1/chat/personas/support-copy',
      headers: u.auth,
      payload: { isActive: false },
    });
    expect(off.json().isActive).toBe(false);
    const start = await t.app.inject({
      method: 'POST',
      url: '/v1/chat/conversations',
      headers: u.auth,
      payload: { personaId: 'support-copy' },
    });
    expect(start.statusCode).toBe(409);
    expect(start.json().errors[0].field).toBe('personaId');
  });
});

describe('conversations', () => {
  it('sends a message, stores the reply with emotion, tokens, provider and model, and titles the conversation', async () => {
    const u = await signUp(t.app);
    const conv = await startConversation(t.app, u.auth);
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/chat/conversations/${conv.id}/messages`,
      headers: u.auth,
      payload: { content: 'How do fractions work?\nI always get confused.' },
    });
    expect(res.statusCode).toBe(201);
    const { userMessage, assistantMessage } = res.json();
    expect(userMessage.content).toContain('fractions');
    expect(assistantMessage.content.length).toBeGreaterThan(10);
    expect(['neutral', 'happy', 'sad', 'angry', 'surprised', 'relaxed']).toContain(assistantMessage.emotion);
    expect(assistantMessage.tokensUsed).toBeGreaterThan(0);
    expect(assistantMessage.provider).toBe('offline');
    expect(assistantMessage.parentId).toBe(userMessage.id);
    const c = (await t.app.inject({ url: `/v1/chat/conversations/${conv.id}`, headers: u.auth })).json();
    expect(c.title).toBe('How do fractions work?');
    expect(c.messageCount).toBe(2);
    const usage = (await t.app.inject({ url: '/v1/chat/usage', headers: u.auth })).json();
    expect(usage.totalTokens).toBe(assistantMessage.tokensUsed);
  });

  it('keeps message_count exact with 20 messages sent at once', async () => {
    const u = await signUp(t.app);
    const conv = await startConversation(t.app, u.auth);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: `/v1/chat/conversations/${conv.id}/messages`,
          headers: u.auth,
          payload: { content: `message number ${i}` },
        }),
      ),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const [row] = await t.database.query<{ message_count: number; n: string | number }>(
      'SELECT c.message_count, (SELECT count(*) FROM chat.messages m WHERE m.conversation_id = c.id) AS n FROM chat.conversations c WHERE c.id = $1',
      [conv.id],
    );
    expect(row!.message_count).toBe(40);
    expect(Number(row!.n)).toBe(40);
    const page = (await t.app.inject({ url: `/v1/chat/conversations/${conv.id}/messages?limit=100`, headers: u.auth })).json();
    expect(page.items).toHaveLength(40);
    const inOrder = await t.database.query<{ id: string }>(
      'SELECT id FROM chat.messages WHERE conversation_id = $1 ORDER BY created_at, id',
      [conv.id],
    );
    expect(page.items.map((m: { id: string }) => m.id)).toEqual(inOrder.map((m) => m.id));
    // Paging by 7 (messages sent at once share timestamps, so the id breaks ties) gives the same 40, once each.
    for (const all of ['', '&all=true']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 10; pages++) {
        const url: string = `/v1/chat/conversations/${conv.id}/messages?limit=7${all}${cursor ? `&cursor=${cursor}` : ''}`;
        const next: { items: { id: string }[]; nextCursor: string | null } = (await t.app.inject({ url, headers: u.auth })).json();
        seen.push(...next.items.map((m) => m.id));
        cursor = next.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(inOrder.map((m) => m.id));
    }
    const badTime = Buffer.from(JSON.stringify(['not a time', inOrder[0]!.id])).toString('base64url');
    const refused = await t.app.inject({ url: `/v1/chat/conversations/${conv.id}/messages?cursor=${badTime}`, headers: u.auth });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('answers 404 for another user’s conversation and its messages', async () => {
    const a = await signUp(t.app);
    const b = await signUp(t.app);
    const conv = await startConversation(t.app, a.auth);
    await t.app.inject({
      method: 'POST',
      url: `/v1/chat/conversations/${conv.id}/messages`,
      headers: a.auth,
      payload: { content: 'my secret plan' },
    });
    for (const [method, url, payload] of [
      ['GET', `/v1/chat/conversations/${conv.id}`],
      ['GET', `/v1/chat/conversations/${conv.id}/messages`],
      ['POST', `/v1/chat/conversations/${conv.id}/messages`, { content: 'hi' }],
      ['DELETE', `/v1/chat/conversations/${conv.id}`],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: b.auth, payload });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.body).not.toContain('secret');
    }
    const list = (await t.app.inject({ url: '/v1/chat/conversations', headers: b.auth })).json();
    expect(list.items).toHaveLength(0);
  });

  it('lists newest activity first with keyset pages and searches titles', async () => {
    const u = await signUp(t.app);
    const ids: string[] = [];
    for (const title of ['Trip to Rome', 'Budget for May', 'Rome restaurants']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/chat/conversations',
        headers: u.auth,
        payload: { personaId: 'personal-assistant', title },
      });
      ids.push(res.json().id);
    }
    await t.app.inject({
      method: 'POST',
      url: `/v1/chat/conversations/${ids[0]}/messages`,
      headers: u.auth,
      payload: { content: 'hello again' },
    });
    const first = (await t.app.inject({ url: '/v1/chat/conversations?limit=2', headers: u.auth })).json();
    expect(first.items.map((c: { id: string }) => c.id)).toEqual([ids[0], ids[2]]);
    const second = (await t.app.inject({ url: `/v1/chat/conversations?limit=2&cursor=${first.nextCursor}`, headers: u.auth })).json();
    expect(second.items.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
    expect(second.nextCursor).toBeNull();
    const found = (await t.app.inject({ url: '/v1/chat/conversations?q=rome', headers: u.auth })).json();
    expect(found.items.map((c: { title: string }) => c.title).sort()).toEqual(['Rome restaurants', 'Trip to Rome']);
    const del = await t.app.inject({ method: 'DELETE', url: `/v1/chat/conversations/${ids[0]}`, headers: u.auth });
    expect(del.statusCode).toBe(204);
    expect(await t.database.query('SELECT 1 FROM chat.messages WHERE conversation_id = $1', [ids[0]])).toHaveLength(0);
  });

  it('regenerates the latest reply and edits a message into a branch, keeping the old branch', async () => {
    const u = await signUp(t.app);
    const conv = await startConversation(t.app, u.auth);
    const first = (
      await t.app.inject({
        method: 'POST',
        url: `/v1/chat/conversations/${conv.id}/messages`,
        headers: u.auth,
        payload: { content: 'Explain photosynthesis' },
      })
    ).json();
    const regen = await t.app.inject({ method: 'POST', url: `/v1/chat/messages/${first.assistantMessage.id}/regenerate`, headers: u.auth });
    expect(regen.statusCode).toBe(201);
    const branches = (await t.app.inject({ url: `/v1/chat/messages/${first.assistantMessage.id}/branches`, headers: u.auth })).json();
    expect(branches.map((m: { id: string }) => m.id)).toEqual([first.assistantMessage.id, regen.json().assistantMessage.id]);
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/v1/chat/messages/${first.userMessage.id}`,
      headers: u.auth,
      payload: { content: 'Explain respiration instead' },
    });
    expect(edit.statusCode).toBe(201);
    const shown = (await t.app.inject({ url: `/v1/chat/conversations/${conv.id}/messages`, headers: u.auth })).json();
    expect(shown.items.map((m: { content: string }) => m.content)[0]).toBe('Explain respiration instead');
    expect(shown.items).toHaveLength(2);
    const everything = (await t.app.inject({ url: `/v1/chat/conversations/${conv.id}/messages?all=true`, headers: u.auth })).json();
    expect(everything.items).toHaveLength(5);
    const back = await t.app.inject({ method: 'POST', url: `/v1/chat/messages/${first.assistantMessage.id}/activate`, headers: u.auth });
    expect(back.statusCode).toBe(204);
    const restored = (await t.app.inject({ url: `/v1/chat/conversations/${conv.id}/messages`, headers: u.auth })).json();
    expect(restored.items.map((m: { id: string }) => m.id)).toEqual([first.userMessage.id, first.assistantMessage.id]);
    const stale = await t.app.inject({ method: 'POST', url: `/v1/chat/messages/${branches[1].id}/regenerate`, headers: u.auth });
    expect(stale.statusCode).toBe(409);
  });

  it('records feedback on replies only', async () => {
    const u = await signUp(t.app);
    const conv = await startConversation(t.app, u.auth);
    const ex = (
      await t.app.inject({
        method: 'POST',
        url: `/v1/chat/conversations/${conv.id}/messages`,
        headers: u.auth,
        payload: { content: 'Quiz me on capitals' },
      })
    ).json();
    const up = await t.app.inject({
      method: 'PUT',
      url: `/v1/chat/messages/${ex.assistantMessage.id}/feedback`,
      headers: u.auth,
      payload: { rating: 'down', comment: 'too short' },
    });
    expect(up.json().feedback).toBe('down');
    const [row] = await t.database.query<{ feedback: number; feedback_comment: string }>(
      'SELECT feedback, feedback_comment FROM chat.messages WHERE id = $1',
      [ex.assistantMessage.id],
    );
    expect(row).toEqual({ feedback: -1, feedback_comment: 'too short' });
    const onUser = await t.app.inject({
      method: 'PUT',
      url: `/v1/chat/messages/${ex.userMessage.id}/feedback`,
      headers: u.auth,
      payload: { rating: 'up' },
    });
    expect(onUser.statusCode).toBe(400);
  });

  it('keeps preferences with defaults', async () => {
    const u = await signUp(t.app);
    const defaults = (await t.app.inject({ url: '/v1/chat/preferences', headers: u.auth })).json();
    expect(defaults).toMatchObject({
      theme: 'light',
      language: 'en',
      voiceEnabled: false,
      avatarCustomization: {},
      preferredPersona: null,
    });
    const set = await t.app.inject({
      method: 'PUT',
      url: '/v1/chat/preferences',
      headers: u.auth,
      payload: { theme: 'dark', preferredPersona: 'entertainment-bot', avatarCustomization: { hair: 'blue' } },
    });
    expect(set.json()).toMatchObject({ theme: 'dark', preferredPersona: 'entertainment-bot', language: 'en' });
    const bad = await t.app.inject({ method: 'PUT', url: '/v1/chat/preferences', headers: u.auth, payload: { theme: 'purple' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('theme');
  });
});

describe('engine failure and stopping', () => {
  it('keeps the user message when the engine fails, and a retry produces the reply', async () => {
    const down = await startCompatibleServer({ failWith: 500 });
    const failing = await buildApp(testConfig(chatThrough(testConfig(), down.url)), {
      logger: false,
      database: t.database,
      keyring: t.keyring,
      products: [chatProduct],
    });
    try {
      const u = await signUp(t.app);
      const conv = await startConversation(t.app, u.auth);
      const res = await failing.inject({
        method: 'POST',
        url: `/v1/chat/conversations/${conv.id}/messages`,
        headers: u.auth,
        payload: { content: 'Are you there?' },
      });
      expect(res.statusCode).toBeGreaterThanOrEqual(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const userMessageId = res.json().userMessageId as string;
      const stored = await t.database.query<{ role: string; content: string }>(
        'SELECT role, content FROM chat.messages WHERE conversation_id = $1',
        [conv.id],
      );
      expect(stored).toEqual([{ role: 'user', content: 'Are you there?' }]);
      const retry = await t.app.inject({
        method: 'POST',
        url: `/v1/chat/conversations/${conv.id}/messages/${userMessageId}/reply`,
        headers: u.auth,
      });
      expect(retry.statusCode).toBe(201);
      expect(retry.json().assistantMessage.parentId).toBe(userMessageId);
      const again = await t.app.inject({
        method: 'POST',
        url: `/v1/chat/conversations/${conv.id}/messages/${userMessageId}/reply`,
        headers: u.auth,
      });
      expect(again.statusCode).toBe(409);
    } finally {
      await failing.close();
      await down.close();
    }
  });

  it('streams over SSE, and a stopped stream leaves an unfinished reply', async () => {
    const slow = await startCompatibleServer({ tokenDelayMs: 40, reply: Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ') });
    const app = await buildApp(testConfig(chatThrough(testConfig(), slow.url)), {
      logger: false,
      database: t.database,
      keyring: t.keyring,
      products: [chatProduct],
    });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
      const u = await signUp(app);
      const conv = await startConversation(app, u.auth);
      const res = await fetch(`${base}/v1/chat/conversations/${conv.id}/messages`, {
        method: 'POST',
        headers: { ...u.auth, 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ content: 'Tell me a long story' }),
      });
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      const events: { event: string; data: any }[] = [];
      let stopped = false;
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let idx;
        while ((idx = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, idx);
          buffer = buffer.slice(idx + 2);
          const event = /^event: (.*)$/m.exec(block)![1]!;
          events.push({ event, data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) });
          if (event === 'token' && events.filter((e) => e.event === 'token').length === 3 && !stopped) {
            stopped = true;
            const stop = await app.inject({ method: 'POST', url: `/v1/chat/conversations/${conv.id}/stop`, headers: u.auth });
            expect(stop.json().stopped).toBe(1);
          }
        }
      }
      expect(events[0]!.event).toBe('message');
      const done = events.at(-1)!;
      expect(done.event).toBe('done');
      expect(done.data.unfinished).toBe(true);
      expect(done.data.content.split(' ').length).toBeLessThan(40);
      const [row] = await t.database.query<{ unfinished: boolean; content: string }>(
        'SELECT unfinished, content FROM chat.messages WHERE id = $1',
        [done.data.id],
      );
      expect(row!.unfinished).toBe(true);
      expect(row!.content).toMatch(/^word0 word1 word2/);
    } finally {
      await app.close();
      await slow.close();
    }
  });
});

describe('daily token limit', () => {
  it('answers 429 with Retry-After once the day’s tokens are used', async () => {
    const app = await buildApp(testConfig({ productEnvironment: { CHAT_DAILY_TOKEN_LIMIT: '1' } }), {
      logger: false,
      database: t.database,
      keyring: t.keyring,
      products: [chatProduct],
    });
    try {
      const u = await signUp(app);
      const conv = await startConversation(app, u.auth);
      const first = await app.inject({
        method: 'POST',
        url: `/v1/chat/conversations/${conv.id}/messages`,
        headers: u.auth,
        payload: { content: 'hello' },
      });
      expect(first.statusCode).toBe(201);
      const second = await app.inject({
        method: 'POST',
        url: `/v1/chat/conversations/${conv.id}/messages`,
        headers: u.auth,
        payload: { content: 'hello again' },
      });
      expect(second.statusCode).toBe(429);
      expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
      expect(await t.database.query('SELECT 1 FROM chat.messages WHERE conversation_id = $1', [conv.id])).toHaveLength(2);
    } finally {
      await app.close();
    }
  });
});

describe('query plans at 50,000 messages', () => {
  it('serves the message page and the conversation list from their indexes', async () => {
    await t.database.query(`
      INSERT INTO core.users (id, email, email_bidx, password_hash)
        SELECT ('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid, 'tb1.k.x', 'plan.' || i, 'x' FROM generate_series(1, 100) i;
      INSERT INTO chat.conversations (id, user_id, persona_id, title, message_count, created_at, updated_at)
        SELECT ('00000000-0000-7000-9000-' || lpad(i::text, 12, '0'))::uuid, ('00000000-0000-7000-8000-' || lpad((1 + i % 100)::text, 12, '0'))::uuid,
               'business-assistant', 'plan ' || i, 25, now() - (i || ' minutes')::interval, now() - (i || ' seconds')::interval
        FROM generate_series(1, 2000) i;
      INSERT INTO chat.messages (id, conversation_id, role, content, created_at)
        SELECT gen_random_uuid(), ('00000000-0000-7000-9000-' || lpad((1 + i % 2000)::text, 12, '0'))::uuid,
               CASE WHEN i % 2 = 0 THEN 'user' ELSE 'assistant' END, 'message ' || i, now() - (i || ' seconds')::interval
        FROM generate_series(1, 50000) i;
      ANALYZE chat.messages; ANALYZE chat.conversations;`);
    const plan = (query: Parameters<typeof queryPlan>[1]) => queryPlan(t.database, query);
    const conv = '00000000-0000-7000-9000-000000000007';
    const messagesPlan = await plan(messagesPageQuery(t.app.core.db, conv, { limit: 20 }));
    expect(messagesPlan).toContain('messages_conversation_created_idx');
    expect(messagesPlan).not.toMatch(/"Seq Scan"[^}]*"Relation Name":"messages"/);
    const listPlan = await plan(conversationsPageQuery(t.app.core.db, '00000000-0000-7000-8000-000000000007', { limit: 20 }));
    expect(listPlan).toContain('conversations_user_updated_idx');
    expect(listPlan).not.toContain('"Seq Scan"');
  });
});
