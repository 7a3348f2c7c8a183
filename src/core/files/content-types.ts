/** The kinds of file Talkbase accepts, each with the media type it is stored and served under. */
export const FILE_KINDS = {
  wav: { contentType: 'audio/wav', category: 'audio', aliases: ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'] },
  mp3: { contentType: 'audio/mpeg', category: 'audio', aliases: ['audio/mpeg', 'audio/mp3', 'audio/mpeg3', 'audio/x-mpeg-3'] },
  m4a: { contentType: 'audio/mp4', category: 'audio', aliases: ['audio/mp4', 'audio/m4a', 'audio/x-m4a', 'audio/aac'] },
  webm: { contentType: 'audio/webm', category: 'audio', aliases: ['audio/webm', 'video/webm'] },
  ogg: { contentType: 'audio/ogg', category: 'audio', aliases: ['audio/ogg', 'audio/opus', 'application/ogg'] },
  png: { contentType: 'image/png', category: 'image', aliases: ['image/png'] },
  jpeg: { contentType: 'image/jpeg', category: 'image', aliases: ['image/jpeg', 'image/jpg', 'image/pjpeg'] },
  webp: { contentType: 'image/webp', category: 'image', aliases: ['image/webp'] },
} as const satisfies Record<string, { contentType: string; category: 'audio' | 'image'; aliases: readonly string[] }>;

export type FileKind = keyof typeof FILE_KINDS;

export const AUDIO_KINDS: readonly FileKind[] = ['wav', 'mp3', 'm4a', 'webm', 'ogg'];
export const IMAGE_KINDS: readonly FileKind[] = ['png', 'jpeg', 'webp'];
export const ALL_KINDS: readonly FileKind[] = [...AUDIO_KINDS, ...IMAGE_KINDS];

/** Every declared media type some kind answers to (for content-type parsers and documentation). */
export const ACCEPTED_MEDIA_TYPES: readonly string[] = Object.values(FILE_KINDS).flatMap((k) => k.aliases);

/** Bytes the sniffer needs from the start of a file. */
export const SNIFF_BYTES = 16;

/** The kind a declared media type names (parameters such as `;codecs=opus` ignored), or null. */
export function kindOfMediaType(mediaType: string | undefined | null): FileKind | null {
  if (!mediaType) return null;
  const bare = mediaType.split(';')[0]!.trim().toLowerCase();
  for (const [kind, spec] of Object.entries(FILE_KINDS) as [FileKind, (typeof FILE_KINDS)[FileKind]][]) {
    if ((spec.aliases as readonly string[]).includes(bare)) return kind;
  }
  return null;
}

const ascii = (head: Buffer, at: number, text: string) =>
  head.length >= at + text.length && head.toString('latin1', at, at + text.length) === text;

/** The kind the first bytes (magic numbers) show, or null when they match none we accept. */
export function sniffKind(head: Buffer): FileKind | null {
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return 'wav';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return 'webp';
  if (ascii(head, 0, 'OggS')) return 'ogg';
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return 'webm';
  if (ascii(head, 4, 'ftyp')) return 'm4a';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii(head, 0, 'ID3')) return 'mp3';
  // An MPEG audio frame header: 11 sync bits, then a layer that is not "reserved".
  if (head.length >= 2 && head[0] === 0xff && (head[1]! & 0xe0) === 0xe0 && (head[1]! & 0x06) !== 0) return 'mp3';
  return null;
}
