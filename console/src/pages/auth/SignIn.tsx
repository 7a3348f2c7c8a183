import { useState, type FormEvent } from 'react';
import { auth } from '../../api';
import { Link, navigate } from '../../router';
import { Button, Field, InlineError } from '../../ui';
import { useTranslation } from '../../i18n';

export function SignIn({ mode }: { mode: 'signin' | 'signup' }) {
  const { t } = useTranslation('auth');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fullName, setFullName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = new URLSearchParams(location.search).get('next');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === 'signin') await auth.signIn(email, password);
      else await auth.signUp({ email, password, ...(fullName.trim() ? { fullName: fullName.trim() } : {}) });
      navigate(next && next.startsWith('/') ? next : '/', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="auth-page">
      <form className="auth-card card" onSubmit={submit} aria-label={mode === 'signin' ? t('signIn') : t('signUp')}>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden>
            T
          </span>
          Talkbase
        </div>
        <h1>{mode === 'signin' ? t('signIn') : t('createAccount')}</h1>
        <p className="muted">{mode === 'signin' ? t('welcomeBack') : t('oneAccount')}</p>
        {mode === 'signup' ? (
          <Field label={t('fullName')} name="fullName" autoComplete="name" value={fullName} onChange={(e) => setFullName(e.target.value)} />
        ) : null}
        <Field
          label={t('email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label={t('password')}
          name="password"
          type="password"
          autoComplete={mode === 'signin' ? 'current-password' : 'new-password'}
          required
          minLength={mode === 'signup' ? 8 : 1}
          hint={mode === 'signup' ? t('passwordHint') : undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <InlineError error={error} />
        <Button type="submit" variant="primary" busy={busy} className="wide">
          {mode === 'signin' ? t('signIn') : t('signUp')}
        </Button>
        <p className="muted center">
          {mode === 'signin' ? (
            <>
              {t('newHere')} <Link to="/signup">{t('createAccount')}</Link>
            </>
          ) : (
            <>
              {t('haveAccount')} <Link to="/signin">{t('signIn')}</Link>
            </>
          )}
        </p>
      </form>
    </div>
  );
}
