import { createContext, useContext } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { type PortalSession, useSession } from '../../api/queries.ts';

const SessionContext = createContext<PortalSession | null>(null);

/** The signed-in session; only available below RequireSession. */
export function useCurrentSession(): PortalSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useCurrentSession is used outside RequireSession.');
  return session;
}

/** Renders its routes for a signed-in user; sends anyone else to /login and back afterwards. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();

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
  if (!session.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <SessionContext.Provider value={session.data}>
      <Outlet />
    </SessionContext.Provider>
  );
}
