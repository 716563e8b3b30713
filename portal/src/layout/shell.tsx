import { NavLink, useNavigate } from 'react-router';
import { useApprovalQueue, useSignOut } from '../api/queries.ts';
import { queueCountLabel } from '../features/approvals/queue-count.ts';
import { useCurrentSession } from '../features/auth/require-session.tsx';
import { Frame } from './frame.tsx';

/** The signed-in frame: brand, workspace, settings navigation and sign-out. */
export function Shell() {
  const session = useCurrentSession();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const waiting = queueCountLabel(useApprovalQueue(session.workspace.id).data);

  return (
    <Frame
      title={session.workspace.name}
      identity={<span className="user-email">{session.user.email}</span>}
      navLabel="Portal"
      signingOut={signOut.isPending}
      onSignOut={() => signOut.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
      nav={
        <>
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
        </>
      }
    />
  );
}
