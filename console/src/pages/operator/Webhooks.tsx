// Outbound webhooks: endpoints with their events, the signing secret shown once, each endpoint's deliveries
// with every attempt, and redelivery by hand.
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, errorMessage, type Page } from '../../api';
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
import { PagedTable, usePaged } from './paged';

interface Endpoint {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  failingSince: string | null;
  createdAt: string;
}

interface EventType {
  type: string;
  product: string;
  summary: string;
}

type DeliveryStatus = 'pending' | 'delivered' | 'failed';

interface Attempt {
  attempt: number;
  trigger: 'automatic' | 'manual';
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  attemptedAt: string;
}

interface Delivery {
  id: string;
  messageId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  log: Attempt[];
}

const ALL = '*';
const STATUS_TONE = { pending: 'info', delivered: 'good', failed: 'bad' } as const;
const STATUS_LABEL = { pending: 'Sending', delivered: 'Delivered', failed: 'Failed' } as const;

export function Webhooks({ query }: PageProps) {
  const endpoints = useLoad(() => api.get<{ items: Endpoint[] }>('/v1/admin/webhooks'), []);
  const catalog = useLoad(() => api.get<{ items: EventType[] }>('/v1/admin/webhooks/event-types'), []);
  const [chosen, setChosen] = useState<string | null>(query.get('endpoint'));
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const items = endpoints.data?.items ?? [];
  const current = items.find((e) => e.id === chosen) ?? items[0] ?? null;

  return (
    <>
      <PageHeader
        title="Webhooks"
        subtitle="Endpoints that receive Talkbase events, signed per Standard Webhooks, and what was delivered to them."
        actions={
          <Button onClick={endpoints.reload} busy={endpoints.loading}>
            Refresh
          </Button>
        }
      />
      {secret ? <SecretOnce {...secret} onDone={() => setSecret(null)} /> : null}
      <Card title="Endpoints">
        {endpoints.loading && !endpoints.data ? (
          <Loading />
        ) : endpoints.error ? (
          <ErrorState error={endpoints.error} onRetry={endpoints.reload} />
        ) : (
          <EndpointTable rows={items} current={current?.id ?? null} onChoose={(e) => setChosen(e.id)} onChanged={endpoints.reload} />
        )}
      </Card>
      {current ? <Deliveries key={current.id} endpoint={current} /> : null}
      <NewEndpoint
        catalog={catalog.data?.items ?? []}
        catalogError={catalog.error}
        onCreated={(e) => {
          setSecret({ url: e.url, secret: e.secret });
          setChosen(e.id);
          void endpoints.reload();
        }}
      />
    </>
  );
}

function SecretOnce({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const toast = useToast();
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      toast('Secret copied', 'good');
    } catch {
      toast('Select the secret and copy it by hand', 'info');
    }
  }
  return (
    <Card title="Signing secret" className="op-secret">
      <p>
        The secret for <code className="break">{url}</code>. Copy it now and give it to the receiver: Talkbase does not show it again (make
        a new one to replace it).
      </p>
      <p>
        <code className="break" data-testid="webhook-secret">
          {secret}
        </code>
      </p>
      <div className="row">
        <Button onClick={copy}>Copy</Button>
        <Button variant="primary" onClick={onDone}>
          I have stored it
        </Button>
      </div>
    </Card>
  );
}

function EndpointTable({
  rows,
  current,
  onChoose,
  onChanged,
}: {
  rows: Endpoint[];
  current: string | null;
  onChoose: (e: Endpoint) => void;
  onChanged: () => void;
}) {
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  async function act(e: Endpoint, what: () => Promise<unknown>, done: string) {
    setBusy(e.id);
    try {
      await what();
      toast(done, 'good');
      onChanged();
    } catch (err) {
      toast(errorMessage(err), 'bad');
    } finally {
      setBusy(null);
      setConfirming(null);
    }
  }

  return (
    <Table
      rows={rows}
      rowKey={(e) => e.id}
      onRowClick={onChoose}
      empty="No endpoints yet: register one below."
      columns={[
        {
          key: 'url',
          label: 'Endpoint',
          render: (e) => (
            <span className={e.id === current ? 'op-chosen' : ''}>
              <code className="break">{e.url}</code>
              {e.description ? <span className="muted small"> {e.description}</span> : null}
            </span>
          ),
        },
        {
          key: 'events',
          label: 'Events',
          wide: true,
          render: (e) => (e.eventTypes.includes(ALL) ? 'All events' : <span className="small">{e.eventTypes.join(', ')}</span>),
        },
        {
          key: 'state',
          label: 'State',
          render: (e) =>
            !e.enabled ? (
              <span title={e.disabledReason ?? undefined}>
                <Badge tone="bad">Disabled</Badge>
              </span>
            ) : e.failingSince ? (
              <span title={`Failing since ${formatDate(e.failingSince)}`}>
                <Badge tone="warn">Failing</Badge>
              </span>
            ) : (
              <Badge tone="good">Enabled</Badge>
            ),
        },
        { key: 'created', label: 'Created', wide: true, render: (e) => timeAgo(e.createdAt) },
        {
          key: 'actions',
          label: '',
          render: (e) => (
            <div className="row" onClick={(ev) => ev.stopPropagation()}>
              <Button
                small
                busy={busy === e.id}
                onClick={() =>
                  act(
                    e,
                    () => api.patch(`/v1/admin/webhooks/${e.id}`, { enabled: !e.enabled }),
                    e.enabled ? 'Endpoint disabled' : 'Endpoint enabled',
                  )
                }
              >
                {e.enabled ? 'Disable' : 'Enable'}
              </Button>
              {confirming === e.id ? (
                <Button
                  small
                  variant="danger"
                  busy={busy === e.id}
                  onClick={() => act(e, () => api.delete(`/v1/admin/webhooks/${e.id}`), 'Endpoint removed')}
                >
                  Remove with its deliveries
                </Button>
              ) : (
                <Button small variant="ghost" onClick={() => setConfirming(e.id)}>
                  Remove
                </Button>
              )}
            </div>
          ),
        },
      ]}
    />
  );
}

function attemptText(a: Attempt): string {
  const answer = a.statusCode !== null ? String(a.statusCode) : (a.error ?? 'no answer');
  return `#${a.attempt}${a.trigger === 'manual' ? ' by hand' : ''} · ${answer} · ${a.latencyMs} ms`;
}

function Deliveries({ endpoint }: { endpoint: Endpoint }) {
  const toast = useToast();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const list = usePaged<Delivery>(
    (cursor) => {
      const q = new URLSearchParams({ limit: '25' });
      if (status) q.set('status', status);
      if (cursor) q.set('cursor', cursor);
      return api.get<Page<Delivery>>(`/v1/admin/webhooks/${endpoint.id}/deliveries?${q}`);
    },
    [endpoint.id, status],
  );
  const sending = list.rows.some((d) => d.status === 'pending');

  // While a delivery is being sent or retried, the list follows it.
  useEffect(() => {
    if (!sending) return;
    const timer = setInterval(() => void list.reload(), 1500);
    return () => clearInterval(timer);
  }, [sending]);

  async function redeliver(d: Delivery) {
    setBusy(d.id);
    try {
      const next = await api.post<Delivery>(`/v1/admin/webhooks/${endpoint.id}/deliveries/${d.id}/redeliver`);
      list.update((rows) => rows.map((r) => (r.id === d.id ? next : r)));
      toast('Sending it again', 'good');
    } catch (err) {
      toast(errorMessage(err), 'bad');
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card
      title={`Deliveries to ${endpoint.url}`}
      actions={
        <>
          <Select
            label="Status"
            className="op-filter"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            options={[{ value: '', label: 'All' }, ...Object.entries(STATUS_LABEL).map(([value, label]) => ({ value, label }))]}
          />
          <Button small onClick={list.reload} busy={list.loading}>
            Refresh deliveries
          </Button>
        </>
      }
    >
      <PagedTable
        list={list}
        rowKey={(d) => d.id}
        empty="Nothing delivered yet. Events the endpoint takes appear here as they happen."
        columns={[
          { key: 'event', label: 'Event', render: (d) => <code>{d.eventType}</code> },
          { key: 'status', label: 'Status', render: (d) => <Badge tone={STATUS_TONE[d.status]}>{STATUS_LABEL[d.status]}</Badge> },
          {
            key: 'log',
            label: 'Attempts',
            render: (d) =>
              d.log.length ? (
                <ol className="op-attempts small">
                  {d.log.map((a) => (
                    <li key={a.attempt} className={a.error ? 'op-error' : ''} title={a.error ?? formatDate(a.attemptedAt)}>
                      {attemptText(a)}
                    </li>
                  ))}
                </ol>
              ) : (
                <span className="muted">not yet</span>
              ),
          },
          {
            key: 'when',
            label: 'When',
            wide: true,
            render: (d) =>
              d.status === 'pending' && d.nextAttemptAt
                ? `next try ${formatDate(d.nextAttemptAt)}`
                : d.deliveredAt
                  ? `delivered ${timeAgo(d.deliveredAt)}`
                  : `created ${timeAgo(d.createdAt)}`,
          },
          {
            key: 'actions',
            label: '',
            render: (d) => (
              <Button
                small
                busy={busy === d.id}
                disabled={d.status === 'pending' || !endpoint.enabled}
                title={
                  !endpoint.enabled ? 'Enable the endpoint first' : d.status === 'pending' ? 'Still being sent' : 'Send it once more, now'
                }
                onClick={() => redeliver(d)}
              >
                Redeliver
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

function NewEndpoint({
  catalog,
  catalogError,
  onCreated,
}: {
  catalog: EventType[];
  catalogError: unknown;
  onCreated: (e: Endpoint & { secret: string }) => void;
}) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fieldError = (name: string) =>
    error instanceof ApiError ? (error.fields.find((f) => f.field === name || f.field.startsWith(`${name}.`))?.message ?? null) : null;

  const toggle = (type: string) =>
    setTypes((s) => {
      const next = new Set(s);
      if (next.has(type)) next.delete(type);
      else next.add(type);
      return next;
    });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api.post<Endpoint & { secret: string }>('/v1/admin/webhooks', {
        url,
        eventTypes: types.has(ALL) ? [ALL] : [...types],
        ...(description.trim() ? { description } : {}),
      });
      setUrl('');
      setDescription('');
      setTypes(new Set());
      onCreated(created);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="New endpoint">
      <form className="stack" onSubmit={submit}>
        <div className="grid-2">
          <Field
            label="URL"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://crm.example.com/talkbase-events"
            required
            inputMode="url"
            error={fieldError('url')}
          />
          <Field label="Description" value={description} onChange={(e) => setDescription(e.target.value)} maxLength={500} />
        </div>
        <fieldset className="op-events">
          <legend>Events</legend>
          <label>
            <input type="checkbox" checked={types.has(ALL)} onChange={() => toggle(ALL)} /> All events, also ones added later
          </label>
          {catalogError ? <InlineError error={catalogError} /> : null}
          {catalog.map((t) => (
            <label key={t.type} title={t.summary}>
              <input
                type="checkbox"
                checked={types.has(ALL) || types.has(t.type)}
                disabled={types.has(ALL)}
                onChange={() => toggle(t.type)}
              />{' '}
              <code>{t.type}</code> <span className="muted small">{t.summary}</span>
            </label>
          ))}
          {fieldError('eventTypes') ? <div className="field-error">{fieldError('eventTypes')}</div> : null}
        </fieldset>
        {error && !fieldError('url') && !fieldError('eventTypes') ? <InlineError error={error} /> : null}
        {catalog.length === 0 && !catalogError ? <Empty>Loading the event catalog…</Empty> : null}
        <div className="row">
          <Button
            type="submit"
            variant="primary"
            busy={busy}
            disabled={types.size === 0}
            title={types.size === 0 ? 'Choose at least one event' : undefined}
          >
            Create endpoint
          </Button>
        </div>
      </form>
    </Card>
  );
}
