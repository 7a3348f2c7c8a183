import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTalkbaseClient } from '@talkbase/client';
import { connectVoiceSocket, FRAME_BYTES, VoiceError, type VoiceEvent } from '@talkbase/client/voice';
import { interviewProduct } from '../../src/products/interview/index.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  t = await createTestApp({ deps: { products: [interviewProduct] } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
});
afterAll(async () => t?.close());

describe('@talkbase/client voice socket on Node.js (ws)', () => {
  it(
    'starts an interview’s voice connection, hears the question spoken first, sends paced frames and ends',
    { timeout: 60_000 },
    async () => {
      const u = await signUp(t.app);
      const token = u.tokens.accessToken;
      const client = createTalkbaseClient({ baseUrl, token });
      const [position] = await client.get('/v1/interview/positions');
      const started = await client.post('/v1/interview/sessions', { body: { position: position!, questionCount: 3 } });

      const events: VoiceEvent[] = [];
      const audio: { bytes: number; sampleRate: number }[] = [];
      const voice = await connectVoiceSocket({
        baseUrl,
        getToken: () => token,
        WebSocket,
        product: 'interview',
        id: started.session.id,
        outputSampleRate: 16000,
        onEvent: (e) => events.push(e),
        onAudio: (frame, sampleRate) => audio.push({ bytes: frame.byteLength, sampleRate }),
      });
      expect(voice.started.product).toBe('interview');
      expect(voice.started.audio.outputSampleRate).toBe(16000);
      expect(voice.started.engines.speak).toBeTruthy();
      // `started` first (docs/voice.md), then the opening question as a reply.
      expect(events[0]?.type).toBe('started');

      // The open question is spoken first: 20 ms frames of 16 kHz PCM16 between audio.start and audio.end.
      await waitFor(() => events.some((e) => e.type === 'audio.end'), 30_000, 'the question’s audio');
      expect(audio.length).toBeGreaterThan(10);
      expect(audio.every((a) => a.bytes === FRAME_BYTES && a.sampleRate === 16000)).toBe(true);

      // A second of silence, sent as it would be captured: paced, nothing refused.
      for (let i = 0; i < 50; i++) voice.sendFrame(new Uint8Array(FRAME_BYTES));
      await new Promise((r) => setTimeout(r, 1500));
      expect(voice.droppedFrames).toBe(0);
      expect(events.filter((e) => e.type === 'error')).toEqual([]);

      voice.close();
      expect(await voice.closed).toBe('client_end');
    },
  );

  it('rejects with a VoiceError naming why the server refused the start', async () => {
    const u = await signUp(t.app);
    const refused = await connectVoiceSocket({
      baseUrl,
      getToken: () => u.tokens.accessToken,
      WebSocket,
      product: 'interview',
      id: '00000000-0000-4000-8000-000000000000',
    }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(VoiceError);
    expect((refused as VoiceError).code).toMatch(/not_found/);
  });
});
