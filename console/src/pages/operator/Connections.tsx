// Open WebSocket connections on every instance: who, on which channels, since when, on which instance.
import { useEffect } from 'react';
import { api } from '../../api';
import { Badge, Button, Card, ErrorState, Loading, PageHeader, Table, formatDate, timeAgo, useLoad } from '../../ui';
import type { PageProps } from '../registry';

interface Report {
  total: number;
  instances: { instanceId: string; connections: number; current: boolean }[];
  items: { id: string; userId: string; email: string; channels: string[]; connectedAt: string; instanceId: string }[];
  nextCursor: string | null;
}

/** `room:0193ab…` reads better than a whole UUID; the full name is in the tooltip. */
const channelLabel = (channel: string) => {
  const at = channel.indexOf(':');
  return at < 0 ? channel : `${channel.slice(0, at)} ${channel.slice(at + 1, at + 9)}`;
};

export function Connections(_props: PageProps) {
  const report = useLoad(() => api.get<Report>('/v1/admin/realtime/connections?limit=100'), []);
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
        title="Realtime connections"
        subtitle="Open WebSockets on every instance; refreshed every 5 seconds."
        actions={
          <Button onClick={report.reload} busy={report.loading}>
            Refresh
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
                <span className="muted small">Open connections</span>
                <strong data-testid="connections-total">{data.total}</strong>
              </div>
            </Card>
            <Card>
              <div className="stat">
                <span className="muted small">Instances</span>
                <strong>{data.instances.length}</strong>
              </div>
            </Card>
            <Card>
              <div className="stat">
                <span className="muted small">Users online</span>
                <strong>{new Set(data.items.map((c) => c.userId)).size}</strong>
              </div>
            </Card>
          </div>
          {data.instances.length > 1 ? (
            <Card title="Instances">
              <Table
                rows={data.instances}
                rowKey={(i) => i.instanceId}
                columns={[
                  {
                    key: 'id',
                    label: 'Instance',
                    render: (i) => (
                      <span className="row">
                        <code>{short(i.instanceId)}</code>
                        {i.current ? <Badge tone="info">this one</Badge> : null}
                      </span>
                    ),
                  },
                  { key: 'n', label: 'Connections', numeric: true, render: (i) => i.connections },
                ]}
              />
            </Card>
          ) : null}
          <Card title="Connections, newest first">
            <Table
              rows={data.items}
              rowKey={(c) => c.id}
              empty="No one is connected."
              columns={[
                { key: 'user', label: 'User', render: (c) => <span className="break">{c.email}</span> },
                {
                  key: 'channels',
                  label: 'Channels',
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
                      <span className="muted">none</span>
                    ),
                },
                {
                  key: 'since',
                  label: 'Connected',
                  render: (c) => <span title={formatDate(c.connectedAt)}>{timeAgo(c.connectedAt)}</span>,
                },
                {
                  key: 'instance',
                  label: 'Instance',
                  wide: true,
                  render: (c) => <code>{short(c.instanceId)}</code>,
                },
              ]}
            />
            {data.nextCursor ? <p className="muted small">Showing the newest 100 of {data.total}.</p> : null}
          </Card>
        </>
      )}
    </>
  );
}
