/**
 * The query layer: one hook per thing a screen reads or changes, each one SDK call. Server state
 * lives in TanStack Query's cache; a mutation invalidates exactly what it changed.
 */
import type { components } from '@laras/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PortalBrand } from '../theme/brand.ts';
import { ApiError, laras, setCsrfToken, unwrap } from './client.ts';

export type PortalSession = components['schemas']['PortalSession'];
export type Connection = components['schemas']['Connection'];
export type Channel = components['schemas']['Channel'];

const keys = {
  branding: ['branding'] as const,
  session: ['session'] as const,
  connections: (workspaceId: string) => ['connections', workspaceId] as const,
};

function remember(session: PortalSession): PortalSession {
  setCsrfToken(session.csrf_token);
  return session;
}

/** The brand of the partner whose hostname this portal is served on. */
export function useBranding() {
  return useQuery({
    queryKey: keys.branding,
    queryFn: (): Promise<PortalBrand> => unwrap(laras.getPortalBranding()),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The signed-in session, or null when there is none (401). */
export function useSession() {
  return useQuery({
    queryKey: keys.session,
    queryFn: async (): Promise<PortalSession | null> => {
      try {
        return remember(await unwrap(laras.getCurrentSession()));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          setCsrfToken(undefined);
          return null;
        }
        throw error;
      }
    },
    retry: false,
  });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { email: string; password: string }) =>
      remember(await unwrap(laras.createSession({ body: input }))),
    onSuccess: (session) => queryClient.setQueryData(keys.session, session),
  });
}

export function useRedeemLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { token: string; password?: string }) =>
      remember(await unwrap(laras.redeemSignInLink({ body: input }))),
    onSuccess: (session) => queryClient.setQueryData(keys.session, session),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(laras.deleteCurrentSession()),
    onSettled: () => {
      setCsrfToken(undefined);
      queryClient.setQueryData(keys.session, null);
      queryClient.removeQueries({ queryKey: ['connections'] });
    },
  });
}

/** The workspace's connections that are not disconnected. */
export function useConnections(workspaceId: string) {
  return useQuery({
    queryKey: keys.connections(workspaceId),
    queryFn: async (): Promise<Connection[]> => {
      const page = await unwrap(
        laras.listConnections({ params: { path: { workspace_id: workspaceId }, query: { limit: 100 } } }),
      );
      return page.data.filter((connection) => connection.status !== 'disconnected');
    },
  });
}

/** Starts a connect flow: a single-use link that comes back to `returnUrl` when it ends. */
export function useStartConnect(workspaceId: string) {
  return useMutation({
    mutationFn: (input: { channel: Channel; returnUrl: string }) =>
      unwrap(
        laras.createConnectSession({
          params: { path: { workspace_id: workspaceId } },
          body: { channel: input.channel, return_url: input.returnUrl },
        }),
      ),
  });
}

export function useDisconnect(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (connectionId: string) =>
      unwrap(
        laras.disconnectConnection({
          params: { path: { workspace_id: workspaceId, connection_id: connectionId } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.connections(workspaceId) }),
  });
}

export type Conversation = components['schemas']['Conversation'];
export type Message = components['schemas']['Message'];

/** How often the inbox asks for news: new messages show within a few seconds, no reload. */
export const INBOX_REFRESH_MS = 3_000;

/** The workspace's threads, latest activity first, kept fresh. */
export function useConversations(workspaceId: string) {
  return useQuery({
    queryKey: ['conversations', workspaceId],
    queryFn: async (): Promise<Conversation[]> => {
      const page = await unwrap(
        laras.listConversations({ params: { path: { workspace_id: workspaceId }, query: { limit: 50 } } }),
      );
      return page.data;
    },
    refetchInterval: INBOX_REFRESH_MS,
  });
}

export function useConversation(workspaceId: string, conversationId: string) {
  return useQuery({
    queryKey: ['conversation', workspaceId, conversationId],
    queryFn: () =>
      unwrap(
        laras.getConversation({
          params: { path: { workspace_id: workspaceId, conversation_id: conversationId } },
        }),
      ),
    refetchInterval: INBOX_REFRESH_MS,
  });
}

/** The latest messages of a thread, oldest first for reading, kept fresh. */
export function useMessages(workspaceId: string, conversationId: string) {
  return useQuery({
    queryKey: ['messages', workspaceId, conversationId],
    queryFn: async (): Promise<Message[]> => {
      const page = await unwrap(
        laras.listMessages({
          params: {
            path: { workspace_id: workspaceId, conversation_id: conversationId },
            query: { limit: 50 },
          },
        }),
      );
      return [...page.data].reverse();
    },
    refetchInterval: INBOX_REFRESH_MS,
  });
}
