import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { loadConfig } from '../../src/config.js';
import { mulawToPcm16, pcm16ToMulaw, pcm16ToWav, resamplePcm16, wavToPcm16 } from '../../src/core/ai/pcm.js';
import { espeakWasm, locateEspeakWasm } from '../../src/core/ai/providers/offline/espeak-wasm.js';
import { createOwnSpeechRegistry, OwnSpeechMatcher } from '../../src/core/ai/providers/offline/own-speech.js';
import { POCKETSPHINX_BIN, recognizeWithPocketsphinx } from '../../src/core/ai/providers/offline/pocketsphinx.js';
import { createOfflineSpeech, espeakVoiceFor, splitSentences } from '../../src/core/ai/providers/offline/speech.js';
import { createOfflineTranscription } from '../../src/core/ai/providers/offline/transcription.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

const signal = new AbortController().signal;
const rms = (pcm: Buffer) => {
  let s = 0;
  for (let i = 0; i < pcm.length; i += 2) s += pcm.readInt16LE(i) ** 2;
  return Math.sqrt(s / Math.max(1, pcm.length / 2));
};

/** 16 kHz → 8 kHz → μ-law → 16 kHz, at a different level: what a telephone line does to a voice. */
function overThePhone(pcm: Buffer, rate: number, gain = 1): Buffer {
  const narrow = resamplePcm16(resamplePcm16(pcm, rate, 16000), 16000, 8000);
  for (let i = 0; i < narrow.length; i += 2)
    narrow.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(narrow.readInt16LE(i) * gain))), i);
  return resamplePcm16(mulawToPcm16(pcm16ToMulaw(narrow)), 8000, 16000);
}

/** Word error rate: word-level edit distance over the reference length, case and punctuation ignored. */
function wordErrors(reference: string, heard: string): { errors: number; words: number } {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z' ]/g, ' ')
      .split(/\s+/)
      .filter(Boolean);
  const a = norm(reference);
  const b = norm(heard);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return { errors: prev[b.length]!, words: a.length };
}

describe.skipIf(!locateEspeakWasm())('offline speech with the eSpeak NG WebAssembly build (no system package)', () => {
  it('speaks English and Korean: audible PCM of a plausible length, the module loaded once', async () => {
    const wasm = espeakWasm()!;
    const times: number[] = [];
    const clips: { text: string; pcm: Buffer; rate: number }[] = [];
    for (const [text, voice] of [
      ['Good morning, how are you today?', 'en-us'],
      ['The train to the city leaves at seven.', 'en-us'],
      ['안녕하세요, 오늘 기분이 어떠세요?', 'ko'],
      ['Please call me back when you get this message.', 'en-us'],
    ] as const) {
      const started = performance.now();
      const wav = await wasm.synthesize({ text, voice, pitch: 50, speed: 165 });
      times.push(performance.now() - started);
      const d = wavToPcm16(wav)!;
      clips.push({ text, pcm: d.pcm, rate: d.sampleRate });
    }
    console.log(`eSpeak NG (wasm, one instance): per sentence ${times.map((t) => `${Math.round(t)} ms`).join(', ')}`);
    for (const c of clips) {
      const seconds = c.pcm.length / 2 / c.rate;
      expect(c.rate).toBe(22050);
      // About 2–6 words a second, and audible.
      expect(seconds).toBeGreaterThan(1);
      expect(seconds).toBeLessThan(6);
      expect(rms(c.pcm)).toBeGreaterThan(500);
    }
    // Loaded once: the first sentence paid for compiling and instantiating, the later ones only speak.
    expect(Math.max(...times.slice(1))).toBeLessThan(times[0]!);
  });

  it('picks the voice from the script when none is named, and splits sentences', () => {
    expect(espeakVoiceFor('안녕하세요')).toBe('ko');
    expect(espeakVoiceFor('Hello there')).toBe('en-us');
    expect(espeakVoiceFor('Привет')).toBe('ru');
    expect(espeakVoiceFor('こんにちは')).toBe('ja');
    expect(espeakVoiceFor('Hello', 'EN-GB')).toBe('en-gb');
    expect(espeakVoiceFor('Hello', 'en-us+F2')).toBe('en-us+f2');
    expect(espeakVoiceFor('Hello', 'alloy')).toBe('en-us');
    expect(espeakVoiceFor('Hello', 'en-us+nope')).toBe('en-us');
    expect(splitSentences('Hello there. How are you?\nFine! 좋아요. 고마워요。')).toEqual([
      'Hello there.',
      'How are you?',
      'Fine!',
      '좋아요.',
      '고마워요。',
    ]);
  });

  it('the speech stream yields each sentence as it is ready, resampled as asked', async () => {
    const speech = createOfflineSpeech();
    const events: { pcm: Buffer; sampleRate: number }[] = [];
    for await (const e of speech.speakStream!('First sentence here. And a second one. 세 번째 문장입니다.', {
      sampleRate: 16000,
      signal,
    })) {
      if (e.type === 'audio') events.push(e);
    }
    expect(events).toHaveLength(3);
    for (const e of events) expect(rms(e.pcm)).toBeGreaterThan(300);
  });
});

describe.skipIf(!locateEspeakWasm())('the recognizer of the offline engine’s own speech', () => {
  const registry = createOwnSpeechRegistry();
  const sentences = [
    'Good morning, how are you today?',
    'I would like to book a table for two people tonight.',
    'Good morning everyone, welcome to the meeting.',
    'Please call me back when you get this message.',
    '안녕하세요, 오늘 기분이 어떠세요?',
  ];
  const clips = new Map<string, { pcm: Buffer; rate: number }>();

  beforeAll(async () => {
    const wasm = espeakWasm()!;
    // Unrelated sentences first, so the recognizer has to pick the right one among many.
    for (let i = 0; i < 40; i++) {
      const text = `Sentence number ${i} is about the weather in the mountains.`;
      const d = wavToPcm16(await wasm.synthesize({ text, voice: 'en-us', pitch: 50, speed: 165 }))!;
      registry.register(text, text, d.pcm, d.sampleRate);
    }
    for (const text of sentences) {
      const d = wavToPcm16(await wasm.synthesize({ text, voice: espeakVoiceFor(text), pitch: 50, speed: 165 }))!;
      registry.register(text, text, d.pcm, d.sampleRate);
      clips.set(text, { pcm: d.pcm, rate: d.sampleRate });
    }
  });

  /** Streams 16 kHz audio in 20 ms frames (with some silence around it) and collects partials and the cost per frame. */
  function listen(pcm16k: Buffer) {
    const matcher = new OwnSpeechMatcher(registry, 16000);
    const audio = Buffer.concat([Buffer.alloc(9600), pcm16k, Buffer.alloc(16000)]);
    const partials: string[] = [];
    let spent = 0;
    let frames = 0;
    for (let at = 0; at < audio.length; at += 640) {
      const started = performance.now();
      matcher.push(audio.subarray(at, at + 640));
      const h = matcher.hypothesis();
      spent += performance.now() - started;
      frames++;
      if (h && h.text !== partials.at(-1)) partials.push(h.text);
    }
    return { final: matcher.finish()?.text ?? null, partials, msPerFrame: spent / frames };
  }

  it('recognizes its speech after 16k → 8k → μ-law → 16k and gain changes, with partials on the way', () => {
    const costs: number[] = [];
    for (const text of sentences) {
      const { pcm, rate } = clips.get(text)!;
      for (const gain of [1, 0.25, 3]) {
        const heard = listen(overThePhone(pcm, rate, gain));
        expect(heard.final).toBe(text);
        // Partials grow word by word toward the sentence while it is still being spoken.
        expect(heard.partials.length).toBeGreaterThan(1);
        expect(text.startsWith(heard.partials[0]!)).toBe(true);
        costs.push(heard.msPerFrame);
      }
    }
    const mean = costs.reduce((a, b) => a + b, 0) / costs.length;
    console.log(
      `own-speech recognizer: ${registry.size} sentences registered, ${mean.toFixed(3)} ms per 20 ms frame (mean), ${Math.max(...costs).toFixed(3)} ms worst utterance`,
    );
    expect(mean).toBeLessThan(1);
  });

  it('reads two sentences spoken in one utterance, and a prefix as the words so far', () => {
    const a = clips.get(sentences[0]!)!;
    const b = clips.get(sentences[3]!)!;
    const both = listen(Buffer.concat([overThePhone(a.pcm, a.rate), overThePhone(b.pcm, b.rate)]));
    expect(both.final).toBe(`${sentences[0]} ${sentences[3]}`);
    const c = clips.get(sentences[1]!)!;
    const whole = overThePhone(c.pcm, c.rate);
    const half = listen(whole.subarray(0, Math.floor(whole.length / 4) * 2));
    const words = sentences[1]!.split(' ');
    expect(half.final).toBe(words.slice(0, half.final!.split(' ').length).join(' '));
    expect(half.final!.split(' ').length).toBeGreaterThanOrEqual(3);
    expect(half.final!.split(' ').length).toBeLessThan(words.length);
  });

  it('refuses audio it did not make: white noise, a steady tone, silence', () => {
    const noise = Buffer.alloc(64000);
    for (let i = 0; i < noise.length; i += 2) noise.writeInt16LE(Math.round((Math.random() * 2 - 1) * 8000), i);
    const sine = Buffer.alloc(64000);
    for (let i = 0; i < sine.length; i += 2) sine.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 2 / 16000)), i);
    // A tone that comes and goes in the rhythm of speech.
    const bursts = Buffer.alloc(64000);
    for (let i = 0; i < bursts.length; i += 2) {
      const on = Math.floor(i / 2 / 2400) % 2 === 0;
      bursts.writeInt16LE(on ? Math.round(8000 * Math.sin((2 * Math.PI * 300 * i) / 2 / 16000)) : 0, i);
    }
    for (const audio of [noise, sine, bursts, Buffer.alloc(64000)]) expect(listen(audio).final).toBeNull();
  });
});

describe.skipIf(!locateEspeakWasm())('offline transcription through the port', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { ai: { ...loadConfig().ai, offlineRecognizer: 'own-speech' } } });
  });
  afterAll(async () => t?.close());

  it('speech made by speakStream is transcribed by transcribeStream, partials first, a core.ai_calls row each', async () => {
    const u = await signUp(t.app);
    const text = 'Can you tell me where the train station is?';
    const speech = t.app.core.ai.speakStream(text, { sampleRate: 24000, userId: u.user.id });
    const chunks: Buffer[] = [];
    for await (const c of speech) chunks.push(c);
    const spoken = await speech.result;
    expect(spoken).toMatchObject({ provider: 'offline', model: 'espeak-ng' });
    expect(spoken.durationSec).toBeGreaterThan(1);
    const partials: string[] = [];
    const stream = t.app.core.ai.transcribeStream({ sampleRate: 16000, userId: u.user.id, onPartial: (p) => partials.push(p) });
    const audio = overThePhone(Buffer.concat(chunks), 24000, 0.5);
    for (let at = 0; at < audio.length; at += 640) stream.write(audio.subarray(at, at + 640));
    const heard = await stream.finish();
    expect(heard).toMatchObject({ text, provider: 'offline', model: 'offline-own-speech' });
    expect(partials.length).toBeGreaterThan(2);
    expect(partials.at(-1)).toBe(text);
    const rows = await t.database.query<{ capability: string; status: string }>(
      'SELECT capability, status FROM core.ai_calls WHERE user_id = $1 ORDER BY id',
      [u.user.id],
    );
    expect(rows).toEqual([
      { capability: 'speak', status: 'ok' },
      { capability: 'transcribe', status: 'ok' },
    ]);
  });

  it('an utterance it cannot read fails with the configuration hint, and an aborted one leaves nothing behind', async () => {
    const u = await signUp(t.app);
    const stream = t.app.core.ai.transcribeStream({ sampleRate: 16000, userId: u.user.id });
    const noise = Buffer.alloc(32000);
    for (let i = 0; i < noise.length; i += 2) noise.writeInt16LE(Math.round((Math.random() * 2 - 1) * 8000), i);
    stream.write(noise);
    await expect(stream.finish()).rejects.toMatchObject({ code: 'ai.transcription_unavailable', status: 503 });
    const dropped = t.app.core.ai.transcribeStream({ sampleRate: 16000, userId: u.user.id });
    dropped.write(noise);
    dropped.abort();
    const rows = await t.database.query<{ error_code: string }>('SELECT error_code FROM core.ai_calls WHERE user_id = $1', [u.user.id]);
    expect(rows).toEqual([{ error_code: 'ai.transcription_unavailable' }]);
  });
});

describe.skipIf(!fs.existsSync(POCKETSPHINX_BIN) || !locateEspeakWasm())('pocketsphinx (pocketsphinx-en-us installed)', () => {
  it('recognizes English sentences synthesized by the offline speech (word error rate ≤ 30 %)', { timeout: 600_000 }, async () => {
    const sentences = [
      'I would like to book a table for two people tonight.',
      'Please call me back when you get this message.',
      'The weather is very nice today.',
      'Can you tell me where the train station is?',
      'I have been working here for three years.',
      'What time does the meeting start tomorrow?',
      'Thank you very much for your help yesterday.',
    ];
    const speech = createOfflineSpeech();
    const transcription = createOfflineTranscription({ recognizer: 'pocketsphinx' });
    let errors = 0;
    let words = 0;
    const lines: string[] = [];
    for (const text of sentences) {
      const spoken = await speech.speak(text, { format: 'wav', voice: POCKETSPHINX_TEST_VOICE, signal });
      const d = wavToPcm16(spoken.audio)!;
      // A raw stream, not the tagged WAV: real recognition, nothing read back.
      const heard = await transcription.transcribe(pcm16ToWav(resamplePcm16(d.pcm, d.sampleRate, 16000), 16000), 'audio/wav', {
        signal,
      });
      expect(heard.model).toBe('pocketsphinx-en-us');
      const e = wordErrors(text, heard.text);
      errors += e.errors;
      words += e.words;
      lines.push(`  "${text}" → "${heard.text}"`);
    }
    const wer = errors / words;
    console.log(`pocketsphinx word error rate on offline speech: ${(wer * 100).toFixed(1)} % (${errors}/${words})\n${lines.join('\n')}`);
    expect(wer).toBeLessThanOrEqual(0.3);
  });

  it('runs off the event loop', async () => {
    const d = wavToPcm16((await createOfflineSpeech().speak('Good morning.', { format: 'wav', signal })).audio)!;
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await recognizeWithPocketsphinx(d.pcm, d.sampleRate, signal);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
  });
});

/** The eSpeak voice pocketsphinx's US English model reads best (of those measured). */
const POCKETSPHINX_TEST_VOICE = 'en-us+f2';
