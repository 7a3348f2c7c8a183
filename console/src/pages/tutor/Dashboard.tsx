// The tutor's dashboard: requests to approve, linked students with where they are right now (live),
// and for the chosen student their daily statistics, pronunciation results and a feedback thread.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { errorMessage, talkbase, type ItemOf } from '../../api';
import { useUser } from '../../auth';
import { formatNumber, t, useTranslation } from '../../i18n';
import { Link } from '../../router';
import {
  Badge,
  Button,
  Card,
  Empty,
  ErrorState,
  Loading,
  PageHeader,
  Select,
  Table,
  TextArea,
  formatDate,
  timeAgo,
  useLoad,
  useToast,
} from '../../ui';
import type { PageProps } from '../registry';
import { follow } from './live';
import { ProfileSetup, StatisticsCharts, loadProfile, scoreTone, type Room, type TutorProfile } from './shared';
import './tutor.css';

type DashboardStudent = ItemOf<'/v1/tutor/students', 'get'>;

/** Where a student is, in words; a room this console does not know by its code. */
function roomLabel(room: NonNullable<Room>): string {
  return room === 'practice' || room === 'ai-conversation' ? t(`tutor:room.${room}`) : String(room);
}

export function Dashboard({ query }: PageProps) {
  const { t } = useTranslation('tutor');
  const profile = useLoad(loadProfile, []);
  if (profile.loading && !profile.data) return <Loading />;
  if (profile.error) return <ErrorState error={profile.error} onRetry={profile.reload} />;
  const p = profile.data;
  if (!p) {
    return (
      <>
        <PageHeader title={t('pages.dashboard.title')} subtitle={t('dashboard.subtitle')} />
        <ProfileSetup role="tutor" onDone={profile.setData} />
      </>
    );
  }
  if (p.role !== 'tutor') {
    return (
      <>
        <PageHeader title={t('pages.dashboard.title')} />
        <Empty action={<Link to="/tutor">{t('dashboard.goToPractice')}</Link>}>{t('dashboard.notTutor')}</Empty>
      </>
    );
  }
  return <TutorBoard profile={p} selected={query.get('student')} />;
}

function TutorBoard({ profile, selected }: { profile: TutorProfile; selected: string | null }) {
  const { t } = useTranslation('tutor');
  const user = useUser()!;
  const toast = useToast();
  const students = useLoad(() => talkbase.get('/v1/tutor/students'), []);
  const requests = useLoad(() => talkbase.get('/v1/tutor/requests', { params: { query: { side: 'received', status: 'PENDING' } } }), []);
  const [chosen, setChosen] = useState<string | null>(selected);
  const [busy, setBusy] = useState<string | null>(null);
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const studentsRef = useRef<DashboardStudent[]>([]);
  studentsRef.current = students.data ?? [];

  const reloadStudentsSoon = () => {
    if (reloadTimer.current) clearTimeout(reloadTimer.current);
    reloadTimer.current = setTimeout(() => void students.reload(), 250);
  };

  // The dashboard channel: rooms change, requests arrive, links come and go.
  useEffect(
    () =>
      follow(`tutor:${user.id}`, (e) => {
        if (e.event === 'student.room') {
          const { studentId, room, online, updatedAt } = e.data as DashboardStudent;
          const list = studentsRef.current;
          if (list.some((s) => s.studentId === studentId)) {
            students.setData(list.map((s) => (s.studentId === studentId ? { ...s, room, online: online || s.online, updatedAt } : s)));
          } else reloadStudentsSoon();
        }
        if (e.event === 'request.created') {
          void requests.reload();
          toast(t('dashboard.askedToJoin'), 'info');
        }
        if (e.event === 'student.linked' || e.event === 'student.unlinked') reloadStudentsSoon();
      }),
    [user.id],
  );

  // Each student's presence: who has the app open now.
  const ids = (students.data ?? []).map((s) => s.studentId).join(',');
  useEffect(() => {
    const stops = ids
      .split(',')
      .filter(Boolean)
      .map((id) => follow(`student:${id}`, (e) => e.event === 'presence' && reloadStudentsSoon()));
    return () => stops.forEach((stop) => stop());
  }, [ids]);

  // Presence events cover students on the practice screen; a slow refresh covers the rest of the app.
  useEffect(() => {
    const timer = setInterval(() => void students.reload(), 20_000);
    return () => {
      clearInterval(timer);
      if (reloadTimer.current) clearTimeout(reloadTimer.current);
    };
  }, []);

  async function decide(id: string, action: 'approve' | 'reject') {
    setBusy(id);
    try {
      await talkbase.post(`/v1/tutor/requests/{id}/${action}`, { params: { path: { id } } });
      toast(action === 'approve' ? t('dashboard.added') : t('dashboard.declined'), action === 'approve' ? 'good' : 'info');
      void requests.reload();
      void students.reload();
    } catch (err) {
      toast(errorMessage(err), 'bad');
    } finally {
      setBusy(null);
    }
  }

  const list = students.data ?? [];
  const current = list.find((s) => s.studentId === chosen) ?? null;
  const online = list.filter((s) => s.online).length;

  return (
    <>
      <PageHeader
        title={t('pages.dashboard.title')}
        subtitle={`${profile.name} · ${t('dashboard.places', { taken: formatNumber(list.length), max: formatNumber(profile.maxStudents) })} · ${t('dashboard.onlineNow', { count: online })}`}
      />
      {requests.data && requests.data.items.length > 0 ? (
        <Card title={t('dashboard.requests', { n: formatNumber(requests.data.items.length) })}>
          <ul className="plain-list">
            {requests.data.items.map((r) => (
              <li key={r.id} className="row request-row">
                <span className="grow">
                  <strong>{t('dashboard.student', { id: r.studentId.slice(0, 8) })}</strong>
                  {r.message ? <span className="muted"> — {t('dashboard.quoted', { message: r.message })}</span> : null}
                  <span className="muted small"> · {timeAgo(r.createdAt)}</span>
                </span>
                <Button small variant="primary" busy={busy === r.id} onClick={() => decide(r.id, 'approve')}>
                  {t('dashboard.approve')}
                </Button>
                <Button small variant="ghost" disabled={busy === r.id} onClick={() => decide(r.id, 'reject')}>
                  {t('dashboard.decline')}
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title={t('dashboard.students')}>
        {students.loading && !students.data ? (
          <Loading />
        ) : students.error ? (
          <ErrorState error={students.error} onRetry={students.reload} />
        ) : (
          <Table
            rows={list}
            rowKey={(s) => s.studentId}
            onRowClick={(s) => setChosen(s.studentId)}
            empty={t('dashboard.noStudents')}
            columns={[
              {
                key: 'name',
                label: t('dashboard.column.student'),
                render: (s) => (
                  <span className={`student-name ${s.studentId === chosen ? 'chosen' : ''}`}>
                    <span className={`presence-dot ${s.online ? 'on' : ''}`} aria-hidden />
                    {s.name ?? t('dashboard.unnamed')}
                  </span>
                ),
              },
              {
                key: 'where',
                label: t('dashboard.column.where'),
                render: (s) => (
                  <span data-testid={`room-${s.studentId}`}>
                    {s.room ? (
                      <Badge tone="info">{roomLabel(s.room)}</Badge>
                    ) : (
                      <span className="muted">{t('dashboard.notPractising')}</span>
                    )}
                  </span>
                ),
              },
              {
                key: 'online',
                label: t('dashboard.column.online'),
                render: (s) => (
                  <span data-testid={`online-${s.studentId}`}>
                    {s.online ? <Badge tone="good">{t('dashboard.online')}</Badge> : t('dashboard.offline')}
                  </span>
                ),
              },
              { key: 'since', label: t('dashboard.column.since'), wide: true, render: (s) => timeAgo(s.updatedAt) },
            ]}
          />
        )}
      </Card>
      {current ? (
        <StudentDetail key={current.studentId} student={current} />
      ) : list.length ? (
        <p className="muted tutor-aside">{t('dashboard.choose')}</p>
      ) : null}
    </>
  );
}

function StudentDetail({ student }: { student: DashboardStudent }) {
  const { t } = useTranslation('tutor');
  const results = useLoad(
    () =>
      talkbase.get('/v1/tutor/students/{studentId}/results', { params: { path: { studentId: student.studentId }, query: { limit: 10 } } }),
    [student.studentId],
  );
  return (
    <div className="tutor-layout detail">
      <div className="stack">
        <StatisticsCharts studentId={student.studentId} />
        <Card title={student.name ? t('results.title', { name: student.name }) : t('results.titleUnnamed')}>
          {results.loading && !results.data ? (
            <Loading />
          ) : results.error ? (
            <ErrorState error={results.error} onRetry={results.reload} />
          ) : (
            <Table
              rows={results.data ?? []}
              rowKey={(r) => r.id}
              empty={t('results.none')}
              columns={[
                { key: 'text', label: t('results.column.sentence'), render: (r) => <span className="break">{r.originalText}</span> },
                {
                  key: 'score',
                  label: t('results.column.score'),
                  numeric: true,
                  render: (r) => <Badge tone={scoreTone(r.overallScore)}>{r.overallScore}</Badge>,
                },
                { key: 'grade', label: t('results.column.grade'), render: (r) => r.grade },
                {
                  key: 'missed',
                  label: t('results.column.missed'),
                  wide: true,
                  render: (r) => (r.missedWords.length ? r.missedWords.join(', ') : <span className="muted">{t('results.noMissed')}</span>),
                },
                { key: 'at', label: t('results.column.when'), wide: true, render: (r) => formatDate(r.timestamp) },
              ]}
            />
          )}
        </Card>
      </div>
      <FeedbackThread student={student} />
    </div>
  );
}

function FeedbackThread({ student }: { student: DashboardStudent }) {
  const { t } = useTranslation('tutor');
  const toast = useToast();
  const thread = useLoad(
    () =>
      talkbase.get('/v1/tutor/students/{studentId}/feedback', { params: { path: { studentId: student.studentId }, query: { limit: 20 } } }),
    [student.studentId],
  );
  const [message, setMessage] = useState('');
  const [kind, setKind] = useState<'text' | 'audio'>('text');
  const [busy, setBusy] = useState(false);
  async function send(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const sent = await talkbase.post('/v1/tutor/feedback', { body: { studentId: student.studentId, message, messageType: kind } });
      setMessage('');
      thread.setData([sent, ...(thread.data ?? [])]);
      toast(sent.websocketSent ? t('feedback.deliveredLive') : t('feedback.sentAsNotification'), 'good');
    } catch (err) {
      toast(errorMessage(err), 'bad');
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('feedback.title')}>
      <form className="stack" onSubmit={send}>
        <TextArea
          label={student.name ? t('feedback.messageTo', { name: student.name }) : t('feedback.messageToStudent')}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          rows={3}
          required
          maxLength={2000}
        />
        <Select
          label={t('feedback.sendAs')}
          value={kind}
          onChange={(e) => setKind(e.target.value as 'text' | 'audio')}
          options={[
            { value: 'text', label: t('feedback.text') },
            { value: 'audio', label: t('feedback.audio') },
          ]}
        />
        <div className="row">
          <Button type="submit" variant="primary" busy={busy} disabled={!message.trim()}>
            {t('feedback.send')}
          </Button>
        </div>
      </form>
      <ul className="feedback-list" aria-label={t('feedback.sentList')}>
        {(thread.data ?? []).map((f) => (
          <li key={f.feedbackId}>
            <p>{f.message}</p>
            <span className="muted small">
              {f.messageType === 'audio' ? `${t('feedback.audioTag')} · ` : ''}
              {f.websocketSent ? t('feedback.metaLive') : t('feedback.metaNotification')} · {formatDate(f.timestamp)}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
