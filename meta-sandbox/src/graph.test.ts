import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from './seed.ts';
import { graphErrorOf, startTestSandbox, type TestSandbox } from './test-helpers.ts';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.state.reset());

const bakery = {
  businessId: SEED_IDS.demoBakery.businessId,
  wabaId: SEED_IDS.demoBakery.wabaId,
  phoneNumberId: SEED_IDS.demoBakery.phoneNumberIds[0],
};
const exchangePath = (code: string, secret = 'sandbox-meta-app-secret', clientId = 'sandbox-meta-app') =>
  `/graph/v24.0/oauth/access_token?${new URLSearchParams({ client_id: clientId, client_secret: secret, code })}`;

async function businessToken(): Promise<string> {
  const res = await sb.get(exchangePath(sb.state.issueEmbeddedSignupCode(bakery)));
  expect(res.status).toBe(200);
  return String(res.body.access_token);
}

describe('code exchange', () => {
  it('turns an Embedded Signup code into a business token', async () => {
    const res = await sb.get(exchangePath(sb.state.issueEmbeddedSignupCode(bakery)));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^EAA/),
      token_type: 'bearer',
      expires_in: 5_184_000,
    });
  });

  it('accepts a code once', async () => {
    const code = sb.state.issueEmbeddedSignupCode(bakery);
    expect((await sb.get(exchangePath(code))).status).toBe(200);
    const again = await sb.get(exchangePath(code));
    expect(again.status).toBe(400);
    expect(graphErrorOf(again.body)).toMatchObject({
      type: 'OAuthException',
      code: 100,
      error_subcode: 36009,
      message: 'This authorization code has been used.',
      fbtrace_id: expect.any(String),
    });
  });

  it('refuses a code after its 30 seconds', async () => {
    const code = sb.state.issueEmbeddedSignupCode(bakery);
    sb.advance(31);
    const res = await sb.get(exchangePath(code));
    expect(res.status).toBe(400);
    expect(graphErrorOf(res.body)).toMatchObject({
      code: 100,
      error_subcode: 36007,
      message: 'This authorization code has expired.',
    });
  });

  it.each([
    ['an unknown code', exchangePath('AQnot-a-code'), 100],
    ['a wrong secret', exchangePath('AQx', 'wrong'), 1],
    ['another app', exchangePath('AQx', 'sandbox-meta-app-secret', 'other-app'), 101],
  ])('refuses %s', async (_name, path, code) => {
    const res = await sb.get(path);
    expect(res.status).toBe(400);
    expect(graphErrorOf(res.body)).toMatchObject({ type: 'OAuthException', code });
  });

  it('does not take an Instagram code', async () => {
    const igCode = sb.state.issueInstagramCode({
      userId: SEED_IDS.instagram.demoBakery,
      redirectUri: 'https://app.example/cb',
      scopes: ['instagram_business_basic'],
    });
    expect(graphErrorOf((await sb.get(exchangePath(igCode))).body)).toMatchObject({ code: 100 });
  });
});

describe('debug_token', () => {
  it('shows expiry and the WABA the token reaches (with the app token)', async () => {
    const token = await businessToken();
    const res = await sb.get(
      `/graph/v24.0/debug_token?input_token=${encodeURIComponent(token)}`,
      'sandbox-meta-app|sandbox-meta-app-secret',
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      app_id: 'sandbox-meta-app',
      is_valid: true,
      type: 'SYSTEM_USER',
      expires_at: Math.floor(sb.state.now().getTime() / 1000) + 5_184_000,
      granular_scopes: expect.arrayContaining([
        { scope: 'whatsapp_business_management', target_ids: [bakery.wabaId] },
        { scope: 'whatsapp_business_messaging', target_ids: [bakery.wabaId] },
      ]),
    });
  });

  it('answers is_valid false for an unknown input token, 190 for a bad caller token', async () => {
    const invalid = await sb.get(
      '/graph/v24.0/debug_token?input_token=EAAnope',
      'sandbox-meta-app|sandbox-meta-app-secret',
    );
    expect(invalid.body.data).toMatchObject({ is_valid: false, error: { code: 190 } });
    const badCaller = await sb.get('/graph/v24.0/debug_token?input_token=EAAnope', 'sandbox-meta-app|wrong');
    expect(badCaller.status).toBe(401);
    expect(graphErrorOf(badCaller.body)).toMatchObject({ code: 190 });
    const none = await sb.get('/graph/v24.0/debug_token?input_token=EAAnope');
    expect(graphErrorOf(none.body)).toMatchObject({ code: 104 });
  });
});

describe('WABA subscription, registration, phone number', () => {
  it('subscribes the app to the WABA and lists it', async () => {
    const token = await businessToken();
    const res = await sb.post(`/graph/v24.0/${bakery.wabaId}/subscribed_apps`, {}, { token });
    expect(res).toEqual({ status: 200, body: { success: true } });
    const list = await sb.get(`/graph/v24.0/${bakery.wabaId}/subscribed_apps`, token);
    expect(list.body.data).toEqual([
      {
        whatsapp_business_api_data: expect.objectContaining({
          id: 'sandbox-meta-app',
          name: 'Laras (sandbox)',
        }),
      },
    ]);
    expect(sb.state.wabaSubscriptions(bakery.wabaId)).toHaveLength(1);
  });

  it('registers the number with a 6-digit PIN, and the PIN sticks', async () => {
    const token = await businessToken();
    const path = `/graph/v24.0/${bakery.phoneNumberId}/register`;
    expect(
      await sb.post(path, { messaging_product: 'whatsapp', pin: '123456' }, { token, json: true }),
    ).toEqual({
      status: 200,
      body: { success: true },
    });
    expect(sb.state.isRegistered(bakery.phoneNumberId)).toBe(true);
    const mismatch = await sb.post(
      path,
      { messaging_product: 'whatsapp', pin: '654321' },
      { token, json: true },
    );
    expect(graphErrorOf(mismatch.body)).toMatchObject({ code: 133005 });
    const badPin = await sb.post(path, { messaging_product: 'whatsapp', pin: '12' }, { token, json: true });
    expect(graphErrorOf(badPin.body)).toMatchObject({
      code: 100,
      message: '(#100) Param pin must be 6 characters long.',
    });
    const noProduct = await sb.post(path, { pin: '123456' }, { token, json: true });
    expect(graphErrorOf(noProduct.body)).toMatchObject({ code: 100 });
  });

  it('reads the number: default and requested fields; unknown field is error 100', async () => {
    const token = await businessToken();
    const plain = await sb.get(`/graph/v24.0/${bakery.phoneNumberId}`, token);
    expect(plain.body).toEqual({
      id: bakery.phoneNumberId,
      display_phone_number: '+1 555-0100-0001',
      verified_name: 'Demo Bakery',
      quality_rating: 'GREEN',
    });
    const some = await sb.get(
      `/graph/v24.0/${bakery.phoneNumberId}?fields=verified_name,platform_type`,
      token,
    );
    expect(some.body).toEqual({
      id: bakery.phoneNumberId,
      verified_name: 'Demo Bakery',
      platform_type: 'NOT_APPLICABLE',
    });
    const bad = await sb.get(`/graph/v24.0/${bakery.phoneNumberId}?fields=nope`, token);
    expect(graphErrorOf(bad.body)).toMatchObject({ code: 100 });
    const waba = await sb.get(`/graph/v24.0/${bakery.wabaId}`, token);
    expect(waba.body).toEqual({ id: bakery.wabaId, name: 'Demo Bakery' });
  });

  it('refuses objects the token does not reach (100/33) and tokens it did not issue (190)', async () => {
    const token = await businessToken();
    const otherPhone = SEED_IDS.kopiKita.phoneNumberIds[0];
    const other = await sb.post(`/graph/v24.0/${SEED_IDS.kopiKita.wabaId}/subscribed_apps`, {}, { token });
    expect(other.status).toBe(400);
    expect(graphErrorOf(other.body)).toMatchObject({
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
    });
    expect(graphErrorOf((await sb.get(`/graph/v24.0/${otherPhone}`, token)).body)).toMatchObject({
      error_subcode: 33,
    });
    const forged = await sb.get(`/graph/v24.0/${bakery.phoneNumberId}`, 'EAAforged');
    expect(forged.status).toBe(401);
    expect(graphErrorOf(forged.body)).toMatchObject({ type: 'OAuthException', code: 190 });
    const viaQuery = await sb.get(
      `/graph/v24.0/${bakery.phoneNumberId}?access_token=${encodeURIComponent(token)}`,
    );
    expect(viaQuery.status).toBe(200);
  });

  it('answers 190/463 once the token expired', async () => {
    const token = await businessToken();
    sb.advance(61 * 86_400);
    const res = await sb.get(`/graph/v24.0/${bakery.phoneNumberId}`, token);
    expect(graphErrorOf(res.body)).toMatchObject({ code: 190, error_subcode: 463 });
  });

  it('answers unknown paths and versions with Graph errors', async () => {
    expect(graphErrorOf((await sb.get('/graph/latest/me')).body)).toMatchObject({ code: 2500 });
    expect(graphErrorOf((await sb.get('/nowhere')).body)).toMatchObject({ code: 2500 });
  });
});
