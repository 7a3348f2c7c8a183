import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatProduct } from '../../src/products/chat/index.js';
import { purgeExpired } from '../../src/core/retention/retention.js';
import { createManualClock, DAY_MS } from '../../src/core/time/clock.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

const clock = createManualClock('2026-01-01T12:00:00Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ deps: { products: [chatProduct], clock } });
});
afterAll(async () => t?.close());

describe('archiving inactive conversations', () => {
  it('archives after six months without activity, keeps it readable, and a new message restores it', async () => {
    const u = await signUp(t.app);
    // Access tokens last minutes: after moving the clock by months the user signs in again.
    const signIn = async () => {
      const res = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: u.password } });
      u.auth.authorization = `Bearer ${res.json().tokens.accessToken}`;
    };
    const start = (personaId: string) =>
      t.app
        .inject({ method: 'POST', url: '/v1/chat/conversations', headers: u.auth, payload: { personaId } })
        .then((r) => r.json().id as string);
    const quiet = await start('business-assistant');
    await t.app.inject({
      method: 'POST',
      url: `/v1/chat/conversations/${quiet}/messages`,
      headers: u.auth,
      payload: { content: 'Draft a memo about Q3' },
    });
    clock.advance(100 * DAY_MS);
    await signIn();
    const busy = await start('personal-assistant');
    await t.app.inject({
      method: 'POST',
      url: `/v1/chat/conversations/${busy}/messages`,
      headers: u.auth,
      payload: { content: 'Plan my week' },
    });

    clock.advance(90 * DAY_MS);
    const report = await purgeExpired(t.app.core, { policies: [{ owner: 'chat', policy: chatProduct.retention![0]! }] });
    expect(report.policies[0]!.rows).toBe(1);
    await signIn();
    const active = (await t.app.inject({ url: '/v1/chat/conversations', headers: u.auth })).json();
    expect(active.items.map((c: { id: string }) => c.id)).toEqual([busy]);
    const archived = (await t.app.inject({ url: '/v1/chat/conversations?archived=true', headers: u.auth })).json();
    expect(archived.items.map((c: { id: string; archived: boolean }) => [c.id, c.archived])).toEqual([[quiet, true]]);
    const messages = (await t.app.inject({ url: `/v1/chat/conversations/${quiet}/messages`, headers: u.auth })).json();
    expect(messages.items).toHaveLength(2);

    const again = await t.app.inject({
      method: 'POST',
      url: `/v1/chat/conversations/${quiet}/messages`,
      headers: u.auth,
      payload: { content: 'Back to that memo' },
    });
    expect(again.statusCode).toBe(201);
    const [row] = await t.database.query<{ archived_at: Date | null; message_count: number }>(
      'SELECT archived_at, message_count FROM chat.conversations WHERE id = $1',
      [quiet],
    );
    expect(row).toEqual({ archived_at: null, message_count: 4 });
    const restored = (await t.app.inject({ url: '/v1/chat/conversations', headers: u.auth })).json();
    expect(restored.items.map((c: { id: string }) => c.id)).toEqual([quiet, busy]);
  });
});
