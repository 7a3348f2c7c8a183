// Outbound webhooks: endpoints with their events, the signing secret shown once, each endpoint's deliveries
// with every attempt, and redelivery by hand.
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, errorMessage, talkbase, type ItemOf, type QueryOf } from '../../api';
import { t as translate, useTranslation } from '../../i18n';
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

type Endpoint = ItemOf<'/v1/admin/webhooks', 'get'>;
type EventType = ItemOf<'/v1/admin/webhooks/event-types', 'get'>;
type Delivery = ItemOf<'/v1/admin/webhooks/{id}/deliveries', 'get'>;
type Attempt = Delivery['log'][number];
type DeliveryStatus = 'pending' | 'delivered' | 'failed';

const ALL = '*';
const STATUS_TONE = { pending: 'info', delivered: 'good', failed: 'bad' } as const;
const STATUSES = Object.keys(STATUS_TONE) as DeliveryStatus[];
const isKnown = (s: string): s is DeliveryStatus => (STATUSES as string[]).includes(s);
const statusLabel = (s: string) => (isKnown(s) ? translate(`operator:webhooks.deliveries.states.${s}`) : s);

export function Webhooks({ query }: PageProps) {
  const { t } = useTranslation('operator');
  const endpoints = useLoad(() => talkbase.get('/v1/admin/webhooks'), []);
  const catalog = useLoad(() => talkbase.get('/v1/admin/webhooks/event-types'), []);
  const [chosen, setChosen] = useState<string | null>(query.get('endpoint'));
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const items = endpoints.data?.items ?? [];
  const current = items.find((e) => e.id === chosen) ?? items[0] ?? null;

  return (
    <>
      <PageHeader
        title={t('pages.webhooks.title')}
        subtitle={t('webhooks.subtitle')}
        actions={
          <Button onClick={endpoints.reload} busy={endpoints.loading}>
            {t('refresh')}
          </Button>
        }
      />
      {secret ? <SecretOnce {...secret} onDone={() => setSecret(null)} /> : null}
      <Card title={t('webhooks.endpoints')}>
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
  const { t } = useTranslation('operator');
  const toast = useToast();
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      toast(t('webhooks.secret.copied'), 'good');
    } catch {
      toast(t('webhooks.secret.copyByHand'), 'info');
    }
  }
  return (
    <Card title={t('webhooks.secret.title')} className="op-secret">
      <p>
        {t('webhooks.secret.endpoint')} <code className="break">{url}</code>
      </p>
      <p>{t('webhooks.secret.intro')}</p>
      <p>
        <code className="break" data-testid="webhook-secret">
          {secret}
        </code>
      </p>
      <div className="row">
        <Button onClick={copy}>{t('webhooks.secret.copy')}</Button>
        <Button variant="primary" onClick={onDone}>
          {t('webhooks.secret.stored')}
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
  const { t } = useTranslation('operator');
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
      empty={t('webhooks.table.empty')}
      columns={[
        {
          key: 'url',
          label: t('webhooks.table.endpoint'),
          render: (e) => (
            <span className={e.id === current ? 'op-chosen' : ''}>
              <code className="break">{e.url}</code>
              {e.description ? <span className="muted small"> {e.description}</span> : null}
            </span>
          ),
        },
        {
          key: 'events',
          label: t('webhooks.table.events'),
          wide: true,
          render: (e) =>
            e.eventTypes.includes(ALL) ? t('webhooks.table.allEvents') : <span className="small">{e.eventTypes.join(', ')}</span>,
        },
        {
          key: 'state',
          label: t('webhooks.table.state'),
          render: (e) =>
            !e.enabled ? (
              <span title={e.disabledReason ?? undefined}>
                <Badge tone="bad">{t('webhooks.table.disabled')}</Badge>
              </span>
            ) : e.failingSince ? (
              <span title={t('webhooks.table.failingSince', { time: formatDate(e.failingSince) })}>
                <Badge tone="warn">{t('webhooks.table.failing')}</Badge>
              </span>
            ) : (
              <Badge tone="good">{t('webhooks.table.enabled')}</Badge>
            ),
        },
        { key: 'created', label: t('webhooks.table.created'), wide: true, render: (e) => timeAgo(e.createdAt) },
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
                    () => talkbase.patch('/v1/admin/webhooks/{id}', { params: { path: { id: e.id } }, body: { enabled: !e.enabled } }),
                    e.enabled ? t('webhooks.table.disabledToast') : t('webhooks.table.enabledToast'),
                  )
                }
              >
                {e.enabled ? t('webhooks.table.disable') : t('webhooks.table.enable')}
              </Button>
              {confirming === e.id ? (
                <Button
                  small
                  variant="danger"
                  busy={busy === e.id}
                  onClick={() =>
                    act(
                      e,
                      () => talkbase.delete('/v1/admin/webhooks/{id}', { params: { path: { id: e.id } } }),
                      t('webhooks.table.removedToast'),
                    )
                  }
                >
                  {t('webhooks.table.removeConfirm')}
                </Button>
              ) : (
                <Button small variant="ghost" onClick={() => setConfirming(e.id)}>
                  {t('webhooks.table.remove')}
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
  const answer = a.statusCode !== null ? String(a.statusCode) : (a.error ?? translate('operator:webhooks.deliveries.noAnswer'));
  const vars = { n: a.attempt, answer, ms: a.latencyMs };
  return a.trigger === 'manual'
    ? translate('operator:webhooks.deliveries.attemptByHand', vars)
    : translate('operator:webhooks.deliveries.attempt', vars);
}

function Deliveries({ endpoint }: { endpoint: Endpoint }) {
  const { t } = useTranslation('operator');
  const toast = useToast();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const list = usePaged<Delivery>(
    (cursor) => {
      const query: QueryOf<'/v1/admin/webhooks/{id}/deliveries', 'get'> = { limit: 25 };
      if (status) query.status = status as NonNullable<typeof query.status>;
      if (cursor) query.cursor = cursor;
      return talkbase.get('/v1/admin/webhooks/{id}/deliveries', { params: { path: { id: endpoint.id }, query } });
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
      const next = await talkbase.post('/v1/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
        params: { path: { id: endpoint.id, deliveryId: d.id } },
      });
      list.update((rows) => rows.map((r) => (r.id === d.id ? next : r)));
      toast(t('webhooks.deliveries.sendingAgain'), 'good');
    } catch (err) {
      toast(errorMessage(err), 'bad');
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card
      title={t('webhooks.deliveries.title', { url: endpoint.url })}
      actions={
        <>
          <Select
            label={t('webhooks.deliveries.status')}
            className="op-filter"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            options={[
              { value: '', label: t('webhooks.deliveries.all') },
              ...STATUSES.map((value) => ({ value, label: statusLabel(value) })),
            ]}
          />
          <Button small onClick={list.reload} busy={list.loading}>
            {t('webhooks.deliveries.refresh')}
          </Button>
        </>
      }
    >
      <PagedTable
        list={list}
        rowKey={(d) => d.id}
        empty={t('webhooks.deliveries.empty')}
        columns={[
          { key: 'event', label: t('webhooks.deliveries.event'), render: (d) => <code>{d.eventType}</code> },
          {
            key: 'status',
            label: t('webhooks.deliveries.status'),
            render: (d) => <Badge tone={isKnown(d.status) ? STATUS_TONE[d.status] : 'neutral'}>{statusLabel(d.status)}</Badge>,
          },
          {
            key: 'log',
            label: t('webhooks.deliveries.attempts'),
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
                <span className="muted">{t('webhooks.deliveries.notYet')}</span>
              ),
          },
          {
            key: 'when',
            label: t('webhooks.deliveries.when'),
            wide: true,
            render: (d) =>
              d.status === 'pending' && d.nextAttemptAt
                ? t('webhooks.deliveries.nextTry', { time: formatDate(d.nextAttemptAt) })
                : d.deliveredAt
                  ? t('webhooks.deliveries.deliveredAgo', { ago: timeAgo(d.deliveredAt) })
                  : t('webhooks.deliveries.createdAgo', { ago: timeAgo(d.createdAt) }),
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
                  !endpoint.enabled
                    ? t('webhooks.deliveries.enableFirst')
                    : d.status === 'pending'
                      ? t('webhooks.deliveries.stillSending')
                      : t('webhooks.deliveries.sendAgain')
                }
                onClick={() => redeliver(d)}
              >
                {t('webhooks.deliveries.redeliver')}
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
  const { t } = useTranslation('operator');
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fieldError = (name: string) =>
    error instanceof ApiError ? (error.fields.find((f) => f.field === name || f.field.startsWith(`${name}.`))?.message ?? null) : null;
  const urlError = fieldError('url');
  const typesError = fieldError('eventTypes');

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
      const created = await talkbase.post('/v1/admin/webhooks', {
        body: { url, eventTypes: types.has(ALL) ? [ALL] : [...types], ...(description.trim() ? { description } : {}) },
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
    <Card title={t('webhooks.new.title')}>
      <form className="stack" onSubmit={submit}>
        <div className="grid-2">
          <Field
            label={t('webhooks.new.url')}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder={t('webhooks.new.urlPlaceholder')}
            required
            inputMode="url"
            error={urlError}
          />
          <Field
            label={t('webhooks.new.description')}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            maxLength={500}
          />
        </div>
        <fieldset className="op-events">
          <legend>{t('webhooks.new.events')}</legend>
          <label>
            <input type="checkbox" checked={types.has(ALL)} onChange={() => toggle(ALL)} /> {t('webhooks.new.allEvents')}
          </label>
          {catalogError ? <InlineError error={catalogError} /> : null}
          {catalog.map((type) => (
            <label key={type.type} title={type.summary}>
              <input
                type="checkbox"
                checked={types.has(ALL) || types.has(type.type)}
                disabled={types.has(ALL)}
                onChange={() => toggle(type.type)}
              />{' '}
              <code>{type.type}</code> <span className="muted small">{type.summary}</span>
            </label>
          ))}
          {typesError ? <div className="field-error">{typesError}</div> : null}
        </fieldset>
        {error && !urlError && !typesError ? <InlineError error={error} /> : null}
        {catalog.length === 0 && !catalogError ? <Empty>{t('webhooks.new.loadingCatalog')}</Empty> : null}
        <div className="row">
          <Button
            type="submit"
            variant="primary"
            busy={busy}
            disabled={types.size === 0}
            title={types.size === 0 ? t('webhooks.new.chooseOne') : undefined}
          >
            {t('webhooks.new.create')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
