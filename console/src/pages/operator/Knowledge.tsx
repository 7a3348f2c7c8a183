// Knowledge collections and their imports with progress; a file (JSON, JSONL, Markdown) starts a new import.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { talkbase, type ItemOf } from '../../api';
import { formatNumber, useTranslation } from '../../i18n';
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
  Table,
  formatDate,
  timeAgo,
  useLoad,
  useToast,
} from '../../ui';
import type { PageProps } from '../registry';

type Collection = ItemOf<'/v1/knowledge/collections', 'get'>;
type ImportRun = ItemOf<'/v1/knowledge/collections/{name}/imports', 'get'>;

const STATUS_TONE = { queued: 'info', running: 'info', completed: 'good', failed: 'bad' } as const;

export function Knowledge({ query }: PageProps) {
  const { t } = useTranslation('operator');
  const collections = useLoad(() => talkbase.get('/v1/knowledge/collections'), []);
  const [chosen, setChosen] = useState<string | null>(query.get('collection'));
  const items = collections.data?.items ?? [];
  const current = items.find((c) => c.name === chosen) ?? items[0] ?? null;
  return (
    <>
      <PageHeader
        title={t('pages.knowledge.title')}
        subtitle={t('knowledge.subtitle')}
        actions={
          <Button onClick={collections.reload} busy={collections.loading}>
            {t('refresh')}
          </Button>
        }
      />
      <Card title={t('knowledge.collections')}>
        {collections.loading && !collections.data ? (
          <Loading />
        ) : collections.error ? (
          <ErrorState error={collections.error} onRetry={collections.reload} />
        ) : (
          <Table
            rows={items}
            rowKey={(c) => c.id}
            onRowClick={(c) => setChosen(c.name)}
            empty={t('knowledge.empty')}
            columns={[
              {
                key: 'name',
                label: t('knowledge.collection'),
                render: (c) => (
                  <span className={c.name === current?.name ? 'op-chosen' : ''}>
                    <code>{c.name}</code>
                    {c.description ? <span className="muted small"> {c.description}</span> : null}
                  </span>
                ),
              },
              { key: 'chunks', label: t('knowledge.chunks'), numeric: true, render: (c) => formatNumber(c.chunkCount) },
              { key: 'dim', label: t('knowledge.dimensions'), numeric: true, wide: true, render: (c) => c.dimension },
              {
                key: 'search',
                label: t('knowledge.search'),
                wide: true,
                render: (c) => (c.searchMethod === 'hnsw' ? t('knowledge.hnsw') : t('knowledge.exact')),
              },
              {
                key: 'model',
                label: t('knowledge.model'),
                wide: true,
                render: (c) => c.embeddingModel ?? <span className="muted">{t('knowledge.notYet')}</span>,
              },
            ]}
          />
        )}
      </Card>
      {current ? <Imports key={current.name} collection={current} onProgress={collections.reload} /> : null}
      <NewCollection onCreated={(c) => (collections.reload(), setChosen(c.name))} />
    </>
  );
}

function Imports({ collection, onProgress }: { collection: Collection; onProgress: () => void }) {
  const { t } = useTranslation('operator');
  const toast = useToast();
  const runs = useLoad(
    () => talkbase.get('/v1/knowledge/collections/{name}/imports', { params: { path: { name: collection.name }, query: { limit: 20 } } }),
    [collection.name],
  );
  const [format, setFormat] = useState<ImportRun['format']>('jsonl');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);
  const active = (runs.data?.items ?? []).some((r) => r.status === 'queued' || r.status === 'running');

  // While an import runs, its progress is polled (and the chunk counts with it).
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      void runs.reload();
      onProgress();
    }, 1500);
    return () => clearInterval(timer);
  }, [active]);
  // Whenever the list shows an import ended that had not ended before, the counts are read once more, so they
  // include its last chunks: also when the import ended before the list ever saw it running, and when the first
  // list to arrive already holds it (a slow first answer is dropped for the reload an import starts).
  const ended = useRef<Set<string>>(new Set());
  useEffect(() => {
    const items = runs.data?.items;
    if (!items) return;
    const now = new Set(items.filter((r) => r.status === 'completed' || r.status === 'failed').map((r) => r.id));
    if ([...now].some((id) => !ended.current.has(id))) onProgress();
    ended.current = now;
  }, [runs.data]);

  async function start(e: FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const content = await file.text();
      await talkbase.post('/v1/knowledge/collections/{name}/imports', {
        params: { path: { name: collection.name } },
        body: { format, content, fileName: file.name },
      });
      toast(t('knowledge.imports.importing', { file: file.name }), 'good');
      setFile(null);
      if (input.current) input.current.value = '';
      void runs.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('knowledge.imports.title', { name: collection.name })}>
      <form className="op-import" onSubmit={start}>
        <div className="field">
          <label htmlFor="op-import-file">{t('knowledge.imports.file')}</label>
          <input
            id="op-import-file"
            ref={input}
            type="file"
            accept=".json,.jsonl,.md,.markdown,application/json,text/markdown,text/plain"
            onChange={(e) => {
              const f = e.target.files?.[0] ?? null;
              setFile(f);
              if (f)
                setFormat(
                  /\.jsonl$/i.test(f.name)
                    ? 'jsonl'
                    : /\.json$/i.test(f.name)
                      ? 'json'
                      : /\.(md|markdown)$/i.test(f.name)
                        ? 'markdown'
                        : format,
                );
            }}
          />
        </div>
        <Select
          label={t('knowledge.imports.format')}
          value={format}
          onChange={(e) => setFormat(e.target.value as ImportRun['format'])}
          options={[
            { value: 'jsonl', label: t('knowledge.imports.formats.jsonl') },
            { value: 'json', label: t('knowledge.imports.formats.json') },
            { value: 'markdown', label: t('knowledge.imports.formats.markdown') },
          ]}
        />
        <Button type="submit" variant="primary" busy={busy} disabled={!file} title={file ? undefined : t('knowledge.imports.chooseFirst')}>
          {t('knowledge.imports.import')}
        </Button>
      </form>
      <InlineError error={error} />
      {runs.loading && !runs.data ? (
        <Loading />
      ) : runs.error ? (
        <ErrorState error={runs.error} onRetry={runs.reload} />
      ) : (runs.data?.items ?? []).length === 0 ? (
        <Empty>{t('knowledge.imports.empty')}</Empty>
      ) : (
        <Table
          rows={runs.data!.items}
          rowKey={(r) => r.id}
          columns={[
            {
              key: 'file',
              label: t('knowledge.imports.file'),
              render: (r) => <span className="break">{r.fileName ?? t('knowledge.imports.upload', { format: r.format })}</span>,
            },
            {
              key: 'status',
              label: t('knowledge.imports.status'),
              render: (r) =>
                r.status in STATUS_TONE ? (
                  <Badge tone={STATUS_TONE[r.status]}>{t(`knowledge.imports.states.${r.status}`)}</Badge>
                ) : (
                  <Badge>{r.status}</Badge>
                ),
            },
            {
              key: 'progress',
              label: t('knowledge.imports.progress'),
              render: (r) => (
                <div className="op-progress" title={r.error ?? undefined}>
                  <progress
                    max={Math.max(1, r.total)}
                    value={r.done}
                    aria-label={t('knowledge.imports.progressLabel', { done: r.done, total: r.total })}
                  />
                  <span className="small" data-testid="import-progress">
                    {r.done} / {r.total}
                  </span>
                </div>
              ),
            },
            { key: 'started', label: t('knowledge.imports.started'), wide: true, render: (r) => timeAgo(r.createdAt) },
            {
              key: 'finished',
              label: t('knowledge.imports.finished'),
              wide: true,
              render: (r) => (r.error ? <span className="op-error small">{r.error}</span> : r.finishedAt ? formatDate(r.finishedAt) : '—'),
            },
          ]}
        />
      )}
    </Card>
  );
}

function NewCollection({ onCreated }: { onCreated: (c: Collection) => void }) {
  const { t } = useTranslation('operator');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const c = await talkbase.post('/v1/knowledge/collections', { body: { name, ...(description ? { description } : {}) } });
      setName('');
      setDescription('');
      onCreated(c);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('knowledge.new.title')}>
      <form className="stack" onSubmit={submit}>
        <div className="grid-2">
          <Field
            label={t('knowledge.new.name')}
            value={name}
            onChange={(e) => setName(e.target.value.toLowerCase())}
            required
            pattern="[a-z0-9][a-z0-9_.\-]{0,62}"
            hint={t('knowledge.new.nameHint')}
          />
          <Field
            label={t('knowledge.new.description')}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={2000}
          />
        </div>
        <InlineError error={error} />
        <div className="row">
          <Button type="submit" busy={busy}>
            {t('knowledge.new.create')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
