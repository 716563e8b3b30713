import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SEED_IDS } from './seed.ts';
import { SANDBOX_DEFAULTS } from './server.ts';
import {
  graphErrorOf,
  type ReceivedWebhook,
  startTestSandbox,
  startWebhookReceiver,
  type TestSandbox,
  verifiesWith,
  type WebhookReceiver,
} from './test-helpers.ts';

let sb: TestSandbox;
let platform: WebhookReceiver;

beforeAll(async () => {
  [sb, platform] = await Promise.all([startTestSandbox(), startWebhookReceiver()]);
});
afterAll(() => Promise.all([sb.close(), platform.close()]));
beforeEach(async () => {
  await sb.outbox.idle();
  sb.state.reset();
  sb.outbox.configure({
    statuses: ['sent', 'delivered', 'read'],
    delayMs: 0,
    instagramRead: true,
    instagramEcho: false,
    window: 'known',
  });
  sb.customer.setRetries(0);
  sb.customer.setWebhooks({
    whatsappUrl: `${platform.url}/api/webhooks/wa`,
    instagramUrl: `${platform.url}/api/webhooks/instagram`,
  });
  platform.received.length = 0;
});

const PHONE: string = SEED_IDS.demoBakery.phoneNumberIds[0] ?? '';
const bakery = {
  businessId: SEED_IDS.demoBakery.businessId,
  wabaId: SEED_IDS.demoBakery.wabaId,
  phoneNumberId: PHONE,
};
const CUSTOMER = '6281234567890';
const IG = SEED_IDS.instagram.demoBakery;
const REDIRECT = 'https://laras.example/api/instagram/oauth-callback';
const IG_SCOPES = [
  'instagram_business_basic',
  'instagram_business_manage_messages',
  'instagram_business_manage_comments',
];

type Answer = { status: number; body: Record<string, unknown> };

async function call(path: string, body: unknown, token?: string, method = 'POST'): Promise<Answer> {
  const res = await fetch(`${sb.url}${path}`, {
    method,
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function businessToken(): Promise<string> {
  const code = sb.state.issueEmbeddedSignupCode(bakery);
  const res = await sb.get(
    `/graph/v24.0/oauth/access_token?${new URLSearchParams({ client_id: SANDBOX_DEFAULTS.appId, client_secret: SANDBOX_DEFAULTS.appSecret, code })}`,
  );
  return String(res.body.access_token);
}

async function instagramToken(scopes = IG_SCOPES): Promise<string> {
  const code = sb.state.issueInstagramCode({ userId: IG, redirectUri: REDIRECT, scopes });
  const short = await sb.post('/ig-api/oauth/access_token', {
    client_id: SANDBOX_DEFAULTS.instagramAppId,
    client_secret: SANDBOX_DEFAULTS.instagramAppSecret,
    grant_type: 'authorization_code',
    redirect_uri: REDIRECT,
    code,
  });
  const long = await sb.get(
    `/ig-graph/access_token?grant_type=ig_exchange_token&client_secret=${SANDBOX_DEFAULTS.instagramAppSecret}&access_token=${encodeURIComponent(String(short.body.access_token))}`,
  );
  return String(long.body.access_token);
}

const waSend = (token: string | undefined, overrides: Record<string, unknown> = {}, phone = PHONE) =>
  call(
    `/graph/v24.0/${phone}/messages`,
    {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: `+${CUSTOMER}`,
      type: 'text',
      text: { body: 'Yes, the sourdough is Rp 45.000.', preview_url: false },
      ...overrides,
    },
    token,
  );

const json = (hit: ReceivedWebhook) => JSON.parse(hit.raw.toString('utf8'));
/** The statuses in the WhatsApp webhooks the platform received, in order. */
const statusesReceived = () =>
  platform.received
    .filter((h) => h.path === '/api/webhooks/wa')
    .flatMap((h) => json(h).entry[0].changes[0].value.statuses ?? []) as Record<string, unknown>[];

async function customerWrites(): Promise<string> {
  const sent = await sb.customer.sendWhatsAppText({
    phoneNumberId: PHONE,
    from: { waId: CUSTOMER, name: 'Sari' },
    text: 'Ada roti sourdough?',
  });
  platform.received.length = 0;
  return sent.messageId ?? '';
}

describe('WhatsApp send: POST /graph/{v}/{phone_number_id}/messages', () => {
  it("answers in Meta's shape and records the send", async () => {
    const token = await businessToken();
    const inbound = await customerWrites();
    const res = await waSend(token, { context: { message_id: inbound } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      messaging_product: 'whatsapp',
      contacts: [{ input: `+${CUSTOMER}`, wa_id: CUSTOMER }],
      messages: [{ id: expect.stringMatching(/^wamid\./) }],
    });
    const wamid = (res.body.messages as { id: string }[])[0]?.id;
    expect(sb.state.sentMessages()).toEqual([
      {
        seq: 1,
        channel: 'whatsapp',
        providerId: wamid,
        from: PHONE,
        to: `+${CUSTOMER}`,
        recipientId: CUSTOMER,
        text: 'Yes, the sourdough is Rp 45.000.',
        replyTo: inbound,
        at: '2026-03-01T09:00:00.000Z',
        emitted: expect.any(Array),
      },
    ]);
    const state = await sb.get('/_admin/state');
    const text = JSON.stringify(state.body);
    expect(text).toContain('Yes, the sourdough is Rp 45.000.');
    expect(text).not.toContain(token);
    expect((state.body.sent_messages as unknown[]).length).toBe(1);
    const list = await sb.get('/_admin/sent-messages');
    expect((list.body.messages as { providerId: string }[])[0]?.providerId).toBe(wamid);
  });

  it('answers mark-as-read with {success: true} and records nothing', async () => {
    const token = await businessToken();
    const res = await call(
      `/graph/v24.0/${PHONE}/messages`,
      {
        messaging_product: 'whatsapp',
        status: 'read',
        message_id: 'wamid.X',
        typing_indicator: { type: 'text' },
      },
      token,
    );
    expect(res).toEqual({ status: 200, body: { success: true } });
    expect(sb.state.sentMessages()).toEqual([]);
  });

  it('validates the request with Graph errors', async () => {
    const token = await businessToken();
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ messaging_product: undefined }, 100, /messaging_product is required/],
      [{ messaging_product: 'sms' }, 100, /messaging_product must be one of/],
      [{ to: undefined }, 100, /parameter to is required/],
      [{ recipient_type: 'group' }, 100, /recipient_type/],
      [{ text: { body: '' } }, 100, /text\['body'\] is required/],
      [{ text: { body: 'x'.repeat(4097) } }, 100, /at most 4096/],
      [{ type: 'image', image: { id: '1' } }, 131009, /Parameter value is not valid/],
      [{ to: '12' }, 131009, /Parameter value is not valid/],
      [{ context: { id: 'wamid.X' } }, 100, /context\['message_id'\]/],
      [{ biz_opaque_callback_data: 42 }, 100, /biz_opaque_callback_data must be a string/],
      [{ biz_opaque_callback_data: 'x'.repeat(513) }, 100, /biz_opaque_callback_data must be at most 512/],
    ];
    for (const [overrides, code, message] of cases) {
      const res = await waSend(token, overrides);
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      const error = graphErrorOf(res.body);
      expect(error).toMatchObject({ type: 'OAuthException', code, fbtrace_id: expect.any(String) });
      expect(String(error.message)).toMatch(message);
    }
    expect(sb.state.sentMessages()).toEqual([]);
  });

  it('needs a business token that reaches the number', async () => {
    const token = await businessToken();
    expect(graphErrorOf((await waSend(undefined)).body).code).toBe(104);
    const unknown = await waSend('EAAnot-issued');
    expect(unknown.status).toBe(401);
    expect(graphErrorOf(unknown.body)).toMatchObject({ code: 190, type: 'OAuthException' });
    const ig = await waSend(await instagramToken());
    expect(ig.status).toBe(401);
    expect(graphErrorOf(ig.body).code).toBe(190);
    const other = await waSend(token, {}, SEED_IDS.kopiKita.phoneNumberIds[0]);
    expect(other.status).toBe(400);
    expect(graphErrorOf(other.body)).toMatchObject({ code: 100, error_subcode: 33 });
    sb.advance(61 * 86_400);
    const expired = await waSend(token);
    expect(expired.status).toBe(401);
    expect(graphErrorOf(expired.body)).toMatchObject({ code: 190, error_subcode: 463 });
    expect(sb.state.sentMessages()).toEqual([]);
  });
});

describe('status webhooks', () => {
  it('emits sent, delivered, read: signed, in order, for the wamid', async () => {
    const token = await businessToken();
    await customerWrites();
    const res = await waSend(token);
    const wamid = (res.body.messages as { id: string }[])[0]?.id;
    await sb.outbox.idle();
    const hits = platform.received.filter((h) => h.path === '/api/webhooks/wa');
    expect(hits).toHaveLength(3);
    for (const hit of hits) expect(verifiesWith(hit, SANDBOX_DEFAULTS.appSecret)).toBe(true);
    const statuses = statusesReceived();
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
    for (const s of statuses)
      expect(s).toMatchObject({ id: wamid, recipient_id: CUSTOMER, timestamp: expect.any(String) });
    const value = json(hits[0] as ReceivedWebhook).entry[0].changes[0].value;
    expect(value.metadata.phone_number_id).toBe(PHONE);
    expect(json(hits[0] as ReceivedWebhook).entry[0].id).toBe(SEED_IDS.demoBakery.wabaId);
    expect(statuses[0]?.pricing).toMatchObject({ pricing_model: 'PMP', category: 'service' });
    expect(sb.state.sentMessages()[0]?.emitted.map((e) => [e.status, e.ok])).toEqual([
      ['sent', true],
      ['delivered', true],
      ['read', true],
    ]);
  });

  it('emits only the configured statuses, or none so a test drives them', async () => {
    const token = await businessToken();
    await customerWrites();
    sb.outbox.configure({ statuses: ['sent'] });
    await waSend(token);
    await sb.outbox.idle();
    expect(statusesReceived().map((s) => s.status)).toEqual(['sent']);

    platform.received.length = 0;
    const put = await call('/_admin/send-settings', { statuses: [] }, undefined, 'PUT');
    expect(put.status).toBe(200);
    expect((put.body.settings as { statuses: string[] }).statuses).toEqual([]);
    const res = await waSend(token);
    const wamid = (res.body.messages as { id: string }[])[0]?.id ?? '';
    await sb.outbox.idle();
    expect(platform.received).toHaveLength(0);

    const driven = await call('/_admin/sent-messages/status', { messageId: wamid, status: 'delivered' });
    expect(driven.status).toBe(200);
    await sb.outbox.emitStatus(wamid, 'read');
    expect(statusesReceived().map((s) => [s.id, s.status])).toEqual([
      [wamid, 'delivered'],
      [wamid, 'read'],
    ]);
    expect(
      (await call('/_admin/sent-messages/status', { messageId: 'wamid.nope', status: 'read' })).status,
    ).toBe(404);
    expect((await call('/_admin/send-settings', { statuses: ['played'] }, undefined, 'PUT')).status).toBe(
      400,
    );
  });

  it('carries the biz_opaque_callback_data of the send on its sent, delivered and read statuses, not on failed ones', async () => {
    const token = await businessToken();
    await customerWrites();
    const tagged = await waSend(token, { biz_opaque_callback_data: 'draft_01TAGGED' });
    const untagged = await waSend(token);
    const idOf = (res: typeof tagged) => (res.body.messages as { id: string }[])[0]?.id;
    await sb.outbox.idle();
    const statuses = statusesReceived();
    expect(statuses).toHaveLength(6);
    for (const s of statuses) {
      if (s.id === idOf(tagged)) expect(s.biz_opaque_callback_data).toBe('draft_01TAGGED');
      else {
        expect(s.id).toBe(idOf(untagged));
        expect(s).not.toHaveProperty('biz_opaque_callback_data');
      }
    }
    expect(sb.state.sentMessages().map((m) => m.callbackData)).toEqual(['draft_01TAGGED', undefined]);

    platform.received.length = 0;
    await sb.outbox.emitStatus(idOf(tagged) ?? '', 'failed');
    expect(statusesReceived()).toMatchObject([{ id: idOf(tagged), status: 'failed' }]);
    expect(statusesReceived()[0]).not.toHaveProperty('biz_opaque_callback_data');
  });

  it('records that no status could be delivered when no webhook URL is set', async () => {
    const token = await businessToken();
    await customerWrites();
    sb.customer.setWebhooks({ whatsappUrl: null });
    expect((await waSend(token)).status).toBe(200);
    await sb.outbox.idle();
    const emitted = sb.state.sentMessages()[0]?.emitted ?? [];
    expect(emitted).toHaveLength(3);
    expect(emitted.every((e) => !e.ok && /no whatsapp webhook URL/.test(e.error ?? ''))).toBe(true);
  });
});

describe('faults on sends', () => {
  const expectError = async (
    kind: string,
    status: number,
    error: Record<string, unknown>,
    viaAdmin = false,
  ) => {
    const token = await businessToken();
    await customerWrites();
    if (viaAdmin) {
      expect((await call('/_admin/faults', { operation: 'graph.messages', kind })).status).toBe(201);
    } else {
      sb.faults.inject({ operation: 'graph.messages', kind: kind as never });
    }
    const res = await waSend(token);
    expect(res.status, kind).toBe(status);
    expect(graphErrorOf(res.body)).toMatchObject({ ...error, fbtrace_id: expect.any(String) });
    expect(sb.state.sentMessages()).toEqual([]);
    expect((await waSend(token)).status).toBe(200);
  };

  it('window_closed: 131047 Re-engagement message', () =>
    expectError(
      'window_closed',
      400,
      {
        code: 131047,
        type: 'OAuthException',
        message: '(#131047) Re-engagement message',
        error_data: {
          messaging_product: 'whatsapp',
          details: expect.stringContaining('more than 24 hours have passed'),
        },
      },
      true,
    ));

  it('invalid_token: 190', () => expectError('invalid_token', 401, { code: 190, type: 'OAuthException' }));

  it('rate_limit: 130429', () =>
    expectError('rate_limit', 400, {
      code: 130429,
      message: '(#130429) Rate limit hit',
      error_data: expect.any(Object),
    }));

  it('app_rate_limit: code 4, HTTP 429, transient', () =>
    expectError('app_rate_limit', 429, { code: 4, error_subcode: 2446079, is_transient: true }));

  it('waba_rate_limit: 80007', () => expectError('waba_rate_limit', 400, { code: 80007 }));

  it('server_error: HTTP 500, code 2', () =>
    expectError('server_error', 500, { code: 2, is_transient: true }));

  it('fail_later_undeliverable: accepted, then a failed status with 131026', async () => {
    const token = await businessToken();
    await customerWrites();
    expect(
      (await call('/_admin/faults', { operation: 'graph.messages', kind: 'fail_later_undeliverable' }))
        .status,
    ).toBe(201);
    const res = await waSend(token);
    expect(res.status).toBe(200);
    const wamid = (res.body.messages as { id: string }[])[0]?.id;
    await sb.outbox.idle();
    const hits = platform.received.filter((h) => h.path === '/api/webhooks/wa');
    expect(hits).toHaveLength(1);
    expect(verifiesWith(hits[0] as ReceivedWebhook, SANDBOX_DEFAULTS.appSecret)).toBe(true);
    const value = json(hits[0] as ReceivedWebhook).entry[0].changes[0].value;
    expect(value.contacts).toBeUndefined();
    expect(value.statuses).toEqual([
      {
        id: wamid,
        status: 'failed',
        timestamp: expect.any(String),
        recipient_id: CUSTOMER,
        errors: [
          expect.objectContaining({
            code: 131026,
            title: 'Message undeliverable',
            error_data: { details: expect.any(String) },
          }),
        ],
      },
    ]);
    expect(sb.state.sentMessages()[0]?.emitted).toEqual([
      expect.objectContaining({ status: 'failed', ok: true, errorCode: 131026 }),
    ]);
  });

  it('fail_later_window_closed: a failed status with 131047', async () => {
    const token = await businessToken();
    await customerWrites();
    sb.faults.inject({ operation: 'graph.messages', kind: 'fail_later_window_closed' });
    expect((await waSend(token)).status).toBe(200);
    await sb.outbox.idle();
    const [status] = statusesReceived();
    expect(status).toMatchObject({ status: 'failed', errors: [expect.objectContaining({ code: 131047 })] });
  });

  it('refuses a fail-later fault on an operation without statuses', async () => {
    const res = await call('/_admin/faults', { operation: 'ig.messages', kind: 'fail_later_undeliverable' });
    expect(res.status).toBe(400);
    expect(() => sb.faults.inject({ operation: 'graph.register', kind: 'fail_later_window_closed' })).toThrow(
      RangeError,
    );
  });
});

describe('slow and held answers, for one account', () => {
  const OTHER_PHONE: string = SEED_IDS.kopiKita.phoneNumberIds[0] ?? '';
  afterEach(() => sb.faults.clear());

  async function tokenFor(phoneNumberId: string, business = SEED_IDS.kopiKita) {
    const code = sb.state.issueEmbeddedSignupCode({
      businessId: business.businessId,
      wabaId: business.wabaId,
      phoneNumberId,
    });
    const res = await sb.get(
      `/graph/v24.0/oauth/access_token?${new URLSearchParams({ client_id: SANDBOX_DEFAULTS.appId, client_secret: SANDBOX_DEFAULTS.appSecret, code })}`,
    );
    return String(res.body.access_token);
  }

  it("hold on one phone number holds only its sends: the other number's send answers meanwhile", async () => {
    const [held, free] = [await businessToken(), await tokenFor(OTHER_PHONE)];
    sb.faults.inject({ operation: 'graph.messages', kind: 'hold', target: PHONE });
    const holding = waSend(held);
    await sb.faults.whenHeld();
    expect(sb.faults.held()).toEqual([{ operation: 'graph.messages', targets: [PHONE] }]);

    const other = await waSend(free, {}, OTHER_PHONE);
    expect(other.status).toBe(200);
    expect(sb.state.sentMessages().map((m) => m.from)).toEqual([OTHER_PHONE]);

    expect(sb.faults.release()).toBe(1);
    expect((await holding).status).toBe(200);
    expect(sb.state.sentMessages().map((m) => m.from)).toEqual([OTHER_PHONE, PHONE]);
  });

  it('a held send whose caller gave up still goes out once released, as when Meta’s answer is lost', async () => {
    const token = await businessToken();
    sb.faults.inject({ operation: 'graph.messages', kind: 'hold' });
    const caller = new AbortController();
    const abandoned = fetch(`${sb.url}/graph/v24.0/${PHONE}/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ messaging_product: 'whatsapp', to: `+${CUSTOMER}`, text: { body: 'Halo' } }),
      signal: caller.signal,
    });
    await sb.faults.whenHeld();
    caller.abort();
    await expect(abandoned).rejects.toThrow();
    expect(sb.state.sentMessages()).toEqual([]);
    sb.faults.release();
    await vi.waitFor(() => expect(sb.state.sentMessages().map((m) => m.text)).toEqual(['Halo']));
  });

  it('slow answers normally after its delay; a targeted fault of an Instagram account matches its token', async () => {
    const token = await businessToken();
    sb.faults.inject({ operation: 'graph.messages', kind: 'slow', delayMs: 30 });
    const started = Date.now();
    expect((await waSend(token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);

    sb.faults.inject({ operation: 'ig.messages', kind: 'server_error', target: SEED_IDS.instagram.kopiKita });
    sb.faults.inject({ operation: 'ig.messages', kind: 'hold', target: IG });
    const dm = call(
      '/ig-graph/v24.0/me/messages',
      { recipient: { id: '1234567890123456' }, message: { text: 'Halo' } },
      await instagramToken(),
    );
    await sb.faults.whenHeld();
    expect(sb.faults.held()).toEqual([{ operation: 'ig.messages', targets: ['me', IG] }]);
    sb.faults.release();
    expect((await dm).status).toBe(200);
    expect(sb.faults.list()).toEqual([
      expect.objectContaining({ kind: 'server_error', target: SEED_IDS.instagram.kopiKita }),
    ]);
  });

  it('is driven over the admin API too: inject with target and delayMs, list held, release', async () => {
    const token = await businessToken();
    const bad = await call('/_admin/faults', { operation: 'graph.messages', kind: 'slow' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/delayMs/);
    const injected = await call('/_admin/faults', {
      operation: 'graph.messages',
      kind: 'hold',
      target: PHONE,
      times: 2,
    });
    expect(injected.body).toEqual({
      faults: [{ operation: 'graph.messages', kind: 'hold', remaining: 2, target: PHONE }],
    });
    const sends = [waSend(token), waSend(token)];
    await sb.faults.whenHeld(2);
    expect((await sb.get('/_admin/faults/held')).body.held).toHaveLength(2);
    expect((await call('/_admin/faults/release', { count: 1 })).body).toEqual({ released: 1 });
    expect((await sends[0])?.status).toBe(200);
    expect((await call('/_admin/faults/release', {})).body).toEqual({ released: 1 });
    expect((await sends[1])?.status).toBe(200);
    expect(sb.state.sentMessages()).toHaveLength(2);
  });
});

describe('the 24-hour window', () => {
  it('closes 24 h after the customer last wrote (sandbox clock)', async () => {
    const token = await businessToken();
    await customerWrites();
    sb.advance(24 * 3600);
    expect((await waSend(token)).status).toBe(200);
    sb.advance(1);
    const closed = await waSend(token);
    expect(closed.status).toBe(400);
    expect(graphErrorOf(closed.body).code).toBe(131047);
    await customerWrites();
    expect((await waSend(token)).status).toBe(200);
  });

  it('known (default) lets a never-seen customer through; strict does not; off never checks', async () => {
    const token = await businessToken();
    expect((await waSend(token)).status).toBe(200);
    sb.outbox.configure({ window: 'strict' });
    expect(graphErrorOf((await waSend(token)).body).code).toBe(131047);
    await customerWrites();
    sb.advance(2 * 86_400);
    sb.outbox.configure({ window: 'off' });
    expect((await waSend(token)).status).toBe(200);
  });
});

describe('Instagram sends: POST /ig-graph/{v}/me/messages and /{comment_id}/replies', () => {
  const igsid = '1234567890123456';

  it('sends a DM and emits the customer read event (signed with the Instagram secret)', async () => {
    const token = await instagramToken();
    await sb.customer.sendInstagramText({
      accountId: IG,
      from: { id: igsid, username: 'sari.id' },
      text: 'Hi',
    });
    platform.received.length = 0;
    const res = await call(
      '/ig-graph/v24.0/me/messages',
      { recipient: { id: igsid }, message: { text: 'Halo Sari!' } },
      token,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ recipient_id: igsid, message_id: expect.any(String) });
    await sb.outbox.idle();
    const [hit] = platform.received;
    expect(hit?.path).toBe('/api/webhooks/instagram');
    expect(verifiesWith(hit as ReceivedWebhook, SANDBOX_DEFAULTS.instagramAppSecret)).toBe(true);
    expect(json(hit as ReceivedWebhook).entry[0].messaging[0]).toMatchObject({
      sender: { id: igsid },
      recipient: { id: IG },
      read: { mid: res.body.message_id },
    });
    expect(sb.state.sentMessages('instagram_dm')[0]).toMatchObject({
      providerId: res.body.message_id,
      from: IG,
      to: igsid,
      text: 'Halo Sari!',
      replyTo: null,
    });
  });

  it('takes the account id in the path, emits an echo when asked, and refuses other accounts', async () => {
    const token = await instagramToken();
    sb.outbox.configure({ instagramEcho: true, instagramRead: false });
    const res = await call(
      `/ig-graph/v24.0/${IG}/messages`,
      { recipient: { id: igsid }, message: { text: 'Hi' } },
      token,
    );
    expect(res.status).toBe(200);
    await sb.outbox.idle();
    expect(json(platform.received[0] as ReceivedWebhook).entry[0].messaging[0]).toMatchObject({
      sender: { id: IG },
      recipient: { id: igsid },
      message: { mid: res.body.message_id, text: 'Hi', is_echo: true },
    });
    const other = await call(
      `/ig-graph/v24.0/${SEED_IDS.instagram.kopiKita}/messages`,
      { recipient: { id: igsid }, message: { text: 'Hi' } },
      token,
    );
    expect(graphErrorOf(other.body)).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('validates, authenticates and knows the window and faults', async () => {
    const token = await instagramToken();
    const send = (body: unknown, t: string | undefined = token) =>
      call('/ig-graph/v24.0/me/messages', body, t);
    expect(graphErrorOf((await send({ message: { text: 'x' } })).body).code).toBe(100);
    expect(graphErrorOf((await send({ recipient: { id: igsid } })).body).code).toBe(100);
    const long = await send({ recipient: { id: igsid }, message: { text: 'é'.repeat(501) } });
    expect(String(graphErrorOf(long.body).message)).toMatch(/1000 bytes/);
    const noToken = await send({ recipient: { id: igsid }, message: { text: 'x' } }, '');
    expect(graphErrorOf(noToken.body).code).toBe(104);
    const business = await send({ recipient: { id: igsid }, message: { text: 'x' } }, await businessToken());
    expect(business.status).toBe(400);
    expect(graphErrorOf(business.body).code).toBe(190);
    const basic = await send(
      { recipient: { id: igsid }, message: { text: 'x' } },
      await instagramToken(['instagram_business_basic']),
    );
    expect(graphErrorOf(basic.body).code).toBe(200);

    sb.faults.inject({ operation: 'ig.messages', kind: 'window_closed' });
    const fault = await send({ recipient: { id: igsid }, message: { text: 'x' } });
    expect(graphErrorOf(fault.body)).toMatchObject({ code: 10, error_subcode: 2534022 });
    sb.faults.inject({ operation: 'ig.messages', kind: 'invalid_token' });
    const invalid = await send({ recipient: { id: igsid }, message: { text: 'x' } });
    expect(invalid.status).toBe(400);
    expect(graphErrorOf(invalid.body).code).toBe(190);

    await sb.customer.sendInstagramText({ accountId: IG, from: { id: igsid }, text: 'Hi' });
    sb.advance(24 * 3600 + 1);
    const late = await send({ recipient: { id: igsid }, message: { text: 'x' } });
    expect(graphErrorOf(late.body)).toMatchObject({ code: 10, error_subcode: 2534022 });
    expect(sb.state.sentMessages()).toEqual([]);
  });

  it('sends a private reply to a comment the customer wrote', async () => {
    const token = await instagramToken();
    const comment = await sb.customer.sendInstagramComment({
      accountId: IG,
      from: { id: igsid, username: 'sari.id' },
      text: 'Price?',
    });
    const res = await call(
      '/ig-graph/v24.0/me/messages',
      { recipient: { comment_id: comment.messageId }, message: { text: 'Sent you a DM!' } },
      token,
    );
    expect(res.body).toEqual({ recipient_id: igsid, message_id: expect.any(String) });
    expect(sb.state.sentMessages()[0]).toMatchObject({ replyTo: comment.messageId, recipientId: igsid });
  });

  it('replies publicly to a comment', async () => {
    const token = await instagramToken();
    const comment = await sb.customer.sendInstagramComment({
      accountId: IG,
      from: { id: igsid },
      text: 'Price?',
    });
    const res = await call(
      `/ig-graph/v24.0/${comment.messageId}/replies?message=${encodeURIComponent('Rp 45.000 🍞')}`,
      undefined,
      token,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: expect.stringMatching(/^\d+$/) });
    expect(sb.state.sentMessages('instagram_comment_reply')).toEqual([
      expect.objectContaining({
        providerId: res.body.id,
        to: comment.messageId,
        text: 'Rp 45.000 🍞',
        replyTo: comment.messageId,
      }),
    ]);
    const json = await call(`/ig-graph/v24.0/${comment.messageId}/replies`, { message: 'Thanks!' }, token);
    expect(json.status).toBe(200);
    expect(
      graphErrorOf((await call(`/ig-graph/v24.0/${comment.messageId}/replies`, {}, token)).body).code,
    ).toBe(100);
    sb.faults.inject({ operation: 'ig.comment_replies', kind: 'server_error' });
    expect((await call(`/ig-graph/v24.0/${comment.messageId}/replies`, { message: 'x' }, token)).status).toBe(
      500,
    );
    const calls = sb.state.calls('ig.comment_replies');
    expect(calls.map((c) => c.status)).toEqual([200, 200, 400, 500]);
    expect(calls.every((c) => !c.path.includes('message='))).toBe(true);
  });
});
