// Shapes of the calls API (GET /openapi.json, tag "calls") as the console reads them.
import type { TurnLatency } from '../../voice';

export type LearningStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
export type CallStatus = 'INIT' | 'CONNECTING' | 'ACTIVE' | 'ENDED';

export interface Persona {
  id: string;
  name: string;
  phoneNumber: string;
  relationship: string | null;
  profileImageFileId: string | null;
  memo: string | null;
  learningStatus: LearningStatus;
  lastTrainingUpdatedAt: string | null;
  trainingError: string | null;
  createdAt: string;
}

export interface VoiceFile {
  id: string;
  fileId: string;
  fileName: string | null;
  contentType: string | null;
  fileSize: number;
  aiFileId: string | null;
  uploadedAt: string;
}

export interface Consent {
  voiceOwner: string;
  statement: string;
  consentedAt: string;
}

export interface Training {
  learningStatus: LearningStatus;
  jobId: string | null;
  lastTrainingUpdatedAt: string | null;
  error: string | null;
  engine: { status: string; progress: number } | null;
  /** What a start would be refused for; empty once training can start. */
  missing: TrainingNeed[];
}

export type TrainingNeed = 'voice_file' | 'consent';

export interface Call {
  id: string;
  personaId: string;
  status: CallStatus;
  dialedAt: string | null;
  startedAt: string | null;
  endedAt: string | null;
  endedReason: string | null;
  durationSeconds: number | null;
  createdAt: string;
}

export interface Turn {
  id: string;
  seq: number;
  speaker: 'user' | 'persona';
  text: string;
  audioFileId: string | null;
  audioError: string | null;
  latency: { sttMs: number | null; modelMs: number | null; ttsMs: number | null };
  /** A spoken reply the user talked over: `text` is what was heard. */
  interrupted?: boolean;
  /** A live voice turn's stages (docs/voice.md). */
  stages?: TurnLatency | null;
  createdAt: string;
}

export interface CallLog {
  id: string;
  personaId: string;
  callSessionId: string;
  startedAt: string;
  endedAt: string;
  durationSeconds: number;
  endedReason: string;
}

export const TRAINING_LABEL: Record<LearningStatus, string> = {
  NOT_STARTED: 'Voice not trained',
  IN_PROGRESS: 'Training voice',
  COMPLETED: 'Voice ready',
  FAILED: 'Training failed',
};

export const TRAINING_TONE = { NOT_STARTED: 'neutral', IN_PROGRESS: 'info', COMPLETED: 'good', FAILED: 'bad' } as const;

export const ENDED_LABEL: Record<string, string> = {
  user_hangup: 'You hung up',
  persona_hangup: 'They hung up',
  timeout: 'No answer',
  error: 'Failed',
  cancelled: 'Cancelled',
  connection_lost: 'Connection lost',
};
