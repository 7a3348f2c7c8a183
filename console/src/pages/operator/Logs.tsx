// Stored warnings and errors, newest first, with their context as readable fields.
import { useState } from 'react';
import { talkbase, type ItemOf } from '../../api';
import { t, useTranslation } from '../../i18n';
import { Badge, Button, Card, PageHeader, Select, formatDate } from '../../ui';
import type { PageProps } from '../registry';
import { PagedTable, usePaged } from './paged';

type LogEntry = ItemOf<'/v1/admin/logs', 'get'>;

const LEVEL_TONE = { warn: 'warn', error: 'bad', fatal: 'bad' } as const;
const LEVELS = Object.keys(LEVEL_TONE) as LogEntry['level'][];
const isKnown = (l: string): l is LogEntry['level'] => (LEVELS as string[]).includes(l);

/** One line per field; nested values are summarized rather than printed as data. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return t('operator:logs.items', { count: value.length });
  const obj = value as Record<string, unknown>;
  if (typeof obj.message === 'string') return `${typeof obj.type === 'string' ? `${obj.type}: ` : ''}${obj.message}`;
  return Object.keys(obj).join(', ');
}

export function Logs(_props: PageProps) {
  const { t } = useTranslation('operator');
  const [level, setLevel] = useState('');
  const list = usePaged<LogEntry>(
    (cursor) =>
      talkbase.get('/v1/admin/logs', {
        params: { query: { limit: 30, ...(level ? { level: level as LogEntry['level'] } : {}), ...(cursor ? { cursor } : {}) } },
      }),
    [level],
  );
  return (
    <>
      <PageHeader
        title={t('pages.logs.title')}
        subtitle={t('logs.subtitle')}
        actions={
          <Button onClick={list.reload} busy={list.loading}>
            {t('refresh')}
          </Button>
        }
      />
      <Card
        actions={
          <Select
            label={t('logs.level')}
            className="op-filter"
            value={level}
            onChange={(e) => setLevel(e.target.value)}
            options={[{ value: '', label: t('logs.allLevels') }, ...LEVELS.map((value) => ({ value, label: t(`logs.filter.${value}`) }))]}
          />
        }
        title={t('logs.listTitle')}
      >
        <PagedTable
          list={list}
          rowKey={(l) => l.id}
          empty={t('logs.empty')}
          columns={[
            { key: 'at', label: t('logs.when'), render: (l) => <span className="nowrap">{formatDate(l.createdAt)}</span> },
            {
              key: 'level',
              label: t('logs.level'),
              render: (l) =>
                isKnown(l.level) ? <Badge tone={LEVEL_TONE[l.level]}>{t(`logs.levels.${l.level}`)}</Badge> : <Badge>{l.level}</Badge>,
            },
            {
              key: 'message',
              label: t('logs.message'),
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
            {
              key: 'req',
              label: t('logs.request'),
              wide: true,
              render: (l) => (l.requestId ? <code>{l.requestId.slice(0, 8)}</code> : '—'),
            },
          ]}
        />
      </Card>
    </>
  );
}
