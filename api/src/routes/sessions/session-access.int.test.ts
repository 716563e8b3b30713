/**
 * What a portal session may do: its own workspace's session-capable operations (reads for agents,
 * changes for owners), with the CSRF token and a same-host Origin on every change; nothing else.
 */
import type { components } from '@laras/openapi';
import {
  claimTestHostname,
  createTestPartner,
  createTestUser,
  signInTestUser,
  startTestApi,
  type TestApi,
  type TestPartner,
  type TestSession,
} from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

type ErrorBody = components['schemas']['Error'];
type ReviewRules = components['schemas']['ReviewRules'];
type PortalBranding = components['schemas']['PortalBranding'];

let api: TestApi;
let port: string;
let partner: TestPartner;
let workspaceId: string;
let otherWorkspaceId: string;
let hostname: string;
let owner: TestSession;
let agent: TestSession;

beforeAll(async () => {
  api = await startTestApi();
  port = new URL(api.url).port;
});
afterAll(() => api.close());
beforeEach(async () => {
  partner = await createTestPartner(api.ownerDb);
  const create = (name: string) =>
    api.call<{ id: string }>('POST', '/v1/workspaces', { key: partner.apiKey, body: { name } });
  workspaceId = (await create('Mine')).body.id;
  otherWorkspaceId = (await create('Sibling')).body.id;
  hostname = await claimTestHostname(api.ownerDb, partner.partnerId);
  const scope = { partnerId: partner.partnerId, workspaceId };
  owner = await signInTestUser(api, hostname, await createTestUser(api.ownerDb, scope, { role: 'owner' }));
  agent = await signInTestUser(api, hostname, await createTestUser(api.ownerDb, scope, { role: 'agent' }));
});

type As = { session: TestSession; csrf?: string | null; origin?: string; key?: string };
function as(options: As, method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { Host: `${hostname}:${port}`, Cookie: options.session.cookie };
  const csrf = options.csrf === undefined ? options.session.csrfToken : options.csrf;
  if (csrf !== null) headers['X-CSRF-Token'] = csrf;
  if (options.origin) headers.Origin = options.origin;
  return api.call<ErrorBody>(method, path, { headers, body, key: options.key });
}
const ws = (id = workspaceId) => `/v1/workspaces/${id}`;
const rules = { auto_send: { whatsapp: true } };
const storedRules = async () =>
  (await api.call<ReviewRules>('GET', `${ws()}/review-rules`, { key: partner.apiKey })).body;

describe('an owner’s session', () => {
  it('reads and changes its workspace', async () => {
    expect((await as({ session: owner }, 'GET', ws())).status).toBe(200);
    expect((await as({ session: owner }, 'GET', `${ws()}/business-context`)).status).toBe(200);
    expect((await as({ session: owner }, 'GET', `${ws()}/connections`)).status).toBe(200);
    const put = await as(
      { session: owner, origin: `http://${hostname}:${port}` },
      'PUT',
      `${ws()}/review-rules`,
      rules,
    );
    expect(put.status).toBe(200);
    expect((await storedRules()).auto_send.whatsapp).toBe(true);
  });

  it('starts a connect flow returning to the portal on its own hostname', async () => {
    const returnUrl = `http://${hostname}:${port}/settings/integrations`;
    const res = await as({ session: owner }, 'POST', `${ws()}/connect-sessions`, {
      channel: 'whatsapp',
      return_url: returnUrl,
    });
    expect(res.status).toBe(201);
    const row = await api.ownerDb('connect_sessions').where({ workspace_id: workspaceId }).first();
    expect(row.return_url).toBe(returnUrl);
    const local = await as({ session: owner }, 'POST', `${ws()}/connect-sessions`, {
      channel: 'instagram',
      return_url: 'http://localhost:3000/settings/integrations',
    });
    expect(local.status).toBe(201);
    const foreign = await as({ session: owner }, 'POST', `${ws()}/connect-sessions`, {
      channel: 'instagram',
      return_url: 'http://evil.example/settings/integrations',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.param).toBe('return_url');
  });

  it('honours Idempotency-Key per user', async () => {
    const send = (session: TestSession) =>
      api.call<{ id: string }>('POST', `${ws()}/connect-sessions`, {
        headers: {
          Host: `${hostname}:${port}`,
          Cookie: session.cookie,
          'X-CSRF-Token': session.csrfToken,
          'Idempotency-Key': 'same-key',
        },
        body: { channel: 'whatsapp' },
      });
    const first = await send(owner);
    const replay = await send(owner);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(first.body.id);
  });

  it('is 404 on another workspace, even of the same partner', async () => {
    for (const [method, path, body] of [
      ['GET', ws(otherWorkspaceId)],
      ['GET', `${ws(otherWorkspaceId)}/review-rules`],
      ['PUT', `${ws(otherWorkspaceId)}/review-rules`, rules],
      ['POST', `${ws(otherWorkspaceId)}/connect-sessions`, { channel: 'whatsapp' }],
    ] as const) {
      const res = await as({ session: owner }, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(await api.ownerDb('connect_sessions').where({ workspace_id: otherWorkspaceId })).toEqual([]);
  });

  it('is 401 on partner-only operations', async () => {
    for (const [method, path, body] of [
      ['GET', '/v1/workspaces'],
      ['POST', '/v1/workspaces', { name: 'x' }],
      ['PATCH', ws(), { name: 'x' }],
      ['DELETE', ws()],
      ['GET', '/v1/api-keys'],
      ['GET', '/v1/branding'],
      ['GET', `${ws()}/users`],
      ['POST', `${ws()}/users`, { email: 'x@example.com', role: 'owner' }],
    ] as const) {
      const res = await as({ session: owner }, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    expect((await api.call('GET', ws(), { key: partner.apiKey })).body).toMatchObject({ name: 'Mine' });
  });

  it('uses the Authorization header when there is one, ignoring the cookie', async () => {
    const res = await as({ session: owner, key: 'lrs_test_not_a_real_key' }, 'GET', ws());
    expect(res.status).toBe(401);
    const stranger = await createTestPartner(api.ownerDb);
    expect((await as({ session: owner, key: stranger.apiKey }, 'GET', ws())).status).toBe(404);
  });
});

describe('CSRF and Origin checks', () => {
  it.each<[string, { csrf?: string | null; origin?: string }]>([
    ['no CSRF token', { csrf: null }],
    ['a wrong CSRF token', { csrf: 'A'.repeat(43) }],
    ['another session’s CSRF token', { csrf: 'agent' }],
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['the right host on another port', { origin: 'http://HOST:1' }],
  ])('refuses a change with %s (403), changing nothing', async (_, options) => {
    const before = await storedRules();
    const csrf = options.csrf === 'agent' ? agent.csrfToken : options.csrf;
    const origin = options.origin?.replace('HOST', hostname);
    const res = await as({ session: owner, csrf, origin }, 'PUT', `${ws()}/review-rules`, rules);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(res.body.error.message).toMatch(/CSRF|Origin/);
    expect(await storedRules()).toEqual(before);
  });

  it('needs no CSRF token to read', async () => {
    expect((await as({ session: owner, csrf: null }, 'GET', `${ws()}/review-rules`)).status).toBe(200);
  });

  it('refuses a cross-site sign-in', async () => {
    const res = await api.call<ErrorBody>('POST', '/v1/sessions', {
      headers: { Host: `${hostname}:${port}`, Origin: 'https://evil.example' },
      body: { email: 'a@b.example', password: 'x' },
    });
    expect(res.status).toBe(403);
  });
});

describe('an agent’s session', () => {
  it('reads, but gets 403 on every change', async () => {
    expect((await as({ session: agent }, 'GET', `${ws()}/review-rules`)).status).toBe(200);
    expect((await as({ session: agent }, 'GET', `${ws()}/connections`)).status).toBe(200);
    const before = await storedRules();
    for (const [method, path, body] of [
      ['PUT', `${ws()}/review-rules`, rules],
      [
        'PUT',
        `${ws()}/business-context`,
        { business: { name: 'X', description: '', tone: '', languages: ['en'] } },
      ],
      ['POST', `${ws()}/connect-sessions`, { channel: 'whatsapp' }],
      ['DELETE', `${ws()}/connections/con_01JD5Q4ZB7S0M6G4B6Y7R1T2QX`],
    ] as const) {
      const res = await as({ session: agent }, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect(await storedRules()).toEqual(before);
    expect(await api.ownerDb('connect_sessions').where({ workspace_id: workspaceId })).toEqual([]);
  });
});

describe('getPortalBranding', () => {
  const branding = (host: string) =>
    api.call<PortalBranding>('GET', '/v1/portal/branding', { headers: { Host: `${host}:${port}` } });

  it('answers the branding of the partner owning the hostname, and Laras’s defaults elsewhere', async () => {
    await api.call('PATCH', '/v1/branding', {
      key: partner.apiKey,
      body: { display_name: 'Acme Care', primary_color: '#112233', support_email: 'help@acme.example' },
    });
    const other = await createTestPartner(api.ownerDb, 'Beta Agency');
    const otherHost = await claimTestHostname(api.ownerDb, other.partnerId);

    expect((await branding(hostname.toUpperCase())).body).toEqual({
      display_name: 'Acme Care',
      logo_url: null,
      primary_color: '#112233',
      support_email: 'help@acme.example',
    });
    const beta = await branding(otherHost);
    expect(beta.body).toEqual({
      display_name: 'Beta Agency',
      logo_url: null,
      primary_color: '#0a7cff',
      support_email: null,
    });
    expect(JSON.stringify(beta.body)).not.toContain(other.partnerId);
    expect((await branding('nobody.test')).body).toEqual({
      display_name: 'Laras',
      logo_url: null,
      primary_color: '#0a7cff',
      support_email: null,
    });
  });

  it('refuses a hostname another partner already serves (409)', async () => {
    const other = await createTestPartner(api.ownerDb);
    const res = await api.call<ErrorBody>('PATCH', '/v1/branding', {
      key: other.apiKey,
      body: { portal_hostnames: [hostname.toUpperCase()] },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.param).toBe('portal_hostnames');
  });
});
