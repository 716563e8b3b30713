import {
  claimTestHostname,
  createTestKey,
  createTestPartner,
  createTestUser,
  signInTestUser,
  startTestApi,
  type TestApi,
} from '@laras/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInTestConsole } from '../test-console.ts';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ API_RATE_LIMIT_PER_MINUTE: '3' });
});
afterAll(() => api.close());

it('answers 429 with Retry-After past a key’s budget, without touching other keys', async () => {
  const partner = await createTestPartner(api.ownerDb);
  const statuses: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const res = await api.call('GET', '/v1/workspaces', { key: partner.apiKey });
    statuses.push(res.status);
    expect(res.headers.get('ratelimit-remaining')).toBe(String(2 - i));
  }
  const limited = await api.call<{ error: { code: string } }>('GET', '/v1/workspaces', {
    key: partner.apiKey,
  });
  expect(statuses).toEqual([200, 200, 200]);
  expect(limited.status).toBe(429);
  expect(limited.body.error.code).toBe('rate_limited');
  const retryAfter = Number(limited.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);

  const second = await createTestKey(api.ownerDb, partner.partnerId);
  expect((await api.call('GET', '/v1/workspaces', { key: second.apiKey })).status).toBe(200);
});

it('counts in Redis under this run’s prefix', async () => {
  const partner = await createTestPartner(api.ownerDb);
  await api.call('GET', '/v1/workspaces', { key: partner.apiKey });
  const keys = await api.redis.keys(`${api.config.redis.prefix}ratelimit*${partner.apiKeyId}`);
  expect(keys).toHaveLength(1);
});

it('gives a key’s console one budget of its own, apart from the key’s, shared by all its console sessions', async () => {
  const partner = await createTestPartner(api.ownerDb);
  const session = await signInTestConsole(api, partner.apiKey);
  const viaConsole = (cookie: string) => api.call('GET', '/v1/workspaces', { headers: { Cookie: cookie } });
  for (let i = 0; i < 3; i += 1) expect((await viaConsole(session.cookie)).status).toBe(200);
  const limited = await api.call<{ error: { message: string } }>('GET', '/v1/workspaces', {
    headers: { Cookie: session.cookie },
  });
  expect(limited.status).toBe(429);
  expect(limited.body.error.message).toMatch(/console/);
  // Signing in again buys no more.
  const another = await signInTestConsole(api, partner.apiKey);
  expect((await viaConsole(another.cookie)).status).toBe(429);
  // The partner's own integration, with the same key, still has its budget.
  expect((await api.call('GET', '/v1/workspaces', { key: partner.apiKey })).status).toBe(200);
});

it('gives a portal user one budget, whatever number of sessions they sign in', async () => {
  const partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Budget' },
  });
  const hostname = await claimTestHostname(api.ownerDb, partner.partnerId);
  const user = await createTestUser(api.ownerDb, { partnerId: partner.partnerId, workspaceId: ws.body.id });
  const first = await signInTestUser(api, hostname, user);
  const path = `/v1/workspaces/${ws.body.id}`;
  const asUser = (cookie: string) =>
    api.call<{ error?: { message: string } }>('GET', path, {
      headers: { Host: `${hostname}:${new URL(api.url).port}`, Cookie: cookie },
    });
  for (let i = 0; i < 3; i += 1) expect((await asUser(first.cookie)).status).toBe(200);
  expect((await asUser(first.cookie)).status).toBe(429);

  const second = await signInTestUser(api, hostname, user);
  const limited = await asUser(second.cookie);
  expect(limited.status).toBe(429);
  expect(limited.body.error?.message).toMatch(/user/);
  // Another user of the workspace has their own.
  const colleague = await createTestUser(api.ownerDb, {
    partnerId: partner.partnerId,
    workspaceId: ws.body.id,
  });
  expect((await asUser((await signInTestUser(api, hostname, colleague)).cookie)).status).toBe(200);
});
