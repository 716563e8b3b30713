/**
 * The security matrix: every partner operation of the spec, called with no key, a malformed key,
 * an unknown key and a revoked key (401), and by another partner on our resources (404, and our
 * data unchanged). The sample table is typed over the spec's operations, so a new operation
 * without a row here fails the type check.
 */
import type { OperationId } from '@laras/openapi';
import { operationIndex } from '@laras/openapi';
import {
  createTestKey,
  createTestPartner,
  startTestApi,
  type TestApi,
  type TestPartner,
} from '@laras/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type PartnerOperation = Exclude<OperationId, 'getHealth' | 'getReadiness'>;
type Owned = { workspaceId: string; apiKeyId: string; connectionId: string };
type Sample = {
  params: (owned: Owned) => Record<string, string>;
  body?: unknown;
  /** `not_found`: another partner must get 404; `own_data`: it answers about the caller only. */
  crossTenant: 'not_found' | 'own_data';
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
  return [workspace.body, context.body, rules.body, keyStates, connections.body, sessions];
}

beforeAll(async () => {
  api = await startTestApi();
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
  owned = { workspaceId: ws.body.id, apiKeyId: spare.apiKeyId, connectionId };
  const revoked = await createTestKey(api.ownerDb, owner.partnerId);
  await api.ownerDb('api_keys').where({ id: revoked.apiKeyId }).update({ revoked_at: new Date() });
  revokedKey = revoked.apiKey;
});
afterAll(() => api.close());

const operations = Object.keys(samples) as PartnerOperation[];

it('covers every partner operation of the spec', () => {
  const specOperations = Object.keys(operationIndex).filter(
    (id) => id !== 'getHealth' && id !== 'getReadiness',
  );
  expect([...operations].sort()).toEqual(specOperations.sort());
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

  it('keeps another partner out', async () => {
    const before = await ownerSnapshot();
    const { method, url, body } = request(operationId, owned);
    const res = await api.call(method, url, { key: intruder.apiKey, body });
    if (samples[operationId].crossTenant === 'not_found') {
      expect(res.status).toBe(404);
    } else {
      expect(res.status).toBeLessThan(300);
      const text = JSON.stringify(res.body ?? null);
      expect(text).not.toContain(owned.workspaceId);
      expect(text).not.toContain(owned.apiKeyId);
      expect(text).not.toContain(owner.partnerId);
    }
    expect(await ownerSnapshot()).toEqual(before);
  });
});
