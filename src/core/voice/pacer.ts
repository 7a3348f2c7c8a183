/**
 * Paces outgoing audio at real time: each track sends one frame every `frameMs`, on a schedule kept from its first
 * frame (so timer lateness does not accumulate), all tracks of the process on one timer. Lateness of every frame and
 * each time a track ran dry while more audio was due (an underrun) are recorded.
 */
export interface PacerStats {
  framesSent: number;
  underruns: number;
  /** How late each frame went out against its schedule, in ms. */
  lateMs: number[];
}

export interface AudioTrack {
  /** Queues frames; the first frame of an idle track goes out at once. */
  enqueue(frames: Buffer[]): void;
  /** No more frames will come for what is queued: `onDrained` runs once the queue is empty. */
  finish(): void;
  /** Drops everything queued (barge-in); returns how many frames had been sent. */
  clear(): number;
  readonly framesSent: number;
  readonly stats: PacerStats;
  close(): void;
}

export interface TrackHandlers {
  send(frame: Buffer): void;
  onDrained?(): void;
}

export interface FramePacer {
  track(handlers: TrackHandlers): AudioTrack;
  readonly activeTracks: number;
  /** How far ahead of real time tracks send (see createFramePacer). */
  readonly leadMs: number;
}

const MAX_LATE_SAMPLES = 100_000;

export interface PacerObserver {
  /** Each frame sent, with how late it went out against its schedule. */
  frameSent?(lateMs: number): void;
  /** A track ran dry while more of its audio was still to come. */
  underrun?(): void;
}

/**
 * `leadMs`: each reply's first frames up to this much audio leave at once, and the track then keeps that lead over
 * real time, so a listener playing behind a jitter buffer rides out a stall of the server shorter than the lead.
 */
export function createFramePacer(
  frameMs = 20,
  now: () => number = () => performance.now(),
  observer: PacerObserver = {},
  leadMs = 0,
): FramePacer {
  const active = new Set<Track>();
  let timer: NodeJS.Timeout | null = null;
  let timerAt = Infinity;

  class Track implements AudioTrack {
    queue: Buffer[] = [];
    nextDue: number | null = null;
    /** When the track started sending: frames inside the lead are due then, not earlier. */
    startedAt = 0;
    finished = false;
    sent = 0;
    stats: PacerStats = { framesSent: 0, underruns: 0, lateMs: [] };
    constructor(readonly handlers: TrackHandlers) {}
    get framesSent() {
      return this.sent;
    }
    enqueue(frames: Buffer[]) {
      if (frames.length === 0) return;
      this.queue.push(...frames);
      this.finished = false;
      active.add(this);
      if (this.nextDue === null) {
        // An idle track's first frame goes out now, not on the next timer turn.
        const t = now();
        this.startedAt = t;
        this.nextDue = t - leadMs;
        this.tick(t);
      }
      arm();
    }
    finish() {
      this.finished = true;
      if (this.queue.length === 0) this.drained();
    }
    clear() {
      const sent = this.sent;
      this.queue = [];
      this.nextDue = null;
      this.finished = false;
      this.sent = 0;
      active.delete(this);
      return sent;
    }
    close() {
      this.clear();
    }
    drained() {
      this.nextDue = null;
      active.delete(this);
      this.sent = 0;
      const done = this.handlers.onDrained;
      this.finished = false;
      done?.();
    }
    /** Sends what is due; returns the next due time, or null when idle. */
    tick(t: number): number | null {
      while (this.nextDue !== null && this.nextDue <= t + 0.5) {
        const frame = this.queue.shift();
        if (!frame) {
          if (this.finished) {
            this.drained();
            return null;
          }
          // Ran dry with more audio to come: start a fresh schedule when it arrives.
          this.stats.underruns++;
          observer.underrun?.();
          this.nextDue = null;
          active.delete(this);
          return null;
        }
        const late = Math.max(0, t - Math.max(this.nextDue, this.startedAt));
        if (this.stats.lateMs.length >= MAX_LATE_SAMPLES) this.stats.lateMs.splice(0, MAX_LATE_SAMPLES / 2);
        this.stats.lateMs.push(late);
        observer.frameSent?.(late);
        this.sent++;
        this.stats.framesSent++;
        this.handlers.send(frame);
        this.nextDue += frameMs;
      }
      if (this.queue.length === 0 && this.finished) {
        this.drained();
        return null;
      }
      return this.nextDue;
    }
  }

  function arm() {
    let earliest = Infinity;
    for (const t of active) if (t.nextDue !== null && t.nextDue < earliest) earliest = t.nextDue;
    if (earliest === Infinity) {
      if (timer) clearTimeout(timer);
      timer = null;
      timerAt = Infinity;
      return;
    }
    if (timer && timerAt <= earliest) return;
    if (timer) clearTimeout(timer);
    timerAt = earliest;
    timer = setTimeout(run, Math.max(0, Math.floor(earliest - now())));
  }

  function run() {
    timer = null;
    timerAt = Infinity;
    const t = now();
    for (const track of [...active]) track.tick(t);
    arm();
  }

  return {
    track: (handlers) => new Track(handlers),
    get activeTracks() {
      return active.size;
    },
    leadMs,
  };
}
