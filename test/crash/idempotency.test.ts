import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatProduct } from '../../src/products/chat/index.js';
import { interviewProduct } from '../../src/products/interview/index.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ deps: { products: [chatProduct, interviewProduct] } });
});
afterAll(async () => t?.close());

async function conversation(auth: Record<string, string>) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/chat/conversations',
    headers: auth,
    payload: { personaId: 'business-assistant' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const countMessages = async (conversationId: string) =>
  Number(
    (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM chat.messages WHERE conversation_id = $1', [conversationId]))[0]!
      .n,
  );

describe('Idempotency-Key on writes', () => {
  it('replays the stored answer to a retry with the same key and writes nothing more', async () => {
    const user = await signUp(t.app);
    const id = await conversation(user.auth);
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: `/v1/chat/conversations/${id}/messages`,
        headers: { ...user.auth, 'idempotency-key': 'send-1' },
        payload: { content: 'hello once' },
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(await countMessages(id)).toBe(2);
    const again = await send();
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await countMessages(id)).toBe(2);
    const [row] = await t.database.query<{ status: number }>('SELECT status FROM core.idempotency_keys WHERE user_id = $1', [user.user.id]);
    expect(row!.status).toBe(201);

    // Another account's identical key is its own.
    const other = await signUp(t.app);
    const otherId = await conversation(other.auth);
    const theirs = await t.app.inject({
      method: 'POST',
      url: `/v1/chat/conversations/${otherId}/messages`,
      headers: { ...other.auth, 'idempotency-key': 'send-1' },
      payload: { content: 'hello once' },
    });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses the same key for a different request (422) and a bad key (400), naming the header', async () => {
    const user = await signUp(t.app);
    const id = await conversation(user.auth);
    const post = (key: string, content: string) =>
      t.app.inject({
        method: 'POST',
        url: `/v1/chat/conversations/${id}/messages`,
        headers: { ...user.auth, 'idempotency-key': key },
        payload: { content },
      });
    expect((await post('k', 'one')).statusCode).toBe(201);
    const reused = await post('k', 'two');
    expect(reused.statusCode).toBe(422);
    expect(reused.headers['content-type']).toContain('application/problem+json');
    expect(reused.json().errors).toEqual([{ field: 'Idempotency-Key', message: 'was used for a different request' }]);
    const long = await post('x'.repeat(201), 'three');
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].field).toBe('Idempotency-Key');
    expect(await countMessages(id)).toBe(2);
  });

  it('lets one of several concurrent requests with one key write; the others are told to retry, then get its answer', async () => {
    const user = await signUp(t.app);
    const start = () =>
      t.app.inject({
        method: 'POST',
        url: '/v1/interview/sessions',
        headers: { ...user.auth, 'idempotency-key': 'start-1' },
        payload: { position: 'Backend engineer', questionCount: 1 },
      });
    const answers = await Promise.all(Array.from({ length: 5 }, start));
    const created = answers.filter((a) => a.statusCode === 201);
    expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 409)).toBe(true);
    for (const busy of answers.filter((a) => a.statusCode === 409)) {
      expect(busy.json().type).toBe('urn:talkbase:problem:idempotency.in_progress');
      expect(busy.headers['retry-after']).toBe('1');
    }
    const sessions = await t.database.query<{ id: string }>('SELECT id FROM interview.interview_sessions WHERE user_id = $1', [
      user.user.id,
    ]);
    expect(sessions).toHaveLength(1);
    expect(new Set(created.map((a) => a.json().session.id))).toEqual(new Set([sessions[0]!.id]));
    const later = await start();
    expect(later.statusCode).toBe(201);
    expect(later.json().session.id).toBe(sessions[0]!.id);
  });

  it('a request whose changes committed but whose answer was never stored is not run again', async () => {
    const user = await signUp(t.app);
    const id = await conversation(user.auth);
    // What a process killed between its commit and its answer leaves behind: the key row without an answer.
    const hash = await (async () => {
      const first = await t.app.inject({
        method: 'POST',
        url: `/v1/chat/conversations/${id}/messages`,
        headers: { ...user.auth, 'idempotency-key': 'cut-off' },
        payload: { content: 'cut off' },
      });
      expect(first.statusCode).toBe(201);
      await t.database.query('UPDATE core.idempotency_keys SET status = NULL, body = NULL WHERE user_id = $1', [user.user.id]);
      return first;
    })();
    expect(hash.statusCode).toBe(201);
    const retry = await t.app.inject({
      method: 'POST',
      url: `/v1/chat/conversations/${id}/messages`,
      headers: { ...user.auth, 'idempotency-key': 'cut-off' },
      payload: { content: 'cut off' },
    });
    expect(retry.statusCode).toBe(409);
    expect(retry.json().type).toBe('urn:talkbase:problem:idempotency.in_progress');
    expect(await countMessages(id)).toBe(2);
  });
});
