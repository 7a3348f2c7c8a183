import { useState, type FormEvent } from 'react';
import { auth } from '../../api';
import { Link, navigate } from '../../router';
import { Button, Field, InlineError } from '../../ui';

export function SignIn({ mode }: { mode: 'signin' | 'signup' }) {
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
      <form className="auth-card card" onSubmit={submit} aria-label={mode === 'signin' ? 'Sign in' : 'Sign up'}>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden>
            T
          </span>
          Talkbase
        </div>
        <h1>{mode === 'signin' ? 'Sign in' : 'Create an account'}</h1>
        <p className="muted">
          {mode === 'signin' ? 'Welcome back. Sign in to your Talkbase deployment.' : 'One account for every Talkbase product.'}
        </p>
        {mode === 'signup' ? (
          <Field label="Full name" name="fullName" autoComplete="name" value={fullName} onChange={(e) => setFullName(e.target.value)} />
        ) : null}
        <Field
          label="Email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete={mode === 'signin' ? 'current-password' : 'new-password'}
          required
          minLength={mode === 'signup' ? 8 : 1}
          hint={mode === 'signup' ? 'At least 8 characters' : undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <InlineError error={error} />
        <Button type="submit" variant="primary" busy={busy} className="wide">
          {mode === 'signin' ? 'Sign in' : 'Sign up'}
        </Button>
        <p className="muted center">
          {mode === 'signin' ? (
            <>
              New here? <Link to="/signup">Create an account</Link>
            </>
          ) : (
            <>
              Already have an account? <Link to="/signin">Sign in</Link>
            </>
          )}
        </p>
      </form>
    </div>
  );
}
