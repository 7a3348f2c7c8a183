import { useState } from 'react';
import { api, type Page } from '../../api';
import { navigate } from '../../router';
import { Badge, Button, Card, ErrorState, Loading, PageHeader, Table, formatDate, formatDuration, useLoad } from '../../ui';
import { ENDED_LABEL, type CallLog, type Persona } from './api';

export function RecentCallsTable({ limit = 20, personas }: { limit?: number; personas: Persona[] }) {
  const [cursor, setCursor] = useState<string | null>(null);
  const [older, setOlder] = useState<CallLog[]>([]);
  const page = useLoad(() => api.get<Page<CallLog>>(`/v1/calls/logs?limit=${limit}`), [limit]);
  const [loadingMore, setLoadingMore] = useState(false);
  if (page.loading && !page.data) return <Loading />;
  if (page.error) return <ErrorState error={page.error} onRetry={page.reload} />;
  const rows = [...page.data!.items, ...older];
  const next = cursor === null ? page.data!.nextCursor : cursor;
  const name = (id: string) => personas.find((p) => p.id === id)?.name ?? 'Deleted person';
  return (
    <>
      <Table
        rows={rows}
        rowKey={(r) => r.id}
        empty="No calls yet. Open a person in your phonebook and call them."
        onRowClick={(r) => navigate(`/calls/call/${r.callSessionId}`)}
        columns={[
          { key: 'who', label: 'Person', render: (r) => <strong>{name(r.personaId)}</strong> },
          { key: 'when', label: 'When', render: (r) => formatDate(r.startedAt) },
          { key: 'len', label: 'Duration', numeric: true, render: (r) => formatDuration(r.durationSeconds) },
          {
            key: 'end',
            label: 'Ended',
            wide: true,
            render: (r) => (
              <Badge tone={r.endedReason === 'error' ? 'bad' : 'neutral'}>{ENDED_LABEL[r.endedReason] ?? r.endedReason}</Badge>
            ),
          },
        ]}
      />
      {limit >= 20 && next ? (
        <div className="row" style={{ marginTop: '0.75rem' }}>
          <Button
            busy={loadingMore}
            onClick={async () => {
              setLoadingMore(true);
              try {
                const more = await api.get<Page<CallLog>>(`/v1/calls/logs?limit=${limit}&cursor=${encodeURIComponent(next)}`);
                setOlder((o) => [...o, ...more.items]);
                setCursor(more.nextCursor ?? '');
              } finally {
                setLoadingMore(false);
              }
            }}
          >
            Show older calls
          </Button>
        </div>
      ) : null}
    </>
  );
}

export function RecentCalls() {
  const personas = useLoad(() => api.get<Persona[]>('/v1/calls/personas'));
  return (
    <>
      <PageHeader title="Recent calls" subtitle="Newest first. Open one to read its transcript." />
      <Card>{personas.loading && !personas.data ? <Loading /> : <RecentCallsTable personas={personas.data ?? []} />}</Card>
    </>
  );
}
