import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from './seed.ts';
import { startTestSandbox, type TestSandbox } from './test-helpers.ts';

let sb: TestSandbox;
beforeAll(async () => {
  sb = await startTestSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.state.reset());

const OPENER = 'http://127.0.0.1:3000';
const dialogQuery = (overrides: Record<string, string> = {}) =>
  new URLSearchParams({
    app_id: 'sandbox-meta-app',
    config_id: 'sandbox-es-config',
    response_type: 'code',
    override_default_response_type: 'true',
    extras: '{"setup":{}}',
    origin: OPENER,
    cbt: 'cb-1',
    ...overrides,
  }).toString();

async function openDialog(overrides: Record<string, string> = {}) {
  const res = await fetch(`${sb.url}/dialog/embedded-signup?${dialogQuery(overrides)}`);
  return { status: res.status, html: await res.text() };
}

async function submit(fields: Record<string, string>) {
  const { html } = await openDialog();
  const session = /name="session" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const res = await fetch(`${sb.url}/dialog/embedded-signup`, {
    method: 'POST',
    body: new URLSearchParams({ session, ...fields }),
  });
  const page = await res.text();
  const json = /id="es-result">([^<]*)</.exec(page)?.[1];
  return { status: res.status, page, result: json ? JSON.parse(json) : null };
}

const bakery = {
  business_id: SEED_IDS.demoBakery.businessId,
  waba_id: SEED_IDS.demoBakery.wabaId,
  phone_number_id: SEED_IDS.demoBakery.phoneNumberIds[1],
};

describe('sdk.js', () => {
  it('defines FB against this origin and calls fbAsyncInit', async () => {
    for (const path of ['/sdk.js', '/en_US/sdk.js']) {
      const res = await fetch(`${sb.url}${path}`);
      const source = await res.text();
      expect(res.headers.get('content-type')).toContain('javascript');
      expect(source).toContain(`var ORIGIN = ${JSON.stringify(sb.url)};`);
      expect(source).toContain('window.fbAsyncInit()');
      expect(source).toContain("'/dialog/embedded-signup?'");
    }
  });
});

describe('popup', () => {
  it('shows the seeded businesses, WABAs and numbers under accessible labels', async () => {
    const { status, html } = await openDialog();
    expect(status).toBe(200);
    expect(html).toContain('<label for="business">Business</label>');
    expect(html).toContain('<label for="waba">WhatsApp Business Account</label>');
    expect(html).toContain('<label for="phone">Phone number</label>');
    expect(html).toContain('+1 555-0100-0001 (Demo Bakery)');
    expect(html).toContain('Kopi Kita');
    expect(html).toMatch(/id="finish"[^>]*>Finish</);
    expect(html).toMatch(/id="cancel"[^>]*>Cancel</);
  });

  it.each([
    [{ app_id: 'other-app' }, 'Invalid App ID'],
    [{ config_id: 'other-config' }, 'Invalid configuration'],
    [{ response_type: 'token' }, 'response_type=code'],
    [{ origin: 'not an origin' }, 'origin'],
  ])('refuses %j', async (overrides, text) => {
    const { status, html } = await openDialog(overrides);
    expect(status).toBe(400);
    expect(html).toContain(text);
  });

  it('Finish posts FINISH with the ids and hands the SDK a code the Graph API exchanges once', async () => {
    const { result } = await submit({ ...bakery, action: 'finish' });
    expect(result.target_origin).toBe(OPENER);
    expect(result.event).toEqual({
      type: 'WA_EMBEDDED_SIGNUP',
      event: 'FINISH',
      data: {
        phone_number_id: bakery.phone_number_id,
        waba_id: bakery.waba_id,
        business_id: bakery.business_id,
      },
    });
    expect(result.login).toMatchObject({
      type: 'META_SANDBOX_LOGIN',
      cbt: 'cb-1',
      status: 'connected',
      authResponse: { code: expect.stringMatching(/^AQ/) },
    });
    const code = result.login.authResponse.code;
    const exchange = `/graph/v24.0/oauth/access_token?client_id=sandbox-meta-app&client_secret=sandbox-meta-app-secret&code=${encodeURIComponent(code)}`;
    expect((await sb.get(exchange)).status).toBe(200);
    expect((await sb.get(exchange)).status).toBe(400);
  });

  it('Cancel posts CANCEL with the step and no code', async () => {
    const { result } = await submit({ ...bakery, action: 'cancel' });
    expect(result.event).toEqual({
      type: 'WA_EMBEDDED_SIGNUP',
      event: 'CANCEL',
      data: { current_step: 'WABA_PHONE_PROFILE_PICKER' },
    });
    expect(result.login).toMatchObject({ status: 'unknown', authResponse: null });
  });

  it('refuses a phone number of another WABA and keeps the popup open', async () => {
    const { html } = await openDialog();
    const session = /name="session" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const post = (phone: string) =>
      fetch(`${sb.url}/dialog/embedded-signup`, {
        method: 'POST',
        body: new URLSearchParams({ session, ...bakery, phone_number_id: phone, action: 'finish' }),
      });
    expect((await post(SEED_IDS.kopiKita.phoneNumberIds[0])).status).toBe(400);
    expect((await post(bakery.phone_number_id)).status).toBe(200);
    expect((await post(bakery.phone_number_id)).status).toBe(400);
  });

  it('lists numbers added at run time', async () => {
    const added = sb.state.addBusiness({
      name: 'Fresh Florist',
      phoneNumbers: [{ displayPhoneNumber: '+1 555-0100-0777' }],
    });
    const { html } = await openDialog();
    expect(html).toContain('Fresh Florist');
    expect(html).toContain(`value="${added.phoneNumbers[0]?.id}"`);
  });
});
