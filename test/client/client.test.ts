import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTalkbaseClient, TalkbaseProblem, type ResponseOf } from '@talkbase/client';
import { createRealtimeClient, type RealtimeEvent } from '@talkbase/client/realtime';
import { chatProduct } from '../../src/products/chat/index.js';
import { seedPersonas } from '../../src/products/chat/personas.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestApp({ deps: { products: [chatProduct] } });
  await seedPersonas(t.app.core.forProducts);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
});
afterAll(async () => t?.close());

describe('@talkbase/client against a listening server', () => {
  it('signs up and in, lists personas, starts a conversation and sends a message, typed end to end', async () => {
    let token: string | null = null;
    const client = createTalkbaseClient({ baseUrl, getToken: () => token });
    const email = `client-${randomBytes(4).toString('hex')}@example.com`;
    const registered = await client.post('/v1/auth/register', { body: { email, password: 'correct horse battery' } });
    expect(registered.user.email).toBe(email);
    const login = await client.post('/v1/auth/login', { body: { email, password: 'correct horse battery' } });
    token = login.tokens.accessToken;
    const me = await client.get('/v1/me');
    expect(me.id).toBe(registered.user.id);

    const personas: ResponseOf<'/v1/chat/personas', 'get'> = await client.get('/v1/chat/personas');
    expect(personas.map((p) => p.id)).toContain('education-tutor');
    const conversation = await client.post('/v1/chat/conversations', { body: { personaId: 'education-tutor' } });
    const sent = await client.post('/v1/chat/conversations/{id}/messages', {
      params: { path: { id: conversation.id } },
      body: { content: 'Hello from the typed client' },
    });
    expect(sent.userMessage.content).toBe('Hello from the typed client');
    expect(sent.assistantMessage.role).toBe('assistant');
    const [row] = await t.database.query<{ content: string }>('SELECT content FROM chat.messages WHERE id = $1', [sent.userMessage.id]);
    expect(row?.content).toBe('Hello from the typed client');

    const page = await client.get('/v1/chat/conversations/{id}/messages', { params: { path: { id: conversation.id } } });
    expect(page.items.map((m) => m.id)).toContain(sent.assistantMessage.id);
  });

  it('rejects a refused request with a TalkbaseProblem naming the field', async () => {
    const client = createTalkbaseClient({ baseUrl });
    const refused = await client
      .post('/v1/auth/register', { body: { email: 'not an address', password: 'correct horse battery' } })
      .catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(TalkbaseProblem);
    const problem = refused as TalkbaseProblem;
    expect(problem.status).toBe(400);
    expect(problem.code).toBe('validation');
    expect(problem.type).toBe('urn:talkbase:problem:validation');
    expect(problem.errors.map((e) => e.field)).toContain('email');
    expect(problem.field('email')).toBeTruthy();

    const anonymous = await client.get('/v1/me').catch((err: unknown) => err);
    expect(anonymous).toBeInstanceOf(TalkbaseProblem);
    expect((anonymous as TalkbaseProblem).status).toBe(401);
  });

  it('receives a conversation’s events on the realtime client (ws on Node.js) and replays them from a sequence number', async () => {
    const email = `rt-${randomBytes(4).toString('hex')}@example.com`;
    const anonymous = createTalkbaseClient({ baseUrl });
    const session = await anonymous.post('/v1/auth/register', { body: { email, password: 'correct horse battery' } });
    const token = session.tokens.accessToken;
    const client = createTalkbaseClient({ baseUrl, token });
    const conversation = await client.post('/v1/chat/conversations', { body: { personaId: 'education-tutor' } });
    const channel = `conversation:${conversation.id}`;

    const live = createRealtimeClient({ baseUrl, getToken: () => token, WebSocket });
    const received: RealtimeEvent[] = [];
    try {
      live.subscribe(channel, (e) => received.push(e));
      await live.subscribed(channel);
      expect(live.connectionState).toBe('online');
      await client.post('/v1/chat/conversations/{id}/messages', {
        params: { path: { id: conversation.id } },
        body: { content: 'Is anyone listening?' },
      });
      await waitFor(() => received.some((e) => e.event === 'message.completed'));
      const created = received.find((e) => e.event === 'message.created');
      expect(created?.data.content).toBe('Is anyone listening?');
    } finally {
      live.close();
    }

    // A second client that starts from sequence 0 gets the stored events again, in order.
    const replay = createRealtimeClient({ baseUrl, getToken: () => token, WebSocket });
    const replayed: RealtimeEvent[] = [];
    try {
      replay.subscribe(channel, (e) => replayed.push(e), 0);
      await waitFor(() => replayed.some((e) => e.event === 'message.completed'));
      const stored = (events: RealtimeEvent[]) => events.filter((e) => e.seq !== undefined).map((e) => `${e.seq} ${e.event}`);
      expect(stored(replayed)).toEqual(stored(received));
      expect(stored(replayed).length).toBeGreaterThanOrEqual(2);
      // A channel the account may not follow is refused, and the refusal reaches the caller.
      const refused = replay.subscribed('conversation:00000000-0000-4000-8000-000000000000');
      replay.subscribe('conversation:00000000-0000-4000-8000-000000000000', () => undefined);
      await expect(refused).rejects.toThrow(/realtime\.channel_not_found/);
    } finally {
      replay.close();
    }
  });
});
