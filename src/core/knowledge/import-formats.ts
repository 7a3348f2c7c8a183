import { AppError } from '../http/errors.js';

export type ImportFormat = 'json' | 'jsonl' | 'markdown';

/** A chunk to store: text, where it came from, its metadata, and optionally a vector computed elsewhere. */
export interface ChunkInput {
  content: string;
  title?: string | null;
  documentKey?: string | null;
  metadata?: Record<string, unknown>;
  embedding?: number[];
}

export const MAX_CHUNK_CHARS = 32_000;
const MARKDOWN_CHUNK_CHARS = 1_500;

const invalid = (where: string, message: string) =>
  new AppError('knowledge.invalid_import', 400, `${where}: ${message}`, {
    errors: [{ field: 'content', message: `${where}: ${message}` }],
  });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One record of a JSON or JSONL file. The text is `content` (or LangChain's `page_content`, the seed's
 * `document`, or `text`); `metadata` (or `cmetadata`) holds the metadata; other plain fields join it.
 */
function recordToChunk(record: unknown, where: string): ChunkInput {
  if (typeof record === 'string') record = { content: record };
  if (!isObject(record)) throw invalid(where, 'each record must be an object or a string');
  const { content, page_content, document, text, metadata, cmetadata, title, documentKey, document_key, key, embedding, ...rest } = record;
  const body = [content, page_content, document, text].find((v) => typeof v === 'string');
  if (typeof body !== 'string' || !body.trim()) throw invalid(where, 'needs a non-empty "content" (or "page_content", "document", "text")');
  if (body.length > MAX_CHUNK_CHARS) throw invalid(where, `content is longer than ${MAX_CHUNK_CHARS} characters`);
  const meta = metadata ?? cmetadata ?? {};
  if (!isObject(meta)) throw invalid(where, '"metadata" must be an object');
  if (title !== undefined && title !== null && typeof title !== 'string') throw invalid(where, '"title" must be a string');
  const docKey = documentKey ?? document_key ?? key;
  if (docKey !== undefined && docKey !== null && typeof docKey !== 'string' && typeof docKey !== 'number')
    throw invalid(where, '"documentKey" must be a string');
  if (embedding !== undefined && (!Array.isArray(embedding) || !embedding.every((x) => typeof x === 'number' && Number.isFinite(x)))) {
    throw invalid(where, '"embedding" must be an array of numbers');
  }
  return {
    content: body,
    title: (title as string | undefined) ?? null,
    documentKey: docKey === undefined || docKey === null ? null : String(docKey),
    metadata: { ...rest, ...meta },
    ...(embedding ? { embedding: embedding as number[] } : {}),
  };
}

function parseJson(content: string): ChunkInput[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (err) {
    throw invalid('the file', `is not valid JSON (${(err as Error).message})`);
  }
  const records = Array.isArray(parsed) ? parsed : isObject(parsed) && Array.isArray(parsed.documents) ? parsed.documents : null;
  if (!records) throw invalid('the file', 'must be a JSON array of records (or an object with a "documents" array)');
  return records.map((r, i) => recordToChunk(r, `record ${i + 1}`));
}

function parseJsonl(content: string): ChunkInput[] {
  const chunks: ChunkInput[] = [];
  const lines = content.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (err) {
      throw invalid(`line ${i + 1}`, `is not valid JSON (${(err as Error).message})`);
    }
    chunks.push(recordToChunk(record, `line ${i + 1}`));
  }
  return chunks;
}

/** Splits text into pieces of at most `max` characters at paragraph, then sentence, then word boundaries. */
function splitLong(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let current = '';
  const units = text.split(/\n{2,}/).flatMap((p) => (p.length <= max ? [p] : p.split(/(?<=[.!?。])\s+/)));
  for (const unit of units.flatMap((u) =>
    u.length <= max ? [u] : (u.match(new RegExp(`[\\s\\S]{1,${max}}(?=\\s|$)|[\\s\\S]{1,${max}}`, 'g')) ?? [u]),
  )) {
    const joined = current ? `${current}\n\n${unit}` : unit;
    if (joined.length <= max) current = joined;
    else {
      if (current) pieces.push(current);
      current = unit;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * Markdown: one chunk per section under a heading (long sections split at paragraphs), titled with
 * the heading path; YAML-like `key: value` front matter becomes metadata of every chunk.
 */
function parseMarkdown(content: string, documentKey: string | null): ChunkInput[] {
  let text = content.replace(/\r\n/g, '\n');
  const frontMatter: Record<string, unknown> = {};
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (fm) {
    for (const line of fm[1]!.split('\n')) {
      const m = /^([A-Za-z0-9_-]+):\s*(.*)$/.exec(line);
      if (m) frontMatter[m[1]!] = m[2]!.replace(/^["']|["']$/g, '');
    }
    text = text.slice(fm[0].length);
  }
  const chunks: ChunkInput[] = [];
  const path: string[] = [];
  let body: string[] = [];
  let inFence = false;
  let section = 0;
  const flush = () => {
    const joined = body.join('\n').trim();
    body = [];
    if (!/[\p{L}\p{N}]/u.test(joined)) return;
    section++;
    const pieces = splitLong(joined, MARKDOWN_CHUNK_CHARS);
    pieces.forEach((piece, part) => {
      chunks.push({
        content: piece,
        title: path.filter(Boolean).join(' > ') || null,
        documentKey,
        metadata: {
          ...frontMatter,
          ...(path.length ? { heading: path[path.length - 1], headingPath: path.filter(Boolean) } : {}),
          section,
          ...(pieces.length > 1 ? { part: part + 1, parts: pieces.length } : {}),
        },
      });
    });
  };
  for (const line of text.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      const level = heading[1]!.length;
      path.length = level - 1;
      path[level - 1] = heading[2]!;
      for (let i = 0; i < level - 1; i++) path[i] ??= '';
    } else body.push(line);
  }
  flush();
  return chunks;
}

/** Parses a whole file before anything is stored, so a bad line is a 400 naming it, not a half import. */
export function parseImport(format: ImportFormat, content: string, fileName?: string | null): ChunkInput[] {
  const chunks =
    format === 'json' ? parseJson(content) : format === 'jsonl' ? parseJsonl(content) : parseMarkdown(content, fileName ?? null);
  if (!chunks.length) throw invalid('the file', 'holds no chunks to import');
  return chunks;
}
