/**
 * Partner console sessions: an API key typed once opens a cookie session that acts as that key on
 * partner operations, with CSRF on changes, sign-out, expiry, revocation and a sign-in lockout.
 * This API trusts X-Forwarded-For so each test signs in from an IP of its own.
 */
import { randomInt } from 'node:crypto';
import { consoleSessionKey } from '@laras/core/console-sessions';
import type { components } from '@laras/openapi';
import {
  claimTestHostname,
  createTestKey,
  createTestPartner,
  createTestUser,
  startTestApi,
  type TestApi,
  type TestPartner,
} from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signInTestConsole } from '../../test-console.ts';

type ErrorBody = components['schemas']['Error'];
type ConsoleSession = components['schemas']['ConsoleSession'];

let api: TestApi;
let partner: TestPartner;
let ip: string;
const logLines: string[] = [];

beforeAll(async () => {
  api = await startTestApi({ API_TRUST_PROXY: 'true' }, { logLines });
});
afterAll(() => api.close());
beforeEach(async () => {
  partner = await createTestPartner(api.ownerDb);
  ip = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
});

function signIn(apiKey: string) {
  return api.call<ConsoleSession & ErrorBody>('POST', '/v1/console-sessions', {
    headers: { 'X-Forwarded-For': ip },
    body: { api_key: apiKey },
  });
}

describe('sign-in', () => {
  it('opens an httpOnly SameSite=Lax session for a valid key, without echoing the key', async () => {
    const res = await signIn(partner.apiKey);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      partner_id: partner.partnerId,
      api_key_id: partner.apiKeyId,
      mode: 'test',
    });
    expect(JSON.stringify(res.body)).not.toContain(partner.apiKey);
    const cookies = res.headers.getSetCookie();
    const consoleCookie = cookies.find((c) => c.startsWith('laras_console='));
    expect(consoleCookie).toMatch(/HttpOnly/);
    expect(consoleCookie).toMatch(/SameSite=Lax/);
    expect(consoleCookie).toMatch(/Max-Age=\d+/);
    expect(cookies.find((c) => c.startsWith('laras_session='))).toMatch(/Max-Age=0/);
  });

  it.each([
    ['a wrong key', `lrs_test_${'y'.repeat(40)}`],
    ['a malformed key', 'not-a-key'],
  ])('answers the same generic 401 to %s', async (_, key) => {
    const res = await signIn(key);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('That API key is not valid.');
    expect(res.headers.getSetCookie().some((c) => c.startsWith('laras_console='))).toBe(false);
  });

  it('answers the same 401 to a revoked key', async () => {
    const revoked = await createTestKey(api.ownerDb, partner.partnerId);
    await api.ownerDb('api_keys').where({ id: revoked.apiKeyId }).update({ revoked_at: new Date() });
    const res = await signIn(revoked.apiKey);
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('That API key is not valid.');
  });

  it("answers the same 401 on another partner's hostname, and signs in on its own", async () => {
    const other = await createTestPartner(api.ownerDb);
    const port = new URL(api.url).port;
    const theirs = await claimTestHostname(api.ownerDb, other.partnerId);
    const ours = await claimTestHostname(api.ownerDb, partner.partnerId);
    const refused = await api.call<ErrorBody>('POST', '/v1/console-sessions', {
      headers: { 'X-Forwarded-For': ip, Host: `${theirs}:${port}` },
      body: { api_key: partner.apiKey },
    });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe('That API key is not valid.');
    const accepted = await api.call('POST', '/v1/console-sessions', {
      headers: { 'X-Forwarded-For': ip, Host: `${ours}:${port}` },
      body: { api_key: partner.apiKey },
    });
    expect(accepted.status).toBe(201);
  });

  it('locks an IP out after repeated failures, even for a valid key', async () => {
    for (let i = 0; i < api.config.portal.login.maxFailures; i += 1) {
      expect((await signIn(`lrs_test_${'z'.repeat(40)}`)).status).toBe(401);
    }
    const res = await signIn(partner.apiKey);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses a sign-in posted from another site', async () => {
    const res = await api.call('POST', '/v1/console-sessions', {
      headers: { 'X-Forwarded-For': ip, Origin: 'https://evil.example' },
      body: { api_key: partner.apiKey },
    });
    expect(res.status).toBe(403);
  });
});

describe('a signed-in console', () => {
  it('acts as the partner on partner and workspace operations', async () => {
    const session = await signInTestConsole(api, partner.apiKey);
    const created = await api.call<{ id: string }>('POST', '/v1/workspaces', {
      headers: { Cookie: session.cookie, 'X-CSRF-Token': session.csrfToken },
      body: { name: 'From the console', external_id: 'ext-1' },
    });
    expect(created.status).toBe(201);
    const listed = await api.call<{ data: Array<{ id: string }> }>('GET', '/v1/workspaces', {
      headers: { Cookie: session.cookie },
    });
    expect(listed.body.data.map((w) => w.id)).toContain(created.body.id);
    const connections = await api.call('GET', `/v1/workspaces/${created.body.id}/connections`, {
      headers: { Cookie: session.cookie },
    });
    expect(connections.status).toBe(200);
    const current = await api.call<ConsoleSession>('GET', '/v1/console-sessions/current', {
      headers: { Cookie: session.cookie },
    });
    expect(current.body).toMatchObject({ partner_id: partner.partnerId, csrf_token: session.csrfToken });
  });

  it('needs the CSRF token on changes', async () => {
    const session = await signInTestConsole(api, partner.apiKey);
    const missing = await api.call<ErrorBody>('POST', '/v1/workspaces', {
      headers: { Cookie: session.cookie },
      body: { name: 'No token' },
    });
    expect(missing.status).toBe(403);
    const wrong = await api.call<ErrorBody>('POST', '/v1/workspaces', {
      headers: { Cookie: session.cookie, 'X-CSRF-Token': 'x'.repeat(43) },
      body: { name: 'Wrong token' },
    });
    expect(wrong.status).toBe(403);
    const crossSite = await api.call<ErrorBody>('POST', '/v1/workspaces', {
      headers: { Cookie: session.cookie, 'X-CSRF-Token': session.csrfToken, Origin: 'https://evil.example' },
      body: { name: 'Cross site' },
    });
    expect(crossSite.status).toBe(403);
    expect(await api.ownerDb('workspaces').where({ partner_id: partner.partnerId }).select('id')).toEqual([]);
  });

  it('ends on sign-out', async () => {
    const session = await signInTestConsole(api, partner.apiKey);
    const headers = { Cookie: session.cookie, 'X-CSRF-Token': session.csrfToken };
    const noToken = await api.call('DELETE', '/v1/console-sessions/current', {
      headers: { Cookie: session.cookie },
    });
    expect(noToken.status).toBe(403);
    const out = await api.call('DELETE', '/v1/console-sessions/current', { headers });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('laras_console='))).toMatch(/Max-Age=0/);
    const after = await api.call('GET', '/v1/workspaces', { headers: { Cookie: session.cookie } });
    expect(after.status).toBe(401);
  });

  it('ends when its key is revoked', async () => {
    const key = await createTestKey(api.ownerDb, partner.partnerId);
    const session = await signInTestConsole(api, key.apiKey);
    expect((await api.call('GET', '/v1/workspaces', { headers: { Cookie: session.cookie } })).status).toBe(
      200,
    );
    const revoked = await api.call('POST', `/v1/api-keys/${key.apiKeyId}/revoke`, { key: partner.apiKey });
    expect(revoked.status).toBe(200);
    expect((await api.call('GET', '/v1/workspaces', { headers: { Cookie: session.cookie } })).status).toBe(
      401,
    );
    expect(
      (await api.call('GET', '/v1/console-sessions/current', { headers: { Cookie: session.cookie } })).status,
    ).toBe(401);
  });

  it('ends when it expires', async () => {
    const session = await signInTestConsole(api, partner.apiKey);
    const redisKey = consoleSessionKey(api.config.redis.prefix, session.token);
    const stored = JSON.parse((await api.redis.get(redisKey)) ?? '{}') as { expiresAt: number };
    await api.redis.set(redisKey, JSON.stringify({ ...stored, expiresAt: Date.now() - 1000 }), 'KEEPTTL');
    expect((await api.call('GET', '/v1/workspaces', { headers: { Cookie: session.cookie } })).status).toBe(
      401,
    );
  });

  it("finds another partner's resources 404", async () => {
    const other = await createTestPartner(api.ownerDb);
    const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
      key: other.apiKey,
      body: { name: 'Theirs' },
    });
    const session = await signInTestConsole(api, partner.apiKey);
    const res = await api.call('GET', `/v1/workspaces/${ws.body.id}`, {
      headers: { Cookie: session.cookie },
    });
    expect(res.status).toBe(404);
    const drafts = await api.call('GET', `/v1/workspaces/${ws.body.id}/drafts`, {
      headers: { Cookie: session.cookie },
    });
    expect(drafts.status).toBe(404);
  });

  it('is not a portal session: portal-only operations refuse it', async () => {
    const session = await signInTestConsole(api, partner.apiKey);
    const res = await api.call('GET', '/v1/session', { headers: { Cookie: session.cookie } });
    expect(res.status).toBe(401);
  });
});

describe('one browser, one principal', () => {
  it('a portal sign-in clears the console cookie (a console sign-in clears the portal one, above)', async () => {
    const session = await signInTestConsole(api, partner.apiKey);
    const hostname = await claimTestHostname(api.ownerDb, partner.partnerId);
    const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
      key: partner.apiKey,
      body: { name: 'W' },
    });
    const user = await createTestUser(api.ownerDb, { partnerId: partner.partnerId, workspaceId: ws.body.id });
    const res = await api.call('POST', '/v1/sessions', {
      headers: { Host: `${hostname}:${new URL(api.url).port}`, Cookie: session.cookie },
      body: { email: user.email, password: user.password },
    });
    expect(res.status).toBe(201);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('laras_console='))).toMatch(/Max-Age=0/);
  });
});

it('never logs the API key typed at sign-in or the console cookie token', async () => {
  const wrong = `lrs_test_${'w'.repeat(40)}`;
  await signIn(wrong);
  const session = await signInTestConsole(api, partner.apiKey);
  await api.call('GET', '/v1/workspaces', { headers: { Cookie: session.cookie } });
  await api.call('POST', '/v1/workspaces', {
    headers: { Cookie: session.cookie },
    body: { name: 'No CSRF' },
  });
  const text = logLines.join('\n');
  expect(text).toContain('/v1/console-sessions');
  for (const secret of [partner.apiKey, wrong, session.token, session.csrfToken]) {
    expect(text).not.toContain(secret);
  }
});
