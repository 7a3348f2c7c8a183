export type BusHandler = (channel: string, message: unknown) => void;

/**
 * Fan-out between instances. Every message published reaches the handlers of every instance,
 * the publishing one included, so local and remote delivery take the same path.
 */
export interface Bus {
  publish(channel: string, message: unknown): Promise<void>;
  /** Returns a function that removes the handler. */
  subscribe(handler: BusHandler): () => void;
  /** Throws when the transport is unreachable (for /ready). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** One process: handlers are called on a later microtask, in publish order, as a remote bus would. */
export function createMemoryBus(): Bus {
  const handlers = new Set<BusHandler>();
  return {
    async publish(channel, message) {
      queueMicrotask(() => {
        for (const handler of handlers) handler(channel, message);
      });
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async ping() {},
    async close() {
      handlers.clear();
    },
  };
}

export interface RedisBusOptions {
  /** The Redis pub/sub channel all instances of one deployment share. */
  topic?: string;
  onError?: (err: Error) => void;
}

/**
 * Redis pub/sub: one publishing connection and one subscribed connection. A message lost while
 * Redis is unreachable is not lost for clients: stored events carry sequence numbers, and a
 * subscriber that sees a gap reads the missing events from the database.
 */
export async function createRedisBus(url: string, opts: RedisBusOptions = {}): Promise<Bus> {
  const topic = opts.topic ?? 'talkbase:realtime';
  const onError = opts.onError ?? (() => undefined);
  // Loaded here, not at start-up: the embedded default runs without Redis.
  const { Redis } = await import('ioredis');
  const publisher = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
  const subscriber = new Redis(url, { lazyConnect: true });
  publisher.on('error', onError);
  subscriber.on('error', onError);
  const handlers = new Set<BusHandler>();
  subscriber.on('message', (_topic: string, text: string) => {
    let envelope: { c: string; m: unknown };
    try {
      envelope = JSON.parse(text) as { c: string; m: unknown };
    } catch {
      return;
    }
    for (const handler of handlers) handler(envelope.c, envelope.m);
  });
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
    await subscriber.subscribe(topic);
  } catch (err) {
    publisher.disconnect();
    subscriber.disconnect();
    throw err;
  }
  return {
    async publish(channel, message) {
      await publisher.publish(topic, JSON.stringify({ c: channel, m: message }));
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async ping() {
      await publisher.ping();
    },
    async close() {
      handlers.clear();
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
