import { useState } from 'react';
import { talkbase } from '../../api';
import { navigate } from '../../router';
import { Badge, Button, Card, ErrorState, Loading, PageHeader, Table, formatDate, formatDuration, useLoad } from '../../ui';
import { useTranslation } from '../../i18n';
import { endedLabel, type CallLog, type Persona } from './api';

export function RecentCallsTable({ limit = 20, personas }: { limit?: number; personas: Persona[] }) {
  const { t } = useTranslation('calls');
  const [cursor, setCursor] = useState<string | null>(null);
  const [older, setOlder] = useState<CallLog[]>([]);
  const page = useLoad(() => talkbase.get('/v1/calls/logs', { params: { query: { limit } } }), [limit]);
  const [loadingMore, setLoadingMore] = useState(false);
  if (page.loading && !page.data) return <Loading />;
  if (page.error) return <ErrorState error={page.error} onRetry={page.reload} />;
  const rows = [...page.data!.items, ...older];
  const next = cursor === null ? page.data!.nextCursor : cursor;
  const name = (id: string) => personas.find((p) => p.id === id)?.name ?? t('deletedPerson');
  return (
    <>
      <Table
        rows={rows}
        rowKey={(r) => r.id}
        empty={t('recent.empty')}
        onRowClick={(r) => navigate(`/calls/call/${r.callSessionId}`)}
        columns={[
          { key: 'who', label: t('recent.person'), render: (r) => <strong>{name(r.personaId)}</strong> },
          { key: 'when', label: t('recent.when'), render: (r) => formatDate(r.startedAt) },
          { key: 'len', label: t('recent.duration'), numeric: true, render: (r) => formatDuration(r.durationSeconds) },
          {
            key: 'end',
            label: t('recent.ended'),
            wide: true,
            render: (r) => <Badge tone={r.endedReason === 'error' ? 'bad' : 'neutral'}>{endedLabel(r.endedReason)}</Badge>,
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
                const more = await talkbase.get('/v1/calls/logs', { params: { query: { limit, cursor: next } } });
                setOlder((o) => [...o, ...more.items]);
                setCursor(more.nextCursor ?? '');
              } finally {
                setLoadingMore(false);
              }
            }}
          >
            {t('recent.showOlder')}
          </Button>
        </div>
      ) : null}
    </>
  );
}

/** Calls still open (a tab closed mid-call leaves one until its grace runs out): go back to one, or hang it up. */
function OngoingCalls({ personas }: { personas: Persona[] }) {
  const { t } = useTranslation('calls');
  const active = useLoad(() => talkbase.get('/v1/calls/sessions', { params: { query: { status: 'ACTIVE', limit: 20 } } }));
  const [busy, setBusy] = useState<string | null>(null);
  const calls = active.data?.items ?? [];
  if (calls.length === 0) return null;
  const name = (id: string) => personas.find((p) => p.id === id)?.name ?? t('deletedPerson');
  async function hangUp(id: string) {
    setBusy(id);
    try {
      await talkbase.post('/v1/calls/sessions/{id}/hangup', { params: { path: { id } } });
    } finally {
      setBusy(null);
      active.reload();
    }
  }
  return (
    <Card title={t('recent.ongoing')}>
      <Table
        rows={calls}
        rowKey={(c) => c.id}
        onRowClick={(c) => navigate(`/calls/call/${c.id}`)}
        columns={[
          { key: 'who', label: t('recent.person'), render: (c) => <strong>{name(c.personaId)}</strong> },
          { key: 'since', label: t('recent.since'), render: (c) => formatDate(c.startedAt) },
          {
            key: 'end',
            label: '',
            numeric: true,
            render: (c) => (
              <Button
                small
                variant="danger"
                busy={busy === c.id}
                onKeyDown={(e) => e.stopPropagation()}
                onClick={(e) => {
                  e.stopPropagation();
                  void hangUp(c.id);
                }}
              >
                {t('recent.hangUp')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function RecentCalls() {
  const { t } = useTranslation('calls');
  const personas = useLoad(() => talkbase.get('/v1/calls/personas'));
  return (
    <>
      <PageHeader title={t('pages.recent.title')} subtitle={t('recent.subtitle')} />
      <OngoingCalls personas={personas.data ?? []} />
      <Card>{personas.loading && !personas.data ? <Loading /> : <RecentCallsTable personas={personas.data ?? []} />}</Card>
    </>
  );
}
