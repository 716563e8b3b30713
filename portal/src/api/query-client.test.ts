import { MutationObserver, type QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './api-error.ts';
import { createQueryClient } from './query-client.ts';

const unauthenticated = () =>
  new ApiError(401, { error: { code: 'unauthenticated', message: 'Sign in again.', request_id: 'r' } }, null);

const clients: QueryClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.clear();
});

/**
 * A page with a portal and a console session (each alive on the server until `end` is called),
 * the workspace's drafts and the console's workspaces already read, and the brand.
 */
async function signedInPage() {
  const alive = { portal: true, console: true };
  const asked = { portal: 0, console: 0 };
  const forgot: string[] = [];
  const queryClient = createQueryClient([
    { key: ['session'], forget: () => forgot.push('portal') },
    { key: ['console', 'session'], forget: () => forgot.push('console') },
  ]);
  clients.push(queryClient);
  await queryClient.fetchQuery({
    queryKey: ['session'],
    queryFn: () => {
      asked.portal += 1;
      return alive.portal ? { user_id: 'usr_1' } : null;
    },
  });
  await queryClient.fetchQuery({
    queryKey: ['console', 'session'],
    queryFn: () => {
      asked.console += 1;
      return alive.console ? { api_key_id: 'key_1' } : null;
    },
  });
  asked.portal = asked.console = 0;
  /** A poll (or, with `mutation`, a change) that the API answers with `status`. */
  const fail = async (status: number, options: { mutation?: boolean } = {}) => {
    const error = status === 401 ? unauthenticated() : new Error(`HTTP ${status}`);
    const call = options.mutation
      ? new MutationObserver(queryClient, { mutationFn: () => Promise.reject(error) }).mutate()
      : queryClient.fetchQuery({
          queryKey: ['drafts', 'ws_1'],
          queryFn: () => Promise.reject(error),
          retry: 0,
        });
    await call.catch(() => {});
  };
  return { queryClient, alive, asked, forgot, fail };
}

describe('createQueryClient', () => {
  it('asks again after a 401 and empties a session that has ended, so the guards send to sign-in', async () => {
    const page = await signedInPage();
    page.alive.portal = false;
    await page.fail(401);
    await vi.waitFor(() => expect(page.forgot).toEqual(['portal']));
    expect(page.queryClient.getQueryData(['session'])).toBeNull();
    // The console's session was still good: it stays.
    await vi.waitFor(() => expect(page.asked.console).toBe(1));
    expect(page.queryClient.getQueryData(['console', 'session'])).toEqual({ api_key_id: 'key_1' });
  });

  it('does the same for a change refused with 401, e.g. after the console’s key was revoked', async () => {
    const page = await signedInPage();
    page.alive.console = false;
    await page.fail(401, { mutation: true });
    await vi.waitFor(() => expect(page.forgot).toEqual(['console']));
    expect(page.queryClient.getQueryData(['console', 'session'])).toBeNull();
    expect(page.queryClient.getQueryData(['session'])).toEqual({ user_id: 'usr_1' });
  });

  it('keeps a session the API still knows, and re-checks nothing on other errors', async () => {
    const page = await signedInPage();
    await page.fail(500);
    await page.fail(403);
    expect(page.asked).toEqual({ portal: 0, console: 0 });
    await page.fail(401);
    await vi.waitFor(() => expect(page.asked).toEqual({ portal: 1, console: 1 }));
    expect(page.queryClient.getQueryData(['session'])).toEqual({ user_id: 'usr_1' });
    expect(page.forgot).toEqual([]);
  });

  it('does not ask about a session that is already known to be over', async () => {
    const page = await signedInPage();
    page.queryClient.setQueryData(['session'], null);
    page.queryClient.removeQueries({ queryKey: ['console', 'session'] });
    await page.fail(401, { mutation: true });
    expect(page.asked).toEqual({ portal: 0, console: 0 });
  });
});
