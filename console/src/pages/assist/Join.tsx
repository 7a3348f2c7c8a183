// The caller's side of a room: join with the code the agent gave, then talk (typed here) and see the transcript.
import { useState, type FormEvent } from 'react';
import { talkbase } from '../../api';
import { useUser } from '../../auth';
import { useTranslation } from '../../i18n';
import { Badge, Button, Card, Field, InlineError, PageHeader } from '../../ui';
import type { PageProps } from '../registry';
import { Composer } from './Room';
import { STATUS_TONE, TranscriptView, useRoomTranscript, type RoomInfo } from './shared';
import './assist.css';

export function Join({ params, query }: PageProps) {
  const { t } = useTranslation('assist');
  const roomId = params.id!;
  const user = useUser()!;
  const [nickname, setNickname] = useState(user.fullName ?? '');
  const [code, setCode] = useState(query.get('code') ?? '');
  const [room, setRoom] = useState<RoomInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { finals, partials } = useRoomTranscript(roomId, !!room, (event) => {
    if (event === 'room.ended') setRoom((r) => (r ? { ...r, status: 'ended' } : r));
  });

  async function join(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const out = await talkbase.post('/v1/assist/rooms/{id}/join', {
        params: { path: { id: roomId } },
        body: { nickname, joinCode: code },
      });
      setRoom(out.room);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!room) {
    return (
      <>
        <PageHeader title={t('pages.join.title')} subtitle={t('join.subtitle')} />
        <Card>
          <form className="stack" onSubmit={join}>
            <div className="grid-2">
              <Field label={t('join.yourName')} value={nickname} onChange={(e) => setNickname(e.target.value)} required maxLength={100} />
              <Field label={t('join.code')} value={code} onChange={(e) => setCode(e.target.value)} required maxLength={64} />
            </div>
            <InlineError error={error} />
            <div className="row">
              <Button type="submit" variant="primary" busy={busy}>
                {t('join.joinCall')}
              </Button>
            </div>
          </form>
        </Card>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title={room.roomName}
        subtitle={
          <span className="row">
            <Badge tone={STATUS_TONE[room.status]}>{t(`status.${room.status}`)}</Badge>
            <span>{t('join.youAre', { name: nickname })}</span>
          </span>
        }
      />
      <Card title={t('join.call')} className="assist-transcript-card">
        <TranscriptView finals={finals} partials={partials} me="customer" />
        {room.status !== 'ended' ? <Composer roomId={roomId} role="customer" /> : <p className="muted">{t('join.ended')}</p>}
      </Card>
    </>
  );
}
