import type { AnyRoute } from '../routing/router.ts';
import { createApiKey } from './api-keys/create-api-key.ts';
import { listApiKeys } from './api-keys/list-api-keys.ts';
import { revokeApiKey } from './api-keys/revoke-api-key.ts';
import { getBranding } from './branding/get-branding.ts';
import { updateBranding } from './branding/update-branding.ts';
import { getBusinessContext } from './business-context/get-business-context.ts';
import { replaceBusinessContext } from './business-context/replace-business-context.ts';
import { createConnectSession } from './connections/create-connect-session.ts';
import { disconnectConnection } from './connections/disconnect-connection.ts';
import { getConnection } from './connections/get-connection.ts';
import { listConnections } from './connections/list-connections.ts';
import { createConsoleSession } from './console-sessions/create-console-session.ts';
import { deleteCurrentConsoleSession } from './console-sessions/delete-current-console-session.ts';
import { getCurrentConsoleSession } from './console-sessions/get-current-console-session.ts';
import { eraseContact } from './conversations/erase-contact.ts';
import { getConversation } from './conversations/get-conversation.ts';
import { listConversations } from './conversations/list-conversations.ts';
import { listMessages } from './conversations/list-messages.ts';
import { approveDraft } from './drafts/approve-draft.ts';
import { createDraftPreview } from './drafts/create-draft-preview.ts';
import { getDraft } from './drafts/get-draft.ts';
import { listDrafts } from './drafts/list-drafts.ts';
import { rejectDraft } from './drafts/reject-draft.ts';
import { listEvidence } from './evidence/list-evidence.ts';
import { verifyEvidence } from './evidence/verify-evidence.ts';
import { getHealth } from './health/get-health.ts';
import { getReadiness } from './health/get-readiness.ts';
import { getReviewRules } from './review-rules/get-review-rules.ts';
import { replaceReviewRules } from './review-rules/replace-review-rules.ts';
import { createSession } from './sessions/create-session.ts';
import { deleteCurrentSession } from './sessions/delete-current-session.ts';
import { getCurrentSession } from './sessions/get-current-session.ts';
import { getPortalBranding } from './sessions/get-portal-branding.ts';
import { redeemSignInLink } from './sessions/redeem-sign-in-link.ts';
import { createSignInLink } from './users/create-sign-in-link.ts';
import { createUser } from './users/create-user.ts';
import { deleteUser } from './users/delete-user.ts';
import { getUser } from './users/get-user.ts';
import { listUsers } from './users/list-users.ts';
import { createWebhookEndpoint } from './webhook-endpoints/create-webhook-endpoint.ts';
import { deleteWebhookEndpoint } from './webhook-endpoints/delete-webhook-endpoint.ts';
import { getWebhookEndpoint } from './webhook-endpoints/get-webhook-endpoint.ts';
import { listWebhookAttempts } from './webhook-endpoints/list-webhook-attempts.ts';
import { listWebhookEndpoints } from './webhook-endpoints/list-webhook-endpoints.ts';
import { recoverWebhookEndpoint } from './webhook-endpoints/recover-webhook-endpoint.ts';
import { resendWebhookEvent } from './webhook-endpoints/resend-webhook-event.ts';
import { rotateWebhookEndpointSecret } from './webhook-endpoints/rotate-webhook-endpoint-secret.ts';
import { updateWebhookEndpoint } from './webhook-endpoints/update-webhook-endpoint.ts';
import { createWebhookPortalSession } from './webhook-portal-sessions/create-webhook-portal-session.ts';
import { createWorkspace } from './workspaces/create-workspace.ts';
import { deleteWorkspace } from './workspaces/delete-workspace.ts';
import { getWorkspace } from './workspaces/get-workspace.ts';
import { listWorkspaces } from './workspaces/list-workspaces.ts';
import { updateWorkspace } from './workspaces/update-workspace.ts';

/** Every implemented operation; a test checks this matches the spec's operations one to one. */
export const routes: readonly AnyRoute[] = [
  getHealth,
  getReadiness,
  listWorkspaces,
  createWorkspace,
  getWorkspace,
  updateWorkspace,
  deleteWorkspace,
  listApiKeys,
  createApiKey,
  revokeApiKey,
  getBusinessContext,
  replaceBusinessContext,
  getReviewRules,
  replaceReviewRules,
  getBranding,
  updateBranding,
  createConnectSession,
  listConnections,
  getConnection,
  disconnectConnection,
  listConversations,
  getConversation,
  eraseContact,
  listMessages,
  listEvidence,
  verifyEvidence,
  createDraftPreview,
  listDrafts,
  getDraft,
  approveDraft,
  rejectDraft,
  listUsers,
  createUser,
  getUser,
  deleteUser,
  createSignInLink,
  createSession,
  redeemSignInLink,
  getCurrentSession,
  deleteCurrentSession,
  getPortalBranding,
  listWebhookEndpoints,
  createWebhookEndpoint,
  getWebhookEndpoint,
  updateWebhookEndpoint,
  deleteWebhookEndpoint,
  rotateWebhookEndpointSecret,
  listWebhookAttempts,
  recoverWebhookEndpoint,
  resendWebhookEvent,
  createWebhookPortalSession,
  createConsoleSession,
  getCurrentConsoleSession,
  deleteCurrentConsoleSession,
];
