import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { Link, navigate } from '../../router';
import {
  Avatar,
  Badge,
  Button,
  Card,
  Empty,
  ErrorState,
  Field,
  InlineError,
  Loading,
  PageHeader,
  TextArea,
  useLoad,
  useToast,
} from '../../ui';
import { TRAINING_LABEL, TRAINING_TONE, type Persona } from './api';
import { RecentCallsTable } from './RecentCalls';

export function Phonebook() {
  const personas = useLoad(() => api.get<Persona[]>('/v1/calls/personas'));
  const [adding, setAdding] = useState(false);

  return (
    <>
      <PageHeader
        title="Phonebook"
        subtitle="The people you keep: their voice, their manner, a call away."
        actions={
          <Button variant="primary" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
            {adding ? 'Close' : 'Add a person'}
          </Button>
        }
      />
      {adding ? (
        <AddPersona
          onAdded={(p) => {
            setAdding(false);
            navigate(`/calls/personas/${p.id}`);
          }}
        />
      ) : null}
      <Card title="People">
        {personas.loading && !personas.data ? (
          <Loading />
        ) : personas.error ? (
          <ErrorState error={personas.error} onRetry={personas.reload} />
        ) : personas.data!.length === 0 ? (
          <Empty action={<Button onClick={() => setAdding(true)}>Add the first person</Button>}>Your phonebook is empty.</Empty>
        ) : (
          <div className="list" aria-label="Personas">
            {personas.data!.map((p) => (
              <Link key={p.id} to={`/calls/personas/${p.id}`} className="list-item">
                <Avatar name={p.name} />
                <div className="grow">
                  <div className="ellipsis">
                    <strong>{p.name}</strong>
                    {p.relationship ? <span className="muted"> · {p.relationship}</span> : null}
                  </div>
                  <div className="muted small ellipsis">{p.phoneNumber}</div>
                </div>
                <Badge tone={TRAINING_TONE[p.learningStatus]}>{TRAINING_LABEL[p.learningStatus]}</Badge>
              </Link>
            ))}
          </div>
        )}
      </Card>
      <Card title="Recent calls" actions={<Link to="/calls/recent">All calls</Link>}>
        <RecentCallsTable limit={5} personas={personas.data ?? []} />
      </Card>
    </>
  );
}

function AddPersona({ onAdded }: { onAdded: (p: Persona) => void }) {
  const [form, setForm] = useState({ name: '', phoneNumber: '', relationship: '', memo: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const toast = useToast();
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const persona = await api.post<Persona>('/v1/calls/personas', {
        name: form.name.trim(),
        phoneNumber: form.phoneNumber.trim(),
        relationship: form.relationship.trim() || null,
        memo: form.memo.trim() || null,
      });
      toast(`${persona.name} is in your phonebook`, 'good');
      onAdded(persona);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Add a person">
      <form onSubmit={submit} aria-label="Add a person">
        <div className="grid-2">
          <Field label="Name" required maxLength={100} value={form.name} onChange={set('name')} />
          <Field
            label="Phone number"
            required
            inputMode="tel"
            // Browsers compile `pattern` with the v flag, where ( ) . / and - inside a class must be escaped.
            pattern="[+0-9 \(\)\.\/\-]{3,30}"
            hint="Digits, spaces and + ( ) . / -"
            value={form.phoneNumber}
            onChange={set('phoneNumber')}
          />
        </div>
        <Field
          label="Relationship"
          placeholder="grandmother, friend, father…"
          maxLength={50}
          value={form.relationship}
          onChange={set('relationship')}
        />
        <TextArea
          label="Memo"
          hint="What the voice should know to talk like them: habits, phrases, memories."
          maxLength={5000}
          value={form.memo}
          onChange={set('memo')}
        />
        <InlineError error={error} />
        <Button type="submit" variant="primary" busy={busy}>
          Save
        </Button>
      </form>
    </Card>
  );
}
