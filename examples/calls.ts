// A memorial call, as a calls app would run it: a persona, a voice recording, consent, training,
// then a call over HTTP with the persona's turns arriving on the call's WebSocket channel.
// Run against a server: `npx tsx examples/calls.ts` (TALKBASE_URL, default http://localhost:8080).
import { BASE_URL, Client, StepError, check, refusal, step } from './client.js';

/** One second of a 220 Hz tone as 16-bit mono PCM WAV: a stand-in for a real voicemail. */
function toneWav(seconds = 1, hz = 220, sampleRate = 16_000): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const wav = Buffer.alloc(44 + samples * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) wav.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / sampleRate) * 8000), 44 + i * 2);
  return wav;
}

const client = new Client();
console.log(`Talkbase calls example against ${BASE_URL}`);

await step('server is ready', () => client.api.get('/ready'));
const me = await step('sign up', () => client.signUp('caller'));
const realtime = await step('follow my notifications over WebSocket (user:<id>)', async () => {
  const rt = client.live();
  await rt.subscribe(`user:${me.id}`);
  return rt;
});
const settings = await step('read my call settings', () => client.api.get('/v1/calls/settings'));
check(settings.notificationEnabled && settings.callTimeoutSeconds === 300, 'unexpected default settings');

const persona = await step('add Grandma to my phonebook', () =>
  client.api.post('/v1/calls/personas', {
    body: {
      name: '할머니 (Grandma Rose)',
      phoneNumber: '+82 10-1234-5678',
      relationship: 'grandmother',
      memo: 'She grew tomatoes every summer, called me "sweetheart" and always asked whether I had eaten.',
    },
  }),
);
check(persona.learningStatus === 'NOT_STARTED', 'a new persona should not be trained');

await step('upload a voice recording (WAV); it is handed to the voice engine', async () => {
  const res = await fetch(`${BASE_URL}/v1/calls/personas/${persona.id}/voice-files`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${client.accessToken}`,
      'content-type': 'audio/wav',
      'x-file-name': encodeURIComponent('grandma-voicemail.wav'),
    },
    body: new Uint8Array(toneWav()),
  });
  const body = (await res.json()) as { aiFileId?: string; fileName?: string; detail?: string };
  if (res.status !== 201) throw new StepError(`upload answered ${res.status}: ${body.detail}`);
  check(body.aiFileId, 'the engine gave the file no id');
});

await step('training without consent is refused', async () => {
  const refused = await refusal(client.api.post('/v1/calls/personas/{id}/training', { params: { path: { id: persona.id } } }));
  check(refused.status === 422, `expected 422, got ${refused.status}`);
});
await step('record the voice consent', () =>
  client.api.put('/v1/calls/personas/{id}/consent', {
    params: { path: { id: persona.id } },
    body: { voiceOwner: 'Rose Kim', statement: 'I am her grandchild; our family agreed to keep her voice.' },
  }),
);
const training = await step('start training the voice', () =>
  client.api.post('/v1/calls/personas/{id}/training', { params: { path: { id: persona.id } } }),
);
check(training.learningStatus === 'IN_PROGRESS', `training is ${training.learningStatus}`);
await step('a second start while training is a 409', async () => {
  const refused = await refusal(client.api.post('/v1/calls/personas/{id}/training', { params: { path: { id: persona.id } } }));
  check(refused.status === 409, `expected 409, got ${refused.status}`);
});
await step('wait for the "voice ready" notification (or poll the training status)', async () => {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    const note = realtime.events.find((e) => e.event === 'notification.created' && e.data?.data?.personaId === persona.id);
    if (note) return check(note.data.type === 'calls.training_completed', `notification ${note.data.type}`);
    const status = await client.api.get('/v1/calls/personas/{id}/training', { params: { path: { id: persona.id } } });
    if (status.learningStatus === 'COMPLETED') return;
    check(status.learningStatus === 'IN_PROGRESS', `training ended ${status.learningStatus}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new StepError('training did not complete within 120 s');
});

const call = await step('call Grandma', () => client.api.post('/v1/calls/sessions', { body: { personaId: persona.id } }));
await step('follow the call over WebSocket (call:<id>)', () => realtime.subscribe(`call:${call.id}`, 0));
await step('dial (INIT → CONNECTING)', async () =>
  check(
    (await client.api.post('/v1/calls/sessions/{id}/dial', { params: { path: { id: call.id } } })).status === 'CONNECTING',
    'not CONNECTING',
  ),
);
await step('a forbidden transition is a 409 naming both states', async () => {
  const refused = await refusal(client.api.post('/v1/calls/sessions/{id}/dial', { params: { path: { id: call.id } } }));
  const { from, to } = refused.problem;
  check(refused.status === 409 && from === 'CONNECTING' && to === 'CONNECTING', `got ${refused.status}`);
});
await step('Grandma answers (CONNECTING → ACTIVE)', async () =>
  check((await client.api.post('/v1/calls/sessions/{id}/answer', { params: { path: { id: call.id } } })).status === 'ACTIVE', 'not ACTIVE'),
);

for (const text of ['Hi Grandma, it is me. I planted tomatoes this year, like you did.', 'Yes, I have eaten. I miss your cooking.']) {
  await step(`say: "${text}"`, async () => {
    const sent = await client.api.post('/v1/calls/sessions/{id}/turns', { params: { path: { id: call.id } }, body: { text } });
    const streamed = await realtime.next(
      (e) => e.event === 'turn.created' && e.data.id === sent.personaTurn.id,
      10_000,
      "the persona's turn on call:<id>",
    );
    const turn = streamed.data as typeof sent.personaTurn;
    console.log(`  Grandma: ${turn.text}`);
    console.log(
      `  (model ${turn.latency.modelMs} ms, speech ${turn.latency.ttsMs} ms, ${turn.audioFileId ? 'with audio' : `no audio: ${turn.audioError}`})`,
    );
    if (turn.audioFileId) {
      const audio = await fetch(`${BASE_URL}/v1/files/${turn.audioFileId}/content`, {
        headers: { authorization: `Bearer ${client.accessToken}` },
      });
      check(audio.status === 200 && (audio.headers.get('content-type') ?? '').startsWith('audio/'), `audio answered ${audio.status}`);
      await audio.arrayBuffer();
    }
  });
}

const ended = await step('hang up', () => client.api.post('/v1/calls/sessions/{id}/hangup', { params: { path: { id: call.id } } }));
check(ended.status === 'ENDED', 'not ENDED');
await step('read my recent calls', async () => {
  const page = await client.api.get('/v1/calls/logs', { params: { query: { limit: 20 } } });
  const log = page.items.find((l) => l.callSessionId === call.id);
  check(log && log.endedReason === 'user_hangup', 'the call is not in my recent calls');
  console.log(`  last call: ${log.durationSeconds} s, ${log.endedReason}`);
});
await step('read the transcript', async () => {
  const turns = await client.api.get('/v1/calls/sessions/{id}/turns', { params: { path: { id: call.id } } });
  check(turns.length === 4 && turns[1]!.speaker === 'persona', `transcript has ${turns.length} turns`);
});
realtime.close();
console.log('calls example finished');
process.exit(0);
