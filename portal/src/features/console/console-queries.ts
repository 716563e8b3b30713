/**
 * The console's query layer: one hook per thing a console screen reads or changes, each one SDK
 * call through the console client. Keys start with `console` so signing out drops them all. Lists
 * are infinite queries over `next_cursor` ("Load more"); invalidating one reads its pages again.
 */
import type { components } from '@laras/sdk';
import {
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { ApiError, unwrap } from '../../api/api-error.ts';
import { refreshBranding } from '../../api/queries.ts';
import type { SessionScope } from '../../api/query-client.ts';
import { consoleApi, setConsoleCsrfToken } from './console-client.ts';
import { nextCursor, PAGE_SIZE } from './paged-list.ts';

export type ConsoleSession = components['schemas']['ConsoleSession'];
export type Workspace = components['schemas']['Workspace'];
export type ApiKey = components['schemas']['ApiKey'];
export type WebhookEndpoint = components['schemas']['WebhookEndpoint'];
export type WebhookAttempt = components['schemas']['WebhookAttempt'];
type WebhookEndpointList = components['schemas']['WebhookEndpointList'];

/** A list's first page is read without a cursor; each next one with the previous page's. */
const firstPage = undefined as string | undefined;

const keys = {
  session: ['console', 'session'] as const,
  workspaces: ['console', 'workspaces'] as const,
  status: (workspaceId: string) => ['console', 'status', workspaceId] as const,
  apiKeys: ['console', 'api-keys'] as const,
  branding: ['console', 'branding'] as const,
  endpoints: ['console', 'endpoints'] as const,
  attempts: (endpointId: string) => ['console', 'attempts', endpointId] as const,
};

/** Drops everything the console read, keeping the session query (its observers stay attached). */
function forgetConsoleData(queryClient: QueryClient): void {
  queryClient.removeQueries({
    predicate: (query) => query.queryKey[0] === 'console' && query.queryKey[1] !== 'session',
  });
}

/** The console session, for the QueryClient to re-check when a call meets a 401 (a revoked key). */
export const consoleSession: SessionScope = { key: keys.session, forget: forgetConsoleData };

function remember(session: ConsoleSession): ConsoleSession {
  setConsoleCsrfToken(session.csrf_token);
  return session;
}

/** The console session, or null when there is none (401). */
export function useConsoleSession() {
  return useQuery({
    queryKey: keys.session,
    queryFn: async (): Promise<ConsoleSession | null> => {
      try {
        return remember(await unwrap(consoleApi.getCurrentConsoleSession()));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          setConsoleCsrfToken(undefined);
          return null;
        }
        throw error;
      }
    },
    retry: false,
  });
}

export function useConsoleSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (apiKey: string) =>
      remember(await unwrap(consoleApi.createConsoleSession({ body: { api_key: apiKey } }))),
    onSuccess: (session) => queryClient.setQueryData(keys.session, session),
  });
}

export function useConsoleSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(consoleApi.deleteCurrentConsoleSession()),
    onSettled: () => {
      setConsoleCsrfToken(undefined);
      forgetConsoleData(queryClient);
      queryClient.setQueryData(keys.session, null);
    },
  });
}

/** The partner's workspaces, a page at a time. */
export function useWorkspaces() {
  return useInfiniteQuery({
    queryKey: keys.workspaces,
    queryFn: ({ pageParam }) =>
      unwrap(
        consoleApi.listWorkspaces({ params: { query: { limit: PAGE_SIZE.workspaces, cursor: pageParam } } }),
      ),
    initialPageParam: firstPage,
    getNextPageParam: nextCursor,
  });
}

export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; external_id?: string }) =>
      unwrap(consoleApi.createWorkspace({ body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.workspaces }),
  });
}

/** A workspace at a glance: its connections, pending drafts and recent conversations. */
export function useWorkspaceStatus(workspaceId: string) {
  return useQuery({
    queryKey: keys.status(workspaceId),
    queryFn: async () => {
      const path = { workspace_id: workspaceId };
      const [connections, drafts, conversations] = await Promise.all([
        unwrap(consoleApi.listConnections({ params: { path, query: { limit: 100 } } })),
        unwrap(consoleApi.listDrafts({ params: { path, query: { state: 'pending_approval', limit: 20 } } })),
        unwrap(consoleApi.listConversations({ params: { path, query: { limit: 5 } } })),
      ]);
      return { connections, drafts, conversations };
    },
  });
}

/** The partner's API keys, a page at a time. */
export function useApiKeys() {
  return useInfiniteQuery({
    queryKey: keys.apiKeys,
    queryFn: ({ pageParam }) =>
      unwrap(consoleApi.listApiKeys({ params: { query: { limit: PAGE_SIZE.apiKeys, cursor: pageParam } } })),
    initialPageParam: firstPage,
    getNextPageParam: nextCursor,
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; mode: 'test' | 'live' }) =>
      unwrap(consoleApi.createApiKey({ body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (apiKeyId: string) =>
      unwrap(consoleApi.revokeApiKey({ params: { path: { api_key_id: apiKeyId } } })),
    onSuccess: (revoked) => {
      const session = queryClient.getQueryData<ConsoleSession | null>(keys.session);
      if (session?.api_key_id === revoked.id) {
        // Revoking the session's own key ended the session in the API: sign out here too.
        setConsoleCsrfToken(undefined);
        forgetConsoleData(queryClient);
        queryClient.setQueryData(keys.session, null);
        return;
      }
      return queryClient.invalidateQueries({ queryKey: keys.apiKeys });
    },
  });
}

export function useConsoleBranding() {
  return useQuery({ queryKey: keys.branding, queryFn: () => unwrap(consoleApi.getBranding()) });
}

export function useUpdateBranding() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['UpdateBrandingRequest']) =>
      unwrap(consoleApi.updateBranding({ body })),
    onSuccess: (branding) => {
      queryClient.setQueryData(keys.branding, branding);
      // The console wears its hostname's brand too (usually this partner's): show the new one now.
      return refreshBranding(queryClient);
    },
  });
}

type EndpointsPage = { kind: 'builtin'; page: WebhookEndpointList } | { kind: 'svix' };

/**
 * The built-in endpoints, a page at a time, or (a first page of kind `svix`) the deployment sends
 * through the Svix App Portal (409).
 */
export function useWebhookEndpoints() {
  return useInfiniteQuery({
    queryKey: keys.endpoints,
    queryFn: async ({ pageParam }): Promise<EndpointsPage> => {
      try {
        const query = { limit: PAGE_SIZE.endpoints, cursor: pageParam };
        return {
          kind: 'builtin',
          page: await unwrap(consoleApi.listWebhookEndpoints({ params: { query } })),
        };
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) return { kind: 'svix' };
        throw error;
      }
    },
    initialPageParam: firstPage,
    getNextPageParam: (last) => (last.kind === 'builtin' ? nextCursor(last.page) : undefined),
  });
}

export function useCreateWebhookEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: components['schemas']['CreateWebhookEndpointRequest']) =>
      unwrap(consoleApi.createWebhookEndpoint({ body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.endpoints }),
  });
}

export function useSetEndpointDisabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { endpointId: string; disabled: boolean }) =>
      unwrap(
        consoleApi.updateWebhookEndpoint({
          params: { path: { endpoint_id: input.endpointId } },
          body: { disabled: input.disabled },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.endpoints }),
  });
}

/** Changes an endpoint's URL, description or event filter (`event_types: null` is every type). */
export function useUpdateWebhookEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      endpointId: string;
      body: components['schemas']['UpdateWebhookEndpointRequest'];
    }) =>
      unwrap(
        consoleApi.updateWebhookEndpoint({
          params: { path: { endpoint_id: input.endpointId } },
          body: input.body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.endpoints }),
  });
}

/** Deletes an endpoint: nothing more is delivered to it, and its delivery history goes with it. */
export function useDeleteWebhookEndpoint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (endpointId: string) =>
      unwrap(consoleApi.deleteWebhookEndpoint({ params: { path: { endpoint_id: endpointId } } })),
    onSuccess: (_deleted, endpointId) => {
      queryClient.removeQueries({ queryKey: keys.attempts(endpointId) });
      return queryClient.invalidateQueries({ queryKey: keys.endpoints });
    },
  });
}

/** A new signing secret (answered once); the old one keeps signing alongside it for 24 hours. */
export function useRotateEndpointSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (endpointId: string) =>
      unwrap(consoleApi.rotateWebhookEndpointSecret({ params: { path: { endpoint_id: endpointId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.endpoints }),
  });
}

/** Sends one event to the endpoint again now, whatever came of its earlier attempts. */
export function useResendWebhookEvent() {
  return useMutation({
    mutationFn: (input: { endpointId: string; eventId: string }) =>
      unwrap(
        consoleApi.resendWebhookEvent({
          params: { path: { endpoint_id: input.endpointId, event_id: input.eventId } },
        }),
      ),
  });
}

/** Sends again every delivery to the endpoint that failed for an event since `since` (ISO). */
export function useRecoverWebhookEndpoint() {
  return useMutation({
    mutationFn: (input: { endpointId: string; since: string }) =>
      unwrap(
        consoleApi.recoverWebhookEndpoint({
          params: { path: { endpoint_id: input.endpointId } },
          body: { since: input.since },
        }),
      ),
  });
}

/** The endpoint's delivery attempts, newest first, a page at a time. */
export function useWebhookAttempts(endpointId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: keys.attempts(endpointId),
    queryFn: ({ pageParam }) =>
      unwrap(
        consoleApi.listWebhookAttempts({
          params: {
            path: { endpoint_id: endpointId },
            query: { limit: PAGE_SIZE.attempts, cursor: pageParam },
          },
        }),
      ),
    initialPageParam: firstPage,
    getNextPageParam: nextCursor,
    enabled,
  });
}

export function useOpenWebhookPortal() {
  return useMutation({ mutationFn: () => unwrap(consoleApi.createWebhookPortalSession()) });
}
