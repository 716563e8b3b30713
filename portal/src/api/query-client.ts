/**
 * The page's one QueryClient. A session can end while a page is open: it expires, is signed out
 * in another tab, is ended by a password reset or the deletion of its user, or (in the console)
 * its API key is revoked. Every call then answers 401, and pages that poll would show "could not
 * be loaded" forever. So any 401 makes the client ask each live session again; one that has ended
 * becomes null, and the guards (RequireSession, ConsoleShell) send the person to sign in. The 401
 * alone does not say which session ended (a console call can carry a stale portal cookie), hence
 * the second question rather than signing out on the spot.
 */
import { MutationCache, QueryCache, QueryClient, type QueryKey } from '@tanstack/react-query';
import { ApiError } from './api-error.ts';

/** A session the page may hold: the query that reads it, and what to drop once it has ended. */
export type SessionScope = {
  /** The query whose data is the session, or null when there is none. */
  key: QueryKey;
  /** Drops what was read with the session, so the next one starts clean. */
  forget: (queryClient: QueryClient) => void;
};

/** A QueryClient that re-checks `sessions` whenever a query or a mutation meets a 401. */
export function createQueryClient(sessions: readonly SessionScope[]): QueryClient {
  const onError = (error: Error) => {
    if (error instanceof ApiError && error.status === 401) void recheckSessions(queryClient, sessions);
  };
  const queryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } },
  });
  return queryClient;
}

async function recheckSessions(queryClient: QueryClient, sessions: readonly SessionScope[]): Promise<void> {
  await Promise.all(
    sessions.map(async (session) => {
      // Only a session believed live can have ended (a wrong password's 401 needs no second look).
      if (!queryClient.getQueryData(session.key)) return;
      // Several polls fail together: they share one re-check instead of cancelling each other's.
      await queryClient.refetchQueries({ queryKey: session.key, exact: true }, { cancelRefetch: false });
      if (queryClient.getQueryData(session.key) === null) session.forget(queryClient);
    }),
  );
}
