import { Navigate, NavLink, useNavigate } from 'react-router';
import { Frame } from '../../layout/frame.tsx';
import { useConsoleSession, useConsoleSignOut } from './console-queries.ts';

/** The console's signed-in frame (the portal shell's look); anyone else goes to /console/login. */
export function ConsoleShell() {
  const session = useConsoleSession();
  const signOut = useConsoleSignOut();
  const navigate = useNavigate();

  if (session.isPending) return <p className="page-status">Loading…</p>;
  if (session.isError) {
    return (
      <main className="centered">
        <p role="alert">We could not check your sign-in. Try again in a moment.</p>
        <button type="button" onClick={() => session.refetch()}>
          Try again
        </button>
      </main>
    );
  }
  if (!session.data) return <Navigate to="/console/login" replace />;

  return (
    <Frame
      title="Partner console"
      identity={<span className="badge">{session.data.mode === 'live' ? 'Live' : 'Test'} key</span>}
      navLabel="Console"
      signingOut={signOut.isPending}
      onSignOut={() =>
        signOut.mutate(undefined, { onSettled: () => navigate('/console/login', { replace: true }) })
      }
      nav={
        <>
          <NavLink to="/console/workspaces">Workspaces</NavLink>
          <NavLink to="/console/api-keys">API keys</NavLink>
          <NavLink to="/console/branding">Branding</NavLink>
          <NavLink to="/console/webhooks">Webhooks</NavLink>
        </>
      }
    />
  );
}
