// The job queue: depth per queue, jobs newest first by state, and retrying a dead letter.
import { useState } from 'react';
import { api, errorMessage } from '../../api';
import { Badge, Button, Card, PageHeader, Select, Table, formatDate, timeAgo, useToast } from '../../ui';
import type { PageProps } from '../registry';
import { PagedTable, usePaged } from './paged';

type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

interface Job {
  id: string;
  queue: string;
  state: JobState;
  retryCount: number;
  retryLimit: number;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  error: string | null;
}

interface QueueDepth {
  queue: string;
  created: number;
  retry: number;
  active: number;
  failed: number;
}

const STATE_TONE: Record<JobState, 'neutral' | 'good' | 'warn' | 'bad' | 'info'> = {
  created: 'info',
  retry: 'warn',
  active: 'info',
  completed: 'good',
  cancelled: 'neutral',
  failed: 'bad',
};
const STATE_LABEL: Record<JobState, string> = {
  created: 'Queued',
  retry: 'Retrying',
  active: 'Running',
  completed: 'Done',
  cancelled: 'Cancelled',
  failed: 'Failed',
};

export function Jobs({ query }: PageProps) {
  const toast = useToast();
  const [state, setState] = useState<string>(query.get('state') ?? '');
  const [queues, setQueues] = useState<QueueDepth[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const list = usePaged<Job>(
    async (cursor) => {
      const q = new URLSearchParams({ limit: '25' });
      if (state) q.set('state', state);
      if (cursor) q.set('cursor', cursor);
      const page = await api.get<{ queues: QueueDepth[]; items: Job[]; nextCursor: string | null }>(`/v1/admin/jobs?${q}`);
      setQueues(page.queues);
      return page;
    },
    [state],
  );

  async function retry(job: Job) {
    setBusy(job.id);
    try {
      const next = await api.post<Job>(`/v1/admin/jobs/${job.id}/retry`);
      list.update((rows) => rows.map((r) => (r.id === job.id ? next : r)));
      toast(`Job put back in ${job.queue}`, 'good');
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
        title="Jobs"
        subtitle="Background work: speech, evaluations, imports, retention sweeps."
        actions={
          <Button onClick={list.reload} busy={list.loading}>
            Refresh
          </Button>
        }
      />
      <div className="grid-3 op-stats">
        <Card>
          <div className="stat">
            <span className="muted small">Queued</span>
            <strong data-testid="jobs-queued">{totals.queued}</strong>
          </div>
        </Card>
        <Card>
          <div className="stat">
            <span className="muted small">Running</span>
            <strong>{totals.active}</strong>
          </div>
        </Card>
        <Card>
          <div className="stat">
            <span className="muted small">Failed (dead letters)</span>
            <strong data-testid="jobs-failed">{totals.failed}</strong>
          </div>
        </Card>
      </div>
      {queues && queues.length ? (
        <Card title="Queues">
          <Table
            rows={queues}
            rowKey={(q) => q.queue}
            columns={[
              { key: 'queue', label: 'Queue', render: (q) => <code>{q.queue}</code> },
              { key: 'created', label: 'Queued', numeric: true, render: (q) => q.created },
              { key: 'retry', label: 'Retrying', numeric: true, render: (q) => q.retry },
              { key: 'active', label: 'Running', numeric: true, render: (q) => q.active },
              { key: 'failed', label: 'Failed', numeric: true, render: (q) => (q.failed ? <Badge tone="bad">{q.failed}</Badge> : 0) },
            ]}
          />
        </Card>
      ) : null}
      <Card
        title="Jobs, newest first"
        actions={
          <Select
            label="State"
            className="op-filter"
            value={state}
            onChange={(e) => setState(e.target.value)}
            options={[{ value: '', label: 'All states' }, ...Object.entries(STATE_LABEL).map(([value, label]) => ({ value, label }))]}
          />
        }
      >
        <PagedTable
          list={list}
          rowKey={(j) => j.id}
          empty={state ? `No ${STATE_LABEL[state as JobState].toLowerCase()} jobs.` : 'No jobs yet.'}
          columns={[
            { key: 'queue', label: 'Queue', render: (j) => <code>{j.queue}</code> },
            { key: 'state', label: 'State', render: (j) => <Badge tone={STATE_TONE[j.state]}>{STATE_LABEL[j.state]}</Badge> },
            { key: 'tries', label: 'Retries', numeric: true, wide: true, render: (j) => `${j.retryCount} of ${j.retryLimit}` },
            { key: 'created', label: 'Created', wide: true, render: (j) => timeAgo(j.createdAt) },
            {
              key: 'error',
              label: 'Last error',
              wide: true,
              render: (j) => (j.error ? <span className="break small op-error">{j.error}</span> : <span className="muted">—</span>),
            },
            {
              key: 'done',
              label: 'Finished',
              wide: true,
              render: (j) => (j.completedAt ? formatDate(j.completedAt) : <span className="muted">—</span>),
            },
            {
              key: 'actions',
              label: '',
              render: (j) =>
                j.state === 'failed' || j.state === 'cancelled' ? (
                  <Button small busy={busy === j.id} onClick={() => retry(j)}>
                    Retry
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </>
  );
}
