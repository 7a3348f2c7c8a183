// Sends microphone frames no faster than the server takes them. The audio thread can deliver frames in a burst
// after the page or the machine stalled; the server refuses audio much faster than real time (voice.too_fast),
// so a backlog is sent at a little over real time until it is gone, and audio older than `maxBacklogMs` is dropped.
import { FRAME_MS } from './protocol';

export interface SendPacer {
  push(frame: ArrayBuffer): void;
  /** Frames dropped because the backlog grew past its limit. */
  readonly dropped: number;
  clear(): void;
}

export function createSendPacer(
  send: (frame: ArrayBuffer) => void,
  { burstFrames = 8, speed = 1.15, maxBacklogMs = 3000, now = () => performance.now() } = {},
): SendPacer {
  const queue: ArrayBuffer[] = [];
  const perMs = speed / FRAME_MS;
  let tokens = burstFrames;
  let last = now();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dropped = 0;

  function drain() {
    timer = null;
    const t = now();
    tokens = Math.min(burstFrames, tokens + (t - last) * perMs);
    last = t;
    while (queue.length && tokens >= 1) {
      send(queue.shift()!);
      tokens -= 1;
    }
    if (queue.length) timer = setTimeout(drain, Math.max(1, Math.ceil((1 - tokens) / perMs)));
  }

  return {
    push(frame) {
      queue.push(frame);
      const limit = Math.ceil(maxBacklogMs / FRAME_MS);
      if (queue.length > limit) dropped += queue.splice(0, queue.length - limit).length;
      if (!timer) drain();
    },
    get dropped() {
      return dropped;
    },
    clear() {
      queue.length = 0;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
