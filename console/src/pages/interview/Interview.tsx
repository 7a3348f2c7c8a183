import { useEffect, useState, type FormEvent } from 'react';
import { realtime, talkbase, type ResponseOf } from '../../api';
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
import { formatNumber, i18n, t as translate, useTranslation } from '../../i18n';

type SessionDetail = ResponseOf<'/v1/interview/sessions/{id}', 'get'>;
type Session = SessionDetail['session'];
type InterviewRecord = SessionDetail['records'][number];

const STATUS_TONE: Record<Session['status'], 'neutral' | 'info' | 'good' | 'warn'> = {
  started: 'info',
  in_progress: 'info',
  completed: 'good',
  abandoned: 'warn',
};

function statusLabel(status: Session['status']): string {
  return translate(`interview:status.${status}`);
}

/** An emotion code in words; one this console does not know yet is shown as it came. */
function emotionLabel(emotion: string): string {
  return i18n.exists(`interview:emotion.${emotion}`) ? translate(`interview:emotion.${emotion}` as 'interview:emotion.neutral') : emotion;
}

function scoreText(score: number): string {
  return translate('interview:score', { score: formatNumber(score) });
}

function scoreTone(score: number) {
  return score >= 75 ? 'good' : score >= 50 ? 'info' : 'warn';
}

const OTHER = '__other__';

export function InterviewHome() {
  const { t } = useTranslation('interview');
  const positions = useLoad(() => talkbase.get('/v1/interview/positions'));
  const sessions = useLoad(() => talkbase.get('/v1/interview/sessions', { params: { query: { limit: 20 } } }));
  const trend = useLoad(() => talkbase.get('/v1/interview/trend'));
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
      const started = await talkbase.post('/v1/interview/sessions', {
        body: { position: position === OTHER ? custom.trim() : position, questionCount: Number(count) },
      });
      navigate(`/interview/sessions/${started.session.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const withScores = (trend.data ?? []).filter((x) => x.points.length > 0);
  return (
    <>
      <PageHeader title={t('home.title')} subtitle={t('home.subtitle')} />
      <div className="grid-2">
        <Card title={t('home.start')}>
          <form onSubmit={start} aria-label={t('home.start')}>
            {positions.error ? (
              <ErrorState error={positions.error} onRetry={positions.reload} />
            ) : (
              <Select
                label={t('home.position')}
                value={position}
                onChange={(e) => setPosition(e.target.value)}
                options={[...(positions.data ?? []).map((p) => ({ value: p, label: p })), { value: OTHER, label: t('home.otherPosition') }]}
              />
            )}
            {position === OTHER ? (
              <Field
                label={t('home.positionTitle')}
                required
                minLength={2}
                maxLength={100}
                value={custom}
                onChange={(e) => setCustom(e.target.value)}
              />
            ) : null}
            <Select
              label={t('home.questions')}
              value={count}
              onChange={(e) => setCount(e.target.value)}
              options={['3', '5', '8', '10'].map((n) => ({ value: n, label: t('home.questionCount', { count: Number(n) }) }))}
            />
            <InlineError error={error} />
            <Button type="submit" variant="primary" busy={busy} disabled={!position}>
              {t('home.submit')}
            </Button>
          </form>
        </Card>
        <Card title={t('home.trend')}>
          {trend.loading && !trend.data ? (
            <Loading />
          ) : trend.error ? (
            <ErrorState error={trend.error} onRetry={trend.reload} />
          ) : withScores.length === 0 ? (
            <p className="muted">{t('home.trendEmpty')}</p>
          ) : (
            <>
              <LineChart
                label={t('home.chartLabel')}
                yMax={100}
                series={withScores.map((x) => ({
                  name: x.position,
                  points: x.points.map((p, i) => ({ x: `#${i + 1}`, y: p.score })),
                }))}
              />
              <div className="chips" style={{ marginTop: '0.5rem' }}>
                {withScores.map((x) => (
                  <Badge key={x.position} tone="neutral">
                    {t('home.average', { position: x.position, average: formatNumber(x.average) })}
                    {x.points.length > 1 ? `, ${t('home.change', { change: formatNumber(x.change, { signDisplay: 'always' }) })}` : ''}
                  </Badge>
                ))}
              </div>
            </>
          )}
        </Card>
      </div>
      <Card title={t('home.mine')}>
        {sessions.loading && !sessions.data ? (
          <Loading />
        ) : sessions.error ? (
          <ErrorState error={sessions.error} onRetry={sessions.reload} />
        ) : (
          <Table
            rows={sessions.data!.items}
            rowKey={(s) => s.id}
            empty={t('home.empty')}
            onRowClick={(s) => navigate(`/interview/sessions/${s.id}`)}
            columns={[
              { key: 'pos', label: t('home.position'), render: (s) => <strong>{s.position}</strong> },
              { key: 'when', label: t('home.started'), wide: true, render: (s) => formatDate(s.createdAt) },
              {
                key: 'status',
                label: t('home.statusColumn'),
                render: (s) => <Badge tone={STATUS_TONE[s.status]}>{statusLabel(s.status)}</Badge>,
              },
              {
                key: 'score',
                label: t('home.scoreColumn'),
                numeric: true,
                render: (s) => (s.overallScore != null ? scoreText(s.overallScore) : '—'),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}

export function InterviewSession({ params }: PageProps) {
  const id = params.id!;
  const data = useLoad(() => talkbase.get('/v1/interview/sessions/{id}', { params: { path: { id } } }), [id]);
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
  const { t } = useTranslation('interview');
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
      await talkbase.post('/v1/interview/sessions/{id}/answers', {
        params: { path: { id: session.id } },
        body: { text: text.trim(), order: current.order },
      });
      setText('');
      onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function abandon() {
    if (!window.confirm(t('session.confirmStop'))) return;
    try {
      await talkbase.post('/v1/interview/sessions/{id}/abandon', { params: { path: { id: session.id } } });
      toast(t('session.stopped'), 'info');
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
        subtitle={t('session.progressOf', { number, total: session.questionCount })}
        actions={
          <Button variant="ghost" onClick={abandon}>
            {t('session.stop')}
          </Button>
        }
      />
      <div
        className="progress"
        aria-label={t('session.progress')}
        role="progressbar"
        aria-valuenow={answered.length}
        aria-valuemax={session.questionCount}
      >
        <span style={{ width: `${(answered.length / session.questionCount) * 100}%` }} />
      </div>
      <InlineError error={error} />
      {current ? (
        <Card title={t('session.question', { order: current.order })} className="question-card">
          <p className="question" aria-label={t('session.questionLabel')}>
            {current.questionText}
          </p>
          <form onSubmit={answer} aria-label={t('session.answer')}>
            <TextArea
              label={t('session.answer')}
              rows={6}
              required
              value={text}
              maxLength={20000}
              onChange={(e) => setText(e.target.value)}
            />
            <div className="row">
              <Button type="submit" variant="primary" busy={busy} disabled={!text.trim()}>
                {answered.length + 1 >= session.questionCount ? t('session.submitLast') : t('session.submit')}
              </Button>
              <span className="muted small">{t('session.orSpeak')}</span>
              <VoiceButton voice={voice} />
            </div>
          </form>
          {voice.phase !== 'off' || voice.turns.length ? <VoiceCaptions voice={voice} them={t('session.interviewer')} /> : null}
        </Card>
      ) : (
        <Card>
          <Loading label={answered.length >= session.questionCount ? t('session.scoring') : t('session.nextQuestion')} />
        </Card>
      )}
      {answered.length ? (
        <Card title={t('session.answered')}>
          <div className="stack">
            {answered.map((r) => (
              <div key={r.id} className="answered">
                <div className="row">
                  <strong className="grow">
                    {r.order}. {r.questionText}
                  </strong>
                  {r.evaluation ? (
                    <Badge tone={scoreTone(r.evaluation.score)}>{scoreText(r.evaluation.score)}</Badge>
                  ) : r.evaluationStatus === 'failed' ? (
                    <Badge tone="bad">{t('session.notScored')}</Badge>
                  ) : (
                    <Badge>{t('session.scoringOne')}</Badge>
                  )}
                </div>
                {r.answerMode === 'audio' ? (
                  <p className="muted small turn-stages">
                    {t('session.spoken')}
                    {formatTurnLatency(r.voiceLatency) ? ` · ${formatTurnLatency(r.voiceLatency)}` : ''}
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
  const { t } = useTranslation('interview');
  const overall = session.overallEvaluation;
  const answered = records.filter((r) => r.answerText !== null);
  return (
    <>
      <PageHeader
        title={t('report.title', { position: session.position })}
        subtitle={t('report.subtitle', { status: statusLabel(session.status), date: formatDate(session.completedAt ?? session.createdAt) })}
        actions={
          <Link to="/interview" className="btn btn-primary">
            {t('report.newInterview')}
          </Link>
        }
      />
      {session.status === 'abandoned' ? <p className="muted">{t('report.abandoned')}</p> : null}
      {overall ? (
        <div className="grid-3 report-top">
          <Card>
            <div className="stat">
              <span className="muted">{t('report.overall')}</span>
              <strong aria-label={t('report.overall')}>{overall.score}</strong>
              <span className="muted small">{t('report.outOf')}</span>
            </div>
          </Card>
          <Card>
            <div className="stat">
              <span className="muted">{t('report.strongest')}</span>
              {overall.strongest ? (
                <>
                  <strong>{overall.strongest.score}</strong>
                  <span className="muted small ellipsis">{t('session.question', { order: overall.strongest.order })}</span>
                </>
              ) : (
                '—'
              )}
            </div>
          </Card>
          <Card>
            <div className="stat">
              <span className="muted">{session.emotionSummary ? t('report.tone') : t('report.weakest')}</span>
              {session.emotionSummary ? (
                <>
                  <strong className="capitalize">{emotionLabel(session.emotionSummary.dominant_emotion)}</strong>
                  <span className="muted small">{t('report.mostPresent')}</span>
                </>
              ) : overall.weakest ? (
                <>
                  <strong>{overall.weakest.score}</strong>
                  <span className="muted small">{t('session.question', { order: overall.weakest.order })}</span>
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
          <Card title={t('report.strengths')}>
            <ul className="bullets" aria-label={t('report.strengths')}>
              {overall.strengths.length ? (
                overall.strengths.map((s) => <li key={s}>{s}</li>)
              ) : (
                <li className="muted">{t('report.noneNoted')}</li>
              )}
            </ul>
          </Card>
          <Card title={t('report.improve')}>
            <ul className="bullets" aria-label={t('report.improvements')}>
              {overall.improvements.length ? (
                overall.improvements.map((s) => <li key={s}>{s}</li>)
              ) : (
                <li className="muted">{t('report.noneNoted')}</li>
              )}
            </ul>
          </Card>
        </div>
      ) : null}
      <Card title={t('report.perQuestion')}>
        <div className="stack">
          {answered.map((r) => (
            <article key={r.id} className="question-report" aria-label={t('session.question', { order: r.order })}>
              <div className="row">
                <strong className="grow">
                  {r.order}. {r.questionText}
                </strong>
                {r.evaluation ? (
                  <Badge tone={scoreTone(r.evaluation.score)}>{scoreText(r.evaluation.score)}</Badge>
                ) : (
                  <Badge>{t('session.notScored')}</Badge>
                )}
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
