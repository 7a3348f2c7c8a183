// Open WebSocket connections on every instance: who, on which channels, since when, on which instance.
import { useEffect } from 'react';
import { talkbase } from '../../api';
import { formatNumber, useTranslation } from '../../i18n';
import { Badge, Button, Card, ErrorState, Loading, PageHeader, Table, formatDate, timeAgo, useLoad } from '../../ui';
import type { PageProps } from '../registry';

/** `room:0193ab…` reads better than a whole UUID; the full name is in the tooltip. */
const channelLabel = (channel: string) => {
  const at = channel.indexOf(':');
  return at < 0 ? channel : `${channel.slice(0, at)} ${channel.slice(at + 1, at + 9)}`;
};

export function Connections(_props: PageProps) {
  const { t } = useTranslation('operator');
  const report = useLoad(() => talkbase.get('/v1/admin/realtime/connections', { params: { query: { limit: 100 } } }), []);
  // Connections come and go by the second; the page follows them.
  useEffect(() => {
    const timer = setInterval(() => void report.reload(), 5000);
    return () => clearInterval(timer);
  }, []);
  const data = report.data;
  const short = (id: string) => id.slice(0, 8);
  return (
    <>
      <PageHeader
        title={t('pages.realtime.title')}
        subtitle={t('realtime.subtitle')}
        actions={
          <Button onClick={report.reload} busy={report.loading}>
            {t('refresh')}
          </Button>
        }
      />
      {!data && report.loading ? (
        <Loading />
      ) : !data ? (
        <ErrorState error={report.error} onRetry={report.reload} />
      ) : (
        <>
          <div className="grid-3 op-stats">
            <Card>
              <div className="stat">
                <span className="muted small">{t('realtime.open')}</span>
                <strong data-testid="connections-total">{data.total}</strong>
              </div>
            </Card>
            <Card>
              <div className="stat">
                <span className="muted small">{t('realtime.instances')}</span>
                <strong>{data.instances.length}</strong>
              </div>
            </Card>
            <Card>
              <div className="stat">
                <span className="muted small">{t('realtime.usersOnline')}</span>
                <strong>{new Set(data.items.map((c) => c.userId)).size}</strong>
              </div>
            </Card>
          </div>
          {data.instances.length > 1 ? (
            <Card title={t('realtime.instances')}>
              <Table
                rows={data.instances}
                rowKey={(i) => i.instanceId}
                columns={[
                  {
                    key: 'id',
                    label: t('realtime.instance'),
                    render: (i) => (
                      <span className="row">
                        <code>{short(i.instanceId)}</code>
                        {i.current ? <Badge tone="info">{t('realtime.thisOne')}</Badge> : null}
                      </span>
                    ),
                  },
                  { key: 'n', label: t('realtime.connections'), numeric: true, render: (i) => i.connections },
                ]}
              />
            </Card>
          ) : null}
          <Card title={t('realtime.listTitle')}>
            <Table
              rows={data.items}
              rowKey={(c) => c.id}
              empty={t('realtime.empty')}
              columns={[
                { key: 'user', label: t('realtime.user'), render: (c) => <span className="break">{c.email}</span> },
                {
                  key: 'channels',
                  label: t('realtime.channels'),
                  render: (c) =>
                    c.channels.length ? (
                      <span className="chips">
                        {c.channels.map((ch) => (
                          <span key={ch} title={ch}>
                            <Badge>{channelLabel(ch)}</Badge>
                          </span>
                        ))}
                      </span>
                    ) : (
                      <span className="muted">{t('realtime.none')}</span>
                    ),
                },
                {
                  key: 'since',
                  label: t('realtime.connected'),
                  render: (c) => <span title={formatDate(c.connectedAt)}>{timeAgo(c.connectedAt)}</span>,
                },
                {
                  key: 'instance',
                  label: t('realtime.instance'),
                  wide: true,
                  render: (c) => <code>{short(c.instanceId)}</code>,
                },
              ]}
            />
            {data.nextCursor ? (
              <p className="muted small">
                {t('realtime.showing', { shown: formatNumber(data.items.length), total: formatNumber(data.total) })}
              </p>
            ) : null}
          </Card>
        </>
      )}
    </>
  );
}
