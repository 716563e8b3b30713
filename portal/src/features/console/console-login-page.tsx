import { type FormEvent, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { ApiError } from '../../api/api-error.ts';
import { BrandMark } from '../../layout/brand-mark.tsx';
import { useBrand } from '../../theme/brand-gate.tsx';
import { useConsoleSession, useConsoleSignIn } from './console-queries.ts';

function signInError(error: Error): string {
  if (error instanceof ApiError && error.status === 429) return 'Too many failed attempts. Try again later.';
  if (error instanceof ApiError && error.status === 401) return 'That API key is not valid.';
  return 'We could not sign you in. Try again in a moment.';
}

/** Partner staff sign in with one of the partner's API keys; it is sent once and not kept. */
export function ConsoleLoginPage() {
  const brand = useBrand();
  const session = useConsoleSession();
  const signIn = useConsoleSignIn();
  const navigate = useNavigate();
  const [apiKey, setApiKey] = useState('');

  if (session.data) return <Navigate to="/console/workspaces" replace />;

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate(apiKey.trim(), {
      onSuccess: () => navigate('/console/workspaces', { replace: true }),
      onSettled: () => setApiKey(''),
    });
  }

  return (
    <main className="centered">
      <form className="card auth-card" onSubmit={submit} aria-labelledby="console-login-title">
        <BrandMark />
        <h1 id="console-login-title">{brand.display_name} console</h1>
        <label>
          API key
          <input
            type="password"
            name="api_key"
            autoComplete="off"
            required
            maxLength={200}
            placeholder="lrs_live_…"
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
          />
        </label>
        <p className="hint">The key opens a session in this browser; it is not stored here.</p>
        {signIn.isError ? (
          <p role="alert" className="error">
            {signInError(signIn.error)}
          </p>
        ) : null}
        <button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
