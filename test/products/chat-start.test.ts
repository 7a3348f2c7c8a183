// Starting a conversation is one statement that takes the persona only while it is active; what the user sees
// for a missing or deactivated persona, and what the database holds afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatProduct } from '../../src/products/chat/index.js';
import { seedPersonas } from '../../src/products/chat/personas.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ deps: { products: [chatProduct] } });
  await seedPersonas(t.app.core.forProducts);
});
afterAll(async () => t?.close());

const start = (auth: Record<string, string>, personaId: string) =>
  t.app.inject({ method: 'POST', url: '/v1/chat/conversations', headers: auth, payload: { personaId, title: 'Hello' } });
const countOf = async (userId: string) =>
  (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM chat.conversations WHERE user_id = $1', [userId]))[0]!.n;

describe('starting a conversation', () => {
  it('stores the conversation with an active persona and answers 201 with it', async () => {
    const u = await signUp(t.app);
    const res = await start(u.auth, 'education-tutor');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ personaId: 'education-tutor', title: 'Hello', messageCount: 0, archived: false });
    const rows = await t.database.query<{ persona_id: string; user_id: string }>(
      'SELECT persona_id, user_id FROM chat.conversations WHERE id = $1',
      [res.json().id],
    );
    expect(rows).toEqual([{ persona_id: 'education-tutor', user_id: u.user.id }]);
  });

  it('answers 404 naming personaId for a persona that does not exist, and stores nothing', async () => {
    const u = await signUp(t.app);
    const res = await start(u.auth, 'no-such-persona');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors[0].field).toBe('personaId');
    expect(await countOf(u.user.id)).toBe(0);
  });

  it('answers 409 naming personaId for a deactivated persona, and stores nothing', async () => {
    const u = await signUp(t.app);
    await t.database.query(
      "INSERT INTO chat.chatbot_personas (id, name, description, system_prompt, is_active) VALUES ('retired-one', 'Retired', 'x', 'x', false)",
    );
    const res = await start(u.auth, 'retired-one');
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe('urn:talkbase:problem:chat.persona_inactive');
    expect(res.json().errors[0].field).toBe('personaId');
    expect(await countOf(u.user.id)).toBe(0);
  });
});
