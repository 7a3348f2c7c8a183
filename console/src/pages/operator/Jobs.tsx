// The job queue: depth per queue, jobs newest first by state, and retrying a dead letter.
import { useState } from 'react';
import { errorMessage, talkbase, type QueryOf, type ResponseOf } from '../../api';
import { t as translate, useTranslation } from '../../i18n';
import { Badge, Button, Card, PageHeader, Select, Table, formatDate, timeAgo, useToast } from '../../ui';
import type { PageProps } from '../registry';
import { PagedTable, usePaged } from './paged';

type JobsPage = ResponseOf<'/v1/admin/jobs', 'get'>;
type Job = JobsPage['items'][number];
type QueueDepth = JobsPage['queues'][number];
type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

const STATE_TONE: Record<JobState, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  created: 'info',
  retry: 'warn',
  active: 'info',
  completed: 'good',
  cancelled: 'neutral',
  failed: 'bad',
};
const STATES = Object.keys(STATE_TONE) as JobState[];
const isKnown = (s: string): s is JobState => (STATES as string[]).includes(s);
/** A state the console knows by its name in the user's language; one added to the server later by its code. */
const stateLabel = (s: string) => (isKnown(s) ? translate(`operator:jobs.state.${s}`) : s);

export function Jobs({ query }: PageProps) {
  const { t } = useTranslation('operator');
  const toast = useToast();
  const [state, setState] = useState<string>(query.get('state') ?? '');
  const [queues, setQueues] = useState<QueueDepth[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const list = usePaged<Job>(
    async (cursor) => {
      const query: QueryOf<'/v1/admin/jobs', 'get'> = { limit: 25 };
      if (state) query.state = state as NonNullable<typeof query.state>;
      if (cursor) query.cursor = cursor;
      const page = await talkbase.get('/v1/admin/jobs', { params: { query } });
      setQueues(page.queues);
      return page;
    },
    [state],
  );

  async function retry(job: Job) {
    setBusy(job.id);
    try {
      const next = await talkbase.post('/v1/admin/jobs/{id}/retry', { params: { path: { id: job.id } } });
      list.update((rows) => rows.map((r) => (r.id === job.id ? next : r)));
      toast(t('jobs.retried', { queue: job.queue }), 'good');
    } catch (err) {
      toast(errorMessage(err), 'bad');
    } finally {
      setBusy(null);
    }
  }

  const totals = (queues ?? []).reduce(
    (t, q) => ({ queued: t.queued + q.created + q.retry, active: t.active + q.active, failed: t.failed + q.failed }),
    { queued: 0, active: 0, failed: 0 },
  );

  return (
    <>
      <PageHeader
        title={t('pages.jobs.title')}
        subtitle={t('jobs.subtitle')}
        actions={
          <Button onClick={list.reload} busy={list.loading}>
            {t('refresh')}
          </Button>
        }
      />
      <div className="grid-3 op-stats">
        <Card>
          <div className="stat">
            <span className="muted small">{t('jobs.queued')}</span>
            <strong data-testid="jobs-queued">{totals.queued}</strong>
          </div>
        </Card>
        <Card>
          <div className="stat">
            <span className="muted small">{t('jobs.running')}</span>
            <strong>{totals.active}</strong>
          </div>
        </Card>
        <Card>
          <div className="stat">
            <span className="muted small">{t('jobs.deadLetters')}</span>
            <strong data-testid="jobs-failed">{totals.failed}</strong>
          </div>
        </Card>
      </div>
      {queues && queues.length ? (
        <Card title={t('jobs.queues')}>
          <Table
            rows={queues}
            rowKey={(q) => q.queue}
            columns={[
              { key: 'queue', label: t('jobs.queue'), render: (q) => <code>{q.queue}</code> },
              { key: 'created', label: t('jobs.queued'), numeric: true, render: (q) => q.created },
              { key: 'retry', label: t('jobs.retrying'), numeric: true, render: (q) => q.retry },
              { key: 'active', label: t('jobs.running'), numeric: true, render: (q) => q.active },
              {
                key: 'failed',
                label: t('jobs.failed'),
                numeric: true,
                render: (q) => (q.failed ? <Badge tone="bad">{q.failed}</Badge> : 0),
              },
            ]}
          />
        </Card>
      ) : null}
      <Card
        title={t('jobs.listTitle')}
        actions={
          <Select
            label={t('jobs.stateFilter')}
            className="op-filter"
            value={state}
            onChange={(e) => setState(e.target.value)}
            options={[{ value: '', label: t('jobs.allStates') }, ...STATES.map((value) => ({ value, label: stateLabel(value) }))]}
          />
        }
      >
        <PagedTable
          list={list}
          rowKey={(j) => j.id}
          empty={state ? t('jobs.emptyIn', { state: stateLabel(state).toLowerCase() }) : t('jobs.empty')}
          columns={[
            { key: 'queue', label: t('jobs.queue'), render: (j) => <code>{j.queue}</code> },
            {
              key: 'state',
              label: t('jobs.stateColumn'),
              render: (j) => <Badge tone={isKnown(j.state) ? STATE_TONE[j.state] : 'neutral'}>{stateLabel(j.state)}</Badge>,
            },
            {
              key: 'tries',
              label: t('jobs.retries'),
              numeric: true,
              wide: true,
              render: (j) => t('jobs.retriesOf', { done: j.retryCount, limit: j.retryLimit }),
            },
            { key: 'created', label: t('jobs.created'), wide: true, render: (j) => timeAgo(j.createdAt) },
            {
              key: 'error',
              label: t('jobs.lastError'),
              wide: true,
              render: (j) => (j.error ? <span className="break small op-error">{j.error}</span> : <span className="muted">—</span>),
            },
            {
              key: 'done',
              label: t('jobs.finished'),
              wide: true,
              render: (j) => (j.completedAt ? formatDate(j.completedAt) : <span className="muted">—</span>),
            },
            {
              key: 'actions',
              label: '',
              render: (j) =>
                j.state === 'failed' || j.state === 'cancelled' ? (
                  <Button small busy={busy === j.id} onClick={() => retry(j)}>
                    {t('jobs.retry')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </>
  );
}
