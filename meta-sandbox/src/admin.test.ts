import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sandboxEnv } from './env.ts';
import { SEED_IDS } from './seed.ts';
import { graphErrorOf, startTestSandbox, type TestSandbox } from './test-helpers.ts';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(() => {
  sb.state.reset();
  sb.faults.clear();
});

const choice = {
  businessId: SEED_IDS.demoBakery.businessId,
  wabaId: SEED_IDS.demoBakery.wabaId,
  phoneNumberId: SEED_IDS.demoBakery.phoneNumberIds[0],
};
const exchangePath = (code: string) =>
  `/graph/v24.0/oauth/access_token?client_id=sandbox-meta-app&client_secret=sandbox-meta-app-secret&code=${encodeURIComponent(code)}`;
const inject = (body: Record<string, unknown>) =>
  fetch(`${sb.url}/_admin/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('sandboxEnv', () => {
  it('points every Meta URL at its prefix on the sandbox origin', () => {
    expect(sandboxEnv('http://127.0.0.1:4100/')).toEqual({
      META_GRAPH_URL: 'http://127.0.0.1:4100/graph',
      INSTAGRAM_GRAPH_URL: 'http://127.0.0.1:4100/ig-graph',
      INSTAGRAM_API_URL: 'http://127.0.0.1:4100/ig-api',
      INSTAGRAM_OAUTH_URL: 'http://127.0.0.1:4100/ig',
      FACEBOOK_SDK_URL: 'http://127.0.0.1:4100/sdk.js',
      META_ES_ORIGIN: 'http://127.0.0.1:4100',
    });
    expect(sb.env.META_ES_ORIGIN).toBe(sb.url);
  });
});

describe('faults', () => {
  it('expired_code makes the next code exchange fail like an expired code, once', async () => {
    expect((await inject({ operation: 'graph.oauth.access_token', kind: 'expired_code' })).status).toBe(201);
    const code = sb.state.issueEmbeddedSignupCode(choice);
    const failed = await sb.get(exchangePath(code));
    expect(failed.status).toBe(400);
    expect(graphErrorOf(failed.body)).toMatchObject({ code: 100, error_subcode: 36007 });
    // The fault answered before the code was looked at, so the code still works.
    expect((await sb.get(exchangePath(code))).status).toBe(200);
  });

  it('server_error answers HTTP 500, code 2, is_transient, `times` times', async () => {
    sb.faults.inject({ operation: 'graph.register', kind: 'server_error', times: 2 });
    const token = String(
      (await sb.get(exchangePath(sb.state.issueEmbeddedSignupCode(choice)))).body.access_token,
    );
    const register = () =>
      sb.post(
        `/graph/v24.0/${choice.phoneNumberId}/register`,
        { messaging_product: 'whatsapp', pin: '111111' },
        { token, json: true },
      );
    for (let i = 0; i < 2; i += 1) {
      const res = await register();
      expect(res.status).toBe(500);
      expect(graphErrorOf(res.body)).toMatchObject({ code: 2, is_transient: true });
    }
    expect((await register()).status).toBe(200);
  });

  it('invalid_token answers 190 on Graph and Instagram hosts', async () => {
    sb.faults.inject({ operation: 'ig.me', kind: 'invalid_token' });
    sb.faults.inject({ operation: 'graph.debug_token', kind: 'invalid_token' });
    const me = await sb.get('/ig-graph/v24.0/me?fields=username', 'IGAAwhatever');
    expect(me.status).toBe(400);
    expect(graphErrorOf(me.body)).toMatchObject({ code: 190, type: 'OAuthException' });
    const debug = await sb.get(
      '/graph/v24.0/debug_token?input_token=x',
      'sandbox-meta-app|sandbox-meta-app-secret',
    );
    expect(debug.status).toBe(401);
    expect(graphErrorOf(debug.body)).toMatchObject({ code: 190 });
  });

  it('expired_code on api.instagram.com uses its flat error shape', async () => {
    sb.faults.inject({ operation: 'ig.oauth.access_token', kind: 'expired_code' });
    const res = await sb.post('/ig-api/oauth/access_token', { code: 'x' });
    expect(res.body).toEqual({
      error_type: 'OAuthException',
      code: 400,
      error_message: 'This authorization code has expired.',
    });
  });

  it('a fault on es.finish makes the popup report an ERROR event', async () => {
    sb.faults.inject({ operation: 'es.finish', kind: 'server_error' });
    const query = new URLSearchParams({
      app_id: 'sandbox-meta-app',
      config_id: 'sandbox-es-config',
      response_type: 'code',
      origin: 'http://127.0.0.1:3000',
      cbt: 'x',
    });
    const html = await (await fetch(`${sb.url}/dialog/embedded-signup?${query}`)).text();
    const session = /name="session" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const page = await (
      await fetch(`${sb.url}/dialog/embedded-signup`, {
        method: 'POST',
        body: new URLSearchParams({
          session,
          action: 'finish',
          business_id: choice.businessId,
          waba_id: choice.wabaId,
          phone_number_id: choice.phoneNumberId,
        }),
      })
    ).text();
    const result = JSON.parse(/id="es-result">([^<]*)</.exec(page)?.[1] ?? '{}');
    expect(result.event).toMatchObject({
      type: 'WA_EMBEDDED_SIGNUP',
      event: 'ERROR',
      data: {
        error_message: expect.any(String),
        error_id: '524126',
        session_id: expect.any(String),
        timestamp: expect.any(Number),
      },
    });
    expect(result.login.authResponse).toBeNull();
  });

  it('rejects unknown operations and kinds, lists and clears faults', async () => {
    const bad = await inject({ operation: 'graph.nope', kind: 'server_error' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ operations: expect.arrayContaining(['graph.register']) });
    expect((await inject({ operation: 'ig.me', kind: 'meltdown' })).status).toBe(400);
    expect((await inject({ operation: 'ig.me', kind: 'server_error', times: 0 })).status).toBe(400);
    await inject({ operation: 'ig.refresh', kind: 'server_error', times: 3 });
    expect((await sb.get('/_admin/faults')).body).toEqual({
      faults: [{ operation: 'ig.refresh', kind: 'server_error', remaining: 3 }],
    });
    expect((await fetch(`${sb.url}/_admin/faults`, { method: 'DELETE' })).status).toBe(200);
    expect(sb.faults.list()).toEqual([]);
  });
});

describe('state and reset', () => {
  it('shows issued tokens and codes only as a short prefix, plus subscriptions, registrations and calls', async () => {
    const code = sb.state.issueEmbeddedSignupCode(choice);
    const token = String((await sb.get(exchangePath(code))).body.access_token);
    await sb.post(`/graph/v24.0/${choice.wabaId}/subscribed_apps`, {}, { token });
    await sb.post(
      `/graph/v24.0/${choice.phoneNumberId}/register`,
      { messaging_product: 'whatsapp', pin: '123456' },
      { token, json: true },
    );
    const res = await fetch(`${sb.url}/_admin/state`);
    const text = await res.text();
    expect(text).not.toContain(token);
    expect(text).not.toContain(code);
    expect(text).not.toContain('123456');
    const state = JSON.parse(text);
    expect(state.tokens).toEqual([
      expect.objectContaining({ token: `${token.slice(0, 8)}…`, kind: 'business' }),
    ]);
    expect(state.codes).toEqual([expect.objectContaining({ code: `${code.slice(0, 8)}…`, used: true })]);
    expect(state.subscriptions.whatsapp).toEqual([
      { waba_id: choice.wabaId, app_id: 'sandbox-meta-app', override_callback_uri: null },
    ]);
    expect(state.registered_numbers).toEqual([
      { phone_number_id: choice.phoneNumberId, registered_at: expect.any(String) },
    ]);
    expect(state.calls.map((c: { operation: string; status: number }) => [c.operation, c.status])).toEqual([
      ['graph.oauth.access_token', 200],
      ['graph.subscribed_apps', 200],
      ['graph.register', 200],
    ]);
    expect(state.businesses).toHaveLength(2);
  });

  it('reset forgets everything issued and clears faults', async () => {
    sb.state.addInstagramAccount();
    const token = String(
      (await sb.get(exchangePath(sb.state.issueEmbeddedSignupCode(choice)))).body.access_token,
    );
    sb.faults.inject({ operation: 'ig.me', kind: 'server_error' });
    expect((await fetch(`${sb.url}/_admin/reset`, { method: 'POST' })).status).toBe(200);
    const state = (await sb.get('/_admin/state')).body;
    expect(state).toMatchObject({ tokens: [], codes: [], calls: [], faults: [] });
    expect(state.instagram_accounts).toHaveLength(2);
    expect((await sb.get(`/graph/v24.0/${choice.phoneNumberId}`, token)).status).toBe(401);
  });
});
