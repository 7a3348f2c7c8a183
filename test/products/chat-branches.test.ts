// Regenerating and editing keep the visible history a conversation (user and reply in turn) and message_count the
// number of messages shown, also when the engine fails half way.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatProduct } from '../../src/products/chat/index.js';
import { seedPersonas } from '../../src/products/chat/personas.js';
import { createTestApp, signUp, testConfig, type TestApp } from '../support/test-app.js';
import { chatThrough, startCompatibleServer } from '../support/openai-compatible-server.js';

let t: TestApp;
let engine: Awaited<ReturnType<typeof startCompatibleServer>>;
beforeAll(async () => {
  engine = await startCompatibleServer({ reply: '광합성은 빛으로 양분을 만드는 과정입니다' });
  t = await createTestApp({ config: chatThrough(testConfig(), engine.url), deps: { products: [chatProduct] } });
  await seedPersonas(t.app.core.forProducts);
});
afterAll(async () => {
  await t?.close();
  await engine?.close();
});

interface Shown {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  parentId: string | null;
}

async function visible(auth: Record<string, string>, conversationId: string) {
  const res = await t.app.inject({ url: `/v1/chat/conversations/${conversationId}/messages?limit=100`, headers: auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Shown[];
}

async function messageCount(auth: Record<string, string>, conversationId: string) {
  const res = await t.app.inject({ url: `/v1/chat/conversations/${conversationId}`, headers: auth });
  expect(res.statusCode, res.body).toBe(200);
  const [row] = await t.database.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM chat.messages WHERE conversation_id = $1 AND active',
    [conversationId],
  );
  // What the API says is what the database holds on the active branch.
  expect(res.json().messageCount).toBe(row!.n);
  return res.json().messageCount as number;
}

/** The shown history alternates user and reply, each message answering the one shown before it. */
function expectConversation(shown: Shown[]) {
  shown.forEach((m, i) => {
    expect(m.role, shown.map((s) => s.role).join(' ')).toBe(i % 2 === 0 ? 'user' : 'assistant');
    expect(m.parentId).toBe(i === 0 ? null : shown[i - 1]!.id);
  });
}

async function send(auth: Record<string, string>, conversationId: string, content: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/v1/chat/conversations/${conversationId}/messages`,
    headers: auth,
    payload: { content },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { userMessage: Shown; assistantMessage: Shown };
}

describe('branches and message_count', () => {
  it('counts only the messages shown: after a regenerate 20, after an edit 2', async () => {
    const u = await signUp(t.app);
    const conv = (
      await t.app.inject({ method: 'POST', url: '/v1/chat/conversations', headers: u.auth, payload: { personaId: 'education-tutor' } })
    ).json() as { id: string };
    let first: { userMessage: Shown; assistantMessage: Shown } | undefined;
    let last: { userMessage: Shown; assistantMessage: Shown } | undefined;
    for (let i = 1; i <= 10; i++) {
      last = await send(u.auth, conv.id, `질문 ${i}`);
      first ??= last;
    }
    expect(await messageCount(u.auth, conv.id)).toBe(20);

    const regen = await t.app.inject({ method: 'POST', url: `/v1/chat/messages/${last!.assistantMessage.id}/regenerate`, headers: u.auth });
    expect(regen.statusCode, regen.body).toBe(201);
    const shown = await visible(u.auth, conv.id);
    expect(shown).toHaveLength(20);
    expectConversation(shown);
    expect(shown.at(-1)!.id).toBe(regen.json().assistantMessage.id);
    expect(await messageCount(u.auth, conv.id)).toBe(20);

    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/v1/chat/messages/${first!.userMessage.id}`,
      headers: u.auth,
      payload: { content: '처음부터 다시: 호흡을 설명해 주세요' },
    });
    expect(edit.statusCode, edit.body).toBe(201);
    const edited = await visible(u.auth, conv.id);
    expect(edited.map((m) => m.content)[0]).toBe('처음부터 다시: 호흡을 설명해 주세요');
    expectConversation(edited);
    expect(await messageCount(u.auth, conv.id)).toBe(2);

    // Back to the first branch: its 20 messages are shown and counted again.
    const back = await t.app.inject({ method: 'POST', url: `/v1/chat/messages/${first!.userMessage.id}/activate`, headers: u.auth });
    expect(back.statusCode, back.body).toBe(204);
    const restored = await visible(u.auth, conv.id);
    expect(restored).toHaveLength(20);
    expectConversation(restored);
    expect(await messageCount(u.auth, conv.id)).toBe(20);
    const next = await send(u.auth, conv.id, '이어서 질문합니다');
    expect(next.userMessage.parentId).toBe(restored.at(-1)!.id);
    expect(await messageCount(u.auth, conv.id)).toBe(22);
  });

  it('keeps the reply shown when its regeneration fails, and the next message follows that reply', async () => {
    const u = await signUp(t.app);
    const conv = (
      await t.app.inject({ method: 'POST', url: '/v1/chat/conversations', headers: u.auth, payload: { personaId: 'education-tutor' } })
    ).json() as { id: string };
    const exchange = await send(u.auth, conv.id, '광합성이 뭐예요?');

    engine.state.failWith = 500;
    try {
      const regen = await t.app.inject({
        method: 'POST',
        url: `/v1/chat/messages/${exchange.assistantMessage.id}/regenerate`,
        headers: u.auth,
      });
      expect(regen.statusCode, regen.body).toBeGreaterThanOrEqual(500);
      expect(regen.headers['content-type']).toContain('application/problem+json');
    } finally {
      engine.state.failWith = undefined;
    }
    const after = await visible(u.auth, conv.id);
    expect(after.map((m) => m.id)).toEqual([exchange.userMessage.id, exchange.assistantMessage.id]);
    expect(await messageCount(u.auth, conv.id)).toBe(2);

    const next = await send(u.auth, conv.id, '그럼 호흡은요?');
    expect(next.userMessage.parentId).toBe(exchange.assistantMessage.id);
    const shown = await visible(u.auth, conv.id);
    expect(shown.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expectConversation(shown);
    expect(await messageCount(u.auth, conv.id)).toBe(4);

    // The reply that failed to be rewritten can still be regenerated.
    const regen = await t.app.inject({ method: 'POST', url: `/v1/chat/messages/${next.assistantMessage.id}/regenerate`, headers: u.auth });
    expect(regen.statusCode, regen.body).toBe(201);
    expectConversation(await visible(u.auth, conv.id));
    expect(await messageCount(u.auth, conv.id)).toBe(4);
  });

  it('keeps an edit whose reply fails, as a sent message whose reply can be retried', async () => {
    const u = await signUp(t.app);
    const conv = (
      await t.app.inject({ method: 'POST', url: '/v1/chat/conversations', headers: u.auth, payload: { personaId: 'education-tutor' } })
    ).json() as { id: string };
    const one = await send(u.auth, conv.id, '첫 질문');
    await send(u.auth, conv.id, '둘째 질문');
    engine.state.failWith = 500;
    let userMessageId: string;
    try {
      const edit = await t.app.inject({
        method: 'PATCH',
        url: `/v1/chat/messages/${one.userMessage.id}`,
        headers: u.auth,
        payload: { content: '고친 질문' },
      });
      expect(edit.statusCode, edit.body).toBeGreaterThanOrEqual(500);
      userMessageId = edit.json().userMessageId;
    } finally {
      engine.state.failWith = undefined;
    }
    const shown = await visible(u.auth, conv.id);
    expect(shown.map((m) => m.content)).toEqual(['고친 질문']);
    expect(await messageCount(u.auth, conv.id)).toBe(1);
    const retry = await t.app.inject({
      method: 'POST',
      url: `/v1/chat/conversations/${conv.id}/messages/${userMessageId}/reply`,
      headers: u.auth,
    });
    expect(retry.statusCode, retry.body).toBe(201);
    expectConversation(await visible(u.auth, conv.id));
    expect(await messageCount(u.auth, conv.id)).toBe(2);
  });
});

describe('migration 0018', () => {
  it('recounts conversations stored before message_count counted only the messages shown', async () => {
    const u = await signUp(t.app);
    const conv = (
      await t.app.inject({ method: 'POST', url: '/v1/chat/conversations', headers: u.auth, payload: { personaId: 'education-tutor' } })
    ).json() as { id: string };
    const exchange = await send(u.auth, conv.id, '예전 대화');
    // As an older release left it: a hidden reply counted, and the conversation continuing from it.
    await t.database.query('UPDATE chat.messages SET active = false WHERE id = $1', [exchange.assistantMessage.id]);
    await t.database.query('UPDATE chat.conversations SET message_count = 7, last_message_id = $2 WHERE id = $1', [
      conv.id,
      exchange.assistantMessage.id,
    ]);
    const sql = fs.readFileSync(new URL('../../migrations/0018_chat_visible_message_count.sql', import.meta.url), 'utf8');
    await t.database.query(sql);
    const [row] = await t.database.query<{ message_count: number; last_message_id: string }>(
      'SELECT message_count, last_message_id FROM chat.conversations WHERE id = $1',
      [conv.id],
    );
    expect(row).toEqual({ message_count: 1, last_message_id: exchange.userMessage.id });
  });
});
