import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, realtime } from '../../api';
import type { PageProps } from '../registry';
import { Link } from '../../router';
import { Avatar, Badge, Button, Card, ErrorState, InlineError, Loading, PageHeader, formatDuration, useLoad } from '../../ui';
import { VoiceButton, VoiceCaptions, formatTurnLatency, useVoice } from '../../ui/voice';
import { ENDED_LABEL, type Call, type Persona, type Turn } from './api';

const STATUS_LABEL: Record<Call['status'], string> = {
  INIT: 'Ready to dial',
  CONNECTING: 'Ringing…',
  ACTIVE: 'Connected',
  ENDED: 'Call ended',
};
const STATUS_TONE = { INIT: 'neutral', CONNECTING: 'warn', ACTIVE: 'good', ENDED: 'neutral' } as const;

function useTicker(active: boolean) {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [active]);
}

function ms(v: number | null) {
  return v == null ? null : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v} ms`;
}

export function CallScreen({ params }: PageProps) {
  const id = params.id!;
  const loaded = useLoad(async () => {
    const call = await api.get<Call>(`/v1/calls/sessions/${id}`);
    const [persona, turns] = await Promise.all([
      api.get<Persona>(`/v1/calls/personas/${call.personaId}`).catch(() => null),
      api.get<Turn[]>(`/v1/calls/sessions/${id}/turns`),
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
      void api
        .get<Turn[]>(`/v1/calls/sessions/${id}/turns`)
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
          setTurns((list) => (list.some((t) => t.id === e.data.id) ? list : [...list, e.data as Turn].sort((a, b) => a.seq - b.seq)));
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
    const t = setTimeout(() => void act('answer'), 1200);
    return () => clearTimeout(t);
  }, [call?.status]);

  if (loaded.loading && !loaded.data) return <Loading />;
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  const persona = loaded.data!.persona;
  const c = call ?? loaded.data!.call;
  const name = persona?.name ?? 'Deleted person';

  async function act(action: 'dial' | 'answer' | 'hangup') {
    setBusy(action);
    setError(null);
    try {
      setCall(await api.post<Call>(`/v1/calls/sessions/${id}/${action}`));
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
      const exchange = await api.post<{ userTurn: Turn; personaTurn: Turn }>(`/v1/calls/sessions/${id}/turns`, { text: message });
      setText('');
      setTurns((list) => {
        const next = [...list];
        for (const t of [exchange.userTurn, exchange.personaTurn]) if (!next.some((x) => x.id === t.id)) next.push(t);
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
  const personaTurns = turns.filter((t) => t.speaker === 'persona' && t.latency.modelMs != null);
  const avgModel = personaTurns.length
    ? Math.round(personaTurns.reduce((s, t) => s + (t.latency.modelMs ?? 0), 0) / personaTurns.length)
    : null;
  const spoken = turns.filter((t) => t.speaker === 'persona' && t.stages?.totalMs != null);
  const avgFirstAudio = spoken.length ? Math.round(spoken.reduce((s, t) => s + (t.stages!.totalMs ?? 0), 0) / spoken.length) : null;

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
            <Badge tone={STATUS_TONE[c.status]}>{STATUS_LABEL[c.status]}</Badge>
            {elapsed !== null ? <span className="muted">{formatDuration(Math.floor(elapsed))}</span> : null}
            {c.status === 'ENDED' && c.endedReason ? <span className="muted">{ENDED_LABEL[c.endedReason] ?? c.endedReason}</span> : null}
          </span>
        }
        actions={
          <>
            {c.status === 'INIT' ? (
              <Button variant="primary" onClick={() => void act('dial')} busy={busy === 'dial'}>
                Dial
              </Button>
            ) : null}
            {c.status === 'CONNECTING' ? (
              <Button variant="primary" onClick={() => void act('answer')} busy={busy === 'answer'}>
                Connect now
              </Button>
            ) : null}
            {c.status !== 'ENDED' ? (
              <Button variant="danger" onClick={() => void act('hangup')} busy={busy === 'hangup'}>
                Hang up
              </Button>
            ) : persona ? (
              <Link to={`/calls/personas/${persona.id}`} className="btn btn-secondary">
                Back to {name.split(' ')[0]}
              </Link>
            ) : null}
          </>
        }
      />
      <InlineError error={error} />
      <div className="call-layout">
        <Card title="Transcript" className="call-transcript">
          <div className="transcript" aria-label="Transcript" aria-live="polite">
            {turns.length === 0 ? (
              <p className="muted center">
                {live
                  ? `Say hello to ${name.split(' ')[0]}.`
                  : c.status === 'ENDED'
                    ? 'Nothing was said in this call.'
                    : 'The transcript appears here once the call connects.'}
              </p>
            ) : (
              turns.map((t) => <TurnBubble key={t.id} turn={t} name={name} />)
            )}
            <div ref={transcriptEnd} />
          </div>
          {live ? (
            <form className="composer" onSubmit={say} aria-label="Say something">
              <input
                className="input"
                aria-label="Message"
                placeholder={`Talk to ${name.split(' ')[0]}…`}
                value={text}
                maxLength={4000}
                onChange={(e) => setText(e.target.value)}
              />
              <Button type="submit" variant="primary" busy={busy === 'say'} disabled={!text.trim()}>
                Send
              </Button>
              <VoiceButton voice={voice} />
            </form>
          ) : null}
          {live || voice.turns.length ? <VoiceCaptions voice={voice} them={name.split(' ')[0]!} /> : null}
        </Card>
        <Card title="Call details" className="call-side">
          <dl className="facts">
            <dt>Status</dt>
            <dd>{STATUS_LABEL[c.status]}</dd>
            <dt>Turns</dt>
            <dd>{turns.length}</dd>
            <dt>Average reply time</dt>
            <dd>{avgModel !== null ? ms(avgModel) : '—'}</dd>
            {avgFirstAudio !== null ? (
              <>
                <dt>Average time to voice</dt>
                <dd>{ms(avgFirstAudio)}</dd>
              </>
            ) : null}
            <dt>Voice</dt>
            <dd>{persona?.learningStatus === 'COMPLETED' ? 'Trained voice' : 'Not trained'}</dd>
          </dl>
        </Card>
      </div>
    </>
  );
}

function mergeTurns(list: Turn[], add: Turn[]) {
  const next = [...list];
  for (const t of add) if (!next.some((x) => x.id === t.id)) next.push(t);
  return next.sort((a, b) => a.seq - b.seq);
}

function TurnBubble({ turn, name }: { turn: Turn; name: string }) {
  const [audio, setAudio] = useState<string | null>(null);
  const [audioError, setAudioError] = useState<string | null>(null);
  const mine = turn.speaker === 'user';
  const stages = formatTurnLatency(turn.stages);
  const latency = stages
    ? [stages]
    : [
        turn.latency.sttMs != null ? `speech-to-text ${ms(turn.latency.sttMs)}` : null,
        turn.latency.modelMs != null ? `reply ${ms(turn.latency.modelMs)}` : null,
        turn.latency.ttsMs != null ? `voice ${ms(turn.latency.ttsMs)}` : null,
      ].filter(Boolean);
  return (
    <>
      <div className={`bubble ${mine ? 'me' : 'them'}`} data-speaker={turn.speaker}>
        {turn.text}
      </div>
      <div className="bubble-meta" style={{ alignSelf: mine ? 'flex-end' : 'flex-start' }}>
        {mine ? 'You' : name.split(' ')[0]}
        {turn.interrupted ? ' · interrupted' : ''}
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
                  setAudioError(err instanceof Error ? err.message : 'could not load the audio');
                }
              }}
            >
              Play
            </button>
          </>
        ) : null}
        {audioError ? ` · ${audioError}` : null}
      </div>
      {audio ? <audio src={audio} controls autoPlay style={{ alignSelf: mine ? 'flex-end' : 'flex-start', maxWidth: '100%' }} /> : null}
    </>
  );
}
