import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, currentUser, realtime, talkbase } from '../../api';
import type { PageProps } from '../registry';
import { navigate } from '../../router';
import {
  Avatar,
  Badge,
  Button,
  Card,
  ErrorState,
  Field,
  InlineError,
  Loading,
  PageHeader,
  Table,
  TextArea,
  formatDate,
  timeAgo,
  useLoad,
  useToast,
} from '../../ui';
import { formatNumber, text, useTranslation, type TKey } from '../../i18n';
import { TRAINING_TONE, trainingLabel, type Persona, type Training, type TrainingNeed, type VoiceFile } from './api';

export function PersonaPage({ params }: PageProps) {
  const { t } = useTranslation('calls');
  const id = params.id!;
  const persona = useLoad(() => talkbase.get('/v1/calls/personas/{id}', { params: { path: { id } } }), [id]);
  // The training status also says what a start still needs (a recording, the consent): the cards below follow it.
  const training = useLoad(() => talkbase.get('/v1/calls/personas/{id}/training', { params: { path: { id } } }), [id]);
  const [calling, setCalling] = useState(false);
  const [callError, setCallError] = useState<unknown>(null);
  const toast = useToast();

  if ((persona.loading && !persona.data) || (training.loading && !training.data && !training.error)) return <Loading />;
  if (persona.error) return <ErrorState error={persona.error} onRetry={persona.reload} />;
  const p = persona.data!;
  const current = training.data;

  function trainingChanged(next: Training) {
    training.setData(next);
    if (next.learningStatus !== p.learningStatus) persona.setData({ ...p, learningStatus: next.learningStatus, trainingError: next.error });
  }
  /** What is known locally without asking again: a recording uploaded or removed, the consent recorded. */
  function needs(need: TrainingNeed, missing: boolean) {
    if (!current || current.missing.includes(need) === missing) return;
    training.setData({ ...current, missing: missing ? [...current.missing, need] : current.missing.filter((m) => m !== need) });
  }

  async function call() {
    setCalling(true);
    setCallError(null);
    try {
      const session = await talkbase.post('/v1/calls/sessions', { body: { personaId: id } });
      navigate(`/calls/call/${session.id}`);
    } catch (err) {
      setCallError(err);
      setCalling(false);
    }
  }

  async function remove() {
    if (!window.confirm(t('persona.confirmDelete', { name: p.name }))) return;
    try {
      await talkbase.delete('/v1/calls/personas/{id}', { params: { path: { id } } });
      toast(t('persona.deleted', { name: p.name }), 'info');
      navigate('/calls');
    } catch (err) {
      toast(err instanceof Error ? err.message : t('persona.deleteFailed'), 'bad');
    }
  }

  return (
    <>
      <PageHeader
        title={
          <span className="row">
            <Avatar name={p.name} size={44} /> {p.name}
          </span>
        }
        subtitle={[p.relationship, p.phoneNumber].filter(Boolean).join(' · ')}
        actions={
          <>
            <Button variant="primary" onClick={call} busy={calling} disabled={p.learningStatus !== 'COMPLETED'}>
              {t('persona.call', { name: p.name.split(' ')[0] })}
            </Button>
            <Button variant="ghost" onClick={remove}>
              {t('persona.delete')}
            </Button>
          </>
        }
      />
      {p.learningStatus !== 'COMPLETED' ? <p className="muted">{t('persona.needsTraining')}</p> : null}
      <InlineError error={callError} />
      <div className="grid-2">
        <div>
          <TrainingCard persona={p} training={current} loadError={training.error} onReload={training.reload} onChange={trainingChanged} />
          <ConsentCard
            personaId={id}
            recorded={current ? !current.missing.includes('consent') : null}
            onRecorded={() => needs('consent', false)}
          />
        </div>
        <div>
          <VoiceFilesCard personaId={id} onFiles={(list) => needs('voice_file', !list.some((f) => f.aiFileId))} />
          <MemoCard persona={p} onSaved={(next) => persona.setData(next)} />
        </div>
      </div>
    </>
  );
}

function VoiceFilesCard({ personaId, onFiles }: { personaId: string; onFiles: (files: VoiceFile[]) => void }) {
  const { t } = useTranslation('calls');
  const files = useLoad(() => talkbase.get('/v1/calls/personas/{id}/voice-files', { params: { path: { id: personaId } } }), [personaId]);
  const onFilesRef = useRef(onFiles);
  onFilesRef.current = onFiles;
  useEffect(() => {
    if (files.data) onFilesRef.current(files.data);
  }, [files.data]);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [playing, setPlaying] = useState<{ id: string; url: string } | null>(null);
  const toast = useToast();

  async function upload(file: File) {
    setBusy(true);
    setError(null);
    try {
      await api.upload(`/v1/calls/personas/${personaId}/voice-files`, file, file.name);
      toast(t('voiceFiles.uploaded', { file: file.name }), 'good');
      await files.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  async function play(v: VoiceFile) {
    try {
      setPlaying({ id: v.id, url: await api.blobUrl(`/v1/files/${v.fileId}/content`) });
    } catch (err) {
      setError(err);
    }
  }

  async function remove(v: VoiceFile) {
    try {
      await talkbase.delete('/v1/calls/personas/{id}/voice-files/{voiceId}', { params: { path: { id: personaId, voiceId: v.id } } });
      await files.reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Card
      title={t('voiceFiles.title')}
      actions={
        <>
          <input
            ref={input}
            type="file"
            accept="audio/wav,audio/x-wav,audio/mpeg,audio/mp4,audio/x-m4a,audio/webm,audio/ogg"
            hidden
            aria-label={t('voiceFiles.fileInput')}
            onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])}
          />
          <Button small onClick={() => input.current?.click()} busy={busy}>
            {t('voiceFiles.upload')}
          </Button>
        </>
      }
    >
      <InlineError error={error} />
      {files.loading && !files.data ? (
        <Loading />
      ) : files.error ? (
        <ErrorState error={files.error} onRetry={files.reload} />
      ) : (
        <Table
          rows={files.data!}
          rowKey={(v) => v.id}
          empty={t('voiceFiles.empty')}
          columns={[
            {
              key: 'name',
              label: t('voiceFiles.file'),
              render: (v) => <span className="break">{v.fileName ?? t('voiceFiles.recording')}</span>,
            },
            {
              key: 'size',
              label: t('voiceFiles.size'),
              numeric: true,
              wide: true,
              render: (v) => t('units.kb', { value: formatNumber(Math.max(1, Math.round(v.fileSize / 1024))) }),
            },
            { key: 'when', label: t('voiceFiles.added'), wide: true, render: (v) => timeAgo(v.uploadedAt) },
            {
              key: 'act',
              label: '',
              render: (v) => (
                <span className="row nowrap">
                  <Button
                    small
                    variant="ghost"
                    onClick={() => void play(v)}
                    aria-label={t('voiceFiles.playNamed', { name: v.fileName ?? t('voiceFiles.recording') })}
                  >
                    {t('voiceFiles.play')}
                  </Button>
                  <Button
                    small
                    variant="ghost"
                    onClick={() => void remove(v)}
                    aria-label={t('voiceFiles.removeNamed', { name: v.fileName ?? t('voiceFiles.recording') })}
                  >
                    {t('voiceFiles.remove')}
                  </Button>
                </span>
              ),
            },
          ]}
        />
      )}
      {playing ? <audio src={playing.url} controls autoPlay style={{ width: '100%', marginTop: '0.5rem' }} /> : null}
    </Card>
  );
}

/** `recorded`: whether a consent exists (from the training status; null when unknown), so none is asked for in vain. */
function ConsentCard({ personaId, recorded, onRecorded }: { personaId: string; recorded: boolean | null; onRecorded: () => void }) {
  const { t } = useTranslation('calls');
  const consent = useLoad(async () => {
    if (recorded === false) return null;
    try {
      return await talkbase.get('/v1/calls/personas/{id}/consent', { params: { path: { id: personaId } } });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }, [personaId]);
  const [voiceOwner, setVoiceOwner] = useState('');
  const [statement, setStatement] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      consent.setData(
        await talkbase.put('/v1/calls/personas/{id}/consent', {
          params: { path: { id: personaId } },
          body: { voiceOwner: voiceOwner.trim(), statement: statement.trim() },
        }),
      );
      onRecorded();
      setEditing(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (consent.loading && consent.data === null && !consent.error) return <Card title={t('consent.title')}>{<Loading />}</Card>;
  if (consent.error) return <ErrorState error={consent.error} onRetry={consent.reload} />;
  const c = consent.data;
  return (
    <Card
      title={t('consent.title')}
      actions={c && !editing ? <Badge tone="good">{t('consent.recorded')}</Badge> : <Badge tone="warn">{t('consent.needed')}</Badge>}
    >
      {c && !editing ? (
        <div className="stack">
          <div>
            <div className="muted small">{t('consent.whose')}</div>
            {c.voiceOwner}
          </div>
          <div>
            <div className="muted small">{t('consent.statement')}</div>
            <span className="break">{c.statement}</span>
          </div>
          <div className="row">
            <span className="muted small">{t('consent.recordedAt', { date: formatDate(c.consentedAt) })}</span>
            <span className="spacer" />
            <Button
              small
              variant="ghost"
              onClick={() => {
                setVoiceOwner(c.voiceOwner);
                setStatement(c.statement);
                setEditing(true);
              }}
            >
              {t('consent.change')}
            </Button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit} aria-label={t('consent.title')}>
          <Field
            label={t('consent.whoseField')}
            required
            maxLength={200}
            value={voiceOwner}
            onChange={(e) => setVoiceOwner(e.target.value)}
          />
          <TextArea
            label={t('consent.yourStatement')}
            required
            placeholder={t('consent.statementPlaceholder')}
            hint={t('consent.statementHint')}
            value={statement}
            onChange={(e) => setStatement(e.target.value)}
          />
          <InlineError error={error} />
          <Button type="submit" busy={busy}>
            {t('consent.submit')}
          </Button>
        </form>
      )}
    </Card>
  );
}

const PERCENT: Intl.NumberFormatOptions = { style: 'percent' };

const NEED_HINT: Record<string, TKey> = {
  'voice_file,consent': 'calls:needs.both',
  voice_file: 'calls:needs.voiceFile',
  consent: 'calls:needs.consent',
};

function TrainingCard({
  persona,
  training,
  loadError,
  onReload,
  onChange,
}: {
  persona: Persona;
  training: Training | null;
  loadError: unknown;
  onReload: () => void;
  onChange: (t: Training) => void;
}) {
  const { t, i18n } = useTranslation('calls');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const toast = useToast();
  const status = training?.learningStatus ?? persona.learningStatus;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const hintId = useId();

  const refresh = async () => {
    try {
      const next = await talkbase.get('/v1/calls/personas/{id}/training', { params: { path: { id: persona.id } } });
      onChangeRef.current(next);
      return next;
    } catch (err) {
      setError(err);
      return null;
    }
  };

  // While training runs: poll the engine's status, and listen for the "voice ready" notification.
  useEffect(() => {
    if (status !== 'IN_PROGRESS') return;
    const timer = setInterval(() => void refresh(), 1500);
    const user = currentUser();
    const stop = user
      ? realtime.subscribe(`user:${user.id}`, (e) => {
          if (e.event === 'notification.created' && e.data?.data?.personaId === persona.id) {
            void refresh();
            toast(e.data.title ?? t('training.finished'), e.data.type === 'calls.training_completed' ? 'good' : 'bad');
          }
        })
      : () => undefined;
    return () => {
      clearInterval(timer);
      stop();
    };
  }, [status, persona.id]);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      onChange(await talkbase.post('/v1/calls/personas/{id}/training', { params: { path: { id: persona.id } } }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    setBusy(true);
    try {
      await talkbase.delete('/v1/calls/personas/{id}/training', { params: { path: { id: persona.id } } });
      await refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  // Unknown needs (the status could not be read) leave the button to the server's answer.
  const needKey = training && training.missing.length ? NEED_HINT[[...training.missing].sort().reverse().join(',')] : undefined;
  const needHint = needKey ? text(needKey) : null;
  const engineStatus = training?.engine?.status;
  const engineLabel = engineStatus
    ? i18n.exists(`calls:engineStatus.${engineStatus}`)
      ? t(`engineStatus.${engineStatus}` as 'engineStatus.QUEUED')
      : engineStatus.toLowerCase()
    : null;
  const progress = status === 'COMPLETED' ? 100 : (training?.engine?.progress ?? (status === 'IN_PROGRESS' ? 0 : null));
  return (
    <Card title={t('training.title')} actions={<Badge tone={TRAINING_TONE[status]}>{trainingLabel(status)}</Badge>}>
      <div className="stack">
        {progress !== null ? (
          <div>
            <div
              className="progress"
              role="progressbar"
              aria-label={t('training.progress')}
              aria-valuenow={progress}
              aria-valuemin={0}
              aria-valuemax={100}
            >
              <span style={{ width: `${progress}%` }} />
            </div>
            <div className="muted small">
              {status === 'IN_PROGRESS' ? `${engineLabel ? `${engineLabel} · ` : ''}${formatNumber(progress / 100, PERCENT)}` : null}
              {status === 'COMPLETED'
                ? t('training.trainedAt', { date: formatDate(training?.lastTrainingUpdatedAt ?? persona.lastTrainingUpdatedAt) })
                : null}
            </div>
          </div>
        ) : (
          <p className="muted">{t('training.explain')}</p>
        )}
        {status === 'FAILED' ? (
          <div className="inline-error">{training?.error ?? persona.trainingError ?? t('training.failed')}</div>
        ) : null}
        {loadError && !training ? <ErrorState error={loadError} onRetry={onReload} /> : null}
        <InlineError error={error} />
        <div className="row">
          {status === 'IN_PROGRESS' ? (
            <Button onClick={cancel} busy={busy}>
              {t('training.cancel')}
            </Button>
          ) : (
            <Button
              variant={status === 'COMPLETED' ? 'secondary' : 'primary'}
              onClick={start}
              busy={busy}
              disabled={!!needHint}
              aria-describedby={needHint ? hintId : undefined}
            >
              {status === 'COMPLETED' ? t('training.again') : status === 'FAILED' ? t('training.retry') : t('training.start')}
            </Button>
          )}
          {needHint && status !== 'IN_PROGRESS' ? (
            <span id={hintId} className="muted small" data-testid="training-needs">
              {needHint}
            </span>
          ) : null}
        </div>
      </div>
    </Card>
  );
}

function MemoCard({ persona, onSaved }: { persona: Persona; onSaved: (p: Persona) => void }) {
  const { t } = useTranslation('calls');
  const [editing, setEditing] = useState(false);
  const [memo, setMemo] = useState(persona.memo ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function save() {
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await talkbase.patch('/v1/calls/personas/{id}', { params: { path: { id: persona.id } }, body: { memo: memo.trim() || null } }),
      );
      setEditing(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card
      title={t('memo.title')}
      actions={
        editing ? null : (
          <Button small variant="ghost" onClick={() => setEditing(true)}>
            {t('memo.edit')}
          </Button>
        )
      }
    >
      {editing ? (
        <>
          <TextArea label={t('memo.field')} value={memo} maxLength={5000} onChange={(e) => setMemo(e.target.value)} />
          <InlineError error={error} />
          <div className="row">
            <Button variant="primary" busy={busy} onClick={save}>
              {t('memo.save')}
            </Button>
            <Button variant="ghost" onClick={() => setEditing(false)}>
              {t('memo.cancel')}
            </Button>
          </div>
        </>
      ) : persona.memo ? (
        <p className="break" style={{ whiteSpace: 'pre-wrap' }}>
          {persona.memo}
        </p>
      ) : (
        <p className="muted">{t('memo.empty')}</p>
      )}
    </Card>
  );
}
