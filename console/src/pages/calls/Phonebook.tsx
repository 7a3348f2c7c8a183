import { useState, type FormEvent } from 'react';
import { talkbase } from '../../api';
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
import { useTranslation } from '../../i18n';
import { TRAINING_TONE, trainingLabel, type Persona } from './api';
import { RecentCallsTable } from './RecentCalls';

export function Phonebook() {
  const { t } = useTranslation('calls');
  const personas = useLoad(() => talkbase.get('/v1/calls/personas'));
  const [adding, setAdding] = useState(false);

  return (
    <>
      <PageHeader
        title={t('pages.phonebook.title')}
        subtitle={t('phonebook.subtitle')}
        actions={
          <Button variant="primary" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
            {adding ? t('phonebook.close') : t('phonebook.add')}
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
      <Card title={t('phonebook.people')}>
        {personas.loading && !personas.data ? (
          <Loading />
        ) : personas.error ? (
          <ErrorState error={personas.error} onRetry={personas.reload} />
        ) : personas.data!.length === 0 ? (
          <Empty action={<Button onClick={() => setAdding(true)}>{t('phonebook.addFirst')}</Button>}>{t('phonebook.empty')}</Empty>
        ) : (
          <div className="list" aria-label={t('phonebook.list')}>
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
                <Badge tone={TRAINING_TONE[p.learningStatus]}>{trainingLabel(p.learningStatus)}</Badge>
              </Link>
            ))}
          </div>
        )}
      </Card>
      <Card title={t('phonebook.recentCalls')} actions={<Link to="/calls/recent">{t('phonebook.allCalls')}</Link>}>
        <RecentCallsTable limit={5} personas={personas.data ?? []} />
      </Card>
    </>
  );
}

function AddPersona({ onAdded }: { onAdded: (p: Persona) => void }) {
  const { t } = useTranslation('calls');
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
      const persona = await talkbase.post('/v1/calls/personas', {
        body: {
          name: form.name.trim(),
          phoneNumber: form.phoneNumber.trim(),
          relationship: form.relationship.trim() || null,
          memo: form.memo.trim() || null,
        },
      });
      toast(t('addPerson.added', { name: persona.name }), 'good');
      onAdded(persona);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('addPerson.title')}>
      <form onSubmit={submit} aria-label={t('addPerson.title')}>
        <div className="grid-2">
          <Field label={t('addPerson.name')} required maxLength={100} value={form.name} onChange={set('name')} />
          <Field
            label={t('addPerson.phone')}
            required
            inputMode="tel"
            // Browsers compile `pattern` with the v flag, where ( ) . / and - inside a class must be escaped.
            pattern="[+0-9 \(\)\.\/\-]{3,30}"
            hint={t('addPerson.phoneHint')}
            value={form.phoneNumber}
            onChange={set('phoneNumber')}
          />
        </div>
        <Field
          label={t('addPerson.relationship')}
          placeholder={t('addPerson.relationshipPlaceholder')}
          maxLength={50}
          value={form.relationship}
          onChange={set('relationship')}
        />
        <TextArea label={t('addPerson.memo')} hint={t('addPerson.memoHint')} maxLength={5000} value={form.memo} onChange={set('memo')} />
        <InlineError error={error} />
        <Button type="submit" variant="primary" busy={busy}>
          {t('addPerson.save')}
        </Button>
      </form>
    </Card>
  );
}
