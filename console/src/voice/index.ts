// The live voice client: the socket and its protocol come from @talkbase/client; the microphone and the player are the browser's.
export { connectVoice, type VoiceConnection, type VoiceOptions, type VoiceState } from './voice-client';
export { openMicrophone, frameLevel, CAPTURE_WORKLET_URL, MicrophoneError, type Microphone } from './microphone';
export { PcmPlayer } from './player';
export {
  createSendPacer,
  FRAME_BYTES,
  FRAME_MS,
  INPUT_SAMPLE_RATE,
  startMessage,
  VoiceError,
  type Engines,
  type SendPacer,
  type TurnLatency,
  type VoiceEvent,
  type VoiceProduct,
} from '@talkbase/client/voice';
