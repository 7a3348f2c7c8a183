/**
 * Voice activity by frame energy with an adaptive noise floor. Silero VAD was considered: the npm packages that
 * ship its model need onnxruntime-node, whose install step downloads CUDA libraries on linux/x64, and its per-frame
 * inference at 50 sessions would take a third of a core here. See docs/voice.md ("Voice activity").
 */
export interface VadOptions {
  frameMs: number;
  /** Voiced time before speech counts as started. */
  startMs: number;
  /** Silence after speech that ends the turn. */
  endOfTurnMs: number;
  /** A frame is voiced above max(this, noise floor + marginDb), in dBFS. */
  minSpeechDb: number;
  marginDb: number;
}

export const DEFAULT_VAD: VadOptions = { frameMs: 20, startMs: 60, endOfTurnMs: 600, minSpeechDb: -45, marginDb: 12 };

export type VadEvent = 'speech_start' | 'speech_end' | null;

export interface Vad {
  /** Classifies one frame of PCM16 LE; returns a change of state, if any. */
  push(frame: Buffer): VadEvent;
  readonly speaking: boolean;
  /** Energy of the last frame in dBFS (for metrics and tests). */
  readonly lastDb: number;
}

/** Mean energy of a PCM16 LE frame in dBFS (digital silence is -100). */
export function frameDb(frame: Buffer): number {
  const n = frame.length >> 1;
  if (n === 0) return -100;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const s = frame.readInt16LE(i << 1);
    sum += s * s;
  }
  const mean = sum / n / (32768 * 32768);
  return mean > 1e-10 ? 10 * Math.log10(mean) : -100;
}

export function createEnergyVad(options: Partial<VadOptions> = {}): Vad {
  const o = { ...DEFAULT_VAD, ...options };
  const startFrames = Math.max(1, Math.round(o.startMs / o.frameMs));
  const endFrames = Math.max(1, Math.round(o.endOfTurnMs / o.frameMs));
  let floorDb = -70;
  let voicedRun = 0;
  let silentRun = 0;
  let speaking = false;
  let lastDb = -100;
  return {
    get speaking() {
      return speaking;
    },
    get lastDb() {
      return lastDb;
    },
    push(frame) {
      const db = frameDb(frame);
      lastDb = db;
      const voiced = db > Math.max(o.minSpeechDb, floorDb + o.marginDb);
      // The floor follows quiet frames down at once and creeps up slowly, so speech does not raise it.
      if (!voiced) floorDb = db < floorDb ? Math.max(db, -90) : floorDb + 0.02 * (db - floorDb);
      if (voiced) {
        voicedRun++;
        silentRun = 0;
      } else {
        silentRun++;
        if (!speaking) voicedRun = 0;
      }
      if (!speaking && voicedRun >= startFrames) {
        speaking = true;
        silentRun = 0;
        return 'speech_start';
      }
      if (speaking && silentRun >= endFrames) {
        speaking = false;
        voicedRun = 0;
        return 'speech_end';
      }
      return null;
    },
  };
}
