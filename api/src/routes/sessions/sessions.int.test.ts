/**
 * Signing in to the portal: password sign-in by portal hostname, sign-in links, the current
 * session, signing out and expiry. Requests carry the portal's Host header, as a browser would.
 */
import type { components } from '@laras/openapi';
import {
  claimTestHostname,
  createTestPartner,
  createTestUser,
  sessionCookieOf,
  signInTestUser,
  startTestApi,
  type TestApi,
  type TestPartner,
  type TestPortalUser,
} from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

type PortalSession = components['schemas']['PortalSession'];
type SignInLink = components['schemas']['SignInLink'];
type ErrorBody = components['schemas']['Error'];

const logLines: string[] = [];
let api: TestApi;
let port: string;
let partner: TestPartner;
let workspaceId: string;
let hostname: string;
let owner: TestPortalUser;

beforeAll(async () => {
  api = await startTestApi({}, { logLines });
  port = new URL(api.url).port;
});
afterAll(() => api.close());
beforeEach(async () => {
  partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Kopi' },
  });
  workspaceId = ws.body.id;
  hostname = await claimTestHostname(api.ownerDb, partner.partnerId);
  owner = await createTestUser(api.ownerDb, { partnerId: partner.partnerId, workspaceId });
});

const signInRaw = <T = PortalSession>(body: unknown, host = hostname) =>
  api.call<T>('POST', '/v1/sessions', { headers: { Host: `${host}:${port}` }, body });
const withCookie = (cookie: string, extra: Record<string, string> = {}) => ({
  headers: { Host: `${hostname}:${port}`, Cookie: cookie, ...extra },
});

describe('createSession', () => {
  it('signs in on the partner’s hostname (any case, any port), setting an httpOnly SameSite cookie', async () => {
    const res = await signInRaw(
      { email: owner.email.toUpperCase(), password: owner.password },
      hostname.toUpperCase(),
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      user: expect.objectContaining({
        id: owner.userId,
        email: owner.email,
        role: 'owner',
        has_password: true,
      }),
      workspace: { id: workspaceId, name: 'Kopi' },
      csrf_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expires_at: expect.any(String),
    });
    expect(res.body.user.last_sign_in_at).not.toBeNull();
    const ttl = Date.parse(res.body.expires_at) - Date.now();
    expect(ttl).toBeGreaterThan(43_100_000);
    expect(ttl).toBeLessThanOrEqual(43_200_000);
    const [cookie, ...others] = res.headers.getSetCookie();
    expect(others).toEqual([]);
    expect(cookie).toMatch(
      /^laras_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Lax$/,
    );
    const token = cookie?.split(';')[0]?.split('=')[1] ?? '';
    const row = await api.ownerDb('portal_sessions').where({ user_id: owner.userId }).first();
    expect(row.token_hash).not.toBe(token);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const secureApi = await startTestApi({ PUBLIC_URL: 'https://portal.example' });
    try {
      const res = await secureApi.call('POST', '/v1/sessions', {
        headers: { Host: `${hostname}:${new URL(secureApi.url).port}` },
        body: { email: owner.email, password: owner.password },
      });
      expect(res.status).toBe(201);
      expect(res.headers.getSetCookie()[0]).toMatch(/; HttpOnly; SameSite=Lax; Secure$/);
    } finally {
      await secureApi.close();
    }
  });

  it('answers every refusal with the same 401', async () => {
    const noPassword = await createTestUser(api.ownerDb, { partnerId: partner.partnerId, workspaceId });
    await api.ownerDb('users').where({ id: noPassword.userId }).update({ password_hash: null });
    const other = await createTestPartner(api.ownerDb);
    const otherHost = await claimTestHostname(api.ownerDb, other.partnerId);
    const attempts = [
      signInRaw({ email: owner.email, password: 'not the password' }),
      signInRaw({ email: 'nobody@example.com', password: owner.password }),
      signInRaw({ email: owner.email, password: owner.password }, 'unknown-portal.test'),
      signInRaw({ email: owner.email, password: owner.password }, otherHost),
      signInRaw({ email: noPassword.email, password: noPassword.password }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(401);
      const { request_id: _, ...error } = (res.body as unknown as ErrorBody).error;
      expect(error).toEqual({ code: 'unauthenticated', message: 'Email or password is incorrect.' });
      expect(sessionCookieOf(res)).toBeUndefined();
    }
    expect(await api.ownerDb('portal_sessions').where({ partner_id: partner.partnerId })).toEqual([]);
  });

  it('never returns or logs a password or its hash', async () => {
    const before = logLines.length;
    await signInRaw({ email: owner.email, password: owner.password });
    await signInRaw({ email: owner.email, password: `${owner.password}x` });
    const hash = (await api.ownerDb('users').where({ id: owner.userId }).first()).password_hash;
    const logged = logLines.slice(before).join('\n');
    expect(logged).toContain('POST');
    for (const secret of [owner.password, hash, 'scrypt$']) expect(logged).not.toContain(secret);
    const listed = await api.call('GET', `/v1/workspaces/${workspaceId}/users`, { key: partner.apiKey });
    expect(JSON.stringify(listed.body)).not.toContain('scrypt');
  });
});

describe('the current session', () => {
  it('reads the session with its cookie, and signing out ends it everywhere', async () => {
    const session = await signInTestUser(api, hostname, owner);
    const current = await api.call<PortalSession>('GET', '/v1/session', withCookie(session.cookie));
    expect(current.status).toBe(200);
    expect(current.body).toEqual(session.response.body);

    const noCsrf = await api.call<ErrorBody>('DELETE', '/v1/session', withCookie(session.cookie));
    expect(noCsrf.status).toBe(403);
    expect((await api.call('GET', '/v1/session', withCookie(session.cookie))).status).toBe(200);

    const out = await api.call(
      'DELETE',
      '/v1/session',
      withCookie(session.cookie, { 'X-CSRF-Token': session.csrfToken }),
    );
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()).toEqual(['laras_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax']);
    const after = await api.call<ErrorBody>('GET', '/v1/session', withCookie(session.cookie));
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthenticated');
    const ws = await api.call('GET', `/v1/workspaces/${workspaceId}`, withCookie(session.cookie));
    expect(ws.status).toBe(401);
  });

  it.each([
    ['no cookie', {}],
    ['an unknown token', { Cookie: `laras_session=${'A'.repeat(43)}` }],
    ['a malformed token', { Cookie: 'laras_session=../../etc' }],
  ])('answers 401 to %s', async (_, headers) => {
    const res = await api.call<ErrorBody>('GET', '/v1/session', { headers });
    expect(res.status).toBe(401);
  });

  it('answers 401 once the session has expired', async () => {
    const session = await signInTestUser(api, hostname, owner);
    await api
      .ownerDb('portal_sessions')
      .where({ user_id: owner.userId })
      .update({ expires_at: new Date(Date.now() - 1000) });
    expect((await api.call('GET', '/v1/session', withCookie(session.cookie))).status).toBe(401);
  });

  it('ends the sessions of a deleted user', async () => {
    const session = await signInTestUser(api, hostname, owner);
    const del = await api.call('DELETE', `/v1/workspaces/${workspaceId}/users/${owner.userId}`, {
      key: partner.apiKey,
    });
    expect(del.status).toBe(204);
    expect((await api.call('GET', '/v1/session', withCookie(session.cookie))).status).toBe(401);
    expect(await api.ownerDb('portal_sessions').where({ user_id: owner.userId })).toEqual([]);
  });

  it('is only for sessions: an API key gets 401', async () => {
    const res = await api.call('GET', '/v1/session', { key: partner.apiKey });
    expect(res.status).toBe(401);
  });
});

describe('redeemSignInLink', () => {
  const link = async (userId: string, purpose?: string) => {
    const res = await api.call<SignInLink>(
      'POST',
      `/v1/workspaces/${workspaceId}/users/${userId}/sign-in-links`,
      {
        key: partner.apiKey,
        body: purpose ? { purpose } : {},
      },
    );
    return new URL(res.body.url).searchParams.get('token') ?? '';
  };
  const redeem = <T = PortalSession>(body: unknown) =>
    api.call<T>('POST', '/v1/sessions/redeem', { headers: { Host: `${hostname}:${port}` }, body });

  it('sets the password once, signs in, and cannot be used again', async () => {
    const created = await api.call<{ id: string }>('POST', `/v1/workspaces/${workspaceId}/users`, {
      key: partner.apiKey,
      body: { email: 'invited@kopi.example', role: 'agent' },
    });
    const token = await link(created.body.id);

    const missing = await redeem<ErrorBody>({ token });
    expect(missing.status).toBe(400);
    expect(missing.body.error.param).toBe('password');
    const tooShort = await redeem<ErrorBody>({ token, password: 'short' });
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.param).toBe('password');
    expect(
      (await api.ownerDb('sign_in_links').where({ user_id: created.body.id }).first()).used_at,
    ).toBeNull();

    const ok = await redeem({ token, password: 'my new long password' });
    expect(ok.status).toBe(201);
    expect(ok.body.user).toMatchObject({ id: created.body.id, has_password: true, role: 'agent' });
    expect(sessionCookieOf(ok)).toMatch(/^laras_session=/);
    expect(ok.headers.getSetCookie()[0]).toContain('HttpOnly; SameSite=Lax');

    const again = await redeem<ErrorBody>({ token, password: 'another long password' });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 'invalid_request', param: 'token' });
    expect(again.body.error.message).toMatch(/already been used/);

    const signIn = await signInRaw({ email: 'invited@kopi.example', password: 'my new long password' });
    expect(signIn.status).toBe(201);
    const stale = await signInRaw({ email: 'invited@kopi.example', password: 'another long password' });
    expect(stale.status).toBe(401);
  });

  it('a new password set by link ends the user’s other sessions; a sign_in link ends none', async () => {
    const before = await signInTestUser(api, hostname, owner);
    const other = await signInTestUser(api, hostname, owner);
    const session = (cookie: string) => api.call('GET', '/v1/session', withCookie(cookie));
    expect((await session(before.cookie)).status).toBe(200);

    const signInOnly = await redeem({ token: await link(owner.userId) });
    expect(signInOnly.status).toBe(201);
    expect((await session(before.cookie)).status).toBe(200);

    const reset = await redeem({
      token: await link(owner.userId, 'set_password'),
      password: 'a reset password!',
    });
    expect(reset.status).toBe(201);
    expect((await session(before.cookie)).status).toBe(401);
    expect((await session(other.cookie)).status).toBe(401);
    expect((await session(sessionCookieOf(reset) ?? '')).status).toBe(200);
    expect((await session(sessionCookieOf(signInOnly) ?? '')).status).toBe(401);
  });

  it('signs in with a sign_in link, which takes no password', async () => {
    const token = await link(owner.userId);
    const withPassword = await redeem<ErrorBody>({ token, password: 'a different password' });
    expect(withPassword.status).toBe(400);
    expect(withPassword.body.error.param).toBe('password');
    const ok = await redeem({ token });
    expect(ok.status).toBe(201);
    expect(ok.body.user.id).toBe(owner.userId);
  });

  it('refuses an expired link and an unknown one, changing nothing', async () => {
    const token = await link(owner.userId, 'set_password');
    await api
      .ownerDb('sign_in_links')
      .where({ user_id: owner.userId })
      .update({ expires_at: new Date(Date.now() - 1000) });
    const expired = await redeem<ErrorBody>({ token, password: 'a brand new password' });
    expect(expired.status).toBe(400);
    expect(expired.body.error.message).toMatch(/expired/);
    expect((await signInRaw({ email: owner.email, password: owner.password })).status).toBe(201);

    const unknown = await redeem<ErrorBody>({ token: 'B'.repeat(43) });
    expect(unknown.status).toBe(404);
    const garbage = await redeem<ErrorBody>({ token: 'not a token' });
    expect(garbage.status).toBe(404);
    expect(await api.ownerDb('portal_sessions').where({ user_id: owner.userId })).toHaveLength(1);
  });
});
