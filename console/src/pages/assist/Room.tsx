// The agent's room view: the live transcript, the assistant's rolling summary, the caller's intent and
// mood, suggested answers to accept or dismiss, and the customer's profile and history.
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage, talkbase, type ResponseOf } from '../../api';
import { useUser } from '../../auth';
import { formatDay, formatNumber, formatWon, useTranslation } from '../../i18n';
import { Link } from '../../router';
import { Badge, Button, Card, Empty, ErrorState, InlineError, Loading, PageHeader, formatDuration, useLoad, useToast } from '../../ui';
import type { PageProps } from '../registry';
import { follow } from '../tutor/live';
import {
  STATUS_TONE,
  TranscriptView,
  emotionLabel,
  intentLabel,
  sentimentLabel,
  loadAgent,
  newSegmentId,
  useRoomTranscript,
} from './shared';
import './assist.css';

interface Suggestion {
  chunkId: string;
  title: string | null;
  content: string;
  score: number;
}

type Assistant = ResponseOf<'/v1/assist/rooms/{id}/assistant', 'get'>;
// The server declares `resultData` open (its shape depends on `resultType`); the cards read the fields they know.
type Summary = Assistant['summaries'][number];
type AiResult = Omit<Assistant['results'][number], 'resultData'> & { resultData: Record<string, any> };
type Ended = ResponseOf<'/v1/assist/rooms/{id}/end', 'post'>;

/** The intent of a result that names none. */
const OTHER = 'other';
/** A calendar date the server sends as YYYY-MM-DD, the same day in every time zone. */
const calendarDate = (day: string) => formatDay(`${day.slice(0, 10)}T00:00:00Z`, { year: 'numeric', timeZone: 'UTC' });

export function Room({ params }: PageProps) {
  const { t } = useTranslation('assist');
  const roomId = params.id!;
  const user = useUser()!;
  const toast = useToast();
  const agent = useLoad(loadAgent, []);
  const room = useLoad(() => talkbase.get('/v1/assist/rooms/{id}', { params: { path: { id: roomId } } }), [roomId]);
  const [joined, setJoined] = useState(false);
  const [joinError, setJoinError] = useState<unknown>(null);
  const [summaries, setSummaries] = useState<Summary[]>([]);
  const [results, setResults] = useState<AiResult[]>([]);
  const [ended, setEnded] = useState<Ended | null>(null);
  const [ending, setEnding] = useState(false);

  const info = room.data?.room ?? null;
  const isAgent = !!agent.data && !!info && info.agentId === agent.data.id;

  // The agent takes their place in the room (once; rejoining after leaving is allowed).
  useEffect(() => {
    if (!info || !agent.data || !isAgent || joined) return;
    if (info.status === 'ended') {
      setJoined(true);
      return;
    }
    const inRoom = room.data!.peers.some((p) => p.userId === user.id && !p.leftAt);
    if (inRoom) {
      setJoined(true);
      return;
    }
    talkbase
      .post('/v1/assist/rooms/{id}/join', { params: { path: { id: roomId } }, body: { nickname: agent.data.agentName } })
      .then(() => setJoined(true))
      .catch(setJoinError);
  }, [info?.id, agent.data?.id, isAgent]);

  const { finals, partials } = useRoomTranscript(roomId, joined, (event) => {
    if (event === 'peer.joined' || event === 'peer.left' || event === 'room.ended') void room.reload();
  });

  useEffect(() => {
    if (!joined || !isAgent) return;
    void talkbase
      .get('/v1/assist/rooms/{id}/assistant', { params: { path: { id: roomId } } })
      .then((a) => {
        setSummaries(a.summaries);
        setResults(a.results);
      })
      .catch(() => undefined);
    return follow(`user:${user.id}`, (e) => {
      if (e.event !== 'assist.results' || e.data.roomId !== roomId) return;
      const { summary, results: fresh } = e.data as { summary: Summary; results: AiResult[] };
      setSummaries((list) => (list.some((s) => s.id === summary.id) ? list : [...list, summary]));
      setResults((list) => [...list, ...fresh.filter((r) => !list.some((x) => x.id === r.id))]);
    });
  }, [joined, isAgent, roomId]);

  async function endCall() {
    setEnding(true);
    try {
      const out = await talkbase.post('/v1/assist/rooms/{id}/end', { params: { path: { id: roomId } } });
      setEnded(out);
      void room.reload();
      toast(t('room.ended'), 'good');
    } catch (err) {
      toast(errorMessage(err), 'bad');
    } finally {
      setEnding(false);
    }
  }

  if ((room.loading && !room.data) || (agent.loading && !agent.data)) return <Loading />;
  if (room.error && (room.error as { status?: number }).status === 404) {
    return (
      <>
        <PageHeader title={t('room.title')} />
        <Empty action={<Link to="/assist">{t('room.backToCenter')}</Link>}>{t('room.notFound')}</Empty>
      </>
    );
  }
  if (room.error) return <ErrorState error={room.error} onRetry={room.reload} />;
  if (!info) return null;
  if (!isAgent) {
    return (
      <>
        <PageHeader title={info.roomName} />
        <Empty action={<Link to={`/assist/join/${roomId}`}>{t('room.customerView')}</Link>}>{t('room.agentView')}</Empty>
      </>
    );
  }

  const latest = (type: AiResult['resultType']) => [...results].reverse().find((r) => r.resultType === type) ?? null;
  const intent = latest('intent');
  const intentCode = intent ? String(intent.resultData.intent ?? OTHER) : null;
  const sentiment = latest('sentiment');
  const recommendations = results
    .filter((r) => r.resultType === 'recommendation')
    .slice(-3)
    .reverse();
  const customers = room.data!.peers.filter((p) => p.role === 'customer' && !p.leftAt);
  const joinLink = `${location.origin}/assist/join/${roomId}?code=${info.joinCode ?? ''}`;

  return (
    <>
      <PageHeader
        title={info.roomName}
        subtitle={
          <span className="row">
            <Badge tone={STATUS_TONE[info.status]}>{t(`status.${info.status}`)}</Badge>
            <span>
              {customers.length ? t('room.callers', { names: customers.map((c) => c.nickname).join(', ') }) : t('room.waitingForCaller')} ·{' '}
              {t('room.lines', { count: finals.length })}
            </span>
          </span>
        }
        actions={
          info.status !== 'ended' ? (
            <Button variant="danger" busy={ending} onClick={endCall}>
              {t('room.endCall')}
            </Button>
          ) : (
            <Link to="/assist">{t('room.backToDesk')}</Link>
          )
        }
      />
      <InlineError error={joinError} />
      {info.status !== 'ended' && info.joinCode ? (
        <Card className="assist-join">
          <div className="row">
            <span className="grow">
              {t('room.joinCode')} <strong data-testid="join-code">{info.joinCode}</strong>
            </span>
            <Button
              small
              onClick={() =>
                navigator.clipboard?.writeText(joinLink).then(
                  () => toast(t('room.linkCopied'), 'good'),
                  () => toast(joinLink, 'info'),
                ) ?? toast(joinLink, 'info')
              }
            >
              {t('room.copyLink')}
            </Button>
          </div>
        </Card>
      ) : null}
      {ended ? (
        <Card title={t('room.saved')}>
          <p>
            {formatDuration(ended.session.durationSeconds)} · {t('room.turns', { count: ended.turns.length })}
            {ended.session.consultationType ? ` · ${intentLabel(ended.session.consultationType)}` : ''}
          </p>
          <p className="muted" data-testid="final-summary">
            {ended.session.finalSummary ?? t('room.noSummary')}
          </p>
        </Card>
      ) : null}
      <div className="assist-layout">
        <Card title={t('transcript.label')} className="assist-transcript-card">
          <TranscriptView finals={finals} partials={partials} me="agent" />
          {info.status !== 'ended' ? <Composer roomId={roomId} role="agent" /> : null}
        </Card>
        <div className="stack assist-side">
          <Card title={t('room.assistant')}>
            <div className="stack">
              <div className="assist-signals">
                <div className="stat">
                  <span className="muted small">{t('room.intent')}</span>
                  <strong data-testid="intent" data-intent={intentCode ?? undefined}>
                    {intent ? intentLabel(intentCode) : '—'}
                  </strong>
                  {intent && typeof intent.resultData.confidence === 'number' ? (
                    <span className="muted small">
                      {t('room.sure', { percent: formatNumber(Math.round(intent.resultData.confidence * 100)) })}
                    </span>
                  ) : null}
                </div>
                <div className="stat">
                  <span className="muted small">{t('room.mood')}</span>
                  <strong data-sentiment={sentiment?.resultData.sentiment?.label ?? undefined}>
                    {sentiment?.resultData.sentiment?.label ? sentimentLabel(sentiment.resultData.sentiment.label) : '—'}
                  </strong>
                  {sentiment?.resultData.dominantEmotion ? (
                    <span className="muted small">{emotionLabel(sentiment.resultData.dominantEmotion)}</span>
                  ) : null}
                </div>
              </div>
              <div>
                <h3 className="assist-h3">{t('room.rollingSummary')}</h3>
                {summaries.length === 0 ? (
                  <p className="muted small">{t('room.summaryHint')}</p>
                ) : (
                  <ol className="assist-summaries" aria-label={t('room.rollingSummary')}>
                    {summaries.map((s) => (
                      <li key={s.id}>
                        <span className="muted small">{t('room.summaryLines', { from: s.fromIndex + 1, to: s.lastSummarizedIndex })}</span>
                        <p>{s.summaryText}</p>
                      </li>
                    ))}
                  </ol>
                )}
              </div>
            </div>
          </Card>
          <Card title={t('room.suggested')}>
            {recommendations.length === 0 ? (
              <p className="muted small">{t('room.suggestedHint')}</p>
            ) : (
              <div className="stack">
                {recommendations.map((r) => (
                  <SuggestionCard
                    key={r.id}
                    result={r}
                    onChange={(next) => setResults((list) => list.map((x) => (x.id === next.id ? next : x)))}
                  />
                ))}
              </div>
            )}
          </Card>
          {info.customerId ? <CustomerCard customerId={info.customerId} /> : null}
        </div>
      </div>
    </>
  );
}

function SuggestionCard({ result, onChange }: { result: AiResult; onChange: (r: AiResult) => void }) {
  const { t } = useTranslation('assist');
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const suggestions = (result.resultData.suggestions ?? []) as Suggestion[];
  async function decide(feedback: 'accepted' | 'dismissed') {
    setBusy(feedback);
    try {
      onChange(await talkbase.post('/v1/assist/results/{id}/feedback', { params: { path: { id: result.id } }, body: { feedback } }));
    } catch (err) {
      toast(errorMessage(err), 'bad');
    } finally {
      setBusy(null);
    }
  }
  return (
    <div className={`suggestion ${result.feedback ?? ''}`} aria-label={t('suggestion.label')}>
      {result.resultData.query ? <p className="muted small">{t('suggestion.for', { query: String(result.resultData.query) })}</p> : null}
      {suggestions.length === 0 ? (
        <p className="muted small">{t('suggestion.none')}</p>
      ) : (
        suggestions.slice(0, 2).map((s) => (
          <div key={s.chunkId} className="suggestion-item">
            <strong>{s.title ?? t('suggestion.answer')}</strong>
            <p>{s.content.length > 280 ? `${s.content.slice(0, 280)}…` : s.content}</p>
          </div>
        ))
      )}
      <div className="row">
        {result.feedback ? (
          <Badge tone={result.feedback === 'accepted' ? 'good' : 'neutral'}>
            {result.feedback === 'accepted' ? t('suggestion.accepted') : t('suggestion.dismissed')}
          </Badge>
        ) : (
          <>
            <Button small variant="primary" busy={busy === 'accepted'} disabled={!!busy} onClick={() => decide('accepted')}>
              {t('suggestion.accept')}
            </Button>
            <Button small variant="ghost" busy={busy === 'dismissed'} disabled={!!busy} onClick={() => decide('dismissed')}>
              {t('suggestion.dismiss')}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}

function CustomerCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation('assist');
  const data = useLoad(() => talkbase.get('/v1/assist/customers/{id}', { params: { path: { id: customerId } } }), [customerId]);
  if (data.loading && !data.data) return <Card title={t('customer.title')}>{<Loading />}</Card>;
  if (data.error || !data.data)
    return (
      <Card title={t('customer.title')}>
        <ErrorState error={data.error} onRetry={data.reload} />
      </Card>
    );
  const { customer: c, history, summary } = data.data;
  const facts: [string, string | number | null][] = [
    [t('customer.phone'), c.phoneNumber],
    [t('customer.plan'), c.currentPlan],
    [t('customer.monthlyFee'), c.monthlyFee != null ? formatWon(c.monthlyFee) : null],
    [t('customer.membership'), c.membershipGrade],
    [t('customer.contract'), c.contractStatus],
    [t('customer.data'), c.dataAllowance],
    [t('customer.bundle'), c.bundleInfo],
    [t('customer.age'), c.age != null ? t('customer.ageValue', { age: c.age }) : null],
    [t('customer.residence'), c.residence],
    [t('customer.since'), c.subscriptionDate ? calendarDate(c.subscriptionDate) : null],
  ];
  return (
    <Card title={c.customerName}>
      <dl className="facts">
        {facts
          .filter(([, v]) => v !== null && v !== '')
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
      </dl>
      <h3 className="assist-h3">{t('customer.history', { n: formatNumber(summary.consultationCount) })}</h3>
      {history.length === 0 ? (
        <p className="muted small">{t('customer.noHistory')}</p>
      ) : (
        <ul className="plain-list history">
          {history.slice(0, 5).map((h) => (
            <li key={h.id}>
              <strong>{intentLabel(h.consultationType)}</strong> <span className="muted small">{calendarDate(h.consultationDate)}</span>
              {typeof h.detail.summary === 'string' ? <p className="small">{h.detail.summary}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** Says a line in the room as a final transcript segment (typed here; speech engines send the same). */
export function Composer({ roomId, role }: { roomId: string; role: 'agent' | 'customer' }) {
  const { t } = useTranslation('assist');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [startedAt] = useState(() => Date.now());
  async function say(e: FormEvent) {
    e.preventDefault();
    const line = text.trim();
    if (!line) return;
    setBusy(true);
    setError(null);
    try {
      const at = Date.now() - startedAt;
      await talkbase.put('/v1/assist/rooms/{id}/transcripts/{segmentId}', {
        params: { path: { id: roomId, segmentId: newSegmentId(role) } },
        body: { text: line, isFinal: true, startMs: Math.max(0, at - 1000), endMs: at, source: 'console' },
      });
      setText('');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="composer assist-composer" onSubmit={say}>
      <input
        className="input"
        aria-label={role === 'agent' ? t('composer.toCaller') : t('composer.toAgent')}
        placeholder={role === 'agent' ? t('composer.toCallerPlaceholder') : t('composer.toAgentPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={2000}
      />
      <Button type="submit" variant="primary" busy={busy} disabled={!text.trim()}>
        {t('composer.say')}
      </Button>
      {error ? <InlineError error={error} /> : null}
    </form>
  );
}
