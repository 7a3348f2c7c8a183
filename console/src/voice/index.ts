// The live voice client (docs/voice.md), free of the console's framework so it can move to packages/client.
export { connectVoice, VoiceError, type VoiceConnection, type VoiceOptions, type VoiceState } from './voice-client';
export { openMicrophone, frameLevel, CAPTURE_WORKLET_URL, MicrophoneError, type Microphone } from './microphone';
export { PcmPlayer } from './player';
export { createSendPacer, type SendPacer } from './send-pacer';
export {
  FRAME_BYTES,
  FRAME_MS,
  INPUT_SAMPLE_RATE,
  startMessage,
  type Engines,
  type TurnLatency,
  type VoiceEvent,
  type VoiceProduct,
} from './protocol';
