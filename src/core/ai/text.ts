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

/** Korean words said around the point, not about it: greetings, fillers, pronouns. */
const KOREAN_STOPWORDS = new Set(
  (
    '네 예 아 어 음 저 제 저희 제가 그 이 그냥 좀 혹시 그럼 그런데 근데 그래서 그리고 지금 여기 거기 이거 그거 저거 것 거 뭐 어떻게 ' +
    '왜 언제 어디 무엇 무엇을 안녕하세요 감사합니다 고맙습니다 알겠습니다 있나요 있어요 있습니다 해요 합니다 하는데 하고 싶어요 주세요 고객님'
  ).split(/\s+/),
);

/** Particles and copulas that follow a Korean noun, longest first; a content word is kept without them. */
const KOREAN_PARTICLES = [
  '에서는',
  '에게서',
  '으로는',
  '까지는',
  '부터는',
  '이라고',
  '이에요',
  '입니다',
  '인가요',
  '에서',
  '에게',
  '한테',
  '께서',
  '으로',
  '까지',
  '부터',
  '보다',
  '처럼',
  '만큼',
  '이랑',
  '이나',
  '예요',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '에',
  '의',
  '도',
  '만',
  '로',
  '와',
  '과',
  '랑',
];
const HANGUL = /^[\uac00-\ud7a3]+$/;

/** Whether a word is written in Hangul syllables. */
export function isHangul(word: string): boolean {
  return HANGUL.test(word);
}

/** A Korean word without the particle after it (요금제를 → 요금제); at least two syllables stay. */
export function koreanStem(word: string): string {
  if (!isHangul(word)) return word;
  for (const p of KOREAN_PARTICLES) if (word.endsWith(p) && word.length - p.length >= 2) return word.slice(0, -p.length);
  return word;
}

/** Content words: not stopwords, at least two letters; Korean words without their particles. */
export function contentWords(text: string): string[] {
  return words(text)
    .filter((w) => !KOREAN_STOPWORDS.has(w))
    .map(koreanStem)
    .filter((w) => w.length > 1 && !STOPWORDS.has(w) && !KOREAN_STOPWORDS.has(w));
}

/**
 * Words as `words` gives them, with "안 돼요" and "못 쓰고" read as one word so the negation stays with its verb,
 * and "보고 싶어요" (I miss) as one.
 */
export function koreanWords(text: string): string[] {
  return words(
    text
      .normalize('NFKC')
      .replace(/(^|\s)(안|못)\s+(?=[\uac00-\ud7a3])/gu, '$1$2')
      .replace(/보고\s+싶/gu, '보고싶'),
  );
}

/**
 * Finds a lexicon's Korean stems inside Korean words: each word is read left to right taking the longest stem
 * that starts there, so 요금제를 hits 요금제 (not 요금) and 바꾸고 싶어요 hits 바꾸. One-syllable stems only count
 * at the start of a word (or after a leading 안/못). Give it `koreanWords`.
 */
export function matchStems(ws: string[], stems: ReadonlyMap<string, unknown>): { stem: string; word: number }[] {
  const longest = Math.max(0, ...[...stems.keys()].map((k) => k.length));
  const hits: { stem: string; word: number }[] = [];
  ws.forEach((w, index) => {
    if (!isHangul(w)) return;
    for (let i = 0; i < w.length;) {
      let found: string | null = null;
      // A word starts at 0, or after the 안/못 read into it (안좋아요).
      const start = i === 0 || (i === 1 && /^[안못]/.test(w));
      for (let n = Math.min(longest, w.length - i); n >= (start ? 1 : 2); n--) {
        const piece = w.slice(i, i + n);
        if (stems.has(piece)) {
          found = piece;
          break;
        }
      }
      if (found) {
        hits.push({ stem: found, word: index });
        i += found.length;
      } else i++;
    }
  });
  return hits;
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
