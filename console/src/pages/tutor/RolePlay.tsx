// Role-play: the student talks with the AI in a role (a barista, an interviewer …), typed or spoken live.
// While a conversation is open the student is "in an AI conversation" on their tutors' dashboards.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { talkbase, type ResponseOf } from '../../api';
import { Trans } from 'react-i18next';
import { useUser } from '../../auth';
import { useTranslation } from '../../i18n';
import { Link, navigate } from '../../router';
import {
  Badge,
  Button,
  Card,
  Empty,
  ErrorState,
  Field,
  InlineError,
  Loading,
  PageHeader,
  Select,
  TextArea,
  formatDate,
  useLoad,
} from '../../ui';
import { VoiceButton, VoiceCaptions, formatTurnLatency, useVoice } from '../../ui/voice';
import type { PageProps } from '../registry';
import './tutor.css';

type Difficulty = '상' | '중' | '하';

type RolePlay = ResponseOf<'/v1/tutor/conversations/{id}', 'get'>;
type Conversation = RolePlay['conversation'];
type RolePlayTurn = RolePlay['turns'][number];

const LEVELS: Difficulty[] = ['하', '중', '상'];
const MAX_TURNS = 50;

function useRoom(room: 'ai-conversation') {
  useEffect(() => {
    void talkbase.put('/v1/tutor/room', { body: { room } }).catch(() => undefined);
    return () => void talkbase.put('/v1/tutor/room', { body: { room: null } }).catch(() => undefined);
  }, [room]);
}

export function RolePlayList(_props: PageProps) {
  const { t } = useTranslation('tutor');
  const user = useUser()!;
  const list = useLoad(
    () => talkbase.get('/v1/tutor/students/{studentId}/conversations', { params: { path: { studentId: user.id }, query: { limit: 20 } } }),
    [user.id],
  );
  const [role, setRole] = useState('barista');
  const [situation, setSituation] = useState('I am ordering a coffee and a pastry at a busy café.');
  const [difficulty, setDifficulty] = useState<Difficulty>('중');
  const [topic, setTopic] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function start(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const c = await talkbase.post('/v1/tutor/conversations', {
        body: { role: role.trim(), situation: situation.trim(), difficulty, ...(topic.trim() ? { topic: topic.trim() } : {}) },
      });
      navigate(`/tutor/role-play/${c.conversationId}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t('pages.rolePlayList.title')} subtitle={t('rolePlay.subtitle')} />
      <div className="tutor-layout">
        <Card title={t('rolePlay.mine')}>
          {list.loading && !list.data ? (
            <Loading />
          ) : list.error ? (
            <ErrorState error={list.error} onRetry={list.reload} />
          ) : list.data!.length === 0 ? (
            <Empty>{t('rolePlay.none')}</Empty>
          ) : (
            <div className="list">
              {list.data!.map((c) => (
                <Link key={c.conversationId} to={`/tutor/role-play/${c.conversationId}`} className="list-item">
                  <div className="grow">
                    <strong className="capitalize">{c.role}</strong>
                    <div className="muted small ellipsis">{c.situation}</div>
                  </div>
                  <Badge>{t(`level.${c.difficulty}`)}</Badge>
                  <span className="muted small">
                    {t('rolePlay.turns', { count: c.turnCount })} · {formatDate(c.updatedAt)}
                  </span>
                </Link>
              ))}
            </div>
          )}
        </Card>
        <Card title={t('rolePlay.start')}>
          <form onSubmit={start} aria-label={t('rolePlay.start')}>
            <Field label={t('rolePlay.aiPlays')} required maxLength={100} value={role} onChange={(e) => setRole(e.target.value)} />
            <TextArea
              label={t('rolePlay.situation')}
              required
              rows={3}
              maxLength={1000}
              value={situation}
              onChange={(e) => setSituation(e.target.value)}
            />
            <Select
              label={t('rolePlay.level')}
              value={difficulty}
              onChange={(e) => setDifficulty(e.target.value as Difficulty)}
              options={LEVELS.map((d) => ({ value: d, label: t(`level.${d}`) }))}
            />
            <Field label={t('rolePlay.topic')} maxLength={200} value={topic} onChange={(e) => setTopic(e.target.value)} />
            <InlineError error={error} />
            <Button type="submit" variant="primary" busy={busy} disabled={!role.trim() || !situation.trim()}>
              {t('rolePlay.startButton')}
            </Button>
          </form>
        </Card>
      </div>
    </>
  );
}

export function RolePlay({ params }: PageProps) {
  const { t } = useTranslation('tutor');
  const id = params.id!;
  const loaded = useLoad(() => talkbase.get('/v1/tutor/conversations/{id}', { params: { path: { id } } }), [id]);
  const [data, setData] = useState<{ conversation: Conversation; turns: RolePlayTurn[] } | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const end = useRef<HTMLDivElement>(null);
  const voice = useVoice({
    product: 'tutor',
    id,
    onStored: () =>
      void talkbase
        .get('/v1/tutor/conversations/{id}', { params: { path: { id } } })
        .then(setData)
        .catch(() => undefined),
  });
  useRoom('ai-conversation');

  useEffect(() => {
    if (loaded.data) setData(loaded.data);
  }, [loaded.data]);
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [data?.turns.length]);

  if (loaded.loading && !data) return <Loading />;
  if (loaded.error) return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  const { conversation, turns } = data ?? loaded.data!;
  const full = conversation.turnCount >= MAX_TURNS;
  const role = conversation.role;

  async function say(e: FormEvent) {
    e.preventDefault();
    const line = text.trim();
    if (!line) return;
    setBusy(true);
    setError(null);
    try {
      const out = await talkbase.post('/v1/tutor/conversations/{id}/turns', { params: { path: { id } }, body: { text: line } });
      setText('');
      setData((d) => (d ? { conversation: out.conversation, turns: [...d.turns.filter((x) => x.turn !== out.turn.turn), out.turn] } : d));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader
        title={<Trans t={t} i18nKey="rolePlay.heading" values={{ role }} components={{ role: <span className="capitalize" /> }} />}
        subtitle={
          <span className="row">
            <Badge>{t(`level.${conversation.difficulty}`)}</Badge>
            <span className="muted">{conversation.situation}</span>
          </span>
        }
        actions={
          <Link to="/tutor/role-play" className="btn btn-secondary">
            {t('rolePlay.all')}
          </Link>
        }
      />
      <InlineError error={error} />
      <Card title={t('rolePlay.conversation')} className="call-transcript">
        <div className="transcript" aria-label={t('rolePlay.transcript')} aria-live="polite">
          {turns.length === 0 ? <p className="muted center">{t('rolePlay.firstLine')}</p> : null}
          {turns.map((turn) => (
            <RolePlayTurnView key={turn.turn} turn={turn} role={role} />
          ))}
          <div ref={end} />
        </div>
        {conversation.message && !full ? (
          <p className="muted small">{t('rolePlay.said', { role, message: conversation.message })}</p>
        ) : null}
        {full ? (
          <p className="muted">{t('rolePlay.full', { count: MAX_TURNS })}</p>
        ) : (
          <form className="composer" onSubmit={say} aria-label={t('rolePlay.saySomething')}>
            <input
              className="input"
              aria-label={t('rolePlay.yourLine')}
              placeholder={t('rolePlay.answer', { role })}
              value={text}
              maxLength={2000}
              onChange={(e) => setText(e.target.value)}
            />
            <Button type="submit" variant="primary" busy={busy} disabled={!text.trim()}>
              {t('rolePlay.send')}
            </Button>
            <VoiceButton voice={voice} />
          </form>
        )}
        {voice.phase !== 'off' || voice.turns.length ? <VoiceCaptions voice={voice} them={role} /> : null}
      </Card>
    </>
  );
}

function RolePlayTurnView({ turn, role }: { turn: RolePlayTurn; role: string }) {
  const { t } = useTranslation('tutor');
  const stages = formatTurnLatency(turn.latency);
  return (
    <>
      <div className="bubble me" data-speaker="student">
        {turn.studentText}
      </div>
      <div className="bubble-meta" style={{ alignSelf: 'flex-end' }}>
        {t('rolePlay.you')}
      </div>
      {turn.aiText ? (
        <div className="bubble them" data-speaker="ai">
          {turn.aiText}
        </div>
      ) : null}
      <div className="bubble-meta">
        <span className="capitalize">{role}</span>
        {turn.interrupted ? ` · ${t('rolePlay.interrupted')}` : ''}
        {stages ? <span className="turn-stages">{` · ${stages}`}</span> : null}
      </div>
    </>
  );
}
