// The agent's room view: the live transcript, the assistant's rolling summary, the caller's intent and
// mood, suggested answers to accept or dismiss, and the customer's profile and history.
import { useEffect, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api';
import { useUser } from '../../auth';
import { Link } from '../../router';
import { Badge, Button, Card, Empty, ErrorState, InlineError, Loading, PageHeader, formatDuration, useLoad, useToast } from '../../ui';
import type { PageProps } from '../registry';
import { follow } from '../tutor/live';
import { STATUS_LABEL, STATUS_TONE, TranscriptView, loadAgent, newSegmentId, useRoomTranscript, type Peer, type RoomInfo } from './shared';
import './assist.css';

interface Summary {
  id: string;
  summaryText: string;
  keyPoints: string[];
  fromIndex: number;
  lastSummarizedIndex: number;
}

interface Suggestion {
  chunkId: string;
  title: string | null;
  content: string;
  score: number;
}

interface AiResult {
  id: string;
  roomId: string | null;
  resultType: 'summary' | 'final_summary' | 'intent' | 'sentiment' | 'recommendation';
  resultData: Record<string, any>;
  processingTimeMs: number;
  modelVersion: string;
  feedback: 'accepted' | 'dismissed' | null;
  createdAt: string;
}

interface Customer {
  id: string;
  customerName: string;
  phoneNumber: string | null;
  age: number | null;
  gender: string | null;
  residence: string | null;
  membershipGrade: string | null;
  currentPlan: string | null;
  monthlyFee: number | null;
  contractStatus: string | null;
  bundleInfo: string | null;
  dataAllowance: string | null;
  subscriptionDate: string | null;
}

interface History {
  id: string;
  consultationDate: string;
  consultationType: string;
  detail: Record<string, unknown>;
}

interface Ended {
  session: { id: string; durationSeconds: number; finalSummary: string | null; consultationType: string | null };
  turns: unknown[];
}

export function Room({ params }: PageProps) {
  const roomId = params.id!;
  const user = useUser()!;
  const toast = useToast();
  const agent = useLoad(loadAgent, []);
  const room = useLoad(() => api.get<{ room: RoomInfo; peers: Peer[] }>(`/v1/assist/rooms/${roomId}`), [roomId]);
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
    api
      .post(`/v1/assist/rooms/${roomId}/join`, { nickname: agent.data.agentName })
      .then(() => setJoined(true))
      .catch(setJoinError);
  }, [info?.id, agent.data?.id, isAgent]);

  const { finals, partials } = useRoomTranscript(roomId, joined, (event) => {
    if (event === 'peer.joined' || event === 'peer.left' || event === 'room.ended') void room.reload();
  });

  useEffect(() => {
    if (!joined || !isAgent) return;
    void api
      .get<{ summaries: Summary[]; results: AiResult[] }>(`/v1/assist/rooms/${roomId}/assistant`)
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
      const out = await api.post<Ended>(`/v1/assist/rooms/${roomId}/end`);
      setEnded(out);
      void room.reload();
      toast('Call ended and saved to the customer’s history', 'good');
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
        <PageHeader title="Room" />
        <Empty action={<Link to="/assist">Back to the contact center</Link>}>
          No such room, or you are not in it. Ask the agent for the join link.
        </Empty>
      </>
    );
  }
  if (room.error) return <ErrorState error={room.error} onRetry={room.reload} />;
  if (!info) return null;
  if (!isAgent) {
    return (
      <>
        <PageHeader title={info.roomName} />
        <Empty action={<Link to={`/assist/join/${roomId}`}>Open the customer view</Link>}>This is the agent’s view of the room.</Empty>
      </>
    );
  }

  const latest = (type: AiResult['resultType']) => [...results].reverse().find((r) => r.resultType === type) ?? null;
  const intent = latest('intent');
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
            <Badge tone={STATUS_TONE[info.status]}>{STATUS_LABEL[info.status]}</Badge>
            <span>
              {customers.length ? `Caller: ${customers.map((c) => c.nickname).join(', ')}` : 'Waiting for the caller'} · {finals.length}{' '}
              lines
            </span>
          </span>
        }
        actions={
          info.status !== 'ended' ? (
            <Button variant="danger" busy={ending} onClick={endCall}>
              End call
            </Button>
          ) : (
            <Link to="/assist">Back to the desk</Link>
          )
        }
      />
      <InlineError error={joinError} />
      {info.status !== 'ended' && info.joinCode ? (
        <Card className="assist-join">
          <div className="row">
            <span className="grow">
              Join code for the caller: <strong data-testid="join-code">{info.joinCode}</strong>
            </span>
            <Button
              small
              onClick={() =>
                navigator.clipboard?.writeText(joinLink).then(
                  () => toast('Join link copied', 'good'),
                  () => toast(joinLink, 'info'),
                ) ?? toast(joinLink, 'info')
              }
            >
              Copy join link
            </Button>
          </div>
        </Card>
      ) : null}
      {ended ? (
        <Card title="Call saved">
          <p>
            {formatDuration(ended.session.durationSeconds)} · {ended.turns.length} turns
            {ended.session.consultationType ? ` · ${ended.session.consultationType}` : ''}
          </p>
          <p className="muted" data-testid="final-summary">
            {ended.session.finalSummary ?? 'No summary (nothing was said).'}
          </p>
        </Card>
      ) : null}
      <div className="assist-layout">
        <Card title="Live transcript" className="assist-transcript-card">
          <TranscriptView finals={finals} partials={partials} me="agent" />
          {info.status !== 'ended' ? <Composer roomId={roomId} role="agent" /> : null}
        </Card>
        <div className="stack assist-side">
          <Card title="Assistant">
            <div className="stack">
              <div className="assist-signals">
                <div className="stat">
                  <span className="muted small">Intent</span>
                  <strong data-testid="intent">{intent ? String(intent.resultData.intent ?? 'unknown').replace(/_/g, ' ') : '—'}</strong>
                  {intent && typeof intent.resultData.confidence === 'number' ? (
                    <span className="muted small">{Math.round(intent.resultData.confidence * 100)}% sure</span>
                  ) : null}
                </div>
                <div className="stat">
                  <span className="muted small">Mood</span>
                  <strong>{sentiment?.resultData.sentiment?.label ?? '—'}</strong>
                  {sentiment?.resultData.dominantEmotion ? (
                    <span className="muted small">{sentiment.resultData.dominantEmotion}</span>
                  ) : null}
                </div>
              </div>
              <div>
                <h3 className="assist-h3">Rolling summary</h3>
                {summaries.length === 0 ? (
                  <p className="muted small">The assistant summarizes after every few lines.</p>
                ) : (
                  <ol className="assist-summaries" aria-label="Rolling summary">
                    {summaries.map((s) => (
                      <li key={s.id}>
                        <span className="muted small">
                          Lines {s.fromIndex + 1}–{s.lastSummarizedIndex}
                        </span>
                        <p>{s.summaryText}</p>
                      </li>
                    ))}
                  </ol>
                )}
              </div>
            </div>
          </Card>
          <Card title="Suggested answers">
            {recommendations.length === 0 ? (
              <p className="muted small">Answers from the knowledge base appear when the caller asks something.</p>
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
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const suggestions = (result.resultData.suggestions ?? []) as Suggestion[];
  async function decide(feedback: 'accepted' | 'dismissed') {
    setBusy(feedback);
    try {
      onChange(await api.post<AiResult>(`/v1/assist/results/${result.id}/feedback`, { feedback }));
    } catch (err) {
      toast(errorMessage(err), 'bad');
    } finally {
      setBusy(null);
    }
  }
  return (
    <div className={`suggestion ${result.feedback ?? ''}`} aria-label="Suggestion">
      {result.resultData.query ? <p className="muted small">For “{String(result.resultData.query)}”</p> : null}
      {suggestions.length === 0 ? (
        <p className="muted small">Nothing in the knowledge base matched.</p>
      ) : (
        suggestions.slice(0, 2).map((s) => (
          <div key={s.chunkId} className="suggestion-item">
            <strong>{s.title ?? 'Answer'}</strong>
            <p>{s.content.length > 280 ? `${s.content.slice(0, 280)}…` : s.content}</p>
          </div>
        ))
      )}
      <div className="row">
        {result.feedback ? (
          <Badge tone={result.feedback === 'accepted' ? 'good' : 'neutral'}>
            {result.feedback === 'accepted' ? 'Accepted' : 'Dismissed'}
          </Badge>
        ) : (
          <>
            <Button small variant="primary" busy={busy === 'accepted'} disabled={!!busy} onClick={() => decide('accepted')}>
              Accept
            </Button>
            <Button small variant="ghost" busy={busy === 'dismissed'} disabled={!!busy} onClick={() => decide('dismissed')}>
              Dismiss
            </Button>
          </>
        )}
      </div>
    </div>
  );
}

function CustomerCard({ customerId }: { customerId: string }) {
  const data = useLoad(
    () =>
      api.get<{ customer: Customer; history: History[]; summary: { consultationCount: number; lastConsultationDate: string | null } }>(
        `/v1/assist/customers/${customerId}`,
      ),
    [customerId],
  );
  if (data.loading && !data.data) return <Card title="Customer">{<Loading />}</Card>;
  if (data.error || !data.data)
    return (
      <Card title="Customer">
        <ErrorState error={data.error} onRetry={data.reload} />
      </Card>
    );
  const { customer: c, history, summary } = data.data;
  const facts: [string, string | number | null][] = [
    ['Phone', c.phoneNumber],
    ['Plan', c.currentPlan],
    ['Monthly fee', c.monthlyFee != null ? `₩${c.monthlyFee.toLocaleString()}` : null],
    ['Membership', c.membershipGrade],
    ['Contract', c.contractStatus],
    ['Data', c.dataAllowance],
    ['Bundle', c.bundleInfo],
    ['Age', c.age],
    ['Lives in', c.residence],
    ['Customer since', c.subscriptionDate],
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
      <h3 className="assist-h3">History ({summary.consultationCount})</h3>
      {history.length === 0 ? (
        <p className="muted small">No earlier consultations.</p>
      ) : (
        <ul className="plain-list history">
          {history.slice(0, 5).map((h) => (
            <li key={h.id}>
              <strong>{h.consultationType.replace(/_/g, ' ')}</strong>{' '}
              <span className="muted small">{h.consultationDate.slice(0, 10)}</span>
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
      await api.put(`/v1/assist/rooms/${roomId}/transcripts/${newSegmentId(role)}`, {
        text: line,
        isFinal: true,
        startMs: Math.max(0, at - 1000),
        endMs: at,
        source: 'console',
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
        aria-label={role === 'agent' ? 'What you say to the caller' : 'What you say to the agent'}
        placeholder={role === 'agent' ? 'Type what you say to the caller…' : 'Type what you say…'}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={2000}
      />
      <Button type="submit" variant="primary" busy={busy} disabled={!text.trim()}>
        Say
      </Button>
      {error ? <InlineError error={error} /> : null}
    </form>
  );
}
