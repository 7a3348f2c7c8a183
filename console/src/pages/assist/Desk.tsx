// The agent's desk: find the caller by phone number, open a room for them, return to earlier rooms.
// Anyone can join a call as the customer with the room's join code.
import { useState, type FormEvent } from 'react';
import { api, auth, errorMessage } from '../../api';
import { useUser } from '../../auth';
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
import type { Page } from '../../api';
import type { PageProps } from '../registry';
import { STATUS_LABEL, STATUS_TONE, loadAgent, type AgentRecord, type RoomInfo } from './shared';
import './assist.css';

interface Customer {
  id: string;
  customerName: string;
  phoneNumber: string | null;
  membershipGrade: string | null;
  currentPlan: string | null;
}

export function Desk(_props: PageProps) {
  const agent = useLoad(loadAgent, []);
  return (
    <>
      <PageHeader
        title="Contact center"
        subtitle="Live calls with a transcript, a rolling summary, the caller’s intent and suggested answers."
      />
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
  const user = useUser()!;
  const [code, setCode] = useState('');
  const [name, setName] = useState(user.fullName ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  if (!user.isAdmin) {
    return (
      <Card title="Agents only">
        <p className="muted">
          The agent desk is for contact-center agents. An administrator makes an account an agent; until then you can join a call as the
          customer below.
        </p>
      </Card>
    );
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const agent = await api.post<AgentRecord>('/v1/assist/agents', { userId: user.id, agentCode: code, agentName: name });
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
    <Card title="Become an agent">
      <form className="stack" onSubmit={submit}>
        <p className="muted">You are an administrator: give your own account an agent code to take calls.</p>
        <div className="grid-2">
          <Field label="Agent code" value={code} onChange={(e) => setCode(e.target.value)} required maxLength={40} placeholder="A-0100" />
          <Field label="Agent name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </div>
        <InlineError error={error} />
        <div className="row">
          <Button type="submit" variant="primary" busy={busy}>
            Make me an agent
          </Button>
        </div>
      </form>
    </Card>
  );
}

function AgentDesk({ agent }: { agent: AgentRecord }) {
  const toast = useToast();
  const rooms = useLoad(() => api.get<Page<RoomInfo>>('/v1/assist/rooms?limit=20'), []);
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
      setFound(await api.get<Customer[]>(`/v1/assist/customers?phone=${encodeURIComponent(phone)}`));
    } catch (err) {
      setSearchError(err);
    } finally {
      setSearching(false);
    }
  }

  async function open(name: string, customerId: string | null, key: string) {
    setOpening(key);
    try {
      const room = await api.post<RoomInfo>('/v1/assist/rooms', { roomName: name, ...(customerId ? { customerId } : {}) });
      navigate(`/assist/rooms/${room.id}`);
    } catch (err) {
      toast(errorMessage(err), 'bad');
      setOpening(null);
    }
  }

  return (
    <>
      <p className="muted small assist-who">
        Signed in as agent <strong>{agent.agentName}</strong> ({agent.agentCode})
      </p>
      <div className="grid-2">
        <Card title="Find the caller">
          <form className="stack" onSubmit={search}>
            <Field
              label="Phone number"
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
                Look up
              </Button>
            </div>
            <InlineError error={searchError} />
          </form>
          {found ? (
            found.length === 0 ? (
              <Empty>No customer has this number.</Empty>
            ) : (
              <ul className="plain-list assist-found">
                {found.map((c) => (
                  <li key={c.id} className="row">
                    <span className="grow">
                      <strong>{c.customerName}</strong>
                      <span className="muted small">
                        {' '}
                        · {c.currentPlan ?? 'no plan'}
                        {c.membershipGrade ? ` · ${c.membershipGrade}` : ''}
                      </span>
                    </span>
                    <Button small variant="primary" busy={opening === c.id} onClick={() => open(`Call with ${c.customerName}`, c.id, c.id)}>
                      Open a room
                    </Button>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </Card>
        <Card title="Open a room without a record">
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void open(roomName, null, 'plain');
            }}
          >
            <Field
              label="Room name"
              value={roomName}
              onChange={(e) => setRoomName(e.target.value)}
              required
              maxLength={200}
              placeholder="Roaming question"
            />
            <div className="row">
              <Button type="submit" busy={opening === 'plain'}>
                Open room
              </Button>
            </div>
          </form>
        </Card>
      </div>
      <Card title="My rooms">
        {rooms.loading && !rooms.data ? (
          <Loading />
        ) : rooms.error ? (
          <ErrorState error={rooms.error} onRetry={rooms.reload} />
        ) : (
          <Table
            rows={rooms.data?.items ?? []}
            rowKey={(r) => r.id}
            onRowClick={(r) => navigate(`/assist/rooms/${r.id}`)}
            empty="No rooms yet: look up a caller and open one."
            columns={[
              { key: 'name', label: 'Room', render: (r) => <span className="break">{r.roomName}</span> },
              { key: 'status', label: 'Status', render: (r) => <Badge tone={STATUS_TONE[r.status]}>{STATUS_LABEL[r.status]}</Badge> },
              { key: 'finals', label: 'Lines', numeric: true, render: (r) => r.finalCount },
              { key: 'opened', label: 'Opened', wide: true, render: (r) => formatDate(r.createdAt) },
            ]}
          />
        )}
      </Card>
    </>
  );
}

function JoinAsCustomer() {
  const [roomId, setRoomId] = useState('');
  const [code, setCode] = useState('');
  const valid = /^[0-9a-f-]{36}$/i.test(roomId.trim());
  return (
    <Card title="Join a call as the customer">
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(`/assist/join/${roomId.trim()}?code=${encodeURIComponent(code.trim())}`);
        }}
      >
        <p className="muted small">The agent gives the caller the room and its join code (or the whole join link).</p>
        <div className="grid-2">
          <Field
            label="Room"
            value={roomId}
            onChange={(e) => setRoomId(e.target.value)}
            required
            error={roomId && !valid ? 'A room id has 36 characters' : null}
          />
          <Field label="Join code" value={code} onChange={(e) => setCode(e.target.value)} required maxLength={64} />
        </div>
        <div className="row">
          <Button type="submit" disabled={!valid || !code.trim()}>
            Join call
          </Button>
        </div>
      </form>
    </Card>
  );
}
