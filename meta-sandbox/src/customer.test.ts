import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCustomerCli } from './customer-cli.ts';
import { SEED_IDS } from './seed.ts';
import { SANDBOX_DEFAULTS } from './server.ts';
import {
  startTestSandbox,
  startWebhookReceiver,
  type TestSandbox,
  verifiesWith,
  type WebhookReceiver,
} from './test-helpers.ts';

let sb: TestSandbox;
let platform: WebhookReceiver;
let waUrl: string;
let igUrl: string;

beforeAll(async () => {
  [sb, platform] = await Promise.all([startTestSandbox(), startWebhookReceiver()]);
  waUrl = `${platform.url}/api/webhooks/wa`;
  igUrl = `${platform.url}/api/webhooks/instagram`;
});
afterAll(() => Promise.all([sb.close(), platform.close()]));
beforeEach(() => {
  sb.state.reset();
  sb.customer.setRetries(0);
  sb.customer.setWebhooks({ whatsappUrl: waUrl, instagramUrl: igUrl });
  platform.received.length = 0;
});

const PHONE = SEED_IDS.demoBakery.phoneNumberIds[0];
const IG = SEED_IDS.instagram.demoBakery;
const json = (raw: Buffer) => JSON.parse(raw.toString('utf8'));
const admin = async (path: string, body: unknown, method = 'POST') => {
  const res = await fetch(`${sb.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('signed deliveries', () => {
  it('WhatsApp: signed with the Meta app secret over the exact bytes, not the Instagram one', async () => {
    const sent = await sb.customer.sendWhatsAppText({
      phoneNumberId: PHONE,
      from: { waId: '4915112345678', name: 'Jürgen' },
      text: 'Grüß dich 👋',
    });
    expect(sent.ok).toBe(true);
    const [hit] = platform.received;
    if (!hit) throw new Error('nothing received');
    expect(hit.method).toBe('POST');
    expect(hit.path).toBe('/api/webhooks/wa');
    expect(hit.headers['content-type']).toBe('application/json');
    expect(hit.headers['x-hub-signature-256']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifiesWith(hit, SANDBOX_DEFAULTS.appSecret)).toBe(true);
    expect(verifiesWith(hit, SANDBOX_DEFAULTS.instagramAppSecret)).toBe(false);
    // Escaped unicode on the wire, as Meta sends it.
    expect(hit.raw.toString('utf8')).toContain('J\\u00fcrgen');
    expect(hit.raw.toString('utf8')).toBe(sent.body);
    expect(json(hit.raw).entry[0].changes[0].value.messages[0]).toMatchObject({
      id: sent.messageId,
      text: { body: 'Grüß dich 👋' },
    });
    // Altering one byte breaks the signature.
    const altered = Buffer.from(hit.raw);
    altered[altered.length - 2] = 0x20;
    expect(verifiesWith({ ...hit, raw: altered }, SANDBOX_DEFAULTS.appSecret)).toBe(false);
  });

  it('Instagram: signed with the Instagram app secret, sent to the Instagram URL', async () => {
    const sent = await sb.customer.sendInstagramText({
      accountId: IG,
      from: { username: 'sari.id' },
      text: 'Hai',
    });
    const [hit] = platform.received;
    if (!hit) throw new Error('nothing received');
    expect(hit.path).toBe('/api/webhooks/instagram');
    expect(verifiesWith(hit, SANDBOX_DEFAULTS.instagramAppSecret)).toBe(true);
    expect(verifiesWith(hit, SANDBOX_DEFAULTS.appSecret)).toBe(false);
    expect(json(hit.raw)).toMatchObject({ object: 'instagram', entry: [{ id: IG }] });
    expect(sent.deliveries).toEqual([
      expect.objectContaining({ source: 'instagram', url: igUrl, status: 200, ok: true, attempts: 1 }),
    ]);
  });

  it('records every delivery with url, status and what it carried', async () => {
    const sent = await sb.customer.sendWhatsAppStatus({
      phoneNumberId: PHONE,
      messageId: 'wamid.OUT',
      status: 'read',
    });
    expect(sb.state.deliveries()).toEqual([
      {
        id: 1,
        at: '2026-03-01T09:00:00.000Z',
        source: 'whatsapp',
        url: waUrl,
        status: 200,
        ok: true,
        attempts: 1,
        copy: 1,
        bytes: Buffer.byteLength(sent.body),
        signature: platform.received[0]?.headers['x-hub-signature-256'],
        events: [`status read wamid.OUT to ${PHONE}`],
      },
    ]);
    const state = (await sb.get('/_admin/state')).body;
    expect(state.webhooks).toEqual({ whatsapp_url: waUrl, instagram_url: igUrl });
    expect(state.webhook_deliveries).toHaveLength(1);
  });
});

describe('delivery modes', () => {
  it('one POST carrying two numbers of two businesses', async () => {
    const kopi = SEED_IDS.kopiKita.phoneNumberIds[0];
    const sent = await sb.customer.sendWhatsApp([
      { phoneNumberId: PHONE, text: 'for the bakery' },
      { phoneNumberId: kopi, text: 'for the coffee shop' },
    ]);
    expect(platform.received).toHaveLength(1);
    const body = json(platform.received[0]?.raw ?? Buffer.alloc(0));
    expect(
      body.entry.map((e: { id: string; changes: { value: { metadata: { phone_number_id: string } } }[] }) => [
        e.id,
        e.changes[0]?.value.metadata.phone_number_id,
      ]),
    ).toEqual([
      [SEED_IDS.demoBakery.wabaId, PHONE],
      [SEED_IDS.kopiKita.wabaId, kopi],
    ]);
    expect(sent.ids).toHaveLength(2);
    expect(sent.deliveries[0]?.events).toHaveLength(2);
  });

  it('duplicates: the same delivery N times, byte-identical and identically signed', async () => {
    const sent = await sb.customer.sendWhatsAppText({ phoneNumberId: PHONE, text: 'again', times: 3 });
    expect(platform.received).toHaveLength(3);
    const [a, b, c] = platform.received;
    expect(a?.raw.equals(b?.raw ?? Buffer.alloc(0))).toBe(true);
    expect(a?.raw.equals(c?.raw ?? Buffer.alloc(0))).toBe(true);
    expect(new Set(platform.received.map((r) => r.headers['x-hub-signature-256'])).size).toBe(1);
    expect(sent.deliveries.map((d) => d.copy)).toEqual([1, 2, 3]);
  });

  it('out of order: read is delivered before delivered, each in its own POST', async () => {
    const results = await sb.customer.sendWhatsAppSequence([
      { phoneNumberId: PHONE, status: { messageId: 'wamid.OUT', status: 'read' } },
      { phoneNumberId: PHONE, status: { messageId: 'wamid.OUT', status: 'delivered' } },
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(
      platform.received.map((r) => json(r.raw).entry[0].changes[0].value.statuses[0].status as string),
    ).toEqual(['read', 'delivered']);
  });

  it('sends any payload (a malformed one too) exactly as given', async () => {
    const raw =
      '{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages"}]}]}';
    await sb.customer.send(raw, { source: 'whatsapp' });
    await sb.customer.send({ object: 'instagram', entry: [] });
    expect(platform.received[0]?.raw.toString()).toBe(raw);
    expect(platform.received[1]?.path).toBe('/api/webhooks/instagram');
    const second = platform.received[1];
    if (!second) throw new Error('nothing received');
    expect(verifiesWith(second, SANDBOX_DEFAULTS.instagramAppSecret)).toBe(true);
  });
});

describe('failures and retries', () => {
  it('a non-2xx answer is recorded as failed (no retries by default)', async () => {
    platform.answerNext(500);
    const sent = await sb.customer.sendWhatsAppText({ phoneNumberId: PHONE, text: 'x' });
    expect(sent.ok).toBe(false);
    expect(platform.received).toHaveLength(1);
    expect(sb.state.deliveries()).toEqual([expect.objectContaining({ status: 500, ok: false, attempts: 1 })]);
  });

  it('retries a configured number of times with backoff, until a 2xx', async () => {
    sb.customer.setRetries(3, [0]);
    platform.answerNext(503, 401);
    const sent = await sb.customer.sendWhatsAppText({ phoneNumberId: PHONE, text: 'x' });
    expect(sent.deliveries).toEqual([expect.objectContaining({ status: 200, ok: true, attempts: 3 })]);
    expect(platform.received).toHaveLength(3);
    expect(new Set(platform.received.map((r) => r.raw.toString())).size).toBe(1);
    platform.received.length = 0;
    platform.answerNext(500, 500, 500, 500);
    const failed = await sb.customer.sendWhatsAppText({ phoneNumberId: PHONE, text: 'y' });
    expect(failed.deliveries).toEqual([expect.objectContaining({ status: 500, ok: false, attempts: 4 })]);
  });

  it('an unreachable platform is recorded without a status; no URL set is an error', async () => {
    const closed = await startWebhookReceiver();
    await closed.close();
    const sent = await sb.customer.sendWhatsAppText({ phoneNumberId: PHONE, text: 'x', url: closed.url });
    expect(sent.deliveries).toEqual([
      expect.objectContaining({ status: null, ok: false, error: expect.stringMatching(/ECONNREFUSED/) }),
    ]);
    sb.customer.setWebhooks({ instagramUrl: null });
    await expect(sb.customer.sendInstagramText({ text: 'x' })).rejects.toThrow(/no instagram webhook URL/);
  });
});

describe('admin API', () => {
  it('sets and reads the webhook targets; rejects non-URLs; reset keeps them', async () => {
    expect((await admin('/_admin/webhooks', { whatsappUrl: 'ftp://x' })).status).toBe(400);
    expect(
      (await admin('/_admin/webhooks', { whatsappUrl: `${platform.url}/wa2`, instagramUrl: null })).body,
    ).toEqual({
      whatsappUrl: `${platform.url}/wa2`,
      instagramUrl: null,
    });
    await fetch(`${sb.url}/_admin/reset`, { method: 'POST' });
    expect((await sb.get('/_admin/webhooks')).body).toEqual({
      whatsappUrl: `${platform.url}/wa2`,
      instagramUrl: null,
    });
  });

  it('POST /_admin/customer/whatsapp: a message, a batch, duplicates, a sequence', async () => {
    const one = await admin('/_admin/customer/whatsapp', {
      phoneNumberId: PHONE,
      from: { waId: '15551230000', name: 'Ana' },
      message: { type: 'image', caption: 'this one' },
    });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ ok: true, ids: [expect.stringMatching(/^wamid\./)] });
    expect(json(platform.received[0]?.raw ?? Buffer.alloc(0)).entry[0].changes[0].value).toMatchObject({
      contacts: [{ profile: { name: 'Ana' }, wa_id: '15551230000' }],
      messages: [{ type: 'image', image: { caption: 'this one' } }],
    });
    const batch = await admin('/_admin/customer/whatsapp', {
      items: [
        { phoneNumberId: PHONE, text: 'a' },
        { phoneNumberId: SEED_IDS.demoBakery.phoneNumberIds[1], text: 'b' },
      ],
      layout: 'merged',
      times: 2,
    });
    expect(batch.body.deliveries).toHaveLength(2);
    expect(json(platform.received[1]?.raw ?? Buffer.alloc(0)).entry[0].changes).toHaveLength(2);
    const sequence = await admin('/_admin/customer/whatsapp', {
      items: [
        { status: { messageId: 'wamid.X', status: 'read' } },
        { status: { messageId: 'wamid.X', status: 'delivered' } },
      ],
      sequence: true,
    });
    expect(sequence.body.deliveries).toHaveLength(2);
    expect(platform.received).toHaveLength(5);
  });

  it('POST /_admin/customer/instagram: DM, comment, reaction; bad descriptions are 400, no URL 409', async () => {
    const res = await admin('/_admin/customer/instagram', {
      items: [
        { accountId: IG, text: 'hi' },
        { accountId: IG, comment: { text: 'price?' } },
        { accountId: IG, event: { kind: 'reaction', mid: 'm1' } },
      ],
    });
    expect(res.body.ok).toBe(true);
    expect(json(platform.received[0]?.raw ?? Buffer.alloc(0)).entry).toHaveLength(2);
    expect((await admin('/_admin/customer/instagram', { accountId: IG })).status).toBe(400);
    expect((await admin('/_admin/customer/whatsapp', { message: { type: 'hologram' } })).status).toBe(400);
    expect((await admin('/_admin/customer/whatsapp', { message: { type: 'reaction' } })).status).toBe(400);
    expect((await admin('/_admin/customer/whatsapp', { text: 'x', times: 0 })).status).toBe(400);
    sb.customer.setWebhooks({ instagramUrl: null });
    const missing = await admin('/_admin/customer/instagram', { text: 'x' });
    expect(missing.status).toBe(409);
  });

  it('POST /_admin/customer/send and GET /_admin/customer/deliveries', async () => {
    platform.answerNext(400);
    const res = await admin('/_admin/customer/send', { source: 'whatsapp', payload: '{"object":"nope"}' });
    expect(res.body).toMatchObject({ ok: false, deliveries: [{ status: 400, ok: false }] });
    expect(platform.received[0]?.raw.toString()).toBe('{"object":"nope"}');
    expect((await sb.get('/_admin/customer/deliveries')).body).toEqual({
      deliveries: [expect.objectContaining({ status: 400, source: 'whatsapp' })],
    });
  });
});

describe('the /customer page', () => {
  it('lists the numbers and accounts and sends what a person types', async () => {
    const page = await (await fetch(`${sb.url}/customer`)).text();
    expect(page).toContain('<select id="channel" name="channel">');
    expect(page).toContain(`value="${PHONE}"`);
    expect(page).toContain(`value="${IG}"`);
    expect(page).toContain('id="send"');
    const posted = await fetch(`${sb.url}/customer`, {
      method: 'POST',
      body: new URLSearchParams({
        channel: 'whatsapp',
        phone_number_id: SEED_IDS.demoBakery.phoneNumberIds[1],
        name: 'Dewi <b>',
        wa_id: '+62 812-3456',
        text: 'Ada roti tawar?',
      }),
    });
    const html = await posted.text();
    expect(posted.status).toBe(200);
    expect(html).toContain('role="status"');
    expect(html).toContain('Dewi &lt;b&gt;');
    const value = json(platform.received[0]?.raw ?? Buffer.alloc(0)).entry[0].changes[0].value;
    expect(value).toMatchObject({
      metadata: { phone_number_id: SEED_IDS.demoBakery.phoneNumberIds[1] },
      contacts: [{ profile: { name: 'Dewi <b>' }, wa_id: '628123456' }],
      messages: [{ from: '628123456', type: 'text', text: { body: 'Ada roti tawar?' } }],
    });
    await fetch(`${sb.url}/customer`, {
      method: 'POST',
      body: new URLSearchParams({
        channel: 'instagram',
        instagram_account_id: IG,
        instagram_kind: 'comment',
        username: 'dewi',
        text: 'Harga?',
      }),
    });
    expect(json(platform.received[1]?.raw ?? Buffer.alloc(0)).entry[0].changes[0]).toMatchObject({
      field: 'comments',
      value: { from: { username: 'dewi' }, text: 'Harga?' },
    });
  });

  it('says so when the platform is not listening', async () => {
    sb.customer.setWebhooks({ whatsappUrl: null });
    const res = await fetch(`${sb.url}/customer`, {
      method: 'POST',
      body: new URLSearchParams({ text: 'hi' }),
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('role="alert"');
  });
});

describe('the customer CLI', () => {
  const run = async (...argv: string[]) => {
    const lines: string[] = [];
    const code = await runCustomerCli(argv, {
      baseUrl: sb.url,
      out: (t) => lines.push(t),
      err: (t) => lines.push(t),
    });
    return { code, output: lines.join('\n') };
  };

  it('whatsapp --to --text, a reaction, a status and an Instagram comment', async () => {
    const text = await run(
      'whatsapp',
      '--to',
      PHONE,
      '--text',
      'Hi',
      '--name',
      'Ana',
      '--from',
      '15550009999',
    );
    expect(text.code).toBe(0);
    expect(JSON.parse(text.output)).toMatchObject({ ok: true });
    const reaction = await run('whatsapp', '--to', PHONE, '--type', 'reaction', '--message-id', 'wamid.OUT');
    expect(reaction.code).toBe(0);
    expect((await run('status', '--to', PHONE, '--message-id', 'wamid.OUT', '--status', 'failed')).code).toBe(
      0,
    );
    expect(
      (await run('instagram', '--to', IG, '--text', 'Love it', '--comment', '--username', 'ana')).code,
    ).toBe(0);
    const bodies = platform.received.map((r) => json(r.raw));
    expect(bodies[0].entry[0].changes[0].value.messages[0]).toMatchObject({
      from: '15550009999',
      text: { body: 'Hi' },
    });
    expect(bodies[1].entry[0].changes[0].value.messages[0]).toMatchObject({ type: 'reaction' });
    expect(bodies[2].entry[0].changes[0].value.statuses[0]).toMatchObject({ status: 'failed' });
    expect(bodies[3].entry[0].changes[0]).toMatchObject({ field: 'comments', value: { text: 'Love it' } });
  });

  it('webhooks, deliveries, failures and usage errors', async () => {
    expect(JSON.parse((await run('webhooks')).output)).toEqual({ whatsappUrl: waUrl, instagramUrl: igUrl });
    platform.answerNext(500);
    expect((await run('whatsapp', '--text', 'x', '--times', '1')).code).toBe(1);
    expect(JSON.parse((await run('deliveries')).output).deliveries).toHaveLength(1);
    expect((await run('whatsapp', '--type', 'hologram')).code).toBe(2);
    expect((await run('nope')).code).toBe(2);
    expect((await run('--help')).code).toBe(0);
  });
});
