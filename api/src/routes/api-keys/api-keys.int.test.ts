import type { components } from '@laras/openapi';
import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

type ApiKey = components['schemas']['ApiKey'];
type ApiKeyWithSecret = components['schemas']['ApiKeyWithSecret'];
type ApiKeyList = components['schemas']['ApiKeyList'];

let api: TestApi;
let partner: TestPartner;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
beforeEach(async () => {
  partner = await createTestPartner(api.ownerDb);
});

it('creates a key whose secret is shown once, works, and is stored only as a hash', async () => {
  const created = await api.call<ApiKeyWithSecret>('POST', '/v1/api-keys', {
    key: partner.apiKey,
    body: { name: 'CI deploys', mode: 'live' },
  });
  expect(created.status).toBe(201);
  expect(created.body.secret).toMatch(/^lrs_live_[A-Za-z0-9]{40}$/);
  expect(created.body.secret.startsWith(created.body.prefix)).toBe(true);
  expect(created.body).toMatchObject({ name: 'CI deploys', mode: 'live', revoked_at: null });

  const row = await api.ownerDb('api_keys').where({ id: created.body.id }).first();
  expect(JSON.stringify(row)).not.toContain(created.body.secret);

  const listed = await api.call<ApiKeyList>('GET', '/v1/api-keys', { key: created.body.secret });
  expect(listed.status).toBe(200);
  expect(listed.body.data.map((k) => k.id)).toContain(created.body.id);
  expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
  expect(listed.body.data.every((k) => !('secret' in k))).toBe(true);
});

it('defaults to a test key', async () => {
  const created = await api.call<ApiKeyWithSecret>('POST', '/v1/api-keys', {
    key: partner.apiKey,
    body: { name: 'x' },
  });
  expect(created.body.mode).toBe('test');
  expect(created.body.secret).toMatch(/^lrs_test_/);
});

it('revokes a key: it stops working at once, and revoking again changes nothing', async () => {
  const created = await api.call<ApiKeyWithSecret>('POST', '/v1/api-keys', {
    key: partner.apiKey,
    body: { name: 'tmp' },
  });
  const revoked = await api.call<ApiKey>('POST', `/v1/api-keys/${created.body.id}/revoke`, {
    key: partner.apiKey,
  });
  expect(revoked.status).toBe(200);
  expect(revoked.body.revoked_at).not.toBeNull();
  expect((await api.call('GET', '/v1/workspaces', { key: created.body.secret })).status).toBe(401);

  const again = await api.call<ApiKey>('POST', `/v1/api-keys/${created.body.id}/revoke`, {
    key: partner.apiKey,
  });
  expect(again.body.revoked_at).toBe(revoked.body.revoked_at);
});

it('records when a key was last used', async () => {
  const before = await api.ownerDb('api_keys').where({ id: partner.apiKeyId }).first();
  expect(before.last_used_at).toBeNull();
  await api.call('GET', '/v1/workspaces', { key: partner.apiKey });
  const after = await api.ownerDb('api_keys').where({ id: partner.apiKeyId }).first();
  expect(after.last_used_at).toBeInstanceOf(Date);
});

it('pages keys newest first', async () => {
  for (let i = 0; i < 3; i += 1) {
    await api.call('POST', '/v1/api-keys', { key: partner.apiKey, body: { name: `k${i}` } });
  }
  const first = await api.call<ApiKeyList>('GET', '/v1/api-keys?limit=2', { key: partner.apiKey });
  expect(first.body.data.map((k) => k.name)).toEqual(['k2', 'k1']);
  const cursor = encodeURIComponent(first.body.next_cursor ?? '');
  const second = await api.call<ApiKeyList>('GET', `/v1/api-keys?limit=2&cursor=${cursor}`, {
    key: partner.apiKey,
  });
  expect(second.body.data.map((k) => k.name)).toEqual(['k0', 'Created by operator']);
  expect(second.body.has_more).toBe(false);
});

it.each([[{}], [{ name: '' }], [{ name: 'x', mode: 'prod' }]])('rejects %j', async (body) => {
  const res = await api.call<{ error: { code: string } }>('POST', '/v1/api-keys', {
    key: partner.apiKey,
    body,
  });
  expect(res.status).toBe(400);
  expect(res.body.error.code).toBe('invalid_request');
});
