// Spoken sentences for the fake microphone: a WAV made by Talkbase's offline speech, at 16 kHz mono, with
// silence around it (Chromium plays the file in a loop, so the silence is the pause between repeats).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pcm16ToWav, resamplePcm16, wavToPcm16 } from '../../../src/core/ai/pcm.js';
import type { ConsoleServer } from './server.js';

/** The sentence as the server's offline speech says it (POST /v1/ai/speech), so the server's recognizer of its own speech knows it. */
export async function speak(server: ConsoleServer, token: string, text: string): Promise<Buffer> {
  const res = await fetch(`${server.url}/v1/ai/speech`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ text }),
  });
  if (!res.ok) throw new Error(`POST /v1/ai/speech answered ${res.status}: ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Writes `wav` as 16 kHz mono PCM16 with `leadSeconds` of silence before and `tailSeconds` after; answers the path. */
export function fakeMicrophoneFile(wav: Buffer, { leadSeconds = 1, tailSeconds = 8 } = {}): string {
  const decoded = wavToPcm16(wav);
  if (!decoded) throw new Error('the offline speech did not answer a PCM16 WAV');
  const speech = decoded.sampleRate === 16000 ? decoded.pcm : resamplePcm16(decoded.pcm, decoded.sampleRate, 16000);
  const silence = (s: number) => Buffer.alloc(Math.round(s * 16000) * 2);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-mic-')), 'speech.wav');
  fs.writeFileSync(file, pcm16ToWav(Buffer.concat([silence(leadSeconds), speech, silence(tailSeconds)]), 16000));
  return file;
}

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

/** Word error rate of `heard` against `said`: word edits (substitutions, deletions, insertions) over the words said. */
export function wordErrorRate(said: string, heard: string): number {
  const a = words(said);
  const b = words(heard);
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return a.length ? row[b.length]! / a.length : b.length ? 1 : 0;
}
