// Shapes of the calls API as the console reads them: the server's own types (GET /openapi.json, tag "calls").
import type { ItemOf, ResponseOf } from '../../api';
import { formatNumber, i18n, t } from '../../i18n';

export type Persona = ResponseOf<'/v1/calls/personas/{id}', 'get'>;
export type LearningStatus = Persona['learningStatus'];
export type VoiceFile = ItemOf<'/v1/calls/personas/{id}/voice-files', 'get'>;
export type Consent = ResponseOf<'/v1/calls/personas/{id}/consent', 'put'>;
export type Training = ResponseOf<'/v1/calls/personas/{id}/training', 'get'>;
export type TrainingNeed = Training['missing'][number];
export type Call = ResponseOf<'/v1/calls/sessions/{id}', 'get'>;
export type CallStatus = Call['status'];
export type Turn = ItemOf<'/v1/calls/sessions/{id}/turns', 'get'>;
export type CallLog = ItemOf<'/v1/calls/logs', 'get'>;

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
