import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, realtime, talkbase } from '../../api';
import type { PageProps } from '../registry';
import { Link } from '../../router';
import { Avatar, Badge, Button, Card, ErrorState, InlineError, Loading, PageHeader, formatDuration, useLoad } from '../../ui';
import { VoiceButton, VoiceCaptions, formatTurnLatency, useVoice } from '../../ui/voice';
import { formatNumber, useTranslation } from '../../i18n';
import { endedLabel, formatMs as ms, type Call, type Turn } from './api';

const STATUS_TONE = { INIT: 'neutral', CONNECTING: 'warn', ACTIVE: 'good', ENDED: 'neutral' } as const;

function useTicker(active: boolean) {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [active]);
}

export function CallScreen({ params }: PageProps) {
  const { t } = useTranslation('calls');
  const id = params.id!;
  const loaded = useLoad(async () => {
    const call = await talkbase.get('/v1/calls/sessions/{id}', { params: { path: { id } } });
    const [persona, turns] = await Promise.all([
      talkbase.get('/v1/calls/personas/{id}', { params: { path: { id: call.personaId } } }).catch(() => null),
      talkbase.get('/v1/calls/sessions/{id}/turns', { params: { path: { id } } }),
    ]);
    return { call, persona, turns };
  }, [id]);
  const [call, setCall] = useState<Call | null>(null);
  const [turns, setTurns] = useState<Turn[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [text, setText] = useState('');
  const transcriptEnd = useRef<HTMLDivElement>(null);
  // A spoken turn is stored when its metrics arrive; reading the turns then shows it even if an event was missed.
  const voice = useVoice({
    product: 'calls',
    id,
    onStored: () =>
      void talkbase
        .get('/v1/calls/sessions/{id}/turns', { params: { path: { id } } })
        .then((ts) => setTurns((list) => mergeTurns(list, ts)))
        .catch(() => undefined),
  });

  useEffect(() => {
    if (!loaded.data) return;
    setCall(loaded.data.call);
    setTurns(loaded.data.turns);
  }, [loaded.data]);

  // Turns and status changes stream on call:<id>; replay from the start fills anything missed.
  useEffect(() => {
    return realtime.subscribe(
      `call:${id}`,
      (e) => {
        if (e.event === 'turn.created')
          setTurns((list) => (list.some((x) => x.id === e.data.id) ? list : [...list, e.data as Turn].sort((a, b) => a.seq - b.seq)));
        if (e.event === 'call.status') setCall((c) => ({ ...(c ?? {}), ...(e.data as Call) }));
      },
      0,
    );
  }, [id]);

  useEffect(() => {
    transcriptEnd.current?.scrollIntoView?.({ block: 'nearest' });
  }, [turns.length]);

  useTicker(call?.status === 'ACTIVE');

  const { stop: stopVoice } = voice;
  useEffect(() => {
    if (call && call.status !== 'ACTIVE') stopVoice();
  }, [call?.status, stopVoice]);

  // After dialing, the persona picks up after a ring.
  useEffect(() => {
    if (call?.status !== 'CONNECTING') return;
    const timer = setTimeout(() => void act('answer'), 1200);
    return () => clearTimeout(timer);
  }, [call?.status]);

  if (loaded.loading && !loaded.data) return <Loading />;
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  const persona = loaded.data!.persona;
  const c = call ?? loaded.data!.call;
  const name = persona?.name ?? t('deletedPerson');
  const firstName = name.split(' ')[0]!;

  async function act(action: 'dial' | 'answer' | 'hangup') {
    setBusy(action);
    setError(null);
    try {
      setCall(await talkbase.post(`/v1/calls/sessions/{id}/${action}`, { params: { path: { id } } }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  async function say(e: FormEvent) {
    e.preventDefault();
    const message = text.trim();
    if (!message) return;
    setBusy('say');
    setError(null);
    try {
      const exchange = await talkbase.post('/v1/calls/sessions/{id}/turns', { params: { path: { id } }, body: { text: message } });
      setText('');
      setTurns((list) => {
        const next = [...list];
        for (const turn of [exchange.userTurn, exchange.personaTurn]) if (!next.some((x) => x.id === turn.id)) next.push(turn);
        return next.sort((a, b) => a.seq - b.seq);
      });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  const live = c.status === 'ACTIVE';
  const elapsed = c.startedAt
    ? Math.max(0, ((c.endedAt ? new Date(c.endedAt) : new Date()).getTime() - new Date(c.startedAt).getTime()) / 1000)
    : null;
  const personaTurns = turns.filter((x) => x.speaker === 'persona' && x.latency.modelMs != null);
  const avgModel = personaTurns.length
    ? Math.round(personaTurns.reduce((s, x) => s + (x.latency.modelMs ?? 0), 0) / personaTurns.length)
    : null;
  const spoken = turns.filter((x) => x.speaker === 'persona' && x.stages?.totalMs != null);
  const avgFirstAudio = spoken.length ? Math.round(spoken.reduce((s, x) => s + (x.stages!.totalMs ?? 0), 0) / spoken.length) : null;

  return (
    <>
      <PageHeader
        title={
          <span className="row">
            <Avatar name={name} size={44} /> {name}
          </span>
        }
        subtitle={
          <span className="row">
            <Badge tone={STATUS_TONE[c.status]}>{t(`callStatus.${c.status}`)}</Badge>
            {elapsed !== null ? <span className="muted">{formatDuration(Math.floor(elapsed))}</span> : null}
            {c.status === 'ENDED' && c.endedReason ? <span className="muted">{endedLabel(c.endedReason)}</span> : null}
          </span>
        }
        actions={
          <>
            {c.status === 'INIT' ? (
              <Button variant="primary" onClick={() => void act('dial')} busy={busy === 'dial'}>
                {t('call.dial')}
              </Button>
            ) : null}
            {c.status === 'CONNECTING' ? (
              <Button variant="primary" onClick={() => void act('answer')} busy={busy === 'answer'}>
                {t('call.connectNow')}
              </Button>
            ) : null}
            {c.status !== 'ENDED' ? (
              <Button variant="danger" onClick={() => void act('hangup')} busy={busy === 'hangup'}>
                {t('call.hangUp')}
              </Button>
            ) : persona ? (
              <Link to={`/calls/personas/${persona.id}`} className="btn btn-secondary">
                {t('call.back', { name: firstName })}
              </Link>
            ) : null}
          </>
        }
      />
      <InlineError error={error} />
      <div className="call-layout">
        <Card title={t('call.transcript')} className="call-transcript">
          <div className="transcript" aria-label={t('call.transcript')} aria-live="polite">
            {turns.length === 0 ? (
              <p className="muted center">
                {live ? t('call.sayHello', { name: firstName }) : c.status === 'ENDED' ? t('call.silent') : t('call.waiting')}
              </p>
            ) : (
              turns.map((turn) => <TurnBubble key={turn.id} turn={turn} name={name} />)
            )}
            <div ref={transcriptEnd} />
          </div>
          {live ? (
            <form className="composer" onSubmit={say} aria-label={t('call.composer')}>
              <input
                className="input"
                aria-label={t('call.message')}
                placeholder={t('call.placeholder', { name: firstName })}
                value={text}
                maxLength={4000}
                onChange={(e) => setText(e.target.value)}
              />
              <Button type="submit" variant="primary" busy={busy === 'say'} disabled={!text.trim()}>
                {t('call.send')}
              </Button>
              <VoiceButton voice={voice} />
            </form>
          ) : null}
          {live || voice.turns.length ? <VoiceCaptions voice={voice} them={firstName} /> : null}
        </Card>
        <Card title={t('call.details')} className="call-side">
          <dl className="facts">
            <dt>{t('call.status')}</dt>
            <dd>{t(`callStatus.${c.status}`)}</dd>
            <dt>{t('call.turns')}</dt>
            <dd>{formatNumber(turns.length)}</dd>
            <dt>{t('call.avgReply')}</dt>
            <dd>{avgModel !== null ? ms(avgModel) : '—'}</dd>
            {avgFirstAudio !== null ? (
              <>
                <dt>{t('call.avgVoice')}</dt>
                <dd>{ms(avgFirstAudio)}</dd>
              </>
            ) : null}
            <dt>{t('call.voice')}</dt>
            <dd>{persona?.learningStatus === 'COMPLETED' ? t('call.trainedVoice') : t('call.notTrained')}</dd>
          </dl>
        </Card>
      </div>
    </>
  );
}

function mergeTurns(list: Turn[], add: Turn[]) {
  const next = [...list];
  for (const turn of add) if (!next.some((x) => x.id === turn.id)) next.push(turn);
  return next.sort((a, b) => a.seq - b.seq);
}

function TurnBubble({ turn, name }: { turn: Turn; name: string }) {
  const { t } = useTranslation('calls');
  const [audio, setAudio] = useState<string | null>(null);
  const [audioError, setAudioError] = useState<string | null>(null);
  const mine = turn.speaker === 'user';
  const stages = formatTurnLatency(turn.stages);
  const latency = stages
    ? [stages]
    : [
        turn.latency.sttMs != null ? t('turn.stt', { time: ms(turn.latency.sttMs) }) : null,
        turn.latency.modelMs != null ? t('turn.reply', { time: ms(turn.latency.modelMs) }) : null,
        turn.latency.ttsMs != null ? t('turn.voice', { time: ms(turn.latency.ttsMs) }) : null,
      ].filter(Boolean);
  return (
    <>
      <div className={`bubble ${mine ? 'me' : 'them'}`} data-speaker={turn.speaker}>
        {turn.text}
      </div>
      <div className="bubble-meta" style={{ alignSelf: mine ? 'flex-end' : 'flex-start' }}>
        {mine ? t('turn.you') : name.split(' ')[0]}
        {turn.interrupted ? ` · ${t('turn.interrupted')}` : ''}
        {latency.length ? <span className={stages ? 'turn-stages' : undefined}>{` · ${latency.join(' · ')}`}</span> : ''}
        {turn.audioFileId && !audio ? (
          <>
            {' · '}
            <button
              type="button"
              className="link-button"
              onClick={async () => {
                try {
                  setAudio(await api.blobUrl(`/v1/files/${turn.audioFileId}/content`));
                } catch (err) {
                  setAudioError(err instanceof Error ? err.message : t('turn.audioFailed'));
                }
              }}
            >
              {t('turn.play')}
            </button>
          </>
        ) : null}
        {audioError ? ` · ${audioError}` : null}
      </div>
      {audio ? <audio src={audio} controls autoPlay style={{ alignSelf: mine ? 'flex-end' : 'flex-start', maxWidth: '100%' }} /> : null}
    </>
  );
}
