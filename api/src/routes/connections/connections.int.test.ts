import { storeConnection } from '@laras/core/connections';
import { parseKeyRing } from '@laras/core/vault';
import type { components } from '@laras/openapi';
import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

type Connection = components['schemas']['Connection'];
type ConnectionList = components['schemas']['ConnectionList'];
type ConnectSession = components['schemas']['ConnectSession'];
type ErrorBody = components['schemas']['Error'];

let api: TestApi;
let partner: TestPartner;
let workspaceId: string;
const unique = () => String(Date.now() * 1000 + Math.floor(Math.random() * 1000));

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
beforeEach(async () => {
  partner = await createTestPartner(api.ownerDb);
  workspaceId = (
    await api.call<{ id: string }>('POST', '/v1/workspaces', { key: partner.apiKey, body: { name: 'W' } })
  ).body.id;
});

/** The partner events queued for a workspace, oldest first (read as the owner, outside RLS). */
/** The workspace's events after the `workspace.created` that opens every workspace's history. */
const eventsOf = async (wsId: string) =>
  (await api
    .ownerDb('events')
    .where({ workspace_id: wsId })
    .whereNot({ type: 'workspace.created' })
    .orderBy('id')
    .select('type', 'data')) as Array<{
    type: string;
    data: Record<string, unknown>;
  }>;

const connectWhatsApp = (phoneNumberId: string, wsId = workspaceId, partnerId = partner.partnerId) =>
  storeConnection(
    { db: api.appDb, vault: parseKeyRing(api.config.encryptionKeys) },
    { partnerId, workspaceId: wsId },
    {
      channel: 'whatsapp',
      wabaId: '524126980791429',
      phoneNumberId,
      displayPhoneNumber: '+62 812-3456-7890',
      verifiedName: 'Kopi Kita',
      token: 'EAAG-secret-business-token',
      tokenExpiresAt: null,
    },
  );

it('lists and gets connections without ever returning the token', async () => {
  const stored = await connectWhatsApp(unique());
  const list = await api.call<ConnectionList>('GET', `/v1/workspaces/${workspaceId}/connections`, {
    key: partner.apiKey,
  });
  expect(list.body.data.map((c) => c.id)).toEqual([stored.id]);
  const got = await api.call<Connection>('GET', `/v1/workspaces/${workspaceId}/connections/${stored.id}`, {
    key: partner.apiKey,
  });
  expect(got.body).toMatchObject({
    channel: 'whatsapp',
    status: 'active',
    whatsapp: {
      waba_id: '524126980791429',
      display_phone_number: '+62 812-3456-7890',
      verified_name: 'Kopi Kita',
    },
    instagram: null,
  });
  expect(JSON.stringify([list.body, got.body])).not.toContain('EAAG');

  const row = await api.ownerDb('connections').where({ id: stored.id }).first();
  expect(row.token_ciphertext).toMatch(/^v1\./);
  expect(row.token_ciphertext).not.toContain('EAAG');
});

it('disconnects: token and references are gone at once, and it is idempotent', async () => {
  const stored = await connectWhatsApp(unique());
  const path = `/v1/workspaces/${workspaceId}/connections/${stored.id}`;
  const res = await api.call<Connection>('DELETE', path, { key: partner.apiKey });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({
    status: 'disconnected',
    whatsapp: { waba_id: null, phone_number_id: null, display_phone_number: null, verified_name: null },
  });
  const row = await api.ownerDb('connections').where({ id: stored.id }).first();
  expect(row).toMatchObject({
    token_ciphertext: null,
    token_key_version: null,
    routing_id: null,
    phone_number_id: null,
  });
  const again = await api.call<Connection>('DELETE', path, { key: partner.apiKey });
  expect(again.body.disconnected_at).toBe(res.body.disconnected_at);

  // One event per change, in the same transaction as the change; the no-op adds none.
  expect(await eventsOf(workspaceId)).toEqual([
    {
      type: 'connection.connected',
      data: expect.objectContaining({
        connection_id: stored.id,
        channel: 'whatsapp',
        whatsapp: expect.objectContaining({ display_phone_number: '+62 812-3456-7890' }),
      }),
    },
    {
      type: 'connection.disconnected',
      data: { connection_id: stored.id, channel: 'whatsapp', reason: 'requested' },
    },
  ]);
  expect(JSON.stringify(await eventsOf(workspaceId))).not.toContain('EAAG');

  const active = await api.call<ConnectionList>(
    'GET',
    `/v1/workspaces/${workspaceId}/connections?status=active`,
    {
      key: partner.apiKey,
    },
  );
  expect(active.body.data).toEqual([]);
});

it('refuses to route one number to two workspaces, and frees it on disconnect', async () => {
  const phone = unique();
  const first = await connectWhatsApp(phone);
  const other = await createTestPartner(api.ownerDb);
  const otherWs = (
    await api.call<{ id: string }>('POST', '/v1/workspaces', { key: other.apiKey, body: { name: 'O' } })
  ).body.id;
  await expect(connectWhatsApp(phone, otherWs, other.partnerId)).rejects.toMatchObject({ code: 'conflict' });
  // The refused connection left no event behind: it rolled back with the row.
  expect(await eventsOf(otherWs)).toEqual([]);

  const again = await connectWhatsApp(phone);
  expect(again.id).toBe(first.id);

  await api.call('DELETE', `/v1/workspaces/${workspaceId}/connections/${first.id}`, { key: partner.apiKey });
  const moved = await connectWhatsApp(phone, otherWs, other.partnerId);
  expect(moved.workspaceId).toBe(otherWs);
});

it('answers 404 for another workspace’s connection and for unknown ids', async () => {
  const stored = await connectWhatsApp(unique());
  const otherWs = (
    await api.call<{ id: string }>('POST', '/v1/workspaces', { key: partner.apiKey, body: { name: 'X' } })
  ).body.id;
  const res = await api.call<ErrorBody>('GET', `/v1/workspaces/${otherWs}/connections/${stored.id}`, {
    key: partner.apiKey,
  });
  expect(res.status).toBe(404);
  const missing = await api.call<ErrorBody>(
    'DELETE',
    `/v1/workspaces/${workspaceId}/connections/con_01JD5Q4ZB7S0M6G4B6Y7R1T2QX`,
    {
      key: partner.apiKey,
    },
  );
  expect(missing.status).toBe(404);
});

it('creates a short-lived, single-use connect link and stores only its hash', async () => {
  const res = await api.call<ConnectSession>('POST', `/v1/workspaces/${workspaceId}/connect-sessions`, {
    key: partner.apiKey,
    body: { channel: 'instagram', return_url: 'https://agency.example/done' },
  });
  expect(res.status).toBe(201);
  expect(res.body.url.startsWith(`${api.url}/connect/`)).toBe(true);
  expect(res.body.url).toMatch(/\/connect\/[A-Za-z0-9_-]{43}$/);
  const ttl = (Date.parse(res.body.expires_at) - Date.parse(res.body.created_at)) / 1000;
  expect(ttl).toBe(api.config.connectSessionTtlSeconds);
  const token = res.body.url.split('/').at(-1) ?? '';
  const row = await api.ownerDb('connect_sessions').where({ id: res.body.id }).first();
  expect(JSON.stringify(row)).not.toContain(token);
  expect(row).toMatchObject({
    channel: 'instagram',
    return_url: 'https://agency.example/done',
    used_at: null,
  });
});

it.each([
  [{ channel: 'telegram' }, 'channel'],
  [{}, 'channel'],
  [{ channel: 'whatsapp', return_url: 'http://agency.example/done' }, 'return_url'],
])('rejects connect session input %j', async (body, param) => {
  const res = await api.call<ErrorBody>('POST', `/v1/workspaces/${workspaceId}/connect-sessions`, {
    key: partner.apiKey,
    body,
  });
  expect(res.status).toBe(400);
  expect(res.body.error.param).toBe(param);
});
