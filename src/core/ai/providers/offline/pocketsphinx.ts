/**
 * Real recognition of English speech with Debian's `pocketsphinx` and `pocketsphinx-en-us`, run as a child process
 * per utterance (so decoding never blocks the event loop) on a 16 kHz mono WAV in a temporary file.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pcm16ToWav, resamplePcm16 } from '../../pcm.js';
import { AiProviderError } from '../provider.js';

export const POCKETSPHINX_BIN = '/usr/bin/pocketsphinx_continuous';
const MODEL = '/usr/share/pocketsphinx/model/en-us';
export const POCKETSPHINX_MODEL = 'pocketsphinx-en-us';

let installed: boolean | undefined;

/** True when the program and the US English model are installed; looked up once. */
export function pocketsphinxInstalled(): boolean {
  installed ??=
    fs.existsSync(POCKETSPHINX_BIN) &&
    fs.existsSync(path.join(MODEL, 'en-us', 'mdef')) &&
    fs.existsSync(path.join(MODEL, 'en-us.lm.bin')) &&
    fs.existsSync(path.join(MODEL, 'cmudict-en-us.dict'));
  return installed;
}

/** The words pocketsphinx hears in PCM16 mono audio at `sampleRate`. */
export async function recognizeWithPocketsphinx(pcm: Buffer, sampleRate: number, signal: AbortSignal): Promise<string> {
  const file = path.join(os.tmpdir(), `talkbase-utterance-${randomUUID()}.wav`);
  // Dither: digital silence between synthesized words otherwise upsets its noise estimate.
  await fs.promises.writeFile(file, pcm16ToWav(resamplePcm16(pcm, sampleRate, 16000), 16000));
  try {
    return await new Promise<string>((resolve, reject) => {
      const child = spawn(
        POCKETSPHINX_BIN,
        [
          '-infile',
          file,
          '-hmm',
          path.join(MODEL, 'en-us'),
          '-lm',
          path.join(MODEL, 'en-us.lm.bin'),
          '-dict',
          path.join(MODEL, 'cmudict-en-us.dict'),
          '-dither',
          'yes',
          '-logfn',
          '/dev/null',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], signal },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      child.on('error', (e) =>
        reject(e.name === 'AbortError' ? e : new AiProviderError('transcription_failed', `pocketsphinx failed: ${e.message}`, false)),
      );
      child.on('close', (code) =>
        code === 0
          ? resolve(
              out
                .split('\n')
                .map((l) => l.trim())
                .filter(Boolean)
                .join(' '),
            )
          : reject(new AiProviderError('transcription_failed', `pocketsphinx exited ${code}: ${err.slice(-200)}`, false)),
      );
    });
  } finally {
    await fs.promises.rm(file, { force: true });
  }
}
