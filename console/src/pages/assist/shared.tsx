// What the assist pages share: the API's shapes and the live transcript of a room.
import { useEffect, useRef, useState } from 'react';
import { auth, talkbase, type ItemOf, type ResponseOf } from '../../api';
import { i18n, text, useTranslation, type TKey } from '../../i18n';
import { Empty } from '../../ui';
import { follow } from '../tutor/live';

type RoomAnswer = ResponseOf<'/v1/assist/rooms/{id}', 'get'>;
export type AgentRecord = ResponseOf<'/v1/assist/agents/me', 'get'>;
export type RoomInfo = RoomAnswer['room'];
export type Peer = RoomAnswer['peers'][number];
export type TranscriptLine = ItemOf<'/v1/assist/rooms/{id}/transcripts', 'get'>;

export const STATUS_TONE = { waiting: 'warn', active: 'good', ended: 'neutral' } as const;

/** The words for a code the server sends (a status, intent, sentiment or emotion), readable even for one the console does not know. */
function codeLabel(group: 'intent' | 'sentiment' | 'emotion', code: unknown): string {
  const value = String(code);
  const key = `assist:${group}.${value}`;
  return i18n.exists(key) ? text(key as TKey) : value.replace(/_/g, ' ');
}
/** An intent, or a consultation type (the intent the call was about, or `general`). */
export const intentLabel = (code: unknown) => codeLabel('intent', code);
export const sentimentLabel = (code: unknown) => codeLabel('sentiment', code);
export const emotionLabel = (code: unknown) => codeLabel('emotion', code);

/** The agent's record, or null for an account that is not an agent. */
export async function loadAgent(): Promise<AgentRecord | null> {
  // An account without the agent role has no agent record: the desk says so instead of asking in vain.
  if (!(await auth.hasRole('assist', 'agent'))) return null;
  try {
    return await talkbase.get('/v1/assist/agents/me');
  } catch (err) {
    if ((err as { status?: number }).status === 403) return null;
    throw err;
  }
}

/**
 * The room's transcript: the finals so far, then live finals (replayed from the channel's start, so
 * nothing between the read and the subscription is lost) and partials as they are spoken.
 */
export function useRoomTranscript(roomId: string, enabled: boolean, onEvent?: (event: string, data: any) => void) {
  const [finals, setFinals] = useState<TranscriptLine[]>([]);
  const [partials, setPartials] = useState<Record<string, TranscriptLine>>({});
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const add = (line: TranscriptLine) => {
      setFinals((list) =>
        list.some((l) => l.finalIndex === line.finalIndex) ? list : [...list, line].sort((a, b) => a.finalIndex! - b.finalIndex!),
      );
      setPartials((p) => {
        if (!p[line.segmentId]) return p;
        const next = { ...p };
        delete next[line.segmentId];
        return next;
      });
    };
    void talkbase
      .get('/v1/assist/rooms/{id}/transcripts', { params: { path: { id: roomId } } })
      .then((lines) => live && lines.forEach(add))
      .catch(() => undefined);
    const stop = follow(
      `room:${roomId}`,
      (e) => {
        if (e.event === 'transcript.final') add(e.data as TranscriptLine);
        else if (e.event === 'transcript.partial') {
          const line = e.data as TranscriptLine;
          if (!line.isFinal) setPartials((p) => ({ ...p, [line.segmentId]: line }));
        }
        handler.current?.(e.event, e.data);
      },
      0,
    );
    return () => {
      live = false;
      stop();
    };
  }, [roomId, enabled]);

  return { finals, partials: Object.values(partials) };
}

export function TranscriptView({
  finals,
  partials,
  me,
}: {
  finals: TranscriptLine[];
  partials: TranscriptLine[];
  me: 'agent' | 'customer';
}) {
  const { t } = useTranslation('assist');
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [finals.length, partials.length]);
  if (finals.length === 0 && partials.length === 0) return <Empty>{t('transcript.empty')}</Empty>;
  return (
    <div className="transcript assist-transcript" aria-label={t('transcript.label')} aria-live="polite">
      {finals.map((l) => (
        <div key={`f${l.finalIndex}`} className={`assist-line ${l.speakerRole === me ? 'mine' : 'theirs'}`}>
          <div className={`bubble ${l.speakerRole === me ? 'me' : 'them'}`}>{l.text}</div>
          <div className="bubble-meta">
            {l.nickname} · {t(`role.${l.speakerRole}`)}
          </div>
        </div>
      ))}
      {partials.map((l) => (
        <div key={`p${l.segmentId}`} className={`assist-line partial ${l.speakerRole === me ? 'mine' : 'theirs'}`}>
          <div className={`bubble ${l.speakerRole === me ? 'me' : 'them'}`}>{l.text}…</div>
          <div className="bubble-meta">
            {l.nickname} · {t('transcript.speaking')}
          </div>
        </div>
      ))}
      <div ref={end} />
    </div>
  );
}

let segmentCounter = 0;
/** A segment id the server has not seen from this client: time plus a counter. */
export const newSegmentId = (who: string) => `${who}-${Date.now().toString(36)}-${(segmentCounter++).toString(36)}`;
