// The microphone's AudioWorklet processor: the capture rate (often 48 kHz) → 16 kHz PCM16 LE mono, posted to
// the page as one 20 ms frame (640 bytes) at a time. Plain JavaScript: the console build copies it as is.
/* global AudioWorkletProcessor, registerProcessor, sampleRate */

const OUTPUT_RATE = 16000;
const FRAME_SAMPLES = OUTPUT_RATE / 50;
const TAPS = 31;

/** A windowed-sinc low-pass (Blackman) that keeps what 16 kHz can carry and removes what would fold back. */
function lowPass(cutoff) {
  const taps = new Float32Array(TAPS);
  const mid = (TAPS - 1) / 2;
  let sum = 0;
  for (let i = 0; i < TAPS; i++) {
    const x = i - mid;
    const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
    const window = 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / (TAPS - 1)) + 0.08 * Math.cos((4 * Math.PI * i) / (TAPS - 1));
    taps[i] = sinc * window;
    sum += taps[i];
  }
  for (let i = 0; i < TAPS; i++) taps[i] /= sum;
  return taps;
}

class Pcm16Capture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.step = sampleRate / OUTPUT_RATE; // input samples per output sample
    this.taps = lowPass(Math.min(0.5, 0.5 / this.step) * 0.9);
    this.ring = new Float32Array(TAPS);
    this.at = 0; // next slot of the ring
    this.index = 0; // input samples seen
    this.nextOut = 0; // input position of the next output sample
    this.previous = 0; // the filtered sample before the latest
    this.frame = new Int16Array(FRAME_SAMPLES);
    this.filled = 0;
    this.stopped = false;
    this.port.onmessage = (event) => {
      if (event.data === 'stop') this.stopped = true;
    };
  }

  filter(x) {
    this.ring[this.at] = x;
    this.at = (this.at + 1) % TAPS;
    let y = 0;
    for (let i = 0, j = this.at; i < TAPS; i++, j = (j + 1) % TAPS) y += this.taps[i] * this.ring[j];
    return y;
  }

  emit(value) {
    const v = Math.max(-1, Math.min(1, value));
    this.frame[this.filled++] = v < 0 ? v * 0x8000 : v * 0x7fff;
    if (this.filled === FRAME_SAMPLES) {
      const out = this.frame.buffer.slice(0);
      this.port.postMessage(out, [out]);
      this.filled = 0;
    }
  }

  process(inputs) {
    if (this.stopped) return false;
    const channels = inputs[0];
    if (!channels || channels.length === 0) return true;
    const length = channels[0].length;
    for (let n = 0; n < length; n++) {
      let x = 0;
      for (let c = 0; c < channels.length; c++) x += channels[c][n];
      const y = this.filter(x / channels.length);
      // Output samples that fall between the previous input sample and this one, linearly interpolated.
      while (this.nextOut <= this.index) {
        const t = this.nextOut - (this.index - 1);
        this.emit(this.previous + (y - this.previous) * t);
        this.nextOut += this.step;
      }
      this.previous = y;
      this.index++;
    }
    // Keep the positions small so float precision holds over a long call.
    if (this.index > 1e6) {
      this.nextOut -= this.index;
      this.index = 0;
    }
    return true;
  }
}

registerProcessor('talkbase-pcm16-capture', Pcm16Capture);
