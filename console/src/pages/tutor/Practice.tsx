// The student's practice screen: reference audio for each sentence, recording (or an audio file), and the
// pronunciation score word by word. While it is open the student is "in practice" on their tutors' dashboards.
import { useEffect, useRef, useState } from 'react';
import { api, errorMessage, talkbase, type ItemOf, type ResponseOf } from '../../api';
import { useUser } from '../../auth';
import { formatNumber, useTranslation } from '../../i18n';
import { Link } from '../../router';
import {
  Badge,
  Button,
  Card,
  Empty,
  ErrorState,
  InlineError,
  Loading,
  PageHeader,
  TextArea,
  formatDate,
  useLoad,
  useToast,
} from '../../ui';
import type { PageProps } from '../registry';
import { follow } from './live';
import { ProfileSetup, StatisticsCharts, loadProfile, scoreTone, type Feedback, type TutorProfile } from './shared';
import './tutor.css';

type Sentence = ItemOf<'/v1/tutor/practice/audio/{sessionId}', 'get'>;
type Scored = ResponseOf<'/v1/tutor/practice/recordings', 'post'>;

const DEFAULT_SENTENCES = [
  'Could you tell me about your last project?',
  'I enjoy working with people from different teams.',
  'What time does the next train leave for the airport?',
].join('\n');

export function Practice(_props: PageProps) {
  const { t } = useTranslation('tutor');
  const profile = useLoad(loadProfile, []);
  if (profile.loading && !profile.data) return <Loading />;
  if (profile.error) return <ErrorState error={profile.error} onRetry={profile.reload} />;
  const p = profile.data;
  if (!p) {
    return (
      <>
        <PageHeader title={t('pages.practice.title')} subtitle={t('practice.subtitle')} />
        <ProfileSetup role="student" onDone={profile.setData} />
        <p className="muted small tutor-aside">
          {t('practice.teachingInstead')} <Link to="/tutor/dashboard">{t('practice.openDashboard')}</Link>
        </p>
      </>
    );
  }
  if (p.role !== 'student') {
    return (
      <>
        <PageHeader title={t('pages.practice.title')} />
        <Empty action={<Link to="/tutor/dashboard">{t('practice.openDashboard')}</Link>}>
          {t('practice.notStudent', { name: p.name })}
        </Empty>
      </>
    );
  }
  return <PracticeScreen profile={p} />;
}

function PracticeScreen({ profile }: { profile: TutorProfile }) {
  const { t } = useTranslation('tutor');
  const user = useUser()!;
  const toast = useToast();
  const [text, setText] = useState(DEFAULT_SENTENCES);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [sentences, setSentences] = useState<Sentence[]>([]);
  const [preparing, setPreparing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [scores, setScores] = useState<Record<number, Scored>>({});
  const [learning, setLearning] = useState<{ id: string; startedAt: number } | null>(null);
  const [statsKey, setStatsKey] = useState(0);
  const [feedback, setFeedback] = useState<Feedback[]>([]);

  // Being on this screen is being in practice: the tutors' dashboards follow it live.
  useEffect(() => {
    const stopPresence = follow(`student:${user.id}`, () => undefined);
    void talkbase.put('/v1/tutor/room', { body: { room: 'practice' } }).catch(() => undefined);
    return () => {
      stopPresence();
      void talkbase.put('/v1/tutor/room', { body: { room: null } }).catch(() => undefined);
    };
  }, [user.id]);

  useEffect(() => {
    void talkbase
      .get('/v1/tutor/feedback', { params: { query: { limit: 5 } } })
      .then(setFeedback)
      .catch(() => undefined);
  }, []);

  useEffect(
    () =>
      follow(`user:${user.id}`, (e) => {
        if (e.event === 'tutor.audio.completed' || e.event === 'tutor.audio.failed') {
          setSentences((list) =>
            list.map((s) =>
              s.sessionId === e.data.sessionId && s.sentenceIndex === e.data.sentenceIndex
                ? {
                    ...s,
                    status: e.event === 'tutor.audio.completed' ? 'COMPLETED' : 'FAILED',
                    audioFileId: e.data.audioFileId ?? s.audioFileId,
                    durationMs: e.data.durationMs ?? s.durationMs,
                    error: e.data.error ?? null,
                  }
                : s,
            ),
          );
        }
        if (e.event === 'tutor.feedback') {
          setFeedback((list) => [e.data as Feedback, ...list.filter((f) => f.feedbackId !== e.data.feedbackId)].slice(0, 5));
          toast(t('practice.newFeedback'), 'good');
        }
      }),
    [user.id],
  );

  // Events can arrive before the list does; a short poll settles any sentence still pending.
  const pending = sentences.some((s) => s.status === 'PENDING');
  useEffect(() => {
    if (!pending || !sessionId) return;
    const timer = setInterval(() => {
      void talkbase
        .get('/v1/tutor/practice/audio/{sessionId}', { params: { path: { sessionId } } })
        .then(setSentences)
        .catch(() => undefined);
    }, 2000);
    return () => clearInterval(timer);
  }, [pending, sessionId]);

  async function prepare() {
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.length === 0) {
      setError(new Error(t('practice.writeSentence')));
      return;
    }
    setPreparing(true);
    setError(null);
    try {
      if (!learning) {
        const s = await talkbase.post('/v1/tutor/sessions', { body: { sessionType: 'practice' } });
        setLearning({ id: s.id, startedAt: Date.now() });
      }
      const id = crypto.randomUUID();
      const rows = await talkbase.post('/v1/tutor/practice/audio', {
        body: { sessionId: id, sentences: lines.map((english) => ({ english })) },
      });
      setSessionId(id);
      setSentences(rows);
      setScores({});
    } catch (err) {
      setError(err);
    } finally {
      setPreparing(false);
    }
  }

  async function finish() {
    if (!learning) return;
    const results = Object.values(scores).map((s) => s.result);
    const recorded = results.reduce((n, r) => n + (r.audioDurationMs ?? 0) / 1000, 0);
    try {
      // The session lasted at least as long as what was recorded in it.
      const duration = Math.min(86_400, Math.max(Math.round((Date.now() - learning.startedAt) / 1000), Math.ceil(recorded)));
      await talkbase.post('/v1/tutor/sessions/{id}/end', {
        params: { path: { id: learning.id } },
        body: {
          duration,
          speakingDuration: Math.min(duration, Math.round(recorded)),
          recordingTime: Math.min(duration, Math.round(recorded)),
          practiceCount: results.length,
        },
      });
      setLearning(null);
      setSessionId(null);
      setSentences([]);
      setScores({});
      setStatsKey((k) => k + 1);
      toast(t('practice.saved'), 'good');
    } catch (err) {
      toast(errorMessage(err), 'bad');
    }
  }

  const scored = Object.values(scores);
  // When speech is unavailable every sentence fails the same way: say why once, not under every sentence.
  const failed = sentences.filter((s) => s.status === 'FAILED');
  const sharedFailure =
    failed.length > 1 && failed.every((s) => s.error === failed[0]!.error) ? (failed[0]!.error ?? t('practice.referenceFailed')) : null;
  const average = scored.length ? Math.round(scored.reduce((n, s) => n + s.result.overallScore, 0) / scored.length) : null;

  return (
    <>
      <PageHeader
        title={t('pages.practice.title')}
        subtitle={t('practice.greeting', { name: profile.name })}
        actions={
          learning ? (
            <Button
              variant="primary"
              onClick={finish}
              disabled={scored.length === 0}
              title={scored.length ? undefined : t('practice.scoreFirst')}
            >
              {t('practice.finish')}
            </Button>
          ) : null
        }
      />
      <div className="tutor-layout">
        <div className="stack">
          {sentences.length === 0 ? (
            <Card title={t('practice.sentences')}>
              <div className="stack">
                <TextArea
                  label={t('practice.onePerLine')}
                  value={text}
                  rows={4}
                  onChange={(e) => setText(e.target.value)}
                  hint={t('practice.onePerLineHint')}
                />
                <InlineError error={error} />
                <div className="row">
                  <Button variant="primary" busy={preparing} onClick={prepare}>
                    {t('practice.prepare')}
                  </Button>
                </div>
              </div>
            </Card>
          ) : (
            <Card
              title={t('practice.title')}
              actions={
                <span className="muted small" data-testid="practice-summary">
                  {t('practice.scored', { scored: formatNumber(scored.length), total: formatNumber(sentences.length) })}
                  {average !== null ? ` · ${t('practice.average', { average: formatNumber(average) })}` : ''}
                </span>
              }
            >
              {sharedFailure ? (
                <p className="inline-error" role="alert" data-testid="reference-unavailable">
                  {t('practice.noReference', { reason: sharedFailure })}
                </p>
              ) : null}
              <ol className="sentence-list">
                {sentences.map((s) => (
                  <SentenceRow
                    key={`${s.sessionId}-${s.sentenceIndex}`}
                    sentence={s}
                    failureShown={sharedFailure !== null}
                    scored={scores[s.sentenceIndex] ?? null}
                    onScored={(r) => setScores((all) => ({ ...all, [s.sentenceIndex]: r }))}
                  />
                ))}
              </ol>
            </Card>
          )}
          <StatisticsCharts studentId={user.id} reloadKey={statsKey} />
        </div>
        <div className="stack">
          <MyTutor />
          <Card title={t('practice.feedback')}>
            {feedback.length === 0 ? (
              <Empty>{t('practice.noFeedback')}</Empty>
            ) : (
              <ul className="feedback-list">
                {feedback.map((f) => (
                  <li key={f.feedbackId}>
                    <p>{f.message}</p>
                    <span className="muted small">
                      {f.messageType === 'audio' ? `${t('practice.audio')} · ` : ''}
                      {formatDate(f.timestamp)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}

function SentenceRow({
  sentence,
  scored,
  onScored,
  failureShown,
}: {
  sentence: Sentence;
  scored: Scored | null;
  onScored: (s: Scored) => void;
  /** The page already says why the reference audio failed. */
  failureShown: boolean;
}) {
  const { t } = useTranslation('tutor');
  const [audioUrl, setAudioUrl] = useState<string | null>(null);
  const [recording, setRecording] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const canRecord = typeof MediaRecorder !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

  useEffect(() => () => void (audioUrl && URL.revokeObjectURL(audioUrl)), [audioUrl]);

  async function play() {
    if (!sentence.audioFileId) return;
    setError(null);
    try {
      const url = audioUrl ?? (await api.blobUrl(`/v1/files/${sentence.audioFileId}/content`));
      setAudioUrl(url);
      await new Audio(url).play().catch(() => undefined);
    } catch (err) {
      setError(err);
    }
  }

  async function score(blob: Blob, name: string) {
    setBusy(true);
    setError(null);
    try {
      const out = await api.upload<Scored>(
        `/v1/tutor/practice/recordings?sessionId=${sentence.sessionId}&sentenceIndex=${sentence.sentenceIndex}`,
        blob,
        name,
      );
      onScored(out);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function toggleRecording() {
    if (recording) {
      recorder.current?.stop();
      return;
    }
    setError(null);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      const rec = new MediaRecorder(stream);
      const chunks: Blob[] = [];
      rec.ondataavailable = (e) => e.data.size && chunks.push(e.data);
      rec.onstop = () => {
        stream.getTracks().forEach((track) => track.stop());
        setRecording(false);
        void score(new Blob(chunks, { type: 'audio/webm' }), `sentence-${sentence.sentenceIndex + 1}.webm`);
      };
      recorder.current = rec;
      rec.start();
      setRecording(true);
    } catch (err) {
      setError(new Error(t('sentence.noMicrophone', { reason: errorMessage(err) })));
    }
  }

  const ready = sentence.status === 'COMPLETED';
  // A missing reference voice does not stop the student from saying the sentence.
  const recordable = sentence.status !== 'PENDING';
  return (
    <li className="sentence" aria-label={t('sentence.label', { n: sentence.sentenceIndex + 1 })}>
      <div className="sentence-head">
        <div className="grow">
          <p className="sentence-text">{sentence.english}</p>
          {sentence.korean ? <p className="muted small">{sentence.korean}</p> : null}
        </div>
        {sentence.status === 'PENDING' ? (
          <Badge tone="info">{t('sentence.preparing')}</Badge>
        ) : sentence.status === 'FAILED' ? (
          <Badge tone="bad">{t('sentence.audioFailed')}</Badge>
        ) : scored ? (
          <Badge tone={scoreTone(scored.result.overallScore)}>
            {scored.result.overallScore} · {scored.result.grade}
          </Badge>
        ) : null}
      </div>
      <div className="row">
        <Button small onClick={play} disabled={!ready} title={ready ? undefined : t('sentence.beingMade')}>
          {t('sentence.play')}
        </Button>
        <Button
          small
          variant={recording ? 'danger' : 'primary'}
          onClick={toggleRecording}
          disabled={!recordable || busy || !canRecord}
          title={!canRecord ? t('sentence.cannotRecord') : !recordable ? t('sentence.beingMade') : undefined}
        >
          {recording ? t('sentence.stopAndScore') : t('sentence.record')}
        </Button>
        <Button small variant="ghost" onClick={() => fileInput.current?.click()} disabled={!recordable || busy || recording}>
          {t('sentence.upload')}
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept="audio/*"
          hidden
          aria-label={t('sentence.recordingFor', { n: sentence.sentenceIndex + 1 })}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void score(file, file.name);
          }}
        />
        {busy ? <span className="muted small">{t('sentence.scoring')}</span> : null}
      </div>
      {audioUrl ? <audio className="sentence-audio" controls src={audioUrl} aria-label={t('sentence.referenceAudio')} /> : null}
      <InlineError
        error={error ?? (sentence.status === 'FAILED' && !failureShown ? new Error(sentence.error ?? t('practice.referenceFailed')) : null)}
      />
      {scored ? <ScoreView scored={scored} /> : null}
    </li>
  );
}

function ScoreView({ scored }: { scored: Scored }) {
  const { t } = useTranslation('tutor');
  const r = scored.result;
  return (
    <div className="score" aria-label={t('score.label')}>
      <div className="score-numbers">
        <div className="stat">
          <span className="muted small">{t('score.overall')}</span>
          <strong>{r.overallScore}</strong>
        </div>
        <div className="stat">
          <span className="muted small">{t('score.grade')}</span>
          <strong>{r.grade}</strong>
        </div>
        <div className="stat">
          <span className="muted small">{t('score.wordAccuracy')}</span>
          <strong>{t('score.percent', { value: formatNumber(Math.round(r.wordAccuracy)) })}</strong>
        </div>
        <div className="stat">
          <span className="muted small">{t('score.completeness')}</span>
          <strong>{t('score.percent', { value: formatNumber(Math.round(r.completenessScore)) })}</strong>
        </div>
      </div>
      <p className="words" aria-label={t('score.words')}>
        {scored.words.map((w, i) => (
          <span
            key={i}
            className={`word word-${w.status}`}
            title={w.heard && w.status === 'substituted' ? t('word.heard', { word: w.heard }) : t(`word.${w.status}`)}
            data-status={w.status}
          >
            {w.word}
          </span>
        ))}
      </p>
      <p className="muted small">{r.feedback}</p>
    </div>
  );
}

function MyTutor() {
  const { t } = useTranslation('tutor');
  const toast = useToast();
  const mine = useLoad(() => talkbase.get('/v1/tutor/tutors/mine'), []);
  const tutors = useLoad(() => talkbase.get('/v1/tutor/tutors'), []);
  const sent = useLoad(() => talkbase.get('/v1/tutor/requests', { params: { query: { side: 'sent' } } }), []);
  const [busy, setBusy] = useState<string | null>(null);
  if (mine.loading && !mine.data) return <Card title={t('myTutor.title')}>{<Loading />}</Card>;
  const nameOf = new Map((tutors.data ?? []).map((tutor) => [tutor.userId, tutor.name]));
  const linked = (mine.data ?? []).filter((l) => l.status === 'active');
  const waiting = new Set((sent.data?.items ?? []).filter((r) => r.status === 'PENDING').map((r) => r.tutorId));
  async function ask(tutorId: string) {
    setBusy(tutorId);
    try {
      await talkbase.post('/v1/tutor/requests', { body: { tutorId, message: t('myTutor.requestMessage') } });
      toast(t('myTutor.sent'), 'good');
      sent.reload();
    } catch (err) {
      toast(errorMessage(err), 'bad');
    } finally {
      setBusy(null);
    }
  }
  return (
    <Card title={t('myTutor.title')}>
      {linked.length ? (
        <ul className="plain-list">
          {linked.map((l) => (
            <li key={l.tutorId}>
              <strong>{nameOf.get(l.tutorId) ?? t('myTutor.yourTutor')}</strong>{' '}
              <span className="muted small">{t('myTutor.seesLive')}</span>
            </li>
          ))}
        </ul>
      ) : (tutors.data ?? []).length === 0 ? (
        <Empty>{t('myTutor.noTutors')}</Empty>
      ) : (
        <ul className="plain-list">
          {(tutors.data ?? []).slice(0, 5).map((tutor) => (
            <li key={tutor.userId} className="row">
              <span className="grow">
                <strong>{tutor.name}</strong>{' '}
                <span className="muted small">
                  {tutor.isAccepting
                    ? t('myTutor.placesFree', { count: Math.max(0, tutor.maxStudents - tutor.activeStudents) })
                    : t('myTutor.notTaking')}
                </span>
              </span>
              <Button
                small
                onClick={() => ask(tutor.userId)}
                busy={busy === tutor.userId}
                disabled={waiting.has(tutor.userId) || !tutor.isAccepting}
                title={waiting.has(tutor.userId) ? t('myTutor.waiting') : undefined}
              >
                {waiting.has(tutor.userId) ? t('myTutor.requested') : t('myTutor.ask')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
