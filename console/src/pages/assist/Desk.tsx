// The agent's desk: find the caller by phone number, open a room for them, return to earlier rooms.
// Anyone can join a call as the customer with the room's join code.
import { useState, type FormEvent } from 'react';
import { auth, errorMessage, talkbase, type ItemOf } from '../../api';
import { useUser } from '../../auth';
import { Trans } from 'react-i18next';
import { formatNumber, useTranslation } from '../../i18n';
import { navigate } from '../../router';
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
  Table,
  formatDate,
  useLoad,
  useToast,
} from '../../ui';
import type { PageProps } from '../registry';
import { STATUS_TONE, loadAgent, type AgentRecord } from './shared';
import './assist.css';

type Customer = ItemOf<'/v1/assist/customers', 'get'>;

export function Desk(_props: PageProps) {
  const { t } = useTranslation('assist');
  const agent = useLoad(loadAgent, []);
  return (
    <>
      <PageHeader title={t('pages.desk.title')} subtitle={t('desk.subtitle')} />
      {agent.loading && !agent.data ? (
        <Loading />
      ) : agent.error ? (
        <ErrorState error={agent.error} onRetry={agent.reload} />
      ) : agent.data ? (
        <AgentDesk agent={agent.data} />
      ) : (
        <NotAnAgent onAgent={agent.setData} />
      )}
      <JoinAsCustomer />
    </>
  );
}

function NotAnAgent({ onAgent }: { onAgent: (a: AgentRecord) => void }) {
  const { t } = useTranslation('assist');
  const user = useUser()!;
  const [code, setCode] = useState('');
  const [name, setName] = useState(user.fullName ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!user.isAdmin) {
    return (
      <Card title={t('desk.agentsOnly')}>
        <p className="muted">{t('desk.agentsOnlyBody')}</p>
      </Card>
    );
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const agent = await talkbase.post('/v1/assist/agents', { body: { userId: user.id, agentCode: code, agentName: name } });
      // The agent role comes with the record; the room pages read the roles before asking for agent data.
      await auth.reloadProfile().catch(() => undefined);
      onAgent(agent);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('desk.becomeAgent')}>
      <form className="stack" onSubmit={submit}>
        <p className="muted">{t('desk.becomeAgentBody')}</p>
        <div className="grid-2">
          <Field
            label={t('desk.agentCode')}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
            maxLength={40}
            placeholder={t('desk.agentCodePlaceholder')}
          />
          <Field label={t('desk.agentName')} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </div>
        <InlineError error={error} />
        <div className="row">
          <Button type="submit" variant="primary" busy={busy}>
            {t('desk.makeMeAgent')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function AgentDesk({ agent }: { agent: AgentRecord }) {
  const { t } = useTranslation('assist');
  const toast = useToast();
  const rooms = useLoad(() => talkbase.get('/v1/assist/rooms', { params: { query: { limit: 20 } } }), []);
  const [phone, setPhone] = useState('');
  const [found, setFound] = useState<Customer[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [roomName, setRoomName] = useState('');
  const [opening, setOpening] = useState<string | null>(null);

  async function search(e: FormEvent) {
    e.preventDefault();
    setSearching(true);
    setSearchError(null);
    try {
      setFound(await talkbase.get('/v1/assist/customers', { params: { query: { phone } } }));
    } catch (err) {
      setSearchError(err);
    } finally {
      setSearching(false);
    }
  }

  async function open(name: string, customerId: string | null, key: string) {
    setOpening(key);
    try {
      const room = await talkbase.post('/v1/assist/rooms', { body: { roomName: name, ...(customerId ? { customerId } : {}) } });
      navigate(`/assist/rooms/${room.id}`);
    } catch (err) {
      toast(errorMessage(err), 'bad');
      setOpening(null);
    }
  }

  return (
    <>
      <p className="muted small assist-who">
        <Trans t={t} i18nKey="desk.signedInAs" values={{ name: agent.agentName, code: agent.agentCode }} components={{ b: <strong /> }} />
      </p>
      <div className="grid-2">
        <Card title={t('desk.findCaller')}>
          <form className="stack" onSubmit={search}>
            <Field
              label={t('desk.phone')}
              type="tel"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              required
              minLength={4}
              maxLength={30}
              placeholder="010-1234-5678"
            />
            <div className="row">
              <Button type="submit" busy={searching}>
                {t('desk.lookUp')}
              </Button>
            </div>
            <InlineError error={searchError} />
          </form>
          {found ? (
            found.length === 0 ? (
              <Empty>{t('desk.noCustomer')}</Empty>
            ) : (
              <ul className="plain-list assist-found">
                {found.map((c) => (
                  <li key={c.id} className="row">
                    <span className="grow">
                      <strong>{c.customerName}</strong>
                      <span className="muted small">
                        {' '}
                        · {c.currentPlan ?? t('desk.noPlan')}
                        {c.membershipGrade ? ` · ${c.membershipGrade}` : ''}
                      </span>
                    </span>
                    <Button
                      small
                      variant="primary"
                      busy={opening === c.id}
                      onClick={() => open(t('desk.callWith', { name: c.customerName }), c.id, c.id)}
                    >
                      {t('desk.openRoom')}
                    </Button>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </Card>
        <Card title={t('desk.withoutRecord')}>
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void open(roomName, null, 'plain');
            }}
          >
            <Field
              label={t('desk.roomName')}
              value={roomName}
              onChange={(e) => setRoomName(e.target.value)}
              required
              maxLength={200}
              placeholder={t('desk.roomNamePlaceholder')}
            />
            <div className="row">
              <Button type="submit" busy={opening === 'plain'}>
                {t('desk.open')}
              </Button>
            </div>
          </form>
        </Card>
      </div>
      <Card title={t('desk.myRooms')}>
        {rooms.loading && !rooms.data ? (
          <Loading />
        ) : rooms.error ? (
          <ErrorState error={rooms.error} onRetry={rooms.reload} />
        ) : (
          <Table
            rows={rooms.data?.items ?? []}
            rowKey={(r) => r.id}
            onRowClick={(r) => navigate(`/assist/rooms/${r.id}`)}
            empty={t('desk.noRooms')}
            columns={[
              { key: 'name', label: t('desk.column.room'), render: (r) => <span className="break">{r.roomName}</span> },
              {
                key: 'status',
                label: t('desk.column.status'),
                render: (r) => <Badge tone={STATUS_TONE[r.status]}>{t(`status.${r.status}`)}</Badge>,
              },
              { key: 'finals', label: t('desk.column.lines'), numeric: true, render: (r) => formatNumber(r.finalCount) },
              { key: 'opened', label: t('desk.column.opened'), wide: true, render: (r) => formatDate(r.createdAt) },
            ]}
          />
        )}
      </Card>
    </>
  );
}

function JoinAsCustomer() {
  const { t } = useTranslation('assist');
  const [roomId, setRoomId] = useState('');
  const [code, setCode] = useState('');
  const valid = /^[0-9a-f-]{36}$/i.test(roomId.trim());
  return (
    <Card title={t('desk.joinAsCustomer')}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/assist/join/${roomId.trim()}?code=${encodeURIComponent(code.trim())}`);
        }}
      >
        <p className="muted small">{t('desk.joinHint')}</p>
        <div className="grid-2">
          <Field
            label={t('desk.room')}
            value={roomId}
            onChange={(e) => setRoomId(e.target.value)}
            required
            error={roomId && !valid ? t('desk.roomIdLength') : null}
          />
          <Field label={t('join.code')} value={code} onChange={(e) => setCode(e.target.value)} required maxLength={64} />
        </div>
        <div className="row">
          <Button type="submit" disabled={!valid || !code.trim()}>
            {t('join.joinCall')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
