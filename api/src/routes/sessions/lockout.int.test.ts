/**
 * Sign-in lockout: failures per (partner, email) and per client IP, counted in Redis. This API
 * trusts X-Forwarded-For so each test signs in from an IP of its own.
 */
import { randomInt } from 'node:crypto';
import { signInLockoutKeys } from '@laras/core/portal-sessions';
import type { components } from '@laras/openapi';
import {
  claimTestHostname,
  createTestPartner,
  createTestUser,
  startTestApi,
  type TestApi,
  type TestPortalUser,
} from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

type ErrorBody = components['schemas']['Error'];

let api: TestApi;
let hostname: string;
let partnerId: string;
let user: TestPortalUser;
let ip: string;

beforeAll(async () => {
  api = await startTestApi({ API_TRUST_PROXY: 'true', LOGIN_MAX_FAILURES_PER_IP: '8' });
});
afterAll(() => api.close());
beforeEach(async () => {
  const partner = await createTestPartner(api.ownerDb);
  partnerId = partner.partnerId;
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'W' },
  });
  hostname = await claimTestHostname(api.ownerDb, partnerId);
  user = await createTestUser(api.ownerDb, { partnerId, workspaceId: ws.body.id });
  ip = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
});

const signIn = (password: string, email = user.email, from = ip) =>
  api.call<ErrorBody>('POST', '/v1/sessions', {
    headers: { 'X-Forwarded-Host': hostname, 'X-Forwarded-For': from },
    body: { email, password },
  });

const lockKeys = (email = user.email, from = ip) =>
  signInLockoutKeys(
    { redis: api.redis, prefix: api.config.redis.prefix, limits: api.config.portal.login },
    { partnerId, email, ip: from },
  );

it('locks an email after 5 failures, refusing even the right password with 429 and Retry-After', async () => {
  for (let i = 0; i < 5; i += 1) expect((await signIn('wrong password!')).status).toBe(401);
  const locked = await signIn(user.password);
  expect(locked.status).toBe(429);
  expect(locked.body.error.code).toBe('rate_limited');
  const retryAfter = Number(locked.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(55);
  expect(retryAfter).toBeLessThanOrEqual(60);
  // Locked or not, right password or wrong, the answer is the same.
  const wrong = await signIn('wrong password!');
  expect(wrong.status).toBe(429);
  expect(wrong.body.error.message).toBe(locked.body.error.message);
  expect(await api.ownerDb('portal_sessions').where({ user_id: user.userId })).toEqual([]);

  // When the lock runs out, the next failure locks for twice as long.
  await api.redis.del(lockKeys().email.lock);
  expect((await signIn('wrong password!')).status).toBe(401);
  const longer = await signIn(user.password);
  expect(longer.status).toBe(429);
  expect(Number(longer.headers.get('retry-after'))).toBeGreaterThan(115);

  // The backoff stops growing at LOGIN_LOCKOUT_MAX_SECONDS.
  await api.redis.set(lockKeys().email.fail, '40');
  await api.redis.del(lockKeys().email.lock);
  await signIn('wrong password!');
  const capped = Number((await signIn(user.password)).headers.get('retry-after'));
  expect(capped).toBeGreaterThan(3500);
  expect(capped).toBeLessThanOrEqual(3600);
});

it('counts an unknown email like a known one', async () => {
  for (let i = 0; i < 5; i += 1) expect((await signIn('whatever pw', 'ghost@example.com')).status).toBe(401);
  expect((await signIn('whatever pw', 'ghost@example.com')).status).toBe(429);
  expect((await signIn(user.password)).status).toBe(201);
});

it('clears the email’s failures on success', async () => {
  for (let i = 0; i < 4; i += 1) await signIn('wrong password!');
  expect((await signIn(user.password)).status).toBe(201);
  for (let i = 0; i < 4; i += 1) await signIn('wrong password!', user.email, '198.51.100.7');
  expect((await signIn(user.password)).status).toBe(201);
});

it('locks a client IP that fails across many emails', async () => {
  for (let i = 0; i < 8; i += 1)
    expect((await signIn('wrong password!', `probe${i}@example.com`)).status).toBe(401);
  const res = await signIn(user.password);
  expect(res.status).toBe(429);
  expect(res.headers.get('retry-after')).not.toBeNull();
  // The same user from another IP is fine.
  expect((await signIn(user.password, user.email, '192.0.2.10')).status).toBe(201);
});
