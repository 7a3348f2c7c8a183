// A streamed conversation with a chat persona, as a chat app would run it.
// Run against a server: `npx tsx examples/chat.ts` (TALKBASE_URL, default http://localhost:8080).
import { BASE_URL, Client, check, step } from './client.js';

const client = new Client();
console.log(`Talkbase chat example against ${BASE_URL}`);

await step('server is ready', () => client.api.get('/ready'));
const me = await step('sign up', () => client.signUp('chat'));
const personas = await step('list personas', async () => {
  const list = await client.api.get('/v1/chat/personas');
  check(list.length >= 6, `expected the six seed personas, got ${list.length}`);
  return list;
});
const persona = personas.find((p) => p.id === 'education-tutor') ?? personas[0]!;
const conversation = await step(`start a conversation with ${persona.name}`, () =>
  client.api.post('/v1/chat/conversations', { body: { personaId: persona.id } }),
);
const realtime = await step('follow the conversation over WebSocket', async () => {
  const rt = client.live();
  await rt.subscribe(`conversation:${conversation.id}`);
  return rt;
});

const reply = await step('send a message and stream the reply (SSE)', async () => {
  let tokens = 0;
  let done: any = null;
  let text = '';
  await client.stream(
    `/v1/chat/conversations/${conversation.id}/messages`,
    { content: 'Can you explain what a prime number is?' },
    (event, data) => {
      if (event === 'token') {
        tokens++;
        text += data.delta;
        process.stdout.write(data.delta);
      }
      if (event === 'done') done = data;
      if (event === 'error') throw new Error(`reply failed: ${data.detail}`);
    },
  );
  process.stdout.write('\n');
  check(done, 'the stream ended without a done event');
  check(tokens > 1, 'the reply did not stream token by token');
  check(done.content === text.trim() || done.content === text, 'the stored reply differs from what streamed');
  check(done.emotion, 'the reply has no emotion');
  return done;
});

await step('the completed message arrives on the conversation channel', async () => {
  const event = await realtime.next((e) => e.event === 'message.completed' && e.data.id === reply.id, 5000, 'message.completed');
  check((event.seq ?? 0) >= 2, 'events are sequenced per channel');
});
await step('regenerate the reply into a second branch', async () => {
  const again = await client.api.post('/v1/chat/messages/{id}/regenerate', { params: { path: { id: reply.id } } });
  const branches = await client.api.get('/v1/chat/messages/{id}/branches', { params: { path: { id: again.assistantMessage.id } } });
  check(branches.length === 2, `expected two branches, got ${branches.length}`);
});
await step('give feedback', async () => {
  const list = await client.api.get('/v1/chat/conversations/{id}/messages', { params: { path: { id: conversation.id } } });
  const last = list.items.at(-1)!;
  const rated = await client.api.put('/v1/chat/messages/{id}/feedback', {
    params: { path: { id: last.id } },
    body: { rating: 'up', comment: 'clear explanation' },
  });
  check(rated.feedback === 'up', 'feedback was not stored');
});
await step('find the conversation by its title', async () => {
  const found = await client.api.get('/v1/chat/conversations', { params: { query: { q: 'prime' } } });
  check(
    found.items.some((c) => c.id === conversation.id),
    'search by title did not find the conversation',
  );
});
await step('see today’s token usage', async () => {
  const usage = await client.api.get('/v1/chat/usage');
  check(usage.totalTokens > 0, 'no tokens were counted');
});
await step('delete the account', () => client.api.delete('/v1/me', { body: { password: me.password } }));
realtime.close();
console.log('chat example finished');
process.exit(0);
