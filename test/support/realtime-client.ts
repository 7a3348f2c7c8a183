import WebSocket, { type ClientOptions } from 'ws';

export type Message = Record<string, any> & { type: string };

/** A real WebSocket client for tests: keeps every message, and waits for the ones a test expects. */
export class TestSocket {
  readonly messages: Message[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private consumed = new Set<number>();
  private listeners = new Set<() => void>();
  connectionId = '';

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      this.messages.push(JSON.parse(raw.toString()) as Message);
      for (const l of this.listeners) l();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async open(url: string, options: ClientOptions = {}): Promise<TestSocket> {
    const ws = new WebSocket(url, options);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new TestSocket(ws);
  }

  /** Opens, authenticates and returns the socket. */
  static async connect(url: string, token: string, options: ClientOptions = {}): Promise<TestSocket> {
    const socket = await TestSocket.open(url, options);
    socket.send({ type: 'auth', token });
    const reply = await socket.next((m) => m.type === 'authenticated' || m.type === 'error');
    if (reply.type !== 'authenticated') throw new Error(`auth failed: ${JSON.stringify(reply)}`);
    socket.connectionId = reply.connectionId as string;
    return socket;
  }

  send(message: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(message));
  }

  /** The first message not yet taken by an earlier `next` that matches; waits for it up to `timeoutMs`. */
  next(match: (m: Message) => boolean, timeoutMs = 5000): Promise<Message> {
    return new Promise((resolve, reject) => {
      const check = () => {
        for (let i = 0; i < this.messages.length; i++) {
          if (this.consumed.has(i) || !match(this.messages[i]!)) continue;
          this.consumed.add(i);
          this.listeners.delete(check);
          clearTimeout(timer);
          resolve(this.messages[i]!);
          return;
        }
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(-5))}`));
      }, timeoutMs);
      this.listeners.add(check);
      check();
    });
  }

  async subscribe(channel: string, lastSeq?: number): Promise<Message> {
    this.send(lastSeq === undefined ? { type: 'subscribe', channel } : { type: 'subscribe', channel, lastSeq });
    return this.next((m) => m.channel === channel && (m.type === 'subscribed' || m.type === 'error'));
  }

  /** Stored events received on a channel (those with a sequence number), in arrival order. */
  events(channel: string): Message[] {
    return this.messages.filter((m) => m.type === 'event' && m.channel === channel && typeof m.seq === 'number');
  }

  /** Waits until `count` stored events arrived on the channel. */
  async waitForEvents(channel: string, count: number, timeoutMs = 10_000): Promise<Message[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.events(channel).length < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.events(channel).length} of ${count} events on ${channel}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return this.events(channel);
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await this.closed;
  }
}

/** Polls `probe` until it returns true, up to `timeoutMs`. */
export async function eventually(probe: () => Promise<boolean> | boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
