// Plays PCM16 frames as they stream in: each frame is an AudioBuffer scheduled right after the one before,
// behind a small jitter buffer; stop() silences everything at once (barge-in).

export class PcmPlayer {
  private next = 0;
  private readonly sources = new Set<AudioBufferSourceNode>();

  constructor(
    private readonly ctx: AudioContext,
    private readonly output: AudioNode = ctx.destination,
    /** Audio held back when playback starts or ran dry, so late frames do not cut the voice. */
    private readonly jitterSeconds = 0.08,
  ) {}

  /** Whether audio is scheduled that has not finished yet. */
  get playing(): boolean {
    return this.sources.size > 0;
  }

  /** Queues one frame of PCM16 LE mono at `sampleRate`. */
  play(frame: ArrayBuffer, sampleRate: number): void {
    const pcm = new Int16Array(frame, 0, frame.byteLength >> 1);
    if (pcm.length === 0) return;
    const buffer = this.ctx.createBuffer(1, pcm.length, sampleRate);
    const samples = buffer.getChannelData(0);
    for (let i = 0; i < pcm.length; i++) samples[i] = pcm[i]! / 0x8000;
    const source = this.ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(this.output);
    const now = this.ctx.currentTime;
    // Starting, or the stream ran dry: begin again behind the jitter buffer.
    if (this.next < now) this.next = now + this.jitterSeconds;
    source.start(this.next);
    this.next += buffer.duration;
    this.sources.add(source);
    source.onended = () => {
      this.sources.delete(source);
      source.disconnect();
    };
  }

  /** Stops every scheduled frame now. */
  stop(): void {
    for (const source of this.sources) {
      source.onended = null;
      try {
        source.stop();
      } catch {}
      source.disconnect();
    }
    this.sources.clear();
    this.next = 0;
  }
}
