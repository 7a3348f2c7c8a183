// The tutor's dashboard: requests to approve, linked students with where they are right now (live),
// and for the chosen student their daily statistics, pronunciation results and a feedback thread.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api';
import { useUser } from '../../auth';
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
import {
  ProfileSetup,
  ROOM_LABEL,
  StatisticsCharts,
  loadProfile,
  scoreTone,
  type Feedback,
  type PronunciationResult,
  type Room,
  type TutorProfile,
} from './shared';
import './tutor.css';

interface DashboardStudent {
  studentId: string;
  name: string | null;
  room: Room;
  online: boolean;
  updatedAt: string;
}

interface TutorRequest {
  id: string;
  studentId: string;
  message: string | null;
  createdAt: string;
}

export function Dashboard({ query }: PageProps) {
  const profile = useLoad(loadProfile, []);
  if (profile.loading && !profile.data) return <Loading />;
  if (profile.error) return <ErrorState error={profile.error} onRetry={profile.reload} />;
  const p = profile.data;
  if (!p) {
    return (
      <>
        <PageHeader title="Tutor dashboard" subtitle="Your students, live, with their statistics and your feedback." />
        <ProfileSetup role="tutor" onDone={profile.setData} />
      </>
    );
  }
  if (p.role !== 'tutor') {
    return (
      <>
        <PageHeader title="Tutor dashboard" />
        <Empty action={<Link to="/tutor">Go to practice</Link>}>This dashboard is for tutors; your profile is a student profile.</Empty>
      </>
    );
  }
  return <TutorBoard profile={p} selected={query.get('student')} />;
}

function TutorBoard({ profile, selected }: { profile: TutorProfile; selected: string | null }) {
  const user = useUser()!;
  const toast = useToast();
  const students = useLoad(() => api.get<DashboardStudent[]>('/v1/tutor/students'), []);
  const requests = useLoad(() => api.get<{ items: TutorRequest[] }>('/v1/tutor/requests?side=received&status=PENDING'), []);
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
          toast('A student asked to join', 'info');
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
      await api.post(`/v1/tutor/requests/${id}/${action}`);
      toast(action === 'approve' ? 'Student added' : 'Request declined', action === 'approve' ? 'good' : 'info');
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
        title="Tutor dashboard"
        subtitle={`${profile.name} · ${list.length} of ${profile.maxStudents} places taken · ${online} online now`}
      />
      {requests.data && requests.data.items.length > 0 ? (
        <Card title={`Requests (${requests.data.items.length})`}>
          <ul className="plain-list">
            {requests.data.items.map((r) => (
              <li key={r.id} className="row request-row">
                <span className="grow">
                  <strong>Student {r.studentId.slice(0, 8)}</strong>
                  {r.message ? <span className="muted"> — “{r.message}”</span> : null}
                  <span className="muted small"> · {timeAgo(r.createdAt)}</span>
                </span>
                <Button small variant="primary" busy={busy === r.id} onClick={() => decide(r.id, 'approve')}>
                  Approve
                </Button>
                <Button small variant="ghost" disabled={busy === r.id} onClick={() => decide(r.id, 'reject')}>
                  Decline
                </Button>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title="Students">
        {students.loading && !students.data ? (
          <Loading />
        ) : students.error ? (
          <ErrorState error={students.error} onRetry={students.reload} />
        ) : (
          <Table
            rows={list}
            rowKey={(s) => s.studentId}
            onRowClick={(s) => setChosen(s.studentId)}
            empty="No students yet. Students find you under Tutor › Practice and ask to join."
            columns={[
              {
                key: 'name',
                label: 'Student',
                render: (s) => (
                  <span className={`student-name ${s.studentId === chosen ? 'chosen' : ''}`}>
                    <span className={`presence-dot ${s.online ? 'on' : ''}`} aria-hidden />
                    {s.name ?? 'Unnamed student'}
                  </span>
                ),
              },
              {
                key: 'where',
                label: 'Where',
                render: (s) => (
                  <span data-testid={`room-${s.studentId}`}>
                    {s.room ? <Badge tone="info">{ROOM_LABEL[s.room]}</Badge> : <span className="muted">Not practising</span>}
                  </span>
                ),
              },
              {
                key: 'online',
                label: 'Online',
                render: (s) => (
                  <span data-testid={`online-${s.studentId}`}>{s.online ? <Badge tone="good">Online</Badge> : 'Offline'}</span>
                ),
              },
              { key: 'since', label: 'Last change', wide: true, render: (s) => timeAgo(s.updatedAt) },
            ]}
          />
        )}
      </Card>
      {current ? (
        <StudentDetail key={current.studentId} student={current} />
      ) : list.length ? (
        <p className="muted tutor-aside">Choose a student to see their statistics and send feedback.</p>
      ) : null}
    </>
  );
}

function StudentDetail({ student }: { student: DashboardStudent }) {
  const results = useLoad(
    () => api.get<PronunciationResult[]>(`/v1/tutor/students/${student.studentId}/results?limit=10`),
    [student.studentId],
  );
  return (
    <div className="tutor-layout detail">
      <div className="stack">
        <StatisticsCharts studentId={student.studentId} />
        <Card title={`${student.name ?? 'Student'}’s recent results`}>
          {results.loading && !results.data ? (
            <Loading />
          ) : results.error ? (
            <ErrorState error={results.error} onRetry={results.reload} />
          ) : (
            <Table
              rows={results.data ?? []}
              rowKey={(r) => r.id}
              empty="No scored sentences yet."
              columns={[
                { key: 'text', label: 'Sentence', render: (r) => <span className="break">{r.originalText}</span> },
                {
                  key: 'score',
                  label: 'Score',
                  numeric: true,
                  render: (r) => <Badge tone={scoreTone(r.overallScore)}>{r.overallScore}</Badge>,
                },
                { key: 'grade', label: 'Grade', render: (r) => r.grade },
                {
                  key: 'missed',
                  label: 'Missed words',
                  wide: true,
                  render: (r) => (r.missedWords.length ? r.missedWords.join(', ') : <span className="muted">none</span>),
                },
                { key: 'at', label: 'When', wide: true, render: (r) => formatDate(r.timestamp) },
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
  const toast = useToast();
  const thread = useLoad(() => api.get<Feedback[]>(`/v1/tutor/students/${student.studentId}/feedback?limit=20`), [student.studentId]);
  const [message, setMessage] = useState('');
  const [kind, setKind] = useState<'text' | 'audio'>('text');
  const [busy, setBusy] = useState(false);
  async function send(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const sent = await api.post<Feedback>('/v1/tutor/feedback', { studentId: student.studentId, message, messageType: kind });
      setMessage('');
      thread.setData([sent, ...(thread.data ?? [])]);
      toast(sent.websocketSent ? 'Delivered live' : 'Sent as a notification', 'good');
    } catch (err) {
      toast(errorMessage(err), 'bad');
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title="Feedback">
      <form className="stack" onSubmit={send}>
        <TextArea
          label={`Message to ${student.name ?? 'the student'}`}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          rows={3}
          required
          maxLength={2000}
        />
        <Select
          label="Send as"
          value={kind}
          onChange={(e) => setKind(e.target.value as 'text' | 'audio')}
          options={[
            { value: 'text', label: 'Text' },
            { value: 'audio', label: 'Audio (read aloud by the voice engine)' },
          ]}
        />
        <div className="row">
          <Button type="submit" variant="primary" busy={busy} disabled={!message.trim()}>
            Send feedback
          </Button>
        </div>
      </form>
      <ul className="feedback-list" aria-label="Feedback sent">
        {(thread.data ?? []).map((f) => (
          <li key={f.feedbackId}>
            <p>{f.message}</p>
            <span className="muted small">
              {f.messageType === 'audio' ? 'Audio · ' : ''}
              {f.websocketSent ? 'delivered live' : 'sent as a notification'} · {formatDate(f.timestamp)}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
