import { describe, expect, it } from 'vitest';
import { kindOfMediaType, sniffKind } from '../../../src/core/files/content-types.js';
import { cleanOriginalName } from '../../../src/core/files/files.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('content types', () => {
  it('recognises each accepted kind by its first bytes', () => {
    expect(sniffKind(bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '))).toBe('wav');
    expect(sniffKind(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('webp');
    expect(sniffKind(bytes('ID3', [4, 0, 0, 0, 0, 0, 0]))).toBe('mp3');
    expect(sniffKind(bytes([0xff, 0xfb, 0x90, 0x64]))).toBe('mp3');
    expect(sniffKind(bytes([0, 0, 0, 0x20], 'ftypM4A ', [0, 0, 0, 0]))).toBe('m4a');
    expect(sniffKind(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f]))).toBe('webm');
    expect(sniffKind(bytes('OggS', [0, 2]))).toBe('ogg');
    expect(sniffKind(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniffKind(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
  });

  it('recognises nothing else', () => {
    for (const head of [
      bytes('<html>'),
      bytes('%PDF-1.7'),
      bytes('PK', [3, 4]),
      bytes('RIFF', [0, 0, 0, 0], 'AVI '),
      bytes([0xff, 0xe0]),
      Buffer.alloc(0),
    ]) {
      expect(sniffKind(head)).toBeNull();
    }
  });

  it('maps declared media types, ignoring parameters and case', () => {
    expect(kindOfMediaType('audio/webm;codecs=opus')).toBe('webm');
    expect(kindOfMediaType('Audio/X-WAV')).toBe('wav');
    expect(kindOfMediaType('audio/x-m4a')).toBe('m4a');
    expect(kindOfMediaType('image/jpg')).toBe('jpeg');
    expect(kindOfMediaType('text/plain')).toBeNull();
    expect(kindOfMediaType(undefined)).toBeNull();
  });

  it('keeps only the last path segment of an original name, without control characters', () => {
    expect(cleanOriginalName('C:\\Users\\me\\take 1.wav')).toBe('take 1.wav');
    expect(cleanOriginalName('../../etc/passwd')).toBe('passwd');
    expect(cleanOriginalName('bad\u0000name\u001b.wav')).toBe('badname.wav');
    expect(cleanOriginalName('   ')).toBeNull();
    expect(cleanOriginalName('x'.repeat(300) + '.wav')).toHaveLength(255);
  });
});
