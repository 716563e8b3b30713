import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from './seed.ts';
import { graphErrorOf, startTestSandbox, type TestSandbox } from './test-helpers.ts';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.state.reset());

const REDIRECT = 'https://laras.example/api/instagram/oauth-callback';
const SCOPES =
  'instagram_business_basic,instagram_business_manage_messages,instagram_business_manage_comments';
const authorizePath = (overrides: Record<string, string> = {}) =>
  `/ig/oauth/authorize?${new URLSearchParams({
    client_id: 'sandbox-instagram-app',
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: SCOPES,
    state: 'st-123',
    ...overrides,
  })}`;

async function consent(decision: 'allow' | 'cancel', userId: string = SEED_IDS.instagram.demoBakery) {
  const page = await fetch(`${sb.url}${authorizePath()}`);
  const html = await page.text();
  const dialog = /name="dialog" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const res = await fetch(`${sb.url}/ig/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ dialog, decision, user_id: userId }),
  });
  return { status: res.status, location: res.headers.get('location') ?? '' };
}

const exchange = (code: string, overrides: Record<string, string> = {}) =>
  sb.post('/ig-api/oauth/access_token', {
    client_id: 'sandbox-instagram-app',
    client_secret: 'sandbox-instagram-app-secret',
    grant_type: 'authorization_code',
    redirect_uri: REDIRECT,
    code,
    ...overrides,
  });

async function longLivedToken(): Promise<string> {
  const code = sb.state.issueInstagramCode({
    userId: SEED_IDS.instagram.demoBakery,
    redirectUri: REDIRECT,
    scopes: SCOPES.split(','),
  });
  const short = String((await exchange(code)).body.access_token);
  const long = await sb.get(
    `/ig-graph/access_token?grant_type=ig_exchange_token&client_secret=sandbox-instagram-app-secret&access_token=${encodeURIComponent(short)}`,
  );
  return String(long.body.access_token);
}

describe('consent dialog', () => {
  it('names the app and the accounts, with Allow and Cancel', async () => {
    const res = await fetch(`${sb.url}${authorizePath()}`);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Laras (sandbox)');
    expect(html).toContain('@demo.bakery');
    expect(html).toMatch(/<label for="account">Instagram account<\/label>/);
    expect(html).toMatch(/id="allow"[^>]*>Allow</);
    expect(html).toMatch(/id="cancel"[^>]*>Cancel</);
  });

  it('Allow redirects back with code, state and #_', async () => {
    const { status, location } = await consent('allow');
    expect(status).toBe(302);
    expect(location.startsWith(`${REDIRECT}?code=`)).toBe(true);
    expect(location.endsWith('#_')).toBe(true);
    expect(new URL(location).searchParams.get('state')).toBe('st-123');
  });

  it('Cancel redirects back with access_denied / user_denied and the state', async () => {
    const url = new URL((await consent('cancel')).location);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      error: 'access_denied',
      error_reason: 'user_denied',
      error_description: 'The user denied your request.',
      state: 'st-123',
    });
  });

  it.each([
    [{ client_id: 'other' }, 'Invalid platform app'],
    [{ redirect_uri: 'javascript:alert(1)' }, 'Invalid redirect_uri'],
    [{ response_type: 'token' }, 'Invalid response_type'],
    [{ scope: 'instagram_business_basic,email' }, 'Invalid Scopes: email'],
  ])('refuses a bad request %j', async (overrides, message) => {
    const res = await sb.get(authorizePath(overrides));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error_type: 'OAuthException', code: 400 });
    expect(String(res.body.error_message)).toContain(message);
  });

  it('a consent form can be submitted once', async () => {
    const page = await (await fetch(`${sb.url}${authorizePath()}`)).text();
    const dialog = /name="dialog" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const post = () =>
      fetch(`${sb.url}/ig/oauth/authorize`, {
        method: 'POST',
        redirect: 'manual',
        body: new URLSearchParams({ dialog, decision: 'allow', user_id: SEED_IDS.instagram.demoBakery }),
      });
    expect((await post()).status).toBe(302);
    expect((await post()).status).toBe(400);
  });
});

describe('tokens', () => {
  it('exchanges the code (minus #_) for a short-lived token with user_id and permissions', async () => {
    const { location } = await consent('allow');
    const code = new URL(location).searchParams.get('code') ?? '';
    const response = await fetch(`${sb.url}/ig-api/oauth/access_token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: 'sandbox-instagram-app',
        client_secret: 'sandbox-instagram-app-secret',
        grant_type: 'authorization_code',
        redirect_uri: REDIRECT,
        code,
      }),
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toMatch(/"user_id":9876543210987001,/);
    expect(JSON.parse(text)).toMatchObject({
      access_token: expect.stringMatching(/^IGAA/),
      permissions: SCOPES.split(','),
    });
  });

  it('refuses used, expired, unknown codes and a different redirect_uri (flat error shape)', async () => {
    const issue = () =>
      sb.state.issueInstagramCode({
        userId: SEED_IDS.instagram.demoBakery,
        redirectUri: REDIRECT,
        scopes: ['instagram_business_basic'],
      });
    const used = issue();
    expect((await exchange(used)).status).toBe(200);
    expect((await exchange(used)).body).toEqual({
      error_type: 'OAuthException',
      code: 400,
      error_message: 'This authorization code has been used.',
    });
    const expired = issue();
    sb.advance(3601);
    expect((await exchange(expired)).body.error_message).toBe('This authorization code has expired.');
    expect((await exchange('AQnope')).body.error_message).toBe('Invalid authorization code');
    expect((await exchange(`${issue()}#_`)).body.error_message).toBe('Invalid authorization code');
    const moved = await exchange(issue(), { redirect_uri: 'https://elsewhere.example/cb' });
    expect(String(moved.body.error_message)).toContain('redirect_uri is identical');
    expect((await exchange(issue(), { client_secret: 'nope' })).status).toBe(400);
  });

  it('exchanges a short-lived token for a 60-day one', async () => {
    const code = sb.state.issueInstagramCode({
      userId: SEED_IDS.instagram.demoBakery,
      redirectUri: REDIRECT,
      scopes: ['instagram_business_basic'],
    });
    const short = String((await exchange(code)).body.access_token);
    const q = (secret: string, token: string) =>
      `/ig-graph/access_token?grant_type=ig_exchange_token&client_secret=${secret}&access_token=${encodeURIComponent(token)}`;
    const long = await sb.get(q('sandbox-instagram-app-secret', short));
    expect(long).toEqual({
      status: 200,
      body: { access_token: expect.stringMatching(/^IGAA/), token_type: 'bearer', expires_in: 5_184_000 },
    });
    expect(graphErrorOf((await sb.get(q('wrong', short))).body)).toMatchObject({ code: 1 });
    expect(graphErrorOf((await sb.get(q('sandbox-instagram-app-secret', 'IGAAnope'))).body)).toMatchObject({
      code: 190,
    });
  });

  it('refreshes a long-lived token once it is 24 hours old', async () => {
    const token = await longLivedToken();
    const path = `/ig-graph/refresh_access_token?grant_type=ig_refresh_token&access_token=${encodeURIComponent(token)}`;
    const young = await sb.get(path);
    expect(young.status).toBe(400);
    expect(graphErrorOf(young.body)).toMatchObject({ code: 100 });
    sb.advance(86_400);
    const refreshed = await sb.get(path);
    expect(refreshed.body).toEqual({
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 5_184_000,
    });
    expect(refreshed.body.access_token).not.toBe(token);
    sb.advance(60 * 86_400);
    expect(graphErrorOf((await sb.get(path)).body)).toMatchObject({ code: 190, error_subcode: 463 });
  });
});

describe('account and subscription', () => {
  it('reads /me with a Bearer header or an access_token parameter', async () => {
    const token = await longLivedToken();
    const fields = 'user_id,username,account_type,profile_picture_url,name';
    const me = await sb.get(`/ig-graph/v24.0/me?fields=${fields}`, token);
    expect(me.body).toEqual({
      id: '9876543210987001',
      user_id: SEED_IDS.instagram.demoBakery,
      username: 'demo.bakery',
      account_type: 'BUSINESS',
      name: 'Demo Bakery',
      profile_picture_url: `${sb.url}/ig/avatars/demo.bakery.svg`,
    });
    const viaQuery = await sb.get(
      `/ig-graph/v24.0/me?fields=username&access_token=${encodeURIComponent(token)}`,
    );
    expect(viaQuery.body).toEqual({ id: '9876543210987001', username: 'demo.bakery' });
    // Asked for explicitly (as Laras does), `id` is the app-scoped id, not the account's `user_id`.
    const ids = await sb.get('/ig-graph/v24.0/me?fields=id,user_id', token);
    expect(ids.body).toEqual({ id: '9876543210987001', user_id: SEED_IDS.instagram.demoBakery });
    expect(ids.body.id).not.toBe(ids.body.user_id);
    expect(graphErrorOf((await sb.get('/ig-graph/v24.0/me?fields=email', token)).body)).toMatchObject({
      code: 100,
    });
    expect(graphErrorOf((await sb.get('/ig-graph/v24.0/me', 'IGAAforged')).body)).toMatchObject({
      code: 190,
    });
    expect(
      graphErrorOf((await sb.get(`/ig-graph/v24.0/${SEED_IDS.instagram.kopiKita}`, token)).body),
    ).toMatchObject({
      error_subcode: 33,
    });
  });

  it('subscribes the account to webhook fields its permissions allow', async () => {
    const token = await longLivedToken();
    const ok = await sb.post(
      '/ig-graph/v24.0/me/subscribed_apps?subscribed_fields=messages,comments',
      {},
      { token },
    );
    expect(ok).toEqual({ status: 200, body: { success: true } });
    expect(sb.state.instagramSubscriptions()).toEqual([
      {
        userId: SEED_IDS.instagram.demoBakery,
        appId: 'sandbox-instagram-app',
        fields: ['messages', 'comments'],
      },
    ]);
    const unknown = await sb.post('/ig-graph/v24.0/me/subscribed_apps?subscribed_fields=feed', {}, { token });
    expect(graphErrorOf(unknown.body)).toMatchObject({ code: 100 });
  });

  it('refuses a field whose permission was not granted', async () => {
    const code = sb.state.issueInstagramCode({
      userId: SEED_IDS.instagram.demoBakery,
      redirectUri: REDIRECT,
      scopes: ['instagram_business_basic'],
    });
    const token = String((await exchange(code)).body.access_token);
    const res = await sb.post(
      '/ig-graph/v24.0/me/subscribed_apps',
      { subscribed_fields: 'messages' },
      { token },
    );
    expect(graphErrorOf(res.body)).toMatchObject({ code: 200 });
  });
});
