/** Just enough RIFF/WAVE to rewrite espeak-ng's streamed header and to carry the spoken text in a LIST/INFO chunk. */

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  byteRate: number;
  data: Buffer;
  /** INFO sub-chunks (ICMT, INAM …) as text. */
  info: Record<string, string>;
  durationSec: number;
}

/** Parses a PCM WAV; tolerates the 0xFFFFFFFF sizes a streaming writer leaves (the data runs to the end). Null when not a WAV. */
export function readWav(buf: Buffer): WavInfo | null {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') return null;
  let pos = 12;
  let fmt: Omit<WavInfo, 'data' | 'info' | 'durationSec'> | null = null;
  let data: Buffer | null = null;
  const info: Record<string, string> = {};
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4);
    let size = buf.readUInt32LE(pos + 4);
    const start = pos + 8;
    if (start + size > buf.length) size = buf.length - start;
    if (id === 'fmt ' && size >= 16) {
      fmt = {
        channels: buf.readUInt16LE(start + 2),
        sampleRate: buf.readUInt32LE(start + 4),
        byteRate: buf.readUInt32LE(start + 8),
        bitsPerSample: buf.readUInt16LE(start + 14),
      };
    } else if (id === 'data') {
      data = buf.subarray(start, start + size);
    } else if (id === 'LIST' && buf.toString('ascii', start, start + 4) === 'INFO') {
      let p = start + 4;
      while (p + 8 <= start + size) {
        const sub = buf.toString('ascii', p, p + 4);
        const len = buf.readUInt32LE(p + 4);
        info[sub] = buf.toString('utf8', p + 8, Math.min(p + 8 + len, start + size)).replace(/\0+$/, '');
        p += 8 + len + (len % 2);
      }
    }
    pos = start + size + (size % 2);
  }
  if (!fmt || !data) return null;
  return { ...fmt, data, info, durationSec: fmt.byteRate ? data.length / fmt.byteRate : 0 };
}

/** Writes a PCM WAV with correct sizes and the given INFO entries. */
export function writeWav(
  wav: Pick<WavInfo, 'sampleRate' | 'channels' | 'bitsPerSample' | 'data'>,
  info: Record<string, string> = {},
): Buffer {
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'ascii');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8);
  fmt.writeUInt16LE(wav.channels, 10);
  fmt.writeUInt32LE(wav.sampleRate, 12);
  fmt.writeUInt32LE((wav.sampleRate * wav.channels * wav.bitsPerSample) / 8, 16);
  fmt.writeUInt16LE((wav.channels * wav.bitsPerSample) / 8, 20);
  fmt.writeUInt16LE(wav.bitsPerSample, 22);
  const subs = Object.entries(info).map(([id, text]) => {
    const body = Buffer.from(`${text}\0`, 'utf8');
    const head = Buffer.alloc(8);
    head.write(id.padEnd(4).slice(0, 4), 0, 'ascii');
    head.writeUInt32LE(body.length, 4);
    return Buffer.concat([head, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  });
  const listBody = Buffer.concat([Buffer.from('INFO', 'ascii'), ...subs]);
  const list = subs.length ? Buffer.concat([Buffer.from('LIST', 'ascii'), u32(listBody.length), listBody]) : Buffer.alloc(0);
  const dataHead = Buffer.concat([Buffer.from('data', 'ascii'), u32(wav.data.length)]);
  const pad = wav.data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0);
  const riffSize = 4 + fmt.length + list.length + dataHead.length + wav.data.length + pad.length;
  return Buffer.concat([Buffer.from('RIFF', 'ascii'), u32(riffSize), Buffer.from('WAVE', 'ascii'), fmt, list, dataHead, wav.data, pad]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n, 0);
  return b;
}
