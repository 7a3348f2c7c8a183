// Accounts, newest first: who is an admin, who is disabled, when they last signed in.
import { useState } from 'react';
import { errorMessage, talkbase, type ItemOf } from '../../api';
import { useUser } from '../../auth';
import { useTranslation } from '../../i18n';
import { Badge, Button, Card, PageHeader, formatDate, timeAgo, useToast } from '../../ui';
import type { PageProps } from '../registry';
import { PagedTable, usePaged } from './paged';

type AdminUser = ItemOf<'/v1/admin/users', 'get'>;

export function Users(_props: PageProps) {
  const { t } = useTranslation('operator');
  const me = useUser()!;
  const toast = useToast();
  const list = usePaged<AdminUser>(
    (cursor) => talkbase.get('/v1/admin/users', { params: { query: { limit: 25, ...(cursor ? { cursor } : {}) } } }),
    [],
  );
  const [busy, setBusy] = useState<string | null>(null);

  async function setActive(u: AdminUser, isActive: boolean) {
    setBusy(u.id);
    try {
      await talkbase.patch('/v1/admin/users/{id}', { params: { path: { id: u.id } }, body: { isActive } });
      list.update((rows) => rows.map((r) => (r.id === u.id ? { ...r, isActive } : r)));
      toast(isActive ? t('users.enabledToast', { email: u.email }) : t('users.disabledToast', { email: u.email }), 'good');
    } catch (err) {
      toast(errorMessage(err), 'bad');
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <PageHeader
        title={t('pages.users.title')}
        subtitle={t('users.subtitle')}
        actions={
          <Button onClick={list.reload} busy={list.loading}>
            {t('refresh')}
          </Button>
        }
      />
      <Card>
        <PagedTable
          list={list}
          rowKey={(u) => u.id}
          columns={[
            { key: 'email', label: t('users.email'), render: (u) => <span className="break">{u.email}</span> },
            {
              key: 'status',
              label: t('users.status'),
              render: (u) => (
                <span className="row">
                  {u.isAdmin ? <Badge tone="info">{t('users.admin')}</Badge> : null}
                  {u.isActive ? <Badge tone="good">{t('users.active')}</Badge> : <Badge tone="bad">{t('users.disabled')}</Badge>}
                </span>
              ),
            },
            { key: 'created', label: t('users.joined'), wide: true, render: (u) => formatDate(u.createdAt) },
            {
              key: 'login',
              label: t('users.lastSignIn'),
              wide: true,
              render: (u) => (u.lastLoginAt ? timeAgo(u.lastLoginAt) : t('users.never')),
            },
            {
              key: 'actions',
              label: '',
              render: (u) =>
                u.id === me.id ? (
                  <span className="muted small">{t('users.you')}</span>
                ) : (
                  <Button small variant={u.isActive ? 'ghost' : 'secondary'} busy={busy === u.id} onClick={() => setActive(u, !u.isActive)}>
                    {u.isActive ? t('users.disable') : t('users.enable')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
    </>
  );
}
