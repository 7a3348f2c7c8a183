// Stored warnings and errors, newest first, with their context as readable fields.
import { useState } from 'react';
import { api, type Page } from '../../api';
import { Badge, Button, Card, PageHeader, Select, formatDate } from '../../ui';
import type { PageProps } from '../registry';
import { PagedTable, usePaged } from './paged';

interface LogEntry {
  id: string;
  level: 'warn' | 'error' | 'fatal';
  message: string;
  context: Record<string, unknown>;
  requestId: string | null;
  createdAt: string;
}

const LEVEL_TONE = { warn: 'warn', error: 'bad', fatal: 'bad' } as const;

/** One line per field; nested values are summarized rather than printed as data. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `${value.length} item${value.length === 1 ? '' : 's'}`;
  const obj = value as Record<string, unknown>;
  if (typeof obj.message === 'string') return `${typeof obj.type === 'string' ? `${obj.type}: ` : ''}${obj.message}`;
  return Object.keys(obj).join(', ');
}

export function Logs(_props: PageProps) {
  const [level, setLevel] = useState('');
  const list = usePaged<LogEntry>(
    (cursor) => api.get<Page<LogEntry>>(`/v1/admin/logs?limit=30${level ? `&level=${level}` : ''}${cursor ? `&cursor=${cursor}` : ''}`),
    [level],
  );
  return (
    <>
      <PageHeader
        title="System logs"
        subtitle="Warnings and errors the servers kept (30 days)."
        actions={
          <Button onClick={list.reload} busy={list.loading}>
            Refresh
          </Button>
        }
      />
      <Card
        actions={
          <Select
            label="Level"
            className="op-filter"
            value={level}
            onChange={(e) => setLevel(e.target.value)}
            options={[
              { value: '', label: 'All levels' },
              { value: 'warn', label: 'Warnings' },
              { value: 'error', label: 'Errors' },
              { value: 'fatal', label: 'Fatal' },
            ]}
          />
        }
        title="Newest first"
      >
        <PagedTable
          list={list}
          rowKey={(l) => l.id}
          empty="Nothing logged: no warnings or errors."
          columns={[
            { key: 'at', label: 'When', render: (l) => <span className="nowrap">{formatDate(l.createdAt)}</span> },
            { key: 'level', label: 'Level', render: (l) => <Badge tone={LEVEL_TONE[l.level]}>{l.level}</Badge> },
            {
              key: 'message',
              label: 'Message',
              render: (l) => (
                <div className="op-log">
                  <span className="break">{l.message}</span>
                  {Object.keys(l.context).length ? (
                    <dl className="op-context">
                      {Object.entries(l.context)
                        .slice(0, 6)
                        .map(([k, v]) => (
                          <div key={k}>
                            <dt>{k}</dt>
                            <dd className="break">{describe(v)}</dd>
                          </div>
                        ))}
                    </dl>
                  ) : null}
                </div>
              ),
            },
            { key: 'req', label: 'Request', wide: true, render: (l) => (l.requestId ? <code>{l.requestId.slice(0, 8)}</code> : '—') },
          ]}
        />
      </Card>
    </>
  );
}
