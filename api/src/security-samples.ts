/**
 * What the security matrix (security.int.test.ts) calls each operation with: path parameters drawn
 * from the resources one workspace owns, and a body that is valid, so a caller who is allowed gets
 * the operation's success status. Also the rows those resources are made of.
 */
import { randomInt } from 'node:crypto';
import { newId, type WorkspaceScope } from '@laras/core';
import { recordInboundMessage } from '@laras/core/conversations';
import { draftForMessage } from '@laras/core/drafts';
import type { OperationId } from '@laras/openapi';
import { operationIndex } from '@laras/openapi';
import type { TestApi } from '@laras/testkit';

/** Operations without an API key: health probes, and the portal's own sign-in and session. */
export type PortalOperation =
  | 'createSession'
  | 'redeemSignInLink'
  | 'getCurrentSession'
  | 'deleteCurrentSession'
  | 'getPortalBranding'
  | 'createConsoleSession'
  | 'getCurrentConsoleSession'
  | 'deleteCurrentConsoleSession';
export type PartnerOperation = Exclude<OperationId, 'getHealth' | 'getReadiness' | PortalOperation>;
/** The portal operations a signed-in user calls on their own session. */
export type SessionOperation = Extract<PortalOperation, 'getCurrentSession' | 'deleteCurrentSession'>;
export type Owned = {
  workspaceId: string;
  apiKeyId: string;
  connectionId: string;
  userId: string;
  conversationId: string;
  contactId: string;
  draftId: string;
  webhookEndpointId: string;
  eventId: string;
};
export type Sample = {
  params: (owned: Owned) => Record<string, string>;
  body?: unknown;
  /**
   * `not_found`: another partner must get 404; `own_data`: it answers about the caller only;
   * `conflict`: this deployment refuses it to everyone (409), its cross-tenant test is elsewhere.
   */
  crossTenant: 'not_found' | 'own_data' | 'conflict';
  /** The call signs its caller out, so it needs a session of its own. */
  endsSession?: true;
};

export const samples: Record<PartnerOperation, Sample> = {
  listWorkspaces: { params: () => ({}), crossTenant: 'own_data' },
  createWorkspace: { params: () => ({}), body: { name: 'Probe' }, crossTenant: 'own_data' },
  getWorkspace: { params: (o) => ({ workspace_id: o.workspaceId }), crossTenant: 'not_found' },
  updateWorkspace: {
    params: (o) => ({ workspace_id: o.workspaceId }),
    body: { name: 'Hijacked' },
    crossTenant: 'not_found',
  },
  deleteWorkspace: { params: (o) => ({ workspace_id: o.workspaceId }), crossTenant: 'not_found' },
  getBusinessContext: { params: (o) => ({ workspace_id: o.workspaceId }), crossTenant: 'not_found' },
  replaceBusinessContext: {
    params: (o) => ({ workspace_id: o.workspaceId }),
    body: { business: { name: 'Hijacked', description: '', tone: '', languages: ['en'] } },
    crossTenant: 'not_found',
  },
  getReviewRules: { params: (o) => ({ workspace_id: o.workspaceId }), crossTenant: 'not_found' },
  replaceReviewRules: {
    params: (o) => ({ workspace_id: o.workspaceId }),
    body: { auto_send: { whatsapp: true } },
    crossTenant: 'not_found',
  },
  listApiKeys: { params: () => ({}), crossTenant: 'own_data' },
  createApiKey: { params: () => ({}), body: { name: 'Probe' }, crossTenant: 'own_data' },
  revokeApiKey: { params: (o) => ({ api_key_id: o.apiKeyId }), crossTenant: 'not_found' },
  getBranding: { params: () => ({}), crossTenant: 'own_data' },
  updateBranding: { params: () => ({}), body: { display_name: 'Probe' }, crossTenant: 'own_data' },
  createConnectSession: {
    params: (o) => ({ workspace_id: o.workspaceId }),
    body: { channel: 'whatsapp' },
    crossTenant: 'not_found',
  },
  listConnections: { params: (o) => ({ workspace_id: o.workspaceId }), crossTenant: 'not_found' },
  getConnection: {
    params: (o) => ({ workspace_id: o.workspaceId, connection_id: o.connectionId }),
    crossTenant: 'not_found',
  },
  disconnectConnection: {
    params: (o) => ({ workspace_id: o.workspaceId, connection_id: o.connectionId }),
    crossTenant: 'not_found',
  },
  listConversations: { params: (o) => ({ workspace_id: o.workspaceId }), crossTenant: 'not_found' },
  getConversation: {
    params: (o) => ({ workspace_id: o.workspaceId, conversation_id: o.conversationId }),
    crossTenant: 'not_found',
  },
  listMessages: {
    params: (o) => ({ workspace_id: o.workspaceId, conversation_id: o.conversationId }),
    crossTenant: 'not_found',
  },
  listDrafts: { params: (o) => ({ workspace_id: o.workspaceId }), crossTenant: 'not_found' },
  getDraft: {
    params: (o) => ({ workspace_id: o.workspaceId, draft_id: o.draftId }),
    crossTenant: 'not_found',
  },
  approveDraft: {
    params: (o) => ({ workspace_id: o.workspaceId, draft_id: o.draftId }),
    body: {},
    crossTenant: 'not_found',
  },
  rejectDraft: {
    params: (o) => ({ workspace_id: o.workspaceId, draft_id: o.draftId }),
    body: { reason: 'probe' },
    crossTenant: 'not_found',
  },
  eraseContact: {
    params: (o) => ({ workspace_id: o.workspaceId, contact_id: o.contactId }),
    crossTenant: 'not_found',
  },
  createDraftPreview: {
    params: (o) => ({ workspace_id: o.workspaceId }),
    body: { text: 'How much is it?', channel: 'whatsapp' },
    crossTenant: 'not_found',
  },
  listEvidence: { params: (o) => ({ workspace_id: o.workspaceId }), crossTenant: 'not_found' },
  verifyEvidence: { params: (o) => ({ workspace_id: o.workspaceId }), crossTenant: 'not_found' },
  listUsers: { params: (o) => ({ workspace_id: o.workspaceId }), crossTenant: 'not_found' },
  createUser: {
    params: (o) => ({ workspace_id: o.workspaceId }),
    body: { email: 'probe@intruder.example', role: 'owner' },
    crossTenant: 'not_found',
  },
  getUser: { params: (o) => ({ workspace_id: o.workspaceId, user_id: o.userId }), crossTenant: 'not_found' },
  deleteUser: {
    params: (o) => ({ workspace_id: o.workspaceId, user_id: o.userId }),
    crossTenant: 'not_found',
  },
  createSignInLink: {
    params: (o) => ({ workspace_id: o.workspaceId, user_id: o.userId }),
    body: {},
    crossTenant: 'not_found',
  },
  listWebhookEndpoints: { params: () => ({}), crossTenant: 'own_data' },
  createWebhookEndpoint: {
    params: () => ({}),
    body: { url: 'https://93.184.215.14/hooks' },
    crossTenant: 'own_data',
  },
  getWebhookEndpoint: { params: (o) => ({ endpoint_id: o.webhookEndpointId }), crossTenant: 'not_found' },
  updateWebhookEndpoint: {
    params: (o) => ({ endpoint_id: o.webhookEndpointId }),
    body: { disabled: true },
    crossTenant: 'not_found',
  },
  deleteWebhookEndpoint: { params: (o) => ({ endpoint_id: o.webhookEndpointId }), crossTenant: 'not_found' },
  rotateWebhookEndpointSecret: {
    params: (o) => ({ endpoint_id: o.webhookEndpointId }),
    crossTenant: 'not_found',
  },
  listWebhookAttempts: { params: (o) => ({ endpoint_id: o.webhookEndpointId }), crossTenant: 'not_found' },
  recoverWebhookEndpoint: {
    params: (o) => ({ endpoint_id: o.webhookEndpointId }),
    body: { since: '2026-01-01T00:00:00Z' },
    crossTenant: 'not_found',
  },
  resendWebhookEvent: {
    params: (o) => ({ endpoint_id: o.webhookEndpointId, event_id: o.eventId }),
    crossTenant: 'not_found',
  },
  // Svix is not configured here, so 409 for everyone; the Svix case is in the route's own tests.
  createWebhookPortalSession: { params: () => ({}), crossTenant: 'conflict' },
};

/** The calls a portal user makes on their own session; no other principal may make them. */
export const sessionSamples: Record<SessionOperation, Sample> = {
  getCurrentSession: { params: () => ({}), crossTenant: 'own_data' },
  deleteCurrentSession: { params: () => ({}), crossTenant: 'own_data', endsSession: true },
};

const allSamples: Record<PartnerOperation | SessionOperation, Sample> = { ...samples, ...sessionSamples };

/** How the matrix calls `operationId`. */
export function sampleOf(operationId: PartnerOperation | SessionOperation): Sample {
  return allSamples[operationId];
}

/** The method, URL and body that call `operationId` on `owned`'s resources. */
export function request(operationId: PartnerOperation | SessionOperation, owned: Owned) {
  const { method, path } = operationIndex[operationId];
  const sample = sampleOf(operationId);
  const params = sample.params(owned);
  const url = path.replace(/\{([a-z_]+)\}/g, (_, name: string) => params[name] ?? 'missing');
  return { method: method.toUpperCase(), url, body: sample.body };
}

/** A conversation's worth of a workspace's rows. */
export type Thread = { connectionId: string; conversationId: string; contactId: string; draftId: string };

/**
 * An active WhatsApp connection and a customer conversation of its own, with one inbound message
 * and the draft waiting for approval that answers it, made through the real core services.
 */
export async function seedThread(api: TestApi, scope: WorkspaceScope): Promise<Thread> {
  const connectionId = newId('connection');
  await api.ownerDb('connections').insert({
    id: connectionId,
    partner_id: scope.partnerId,
    workspace_id: scope.workspaceId,
    channel: 'whatsapp',
    status: 'active',
    routing_id: `pn-${connectionId}`,
    phone_number_id: `pn-${connectionId}`,
  });
  const customer = `628${randomInt(10 ** 9, 10 ** 10)}`;
  const { message, conversationId } = await recordInboundMessage({ db: api.appDb }, scope, {
    channel: 'whatsapp',
    surface: 'whatsapp',
    threadKey: customer,
    customer: { providerUserId: customer, name: 'Owned customer' },
    providerMessageId: `wamid.${connectionId}`,
    type: 'text',
    text: 'owned message',
    details: {},
    sentAt: new Date(),
  });
  if (!message) throw new Error('the seeded message was not stored');
  const outcome = await draftForMessage({ db: api.appDb }, scope, message.id);
  if (outcome.status === 'skipped') throw new Error(`no seeded draft: ${outcome.reason}`);
  const { contact_id: contactId } = await api
    .ownerDb('conversations')
    .where({ id: conversationId })
    .first('contact_id');
  return { connectionId, conversationId, contactId, draftId: outcome.draft.id };
}
