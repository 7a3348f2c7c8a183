// What the tutor pages share: the API's shapes, the profile set-up card and the daily-statistics charts.
import { useState, type FormEvent } from 'react';
import { auth, talkbase, type ItemOf, type ResponseOf } from '../../api';
import { useUser } from '../../auth';
import { formatDay, formatNumber, useTranslation } from '../../i18n';
import { BarChart, Button, Card, ErrorState, Field, InlineError, LineChart, Loading, useLoad } from '../../ui';

export type TutorProfile = ResponseOf<'/v1/tutor/profile', 'get'>;
export type Statistics = ItemOf<'/v1/tutor/students/{studentId}/statistics', 'get'>;
export type PronunciationResult = ItemOf<'/v1/tutor/students/{studentId}/results', 'get'>;
export type Feedback = ItemOf<'/v1/tutor/students/{studentId}/feedback', 'get'>;
export type Room = ItemOf<'/v1/tutor/students', 'get'>['room'];

/** My tutor profile, or null when I have none yet. */
export async function loadProfile(): Promise<TutorProfile | null> {
  // Without a tutor role there is no profile to read: the page offers to create one instead.
  if (!(await auth.hasRole('tutor'))) return null;
  try {
    return await talkbase.get('/v1/tutor/profile');
  } catch (err) {
    if ((err as { status?: number }).status === 404) return null;
    throw err;
  }
}

/** First visit: take the student or tutor role and name the profile. */
export function ProfileSetup({ role, onDone }: { role: 'student' | 'tutor'; onDone: (p: TutorProfile) => void }) {
  const { t } = useTranslation('tutor');
  const user = useUser();
  const [name, setName] = useState(user?.fullName ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await talkbase.post('/v1/me/roles', { body: { product: 'tutor', role } });
      const profile = await talkbase.put('/v1/tutor/profile', {
        body: role === 'tutor' ? { role, name, isAccepting: true, maxStudents: 20 } : { role, name },
      });
      void auth.reloadProfile().catch(() => undefined);
      onDone(profile);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={role === 'tutor' ? t('setup.becomeTutor') : t('setup.startPractising')}>
      <form className="stack" onSubmit={submit}>
        <p className="muted">{role === 'tutor' ? t('setup.tutorIntro') : t('setup.studentIntro')}</p>
        <Field label={t('setup.yourName')} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        <InlineError error={error} />
        <div className="row">
          <Button type="submit" variant="primary" busy={busy}>
            {role === 'tutor' ? t('setup.createTutor') : t('setup.createStudent')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** Sessions, practice and speaking time per day over the last week or month, days without practice as zero. */
export function StatisticsCharts({ studentId, reloadKey = 0 }: { studentId: string; reloadKey?: number }) {
  const { t } = useTranslation('tutor');
  const [span, setSpan] = useState<7 | 30>(7);
  // The server counts days in the deployment's time zone and sends every day of the span, so no local clock is read.
  const { data, error, loading, reload } = useLoad(
    () => talkbase.get('/v1/tutor/students/{studentId}/statistics', { params: { path: { studentId }, query: { days: span } } }),
    [studentId, span, reloadKey],
  );
  const days = (data ?? []).map((s) => s.date);
  // What is drawn is what arrived: while a new period loads, the charts keep saying which days they show.
  const shown = days.length;
  const byDay = new Map((data ?? []).map((s) => [s.date, s]));
  // The server's days are calendar dates: shown as they are, whatever the viewer's zone.
  const label = (d: string) => formatDay(`${d}T00:00:00Z`, { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
  const total = (data ?? []).reduce(
    (acc, s) => ({
      sessions: acc.sessions + s.sessionsCount,
      speaking: acc.speaking + s.totalSpeakingTime,
      practice: acc.practice + s.practiceCount,
    }),
    { sessions: 0, speaking: 0, practice: 0 },
  );
  return (
    <Card
      title={t('stats.title')}
      actions={
        <div className="row" role="group" aria-label={t('stats.period')}>
          <Button small variant={span === 7 ? 'primary' : 'secondary'} aria-pressed={span === 7} onClick={() => setSpan(7)}>
            {t('stats.week')}
          </Button>
          <Button small variant={span === 30 ? 'primary' : 'secondary'} aria-pressed={span === 30} onClick={() => setSpan(30)}>
            {t('stats.month')}
          </Button>
        </div>
      }
    >
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : (
        <div className="stack">
          <div className="grid-3 tutor-totals">
            <div className="stat">
              <span className="muted small">{t('stats.sessions')}</span>
              <strong data-testid="stat-sessions">{formatNumber(total.sessions)}</strong>
            </div>
            <div className="stat">
              <span className="muted small">{t('stats.practised')}</span>
              <strong data-testid="stat-practice">{formatNumber(total.practice)}</strong>
            </div>
            <div className="stat">
              <span className="muted small">{t('stats.speakingTime')}</span>
              <strong data-testid="stat-speaking">{t('stats.minutes', { minutes: formatNumber(Math.round(total.speaking / 60)) })}</strong>
            </div>
          </div>
          <BarChart
            label={t('stats.barLabel', { count: shown })}
            series={[
              { name: t('stats.sessionsSeries'), points: days.map((d) => ({ x: label(d), y: byDay.get(d)?.sessionsCount ?? 0 })) },
              { name: t('stats.sentencesSeries'), points: days.map((d) => ({ x: label(d), y: byDay.get(d)?.practiceCount ?? 0 })) },
            ]}
            height={180}
          />
          <LineChart
            label={t('stats.lineLabel', { count: shown })}
            series={[
              {
                name: t('stats.minutesSeries'),
                points: days.map((d) => ({ x: label(d), y: (byDay.get(d)?.totalSpeakingTime ?? 0) / 60 })),
              },
            ]}
            format={(v) => formatNumber(v, { minimumFractionDigits: v < 10 ? 1 : 0, maximumFractionDigits: v < 10 ? 1 : 0 })}
            height={160}
          />
        </div>
      )}
    </Card>
  );
}

export const scoreTone = (score: number) => (score >= 85 ? 'good' : score >= 60 ? 'warn' : 'bad');
