// The stand-in voice recording the calls seed uses: a short 16-bit mono PCM WAV tone.
export { toneWav } from '../../../src/products/calls/seed.js';
