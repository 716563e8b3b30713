/**
 * The security matrix: every operation of the spec that takes a partner API key, called with no
 * key, a malformed key, an unknown key and a revoked key (401), and by another partner on our
 * resources (404, and our data unchanged). Operations that also take a portal session are called
 * with an expired session (401) and with a session of another workspace (404, data unchanged);
 * partner-only operations refuse a valid session, an owner's or an agent's (401). Every one of them
 * is also called through a console session whose key was revoked (401) and through another
 * partner's console session (404, data unchanged).
 *
 * Agent vs owner: every operation the spec opens to portal sessions is called by an agent and by an
 * owner of the workspace that owns the resource, each on rows of its own. Owner-only operations
 * answer an agent 403 (`forbidden`, data unchanged) and an owner their success status; the others
 * succeed for both. Which operations are owner-only, member-wide or closed to portal users is the
 * `portalAccess` table below, checked against the spec's security and the route table's flags.
 * The tables are typed over the spec's operations, so a new operation without a row fails the type
 * check.
 */
import { withTenant } from '@laras/core';
import { appendEvent } from '@laras/core/events';
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
  type TestPortalUser,
  type TestSession,
} from '@laras/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from './routes/index.ts';
import {
  type Owned,
  type PartnerOperation,
  request,
  type SessionOperation,
  sampleOf,
  samples,
  seedThread,
} from './security-samples.ts';
import { signInTestConsole, type TestConsoleSession } from './test-console.ts';

/**
 * What a portal user of the workspace may do. `owner`: only its owners; an agent gets 403 (what the
 * business is and says, when replies go out unreviewed, which channels are connected). `member`:
 * every user, agents included (reading the workspace, and working the approval queue, which is what
 * a support agent is there for). `none`: no portal user at all, only the partner's API key or
 * console (workspaces, users and sign-in links, keys, branding, webhooks, previews, deletion).
 */
const portalAccess: Record<PartnerOperation | SessionOperation, 'owner' | 'member' | 'none'> = {
  listWorkspaces: 'none',
  createWorkspace: 'none',
  getWorkspace: 'member',
  updateWorkspace: 'none',
  deleteWorkspace: 'none',
  getBusinessContext: 'member',
  replaceBusinessContext: 'owner',
  getReviewRules: 'member',
  replaceReviewRules: 'owner',
  listApiKeys: 'none',
  createApiKey: 'none',
  revokeApiKey: 'none',
  getBranding: 'none',
  updateBranding: 'none',
  createConnectSession: 'owner',
  listConnections: 'member',
  getConnection: 'member',
  disconnectConnection: 'owner',
  listConversations: 'member',
  getConversation: 'member',
  eraseContact: 'owner',
  listMessages: 'member',
  listDrafts: 'member',
  getDraft: 'member',
  approveDraft: 'member',
  rejectDraft: 'member',
  createDraftPreview: 'none',
  listEvidence: 'member',
  verifyEvidence: 'member',
  listUsers: 'none',
  createUser: 'none',
  getUser: 'none',
  deleteUser: 'none',
  createSignInLink: 'none',
  listWebhookEndpoints: 'none',
  createWebhookEndpoint: 'none',
  getWebhookEndpoint: 'none',
  updateWebhookEndpoint: 'none',
  deleteWebhookEndpoint: 'none',
  rotateWebhookEndpointSecret: 'none',
  listWebhookAttempts: 'none',
  recoverWebhookEndpoint: 'none',
  resendWebhookEvent: 'none',
  createWebhookPortalSession: 'none',
  getCurrentSession: 'member',
  deleteCurrentSession: 'member',
};
type PortalTableOperation = keyof typeof portalAccess;

/** The operations the spec opens to portal sessions, each with its row of `portalAccess`. */
const portalOperations = Object.keys(operationIndex).filter(
  (id): id is PortalTableOperation => id in portalAccess && securitySchemesOf(id).includes('portalSession'),
);

/** What the spec and the route table let a portal user do with `operationId`, or how they disagree. */
function declaredAccess(operationId: string): string {
  const inSpec = securitySchemesOf(operationId).includes('portalSession');
  const route = routes.find((r) => r.operationId === operationId);
  if (!route) return 'no route';
  const inRoute = route.auth === 'workspace' || route.auth === 'session';
  if (inSpec !== inRoute) {
    return `the spec ${inSpec ? 'takes' : 'refuses'} a portal session but the route ${inRoute ? 'takes' : 'refuses'} it`;
  }
  if (!inRoute) return route.ownerOnly ? 'ownerOnly on a route no portal user may call' : 'none';
  return route.ownerOnly ? 'owner' : 'member';
}

type Role = 'agent' | 'owner';
const roles: readonly Role[] = ['agent', 'owner'];

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
/** A live agent's session of the owned workspace. */
let ownAgentSession: TestSession;
/** The workspace the agent-vs-owner matrix runs in, with an agent and an owner signed in to it. */
let staffedWorkspaceId: string;
let staff: Record<Role, { user: TestPortalUser; session: TestSession }>;
/** Per role and operation, rows of the staffed workspace no other call touches. */
let staffedRows: Record<Role, Record<PortalTableOperation, Owned>>;

/** Everything the owner can see of the partner and one workspace, to prove a caller changed nothing. */
async function ownerSnapshot(workspaceId = owned.workspaceId) {
  const read = (path: string) => api.call('GET', path, { key: owner.apiKey }).then((res) => res.body);
  const db = api.ownerDb;
  const ofWorkspace = { workspace_id: workspaceId };
  const ofPartner = { partner_id: owner.partnerId };
  // Read at once: this runs twice in most of the matrix's tests.
  return Promise.all([
    read(`/v1/workspaces/${workspaceId}`),
    read(`/v1/workspaces/${workspaceId}/business-context`),
    read(`/v1/workspaces/${workspaceId}/review-rules`),
    api
      .call<{ data: Array<Record<string, unknown>> }>('GET', '/v1/api-keys?limit=100', { key: owner.apiKey })
      // last_used_at moves whenever the owner itself calls; everything else must stay put.
      .then((keys) => keys.body.data.map(({ last_used_at: _, ...rest }) => rest)),
    read(`/v1/workspaces/${workspaceId}/connections`),
    db('connect_sessions').where(ofWorkspace).count('* as n'),
    db('drafts').where(ofWorkspace).orderBy('id').select('id', 'state', 'text'),
    db('evidence_records').where(ofWorkspace).count('* as n'),
    db('events').where(ofWorkspace).count('* as n'),
    db('users').where(ofPartner).orderBy('id').select('id', 'email'),
    db('sign_in_links').where(ofPartner).count('* as n'),
    db('webhook_endpoints')
      .where(ofPartner)
      .orderBy('id')
      .select('id', 'url', 'disabled', 'secret_ciphertext', 'updated_at'),
    db('webhook_deliveries')
      .where(ofPartner)
      .orderBy('id')
      .select('id', 'status', 'attempts', 'next_attempt_at'),
  ]);
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
  const scope = { partnerId: owner.partnerId, workspaceId: ws.body.id };
  const user = await createTestUser(api.ownerDb, scope, { role: 'owner' });
  const thread = await seedThread(api, scope);
  const endpoint = await api.call<{ id: string }>('POST', '/v1/webhook-endpoints', {
    key: owner.apiKey,
    body: { url: 'https://93.184.215.14/owned' },
  });
  const ownedEvent = await withTenant(api.appDb, scope, (tx) =>
    appendEvent(tx, 'draft.approved', {
      draft_id: thread.draftId,
      conversation_id: thread.conversationId,
      edited: false,
    }),
  );
  owned = {
    workspaceId: ws.body.id,
    apiKeyId: spare.apiKeyId,
    userId: user.userId,
    webhookEndpointId: endpoint.body.id,
    eventId: ownedEvent.id,
    ...thread,
  };
  const revoked = await createTestKey(api.ownerDb, owner.partnerId);
  revokedConsole = await signInTestConsole(api, revoked.apiKey);
  intruderConsole = await signInTestConsole(api, intruder.apiKey);
  await api.ownerDb('api_keys').where({ id: revoked.apiKeyId }).update({ revoked_at: new Date() });
  revokedKey = revoked.apiKey;

  hostname = await claimTestHostname(api.ownerDb, owner.partnerId);
  const ownAgent = await createTestUser(api.ownerDb, scope, { role: 'agent' });
  [ownSession, ownAgentSession] = await Promise.all([
    signInTestUser(api, hostname, user),
    signInTestUser(api, hostname, ownAgent),
  ]);
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
  const staffed = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: owner.apiKey,
    body: { name: 'Staffed' },
  });
  staffedWorkspaceId = staffed.body.id;
  const staffedScope = { partnerId: owner.partnerId, workspaceId: staffedWorkspaceId };
  const signIn = async (role: Role) => {
    const member = await createTestUser(api.ownerDb, staffedScope, { role });
    return { user: member, session: await signInTestUser(api, hostname, member) };
  };
  // Every call that changes something acts on a thread of its own (reads share one), so approving,
  // rejecting or disconnecting never meets a resource another call already changed, in any order.
  const seedRows = async () => {
    const shared = await seedThread(api, staffedScope);
    const rows = await Promise.all(
      portalOperations.map(async (operationId) => {
        const reads = operationIndex[operationId].method === 'get';
        const thread = reads ? shared : await seedThread(api, staffedScope);
        return [operationId, { ...owned, workspaceId: staffedWorkspaceId, ...thread }] as const;
      }),
    );
    return Object.fromEntries(rows) as Record<PortalTableOperation, Owned>;
  };
  const [agent, ownerStaff, agentRows, ownerRows] = await Promise.all([
    signIn('agent'),
    signIn('owner'),
    seedRows(),
    seedRows(),
  ]);
  staff = { agent, owner: ownerStaff };
  staffedRows = { agent: agentRows, owner: ownerRows };
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
    it.each([
      ['an owner', () => ownSession],
      ['an agent', () => ownAgentSession],
    ])('refuses a portal session of the workspace, of %s (401)', async (_, session) => {
      const before = await ownerSnapshot();
      const { method, url, body } = request(operationId, owned);
      const res = await api.call<{ error: { code: string } }>(method, url, {
        headers: withSession(session()),
        body,
      });
      expect(res.status).toBe(401);
      expect(await ownerSnapshot()).toEqual(before);
    });
  }
});

it('gives portal users the access the table expects, in the spec and in the route table', () => {
  const declared = Object.fromEntries(
    Object.keys(operationIndex)
      .filter((id) => securitySchemesOf(id).some((s) => s === 'partnerApiKey' || s === 'portalSession'))
      .map((id) => [id, declaredAccess(id)]),
  );
  expect(declared).toEqual(portalAccess);
  expect(portalOperations.filter((id) => portalAccess[id] === 'owner').length).toBeGreaterThan(0);
});

describe.each(portalOperations)('%s with a portal session of its workspace', (operationId) => {
  /** Calls the operation on `role`'s own rows with `role`'s session (a fresh one if it signs out). */
  async function callAs(role: Role) {
    const session = sampleOf(operationId).endsSession
      ? await signInTestUser(api, hostname, staff[role].user)
      : staff[role].session;
    const { method, url, body } = request(operationId, staffedRows[role][operationId]);
    return api.call(method, url, { headers: withSession(session), body });
  }

  if (portalAccess[operationId] === 'owner') {
    it('refuses an agent (403 forbidden) and changes nothing', async () => {
      const before = await ownerSnapshot(staffedWorkspaceId);
      const res = await callAs('agent');
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        error: {
          code: 'forbidden',
          message: expect.any(String),
          request_id: res.headers.get('x-request-id'),
        },
      });
      expect(await ownerSnapshot(staffedWorkspaceId)).toEqual(before);
    });

    it('lets an owner do it, a change the snapshot sees', async () => {
      const before = await ownerSnapshot(staffedWorkspaceId);
      const res = await callAs('owner');
      expect([200, 201, 204], JSON.stringify(res.body)).toContain(res.status);
      expect(await ownerSnapshot(staffedWorkspaceId)).not.toEqual(before);
    });
  } else {
    it.each(roles)('lets an %s do it', async (role) => {
      const res = await callAs(role);
      expect([200, 201, 204], JSON.stringify(res.body)).toContain(res.status);
    });
  }
});
