import { useEffect, useState, type FormEvent } from 'react';
import { api, realtime, type Page } from '../../api';
import type { PageProps } from '../registry';
import { Link, navigate } from '../../router';
import {
  Badge,
  Button,
  Card,
  ErrorState,
  Field,
  InlineError,
  LineChart,
  Loading,
  PageHeader,
  Select,
  Table,
  TextArea,
  formatDate,
  useLoad,
  useToast,
} from '../../ui';
import { VoiceButton, VoiceCaptions, formatTurnLatency, useVoice } from '../../ui/voice';
import type { TurnLatency } from '../../voice';

interface Evaluation {
  score: number;
  feedback: string;
  keywords: string[];
  strengths: string[];
  improvements: string[];
}

interface EmotionSummary {
  dominant_emotion: string;
  emotion_scores: Record<string, number>;
}

interface InterviewRecord {
  id: string;
  order: number;
  parentOrder: number | null;
  questionText: string;
  answerText: string | null;
  answerMode: 'text' | 'audio' | null;
  evaluation: Evaluation | null;
  evaluationStatus: 'pending' | 'done' | 'failed' | 'skipped' | null;
  emotionSummary: EmotionSummary | null;
  answeredAt: string | null;
  /** A spoken answer's stages up to the next question's first audio (docs/voice.md). */
  voiceLatency?: TurnLatency | null;
}

interface Scored {
  order: number;
  question: string;
  score: number;
}

interface Session {
  id: string;
  position: string;
  status: 'started' | 'in_progress' | 'completed' | 'abandoned';
  questionCount: number;
  overallScore: number | null;
  overallEvaluation: {
    score: number;
    strongest: Scored | null;
    weakest: Scored | null;
    strengths: string[];
    improvements: string[];
  } | null;
  emotionSummary: EmotionSummary | null;
  completedAt: string | null;
  createdAt: string;
}

interface Trend {
  position: string;
  points: { sessionId: string; score: number; completedAt: string }[];
  average: number;
  change: number;
}

const STATUS: Record<Session['status'], { label: string; tone: 'neutral' | 'info' | 'good' | 'warn' }> = {
  started: { label: 'In progress', tone: 'info' },
  in_progress: { label: 'In progress', tone: 'info' },
  completed: { label: 'Completed', tone: 'good' },
  abandoned: { label: 'Stopped', tone: 'warn' },
};

function scoreTone(score: number) {
  return score >= 75 ? 'good' : score >= 50 ? 'info' : 'warn';
}

const OTHER = '__other__';

export function InterviewHome() {
  const positions = useLoad(() => api.get<string[]>('/v1/interview/positions'));
  const sessions = useLoad(() => api.get<Page<Session>>('/v1/interview/sessions?limit=20'));
  const trend = useLoad(() => api.get<Trend[]>('/v1/interview/trend'));
  const [position, setPosition] = useState('');
  const [custom, setCustom] = useState('');
  const [count, setCount] = useState('5');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (positions.data && !position) setPosition(positions.data[0] ?? OTHER);
  }, [positions.data, position]);

  async function start(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const started = await api.post<{ session: Session }>('/v1/interview/sessions', {
        position: position === OTHER ? custom.trim() : position,
        questionCount: Number(count),
      });
      navigate(`/interview/sessions/${started.session.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const withScores = (trend.data ?? []).filter((t) => t.points.length > 0);
  return (
    <>
      <PageHeader title="Mock interviews" subtitle="Practise for a position: answer each question, then read a scored report." />
      <div className="grid-2">
        <Card title="Start an interview">
          <form onSubmit={start} aria-label="Start an interview">
            {positions.error ? (
              <ErrorState error={positions.error} onRetry={positions.reload} />
            ) : (
              <Select
                label="Position"
                value={position}
                onChange={(e) => setPosition(e.target.value)}
                options={[...(positions.data ?? []).map((p) => ({ value: p, label: p })), { value: OTHER, label: 'Another position…' }]}
              />
            )}
            {position === OTHER ? (
              <Field
                label="Position title"
                required
                minLength={2}
                maxLength={100}
                value={custom}
                onChange={(e) => setCustom(e.target.value)}
              />
            ) : null}
            <Select
              label="Questions"
              value={count}
              onChange={(e) => setCount(e.target.value)}
              options={['3', '5', '8', '10'].map((n) => ({ value: n, label: `${n} questions` }))}
            />
            <InlineError error={error} />
            <Button type="submit" variant="primary" busy={busy} disabled={!position}>
              Start interview
            </Button>
          </form>
        </Card>
        <Card title="Score trend">
          {trend.loading && !trend.data ? (
            <Loading />
          ) : trend.error ? (
            <ErrorState error={trend.error} onRetry={trend.reload} />
          ) : withScores.length === 0 ? (
            <p className="muted">Finish an interview to see your scores over time, per position.</p>
          ) : (
            <>
              <LineChart
                label="Overall score per completed interview"
                yMax={100}
                series={withScores.map((t) => ({
                  name: t.position,
                  points: t.points.map((p, i) => ({ x: `#${i + 1}`, y: p.score })),
                }))}
              />
              <div className="chips" style={{ marginTop: '0.5rem' }}>
                {withScores.map((t) => (
                  <Badge key={t.position} tone="neutral">
                    {t.position}: average {t.average}
                    {t.points.length > 1 ? `, ${t.change >= 0 ? '+' : ''}${t.change} since the first` : ''}
                  </Badge>
                ))}
              </div>
            </>
          )}
        </Card>
      </div>
      <Card title="My interviews">
        {sessions.loading && !sessions.data ? (
          <Loading />
        ) : sessions.error ? (
          <ErrorState error={sessions.error} onRetry={sessions.reload} />
        ) : (
          <Table
            rows={sessions.data!.items}
            rowKey={(s) => s.id}
            empty="No interviews yet. Pick a position and start one."
            onRowClick={(s) => navigate(`/interview/sessions/${s.id}`)}
            columns={[
              { key: 'pos', label: 'Position', render: (s) => <strong>{s.position}</strong> },
              { key: 'when', label: 'Started', wide: true, render: (s) => formatDate(s.createdAt) },
              { key: 'status', label: 'Status', render: (s) => <Badge tone={STATUS[s.status].tone}>{STATUS[s.status].label}</Badge> },
              { key: 'score', label: 'Score', numeric: true, render: (s) => (s.overallScore != null ? `${s.overallScore} / 100` : '—') },
            ]}
          />
        )}
      </Card>
    </>
  );
}

export function InterviewSession({ params }: PageProps) {
  const id = params.id!;
  const data = useLoad(() => api.get<{ session: Session; records: InterviewRecord[] }>(`/v1/interview/sessions/${id}`), [id]);
  const reload = data.reload;

  // Questions, evaluations and the completed report arrive on interview:<id>.
  useEffect(() => realtime.subscribe(`interview:${id}`, () => void reload()), [id, reload]);

  if (data.loading && !data.data) return <Loading />;
  if (data.error) return <ErrorState error={data.error} onRetry={data.reload} />;
  const { session, records } = data.data!;
  const live = session.status === 'started' || session.status === 'in_progress';
  return live ? <Questions session={session} records={records} onChange={reload} /> : <Report session={session} records={records} />;
}

function Questions({ session, records, onChange }: { session: Session; records: InterviewRecord[]; onChange: () => void }) {
  const current = records.find((r) => r.answerText === null);
  const answered = records.filter((r) => r.answerText !== null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const toast = useToast();
  // Spoken answers: the server says the open question, stores each answer and says the next question.
  const voice = useVoice({ product: 'interview', id: session.id, onStored: onChange });

  async function answer(e: FormEvent) {
    e.preventDefault();
    if (!current) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/v1/interview/sessions/${session.id}/answers`, { text: text.trim(), order: current.order });
      setText('');
      onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function abandon() {
    if (!window.confirm('Stop this interview? It stays in your list without a report.')) return;
    try {
      await api.post(`/v1/interview/sessions/${session.id}/abandon`);
      toast('Interview stopped', 'info');
      onChange();
    } catch (err) {
      setError(err);
    }
  }

  const number = Math.min(answered.length + 1, session.questionCount);
  return (
    <>
      <PageHeader
        title={session.position}
        subtitle={`Question ${number} of ${session.questionCount}`}
        actions={
          <Button variant="ghost" onClick={abandon}>
            Stop interview
          </Button>
        }
      />
      <div
        className="progress"
        aria-label="Interview progress"
        role="progressbar"
        aria-valuenow={answered.length}
        aria-valuemax={session.questionCount}
      >
        <span style={{ width: `${(answered.length / session.questionCount) * 100}%` }} />
      </div>
      <InlineError error={error} />
      {current ? (
        <Card title={`Question ${current.order}`} className="question-card">
          <p className="question" aria-label="Question">
            {current.questionText}
          </p>
          <form onSubmit={answer} aria-label="Your answer">
            <TextArea label="Your answer" rows={6} required value={text} maxLength={20000} onChange={(e) => setText(e.target.value)} />
            <div className="row">
              <Button type="submit" variant="primary" busy={busy} disabled={!text.trim()}>
                {answered.length + 1 >= session.questionCount ? 'Submit last answer' : 'Submit answer'}
              </Button>
              <span className="muted small">or answer out loud:</span>
              <VoiceButton voice={voice} />
            </div>
          </form>
          {voice.phase !== 'off' || voice.turns.length ? <VoiceCaptions voice={voice} them="Interviewer" /> : null}
        </Card>
      ) : (
        <Card>
          <Loading label={answered.length >= session.questionCount ? 'Scoring your answers…' : 'The next question is on its way…'} />
        </Card>
      )}
      {answered.length ? (
        <Card title="Answered">
          <div className="stack">
            {answered.map((r) => (
              <div key={r.id} className="answered">
                <div className="row">
                  <strong className="grow">
                    {r.order}. {r.questionText}
                  </strong>
                  {r.evaluation ? (
                    <Badge tone={scoreTone(r.evaluation.score)}>{r.evaluation.score} / 100</Badge>
                  ) : r.evaluationStatus === 'failed' ? (
                    <Badge tone="bad">Not scored</Badge>
                  ) : (
                    <Badge>Scoring…</Badge>
                  )}
                </div>
                {r.answerMode === 'audio' ? (
                  <p className="muted small turn-stages">
                    Spoken{formatTurnLatency(r.voiceLatency) ? ` · ${formatTurnLatency(r.voiceLatency)}` : ''}
                  </p>
                ) : null}
              </div>
            ))}
          </div>
        </Card>
      ) : null}
    </>
  );
}

function Report({ session, records }: { session: Session; records: InterviewRecord[] }) {
  const overall = session.overallEvaluation;
  const answered = records.filter((r) => r.answerText !== null);
  return (
    <>
      <PageHeader
        title={`${session.position}: report`}
        subtitle={`${STATUS[session.status].label} ${formatDate(session.completedAt ?? session.createdAt)}`}
        actions={
          <Link to="/interview" className="btn btn-primary">
            New interview
          </Link>
        }
      />
      {session.status === 'abandoned' ? (
        <p className="muted">This interview was stopped before the last question, so it has no overall score.</p>
      ) : null}
      {overall ? (
        <div className="grid-3 report-top">
          <Card>
            <div className="stat">
              <span className="muted">Overall score</span>
              <strong aria-label="Overall score">{overall.score}</strong>
              <span className="muted small">out of 100</span>
            </div>
          </Card>
          <Card>
            <div className="stat">
              <span className="muted">Strongest answer</span>
              {overall.strongest ? (
                <>
                  <strong>{overall.strongest.score}</strong>
                  <span className="muted small ellipsis">Question {overall.strongest.order}</span>
                </>
              ) : (
                '—'
              )}
            </div>
          </Card>
          <Card>
            <div className="stat">
              <span className="muted">{session.emotionSummary ? 'Overall tone' : 'Weakest answer'}</span>
              {session.emotionSummary ? (
                <>
                  <strong className="capitalize">{session.emotionSummary.dominant_emotion}</strong>
                  <span className="muted small">most present emotion</span>
                </>
              ) : overall.weakest ? (
                <>
                  <strong>{overall.weakest.score}</strong>
                  <span className="muted small">Question {overall.weakest.order}</span>
                </>
              ) : (
                '—'
              )}
            </div>
          </Card>
        </div>
      ) : null}
      {overall ? (
        <div className="grid-2">
          <Card title="Strengths">
            <ul className="bullets" aria-label="Strengths">
              {overall.strengths.length ? overall.strengths.map((s) => <li key={s}>{s}</li>) : <li className="muted">None noted</li>}
            </ul>
          </Card>
          <Card title="To improve">
            <ul className="bullets" aria-label="Improvements">
              {overall.improvements.length ? overall.improvements.map((s) => <li key={s}>{s}</li>) : <li className="muted">None noted</li>}
            </ul>
          </Card>
        </div>
      ) : null}
      <Card title="Scores per question">
        <div className="stack">
          {answered.map((r) => (
            <article key={r.id} className="question-report" aria-label={`Question ${r.order}`}>
              <div className="row">
                <strong className="grow">
                  {r.order}. {r.questionText}
                </strong>
                {r.evaluation ? <Badge tone={scoreTone(r.evaluation.score)}>{r.evaluation.score} / 100</Badge> : <Badge>Not scored</Badge>}
              </div>
              <p className="muted small answer-text">{r.answerText}</p>
              {r.evaluation ? (
                <>
                  <div className="score-bar" aria-hidden>
                    <span style={{ width: `${r.evaluation.score}%` }} />
                  </div>
                  <p>{r.evaluation.feedback}</p>
                  {r.evaluation.keywords.length ? (
                    <div className="chips">
                      {r.evaluation.keywords.slice(0, 8).map((k) => (
                        <Badge key={k} tone="info">
                          {k}
                        </Badge>
                      ))}
                    </div>
                  ) : null}
                </>
              ) : null}
            </article>
          ))}
        </div>
      </Card>
    </>
  );
}
