// Shapes of the calls API (GET /openapi.json, tag "calls") as the console reads them.
import { formatNumber, i18n, t } from '../../i18n';
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

export function trainingLabel(status: LearningStatus): string {
  return t(`calls:trainingStatus.${status}`);
}

export const TRAINING_TONE = { NOT_STARTED: 'neutral', IN_PROGRESS: 'info', COMPLETED: 'good', FAILED: 'bad' } as const;

/** Why a call ended, in words; a reason this console does not know yet is shown as it came. */
export function endedLabel(reason: string): string {
  return i18n.exists(`calls:ended.${reason}`) ? t(`calls:ended.${reason}` as 'calls:ended.error') : reason.replace(/_/g, ' ');
}

/** "1.2 s" / "850 ms" ("1.2초" / "850ms"). */
export function formatMs(v: number | null): string | null {
  if (v == null) return null;
  return v >= 1000
    ? t('calls:units.seconds', { value: formatNumber(v / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })
    : t('calls:units.ms', { value: formatNumber(v) });
}
