/**
 * The query layer: one hook per thing a screen reads or changes, each one SDK call. Server state
 * lives in TanStack Query's cache; a mutation invalidates exactly what it changed.
 */
import type { components } from '@laras/sdk';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PortalBrand } from '../theme/brand.ts';
import { ApiError, unwrap } from './api-error.ts';
import { laras, setCsrfToken } from './client.ts';
import type { SessionScope } from './query-client.ts';

export type PortalSession = components['schemas']['PortalSession'];
export type Connection = components['schemas']['Connection'];
export type Channel = components['schemas']['Channel'];

const keys = {
  branding: ['branding'] as const,
  session: ['session'] as const,
  connections: (workspaceId: string) => ['connections', workspaceId] as const,
};

/**
 * Nothing of the workspace outlives the session. The brand and the session itself stay, and so do
 * the console's queries, which belong to the console's own session.
 */
function forgetWorkspaceData(queryClient: QueryClient): void {
  const kept = new Set(['branding', 'session', 'console']);
  queryClient.removeQueries({ predicate: (query) => !kept.has(String(query.queryKey[0])) });
}

/** The portal session, for the QueryClient to re-check when a call meets a 401. */
export const portalSession: SessionScope = { key: keys.session, forget: forgetWorkspaceData };

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

/** Reads the brand again after the partner changed it: it is otherwise kept for the page's life. */
export function refreshBranding(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: keys.branding });
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
      forgetWorkspaceData(queryClient);
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

/**
 * Erases one customer's data (their request): everything the workspace shows of them changes, so
 * their threads, messages and the approval queue are read again.
 */
export function useEraseContact(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contactId: string) =>
      unwrap(laras.eraseContact({ params: { path: { workspace_id: workspaceId, contact_id: contactId } } })),
    onSettled: () =>
      Promise.all(
        ['conversations', 'conversation', 'messages', 'drafts'].map((key) =>
          queryClient.invalidateQueries({ queryKey: [key, workspaceId] }),
        ),
      ),
  });
}

export type Draft = components['schemas']['Draft'];
export type Citation = components['schemas']['Citation'];
export type BusinessContext = components['schemas']['BusinessContext'];
export type BusinessContextInput = components['schemas']['BusinessContextInput'];
export type ReviewRules = components['schemas']['ReviewRules'];
export type ReviewRulesInput = components['schemas']['ReviewRulesInput'];

/** How often the approval queue asks for news: a new draft shows within about two seconds. */
export const QUEUE_REFRESH_MS = 2_000;

/** The most drafts the queue shows at once; the nav badge says "99+" past it. */
export const QUEUE_PAGE_SIZE = 100;

const queueKey = (workspaceId: string) => ['drafts', workspaceId, 'pending_approval'] as const;

/** The drafts waiting for a person (newest first), kept fresh so approved ones leave on their own. */
export function useApprovalQueue(workspaceId: string) {
  return useQuery({
    queryKey: queueKey(workspaceId),
    queryFn: () =>
      unwrap(
        laras.listDrafts({
          params: {
            path: { workspace_id: workspaceId },
            query: { state: 'pending_approval', limit: QUEUE_PAGE_SIZE },
          },
        }),
      ),
    refetchInterval: QUEUE_REFRESH_MS,
  });
}

/** Approves a waiting draft, with the edited text when the person changed it. */
export function useApproveDraft(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { draftId: string; text?: string }) =>
      unwrap(
        laras.approveDraft({
          params: { path: { workspace_id: workspaceId, draft_id: input.draftId } },
          body: input.text === undefined ? {} : { text: input.text },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queueKey(workspaceId) }),
  });
}

export function useRejectDraft(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { draftId: string; reason: string }) =>
      unwrap(
        laras.rejectDraft({
          params: { path: { workspace_id: workspaceId, draft_id: input.draftId } },
          body: { reason: input.reason },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queueKey(workspaceId) }),
  });
}

const businessContextKey = (workspaceId: string) => ['business-context', workspaceId] as const;

/** What the drafter knows about the business: profile, catalog, policies, FAQs. */
export function useBusinessContext(workspaceId: string) {
  return useQuery({
    queryKey: businessContextKey(workspaceId),
    queryFn: () => unwrap(laras.getBusinessContext({ params: { path: { workspace_id: workspaceId } } })),
  });
}

export function useReplaceBusinessContext(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BusinessContextInput) =>
      unwrap(laras.replaceBusinessContext({ params: { path: { workspace_id: workspaceId } }, body })),
    onSuccess: (stored) => queryClient.setQueryData(businessContextKey(workspaceId), stored),
  });
}

const reviewRulesKey = (workspaceId: string) => ['review-rules', workspaceId] as const;

/** When replies go out without a click, and what always waits for a person. */
export function useReviewRules(workspaceId: string) {
  return useQuery({
    queryKey: reviewRulesKey(workspaceId),
    queryFn: () => unwrap(laras.getReviewRules({ params: { path: { workspace_id: workspaceId } } })),
  });
}

export function useReplaceReviewRules(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewRulesInput) =>
      unwrap(laras.replaceReviewRules({ params: { path: { workspace_id: workspaceId } }, body })),
    onSuccess: (stored) => queryClient.setQueryData(reviewRulesKey(workspaceId), stored),
  });
}
