/**
 * The security matrix: every operation of the spec that takes a partner API key, called with no
 * key, a malformed key, an unknown key and a revoked key (401), and by another partner on our
 * resources (404, and our data unchanged). Operations that also take a portal session are called
 * with an expired session (401) and with a session of another workspace (404, data unchanged);
 * partner-only operations refuse a valid session (401). Every one of them is also called through a
 * console session whose key was revoked (401) and through another partner's console session (404,
 * data unchanged). The sample table is typed over the spec's
 * operations, so a new operation without a row here fails the type check.
 */
import { withTenant } from '@laras/core';
import { recordInboundMessage } from '@laras/core/conversations';
import { draftForMessage } from '@laras/core/drafts';
import { appendEvent } from '@laras/core/events';
import type { OperationId } from '@laras/openapi';
import { operationIndex } from '@laras/openapi';
import {
  claimTestHostname,
  createTestKey,
  createTestPartner,
  createTestUser,
  securitySchemesOf,
  signInTestUser,
  startTestApi,
  type TestApi,
  type TestPartner,
  type TestSession,
} from '@laras/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInTestConsole, type TestConsoleSession } from './test-console.ts';

/** Operations without an API key: health probes, and the portal's own sign-in and session. */
type PortalOperation =
  | 'createSession'
  | 'redeemSignInLink'
  | 'getCurrentSession'
  | 'deleteCurrentSession'
  | 'getPortalBranding'
  | 'createConsoleSession'
  | 'getCurrentConsoleSession'
  | 'deleteCurrentConsoleSession';
type PartnerOperation = Exclude<OperationId, 'getHealth' | 'getReadiness' | PortalOperation>;
type Owned = {
  workspaceId: string;
  apiKeyId: string;
  connectionId: string;
  userId: string;
  conversationId: string;
  draftId: string;
  webhookEndpointId: string;
  eventId: string;
};
type Sample = {
  params: (owned: Owned) => Record<string, string>;
  body?: unknown;
  /**
   * `not_found`: another partner must get 404; `own_data`: it answers about the caller only;
   * `conflict`: this deployment refuses it to everyone (409), its cross-tenant test is elsewhere.
   */
  crossTenant: 'not_found' | 'own_data' | 'conflict';
};

const samples: Record<PartnerOperation, Sample> = {
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

function request(operationId: PartnerOperation, owned: Owned) {
  const { method, path } = operationIndex[operationId];
  const params = samples[operationId].params(owned);
  const url = path.replace(/\{([a-z_]+)\}/g, (_, name: string) => params[name] ?? 'missing');
  return { method: method.toUpperCase(), url, body: samples[operationId].body };
}

let api: TestApi;
let owner: TestPartner;
let intruder: TestPartner;
let owned: Owned;
let revokedKey: string;
/** Console sessions: one opened with the key that is then revoked, one of the intruder partner. */
let revokedConsole: TestConsoleSession;
let intruderConsole: TestConsoleSession;
let hostname: string;
/** An owner's session of another workspace of the same partner. */
let siblingSession: TestSession;
/** A session of the owned workspace that has expired. */
let expiredSession: TestSession;
/** A live owner's session of the owned workspace. */
let ownSession: TestSession;

/** Everything the owner can see, to prove an intruder changed nothing. */
async function ownerSnapshot() {
  const workspace = await api.call('GET', `/v1/workspaces/${owned.workspaceId}`, { key: owner.apiKey });
  const context = await api.call('GET', `/v1/workspaces/${owned.workspaceId}/business-context`, {
    key: owner.apiKey,
  });
  const rules = await api.call('GET', `/v1/workspaces/${owned.workspaceId}/review-rules`, {
    key: owner.apiKey,
  });
  const keys = await api.call<{ data: Array<Record<string, unknown>> }>('GET', '/v1/api-keys?limit=100', {
    key: owner.apiKey,
  });
  // last_used_at moves whenever the owner itself calls; everything else must stay put.
  const keyStates = keys.body.data.map(({ last_used_at: _, ...rest }) => rest);
  const connections = await api.call('GET', `/v1/workspaces/${owned.workspaceId}/connections`, {
    key: owner.apiKey,
  });
  const sessions = await api
    .ownerDb('connect_sessions')
    .where({ workspace_id: owned.workspaceId })
    .count('* as n');
  const users = await api
    .ownerDb('users')
    .where({ partner_id: owner.partnerId })
    .orderBy('id')
    .select('id', 'email');
  const links = await api.ownerDb('sign_in_links').where({ partner_id: owner.partnerId }).count('* as n');
  const endpoints = await api
    .ownerDb('webhook_endpoints')
    .where({ partner_id: owner.partnerId })
    .orderBy('id')
    .select('id', 'url', 'disabled', 'secret_ciphertext', 'updated_at');
  const deliveries = await api
    .ownerDb('webhook_deliveries')
    .where({ partner_id: owner.partnerId })
    .orderBy('id')
    .select('id', 'status', 'attempts', 'next_attempt_at');
  return [
    workspace.body,
    context.body,
    rules.body,
    keyStates,
    connections.body,
    sessions,
    users,
    links,
    endpoints,
    deliveries,
  ];
}

beforeAll(async () => {
  // Every operation is probed several times with the owner's key: give it room past the default budget.
  api = await startTestApi({ API_RATE_LIMIT_PER_MINUTE: '100000' });
  owner = await createTestPartner(api.ownerDb);
  intruder = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: owner.apiKey,
    body: { name: 'Owned' },
  });
  const spare = await createTestKey(api.ownerDb, owner.partnerId);
  const connectionId = `con_${owner.partnerId.slice(4)}`;
  await api.ownerDb('connections').insert({
    id: connectionId,
    partner_id: owner.partnerId,
    workspace_id: ws.body.id,
    channel: 'whatsapp',
    status: 'active',
    routing_id: `pn-${owner.partnerId}`,
    phone_number_id: `pn-${owner.partnerId}`,
  });
  const scope = { partnerId: owner.partnerId, workspaceId: ws.body.id };
  const user = await createTestUser(api.ownerDb, scope, { role: 'owner' });
  const ownedMessage = recordInboundMessage({ db: api.appDb }, scope, {
    channel: 'whatsapp',
    surface: 'whatsapp',
    threadKey: '6281200000000',
    customer: { providerUserId: '6281200000000', name: 'Owned customer' },
    providerMessageId: `wamid.${owner.partnerId}`,
    type: 'text',
    text: 'owned message',
    details: {},
    sentAt: new Date(),
  });
  const { message, conversationId } = await ownedMessage;
  if (!message) throw new Error('the owned message was not stored');
  const outcome = await draftForMessage({ db: api.appDb }, scope, message.id);
  if (outcome.status === 'skipped') throw new Error(`no owned draft: ${outcome.reason}`);
  const endpoint = await api.call<{ id: string }>('POST', '/v1/webhook-endpoints', {
    key: owner.apiKey,
    body: { url: 'https://93.184.215.14/owned' },
  });
  const ownedEvent = await withTenant(api.appDb, scope, (tx) =>
    appendEvent(tx, 'draft.approved', { draft_id: outcome.draft.id }),
  );
  owned = {
    workspaceId: ws.body.id,
    apiKeyId: spare.apiKeyId,
    connectionId,
    userId: user.userId,
    conversationId,
    draftId: outcome.draft.id,
    webhookEndpointId: endpoint.body.id,
    eventId: ownedEvent.id,
  };
  const revoked = await createTestKey(api.ownerDb, owner.partnerId);
  revokedConsole = await signInTestConsole(api, revoked.apiKey);
  intruderConsole = await signInTestConsole(api, intruder.apiKey);
  await api.ownerDb('api_keys').where({ id: revoked.apiKeyId }).update({ revoked_at: new Date() });
  revokedKey = revoked.apiKey;

  hostname = await claimTestHostname(api.ownerDb, owner.partnerId);
  ownSession = await signInTestUser(api, hostname, user);
  const expiring = await createTestUser(api.ownerDb, scope, { role: 'owner' });
  expiredSession = await signInTestUser(api, hostname, expiring);
  await api
    .ownerDb('portal_sessions')
    .where({ user_id: expiring.userId })
    .update({ expires_at: new Date(Date.now() - 1000) });
  const sibling = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: owner.apiKey,
    body: { name: 'Sibling' },
  });
  const siblingUser = await createTestUser(
    api.ownerDb,
    { partnerId: owner.partnerId, workspaceId: sibling.body.id },
    { role: 'owner' },
  );
  siblingSession = await signInTestUser(api, hostname, siblingUser);
});

function withSession(session: TestSession): Record<string, string> {
  return {
    Host: `${hostname}:${new URL(api.url).port}`,
    Cookie: session.cookie,
    'X-CSRF-Token': session.csrfToken,
  };
}
function withConsole(session: TestConsoleSession): Record<string, string> {
  return { Cookie: session.cookie, 'X-CSRF-Token': session.csrfToken };
}
afterAll(() => api.close());

const operations = Object.keys(samples) as PartnerOperation[];

it('covers every operation of the spec that takes a partner API key', () => {
  const specOperations = Object.keys(operationIndex).filter((id) =>
    securitySchemesOf(id).includes('partnerApiKey'),
  );
  expect([...operations].sort()).toEqual(specOperations.sort());
  const consoleOperations = specOperations.filter((id) => securitySchemesOf(id).includes('consoleSession'));
  expect(consoleOperations.sort()).toEqual(specOperations.sort());
});

describe.each(operations)('%s', (operationId) => {
  const credentials: Array<[string, () => Record<string, string>]> = [
    ['no credential', () => ({})],
    ['a malformed key', () => ({ Authorization: 'Bearer not-a-key' })],
    ['a non-bearer scheme', () => ({ Authorization: `Basic ${owner.apiKey}` })],
    ['an unknown key', () => ({ Authorization: `Bearer lrs_test_${'x'.repeat(40)}` })],
    ['a revoked key', () => ({ Authorization: `Bearer ${revokedKey}` })],
  ];

  it.each(credentials)('answers 401 to %s', async (_, headers) => {
    const { method, url, body } = request(operationId, owned);
    const res = await api.call<{ error: { code: string } }>(method, url, { headers: headers(), body });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('answers 401 to a console session whose key was revoked', async () => {
    const { method, url, body } = request(operationId, owned);
    const res = await api.call<{ error: { code: string } }>(method, url, {
      headers: withConsole(revokedConsole),
      body,
    });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it("keeps another partner's console session out", async () => {
    const before = await ownerSnapshot();
    const { method, url, body } = request(operationId, owned);
    const res = await api.call(method, url, { headers: withConsole(intruderConsole), body });
    if (samples[operationId].crossTenant === 'not_found') {
      expect(res.status).toBe(404);
    } else if (samples[operationId].crossTenant === 'conflict') {
      expect(res.status).toBe(409);
    } else {
      expect(res.status).toBeLessThan(300);
      expect(JSON.stringify(res.body ?? null)).not.toContain(owned.workspaceId);
    }
    expect(await ownerSnapshot()).toEqual(before);
  });

  it('keeps another partner out', async () => {
    const before = await ownerSnapshot();
    const { method, url, body } = request(operationId, owned);
    const res = await api.call(method, url, { key: intruder.apiKey, body });
    if (samples[operationId].crossTenant === 'not_found') {
      expect(res.status).toBe(404);
    } else if (samples[operationId].crossTenant === 'conflict') {
      expect(res.status).toBe(409);
    } else {
      expect(res.status).toBeLessThan(300);
      const text = JSON.stringify(res.body ?? null);
      expect(text).not.toContain(owned.workspaceId);
      expect(text).not.toContain(owned.apiKeyId);
      expect(text).not.toContain(owner.partnerId);
    }
    expect(await ownerSnapshot()).toEqual(before);
  });

  if (securitySchemesOf(operationId).includes('portalSession')) {
    it('answers 401 to an expired session', async () => {
      const { method, url, body } = request(operationId, owned);
      const res = await api.call<{ error: { code: string } }>(method, url, {
        headers: withSession(expiredSession),
        body,
      });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
    });

    it('keeps a session of another workspace out (404)', async () => {
      const before = await ownerSnapshot();
      const { method, url, body } = request(operationId, owned);
      const res = await api.call(method, url, { headers: withSession(siblingSession), body });
      expect(res.status).toBe(404);
      expect(await ownerSnapshot()).toEqual(before);
    });
  } else {
    it('refuses a portal session of the workspace (401)', async () => {
      const before = await ownerSnapshot();
      const { method, url, body } = request(operationId, owned);
      const res = await api.call<{ error: { code: string } }>(method, url, {
        headers: withSession(ownSession),
        body,
      });
      expect(res.status).toBe(401);
      expect(await ownerSnapshot()).toEqual(before);
    });
  }
});
