/** Cuts streamed reply text into sentences as soon as each is complete, so speech starts while the model writes. */
export interface SentenceSplitter {
  /** Adds a delta; returns the sentences it completed. */
  push(delta: string): string[];
  /** What is left at the end of the reply, if anything. */
  flush(): string | null;
}

/** An end mark followed by white space; a long clause is cut at a comma so speech never waits too long. */
const END = /[.!?…。！？]+["')\]」』]*\s+/g;
const LONG = 160;

export function createSentenceSplitter(): SentenceSplitter {
  let buffer = '';
  return {
    push(delta) {
      buffer += delta;
      const out: string[] = [];
      let cut = 0;
      END.lastIndex = 0;
      for (let m = END.exec(buffer); m; m = END.exec(buffer)) {
        const sentence = buffer.slice(cut, m.index + m[0].length).trim();
        if (sentence) out.push(sentence);
        cut = m.index + m[0].length;
      }
      buffer = buffer.slice(cut);
      if (buffer.length > LONG) {
        const comma = buffer.lastIndexOf(', ', LONG);
        const at = comma > 20 ? comma + 1 : buffer.lastIndexOf(' ', LONG);
        if (at > 0) {
          out.push(buffer.slice(0, at).trim());
          buffer = buffer.slice(at);
        }
      }
      return out;
    },
    flush() {
      const rest = buffer.trim();
      buffer = '';
      return rest || null;
    },
  };
}
