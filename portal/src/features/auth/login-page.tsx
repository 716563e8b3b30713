import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useSession, useSignIn } from '../../api/queries.ts';
import { BrandMark } from '../../layout/brand-mark.tsx';
import { useBrand } from '../../theme/brand-gate.tsx';
import { signInErrorMessage } from './messages.ts';
import { safeNext } from './safe-next.ts';

/** Email + password sign-in for workspace owners and agents. */
export function LoginPage() {
  const brand = useBrand();
  const session = useSession();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const next = safeNext(params.get('next'));

  if (session.data) return <Navigate to={next} replace />;

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(next, { replace: true }) });
  }

  return (
    <main className="centered">
      <form className="card auth-card" onSubmit={submit} aria-labelledby="login-title">
        <BrandMark />
        <h1 id="login-title">Sign in to {brand.display_name}</h1>
        <label>
          Email
          <input
            type="email"
            name="email"
            autoComplete="username"
            required
            maxLength={320}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            required
            maxLength={256}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {signIn.isError ? (
          <p role="alert" className="error">
            {signInErrorMessage(signIn.error)}
          </p>
        ) : null}
        <button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        {brand.support_email ? (
          <p className="hint">
            Trouble signing in? Contact <a href={`mailto:${brand.support_email}`}>{brand.support_email}</a>.
          </p>
        ) : null}
      </form>
    </main>
  );
}
