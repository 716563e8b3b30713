import { Navigate, NavLink, Outlet, useNavigate } from 'react-router';
import { BrandMark } from '../../layout/brand-mark.tsx';
import { useBrand } from '../../theme/brand-gate.tsx';
import { useConsoleSession, useConsoleSignOut } from './console-queries.ts';

/** The console's signed-in frame (the portal shell's look); anyone else goes to /console/login. */
export function ConsoleShell() {
  const session = useConsoleSession();
  const brand = useBrand();
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
    <div className="shell">
      <header className="topbar">
        <BrandMark />
        <span className="workspace-name">Partner console</span>
        <span className="spacer" />
        <span className="badge">{session.data.mode === 'live' ? 'Live' : 'Test'} key</span>
        <button
          type="button"
          className="secondary"
          disabled={signOut.isPending}
          onClick={() =>
            signOut.mutate(undefined, { onSettled: () => navigate('/console/login', { replace: true }) })
          }
        >
          {signOut.isPending ? 'Signing out…' : 'Sign out'}
        </button>
      </header>
      <div className="layout">
        <nav aria-label="Console" className="sidenav">
          <NavLink to="/console/workspaces">Workspaces</NavLink>
          <NavLink to="/console/api-keys">API keys</NavLink>
          <NavLink to="/console/branding">Branding</NavLink>
          <NavLink to="/console/webhooks">Webhooks</NavLink>
        </nav>
        <main className="content">
          <Outlet />
        </main>
      </div>
      {brand.support_email ? (
        <footer className="footer">
          Need help? <a href={`mailto:${brand.support_email}`}>{brand.support_email}</a>
        </footer>
      ) : null}
    </div>
  );
}
