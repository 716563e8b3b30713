import { NavLink, Outlet, useNavigate } from 'react-router';
import { useApprovalQueue, useSignOut } from '../api/queries.ts';
import { queueCountLabel } from '../features/approvals/queue-count.ts';
import { useCurrentSession } from '../features/auth/require-session.tsx';
import { useBrand } from '../theme/brand-gate.tsx';
import { BrandMark } from './brand-mark.tsx';

/** The signed-in frame: brand, workspace, settings navigation and sign-out. */
export function Shell() {
  const session = useCurrentSession();
  const brand = useBrand();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const waiting = queueCountLabel(useApprovalQueue(session.workspace.id).data);

  return (
    <div className="shell">
      <header className="topbar">
        <BrandMark />
        <span className="workspace-name">{session.workspace.name}</span>
        <span className="spacer" />
        <span className="user-email">{session.user.email}</span>
        <button
          type="button"
          className="secondary"
          disabled={signOut.isPending}
          onClick={() =>
            signOut.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })
          }
        >
          {signOut.isPending ? 'Signing out…' : 'Sign out'}
        </button>
      </header>
      <div className="layout">
        <nav aria-label="Portal" className="sidenav">
          <NavLink to="/inbox">Inbox</NavLink>
          <NavLink to="/approvals" className="nav-with-count">
            Approvals
            {waiting ? (
              <span className="nav-count" data-testid="approvals-count">
                {waiting}
                <span className="visually-hidden"> waiting</span>
              </span>
            ) : null}
          </NavLink>
          <p className="nav-heading">Settings</p>
          <NavLink to="/settings/integrations">Integrations</NavLink>
          <NavLink to="/settings/business">Business</NavLink>
          <NavLink to="/settings/review-rules">Review rules</NavLink>
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
