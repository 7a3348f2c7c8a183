/**
 * A queue one async producer fills and one `for await` consumer drains: model tokens, speech chunks. The producer
 * ends it, with an error the consumer then meets; a consumer that stops early (break, a throw) is reported through
 * `onConsumerGone`, so the producer can stop too.
 */
export interface AsyncQueue<T> {
  push(item: T): void;
  end(err?: unknown): void;
  iterate(): AsyncGenerator<T>;
}

export function createAsyncQueue<T>(onConsumerGone?: () => void): AsyncQueue<T> {
  const items: T[] = [];
  let waiting: (() => void) | null = null;
  let ended = false;
  let failure: unknown = null;
  const wake = () => {
    const w = waiting;
    waiting = null;
    w?.();
  };
  return {
    push(item) {
      items.push(item);
      wake();
    },
    end(err) {
      ended = true;
      if (err) failure = err;
      wake();
    },
    async *iterate() {
      try {
        for (;;) {
          if (items.length) {
            yield items.shift()!;
            continue;
          }
          if (ended) {
            if (failure) throw failure;
            return;
          }
          await new Promise<void>((resolve) => {
            waiting = resolve;
          });
        }
      } finally {
        if (!ended) onConsumerGone?.();
      }
    },
  };
}
