/** Word-level text handling shared by the offline analyzers: one tokenizer, so usage counts and features agree. */

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const TOKEN = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

/** Lower-cased words, accents kept, apostrophes inside words kept ("don't"). */
export function words(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(WORD) ?? []).map((w) => w.replace(/’/g, "'"));
}

/** The offline tokenizer for usage counts: every word and every punctuation mark is one token. */
export function countTokens(text: string): number {
  return text.match(TOKEN)?.length ?? 0;
}

/** Sentences split at . ! ? (and their CJK forms) followed by space or end. */
export function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?。！？])\s+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

export const STOPWORDS = new Set(
  (
    'a an the and or but if then else of to in on at by for with about as into from up down over under is are was were be been being ' +
    'i me my we our you your he him his she her it its they them their this that these those what which who whom whose ' +
    'do does did doing have has had having can could would should will shall may might must not no nor so too very just ' +
    'than there here when where why how all any both each few more most other some such only own same also again once ' +
    "am i'm you're it's don't doesn't didn't isn't aren't wasn't can't won't let's please thank thanks hi hello yes okay ok"
  ).split(/\s+/),
);

/** Content words: not stopwords, at least two letters. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => w.length > 1 && !STOPWORDS.has(w));
}

/** 32-bit FNV-1a, the hash behind feature hashing and every deterministic choice offline. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
