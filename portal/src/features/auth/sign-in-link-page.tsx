import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/api-error.ts';
import { useRedeemLink } from '../../api/queries.ts';
import { BrandMark } from '../../layout/brand-mark.tsx';
import { signInErrorMessage } from './messages.ts';

const MIN_PASSWORD = 12;

/**
 * Where a sign-in or set-password link lands. It first redeems the link as it is; when the link
 * asks for a new password, it shows that form and redeems again with it.
 */
export function SignInLinkPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const redeem = useRedeemLink();
  const navigate = useNavigate();
  const [needsPassword, setNeedsPassword] = useState(false);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const tried = useRef(false);

  useEffect(() => {
    if (tried.current || !token) return;
    tried.current = true;
    redeem.mutate(
      { token },
      {
        onSuccess: () => navigate('/settings/integrations', { replace: true }),
        onError: (error) => {
          if (error instanceof ApiError && error.body.error.param === 'password') setNeedsPassword(true);
        },
      },
    );
  }, [token, redeem, navigate]);

  function submit(event: FormEvent) {
    event.preventDefault();
    setMismatch(password !== confirm);
    if (password !== confirm) return;
    setSubmitted(true);
    redeem.mutate(
      { token, password },
      { onSuccess: () => navigate('/settings/integrations', { replace: true }) },
    );
  }

  // The first, password-less redeem "fails" by asking for a password; only later errors count.
  const failed = redeem.isError && submitted;

  return (
    <main className="centered">
      <div className="card auth-card">
        <BrandMark />
        {!token ? (
          <p role="alert" className="error">
            This link is incomplete. Open it again from your email, or <Link to="/login">sign in</Link>.
          </p>
        ) : needsPassword ? (
          <form onSubmit={submit} aria-labelledby="set-password-title">
            <h1 id="set-password-title">Choose your password</h1>
            <label>
              New password
              <input
                type="password"
                autoComplete="new-password"
                required
                minLength={MIN_PASSWORD}
                maxLength={256}
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </label>
            <label>
              Repeat it
              <input
                type="password"
                autoComplete="new-password"
                required
                minLength={MIN_PASSWORD}
                maxLength={256}
                value={confirm}
                onChange={(event) => setConfirm(event.target.value)}
              />
            </label>
            <p className="hint">At least {MIN_PASSWORD} characters.</p>
            {mismatch ? (
              <p role="alert" className="error">
                The two passwords differ.
              </p>
            ) : failed ? (
              <p role="alert" className="error">
                {signInErrorMessage(redeem.error)}
              </p>
            ) : null}
            <button type="submit" disabled={redeem.isPending}>
              {redeem.isPending ? 'Saving…' : 'Save and sign in'}
            </button>
          </form>
        ) : redeem.isError ? (
          <p role="alert" className="error">
            {signInErrorMessage(redeem.error)} <Link to="/login">Go to sign-in</Link>
          </p>
        ) : (
          <p className="page-status">Signing you in…</p>
        )}
      </div>
    </main>
  );
}
