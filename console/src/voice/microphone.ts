// The microphone as 20 ms frames of 16 kHz PCM16 LE mono, converted off the main thread by an AudioWorklet.

/** Why the microphone cannot open here; `code` lets a page say it in the user's language. */
export class MicrophoneError extends Error {
  constructor(
    readonly code: 'microphone.insecure' | 'microphone.no_worklet',
    message: string,
  ) {
    super(message);
  }
}

export interface Microphone {
  /** Stops capture and releases the device. */
  stop(): void;
}

/** The worklet that converts the capture rate to 16 kHz frames; a static file emitted by the console build. */
export const CAPTURE_WORKLET_URL = new URL('./capture-worklet.js', import.meta.url).href;

/**
 * Opens the microphone (echo cancellation on, so the reply playing from the speakers is not heard as the
 * user) and calls `onFrame` with each 640-byte frame as it is captured.
 */
export async function openMicrophone(
  ctx: AudioContext,
  onFrame: (frame: ArrayBuffer) => void,
  workletUrl: string = CAPTURE_WORKLET_URL,
): Promise<Microphone> {
  if (!navigator.mediaDevices?.getUserMedia)
    throw new MicrophoneError('microphone.insecure', 'This browser cannot use a microphone here (it needs a secure page)');
  if (!ctx.audioWorklet)
    throw new MicrophoneError('microphone.no_worklet', 'This browser cannot process audio on this page (no AudioWorklet)');
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
  });
  try {
    await ctx.audioWorklet.addModule(workletUrl);
  } catch (err) {
    stream.getTracks().forEach((t) => t.stop());
    throw err;
  }
  const source = ctx.createMediaStreamSource(stream);
  const node = new AudioWorkletNode(ctx, 'talkbase-pcm16-capture', { numberOfInputs: 1, numberOfOutputs: 1 });
  node.port.onmessage = (event: MessageEvent<ArrayBuffer>) => onFrame(event.data);
  // A node is only run while it leads to the speakers: through a silent gain, so nothing is heard.
  const mute = ctx.createGain();
  mute.gain.value = 0;
  source.connect(node);
  node.connect(mute).connect(ctx.destination);
  return {
    stop() {
      node.port.postMessage('stop');
      node.port.onmessage = null;
      source.disconnect();
      node.disconnect();
      mute.disconnect();
      stream.getTracks().forEach((t) => t.stop());
    },
  };
}

/** The loudness of a PCM16 frame, 0 (silence) to 1 (full scale). */
export function frameLevel(frame: ArrayBuffer): number {
  const pcm = new Int16Array(frame);
  let sum = 0;
  for (let i = 0; i < pcm.length; i++) sum += pcm[i]! * pcm[i]!;
  return pcm.length ? Math.sqrt(sum / pcm.length) / 0x8000 : 0;
}
