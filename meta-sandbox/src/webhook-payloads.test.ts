import { describe, expect, it } from 'vitest';
import { SandboxCustomer } from './customer.ts';
import { SEED_IDS } from './seed.ts';
import { SANDBOX_DEFAULTS } from './server.ts';
import { SandboxState } from './state.ts';
import {
  businessScopedUserId,
  instagramScopedId,
  metaJson,
  newWamid,
  signatureHeader,
  summarizeWebhook,
  type WhatsAppMessageSpec,
} from './webhook-payloads.ts';

const NOW = new Date('2026-03-01T09:00:00Z');
const SECONDS = String(NOW.getTime() / 1000);
const state = new SandboxState({ ...SANDBOX_DEFAULTS }, () => NOW);
const customer = new SandboxCustomer(state);

const BAKERY = SEED_IDS.demoBakery;
const PHONE = BAKERY.phoneNumberIds[0];
const FROM = { waId: '6281234567890', name: 'Sari' };
const BSUID = businessScopedUserId(BAKERY.businessId, FROM.waId);
const METADATA = { display_phone_number: '155501000001', phone_number_id: PHONE };
const CONTACT = { profile: { name: 'Sari' }, wa_id: FROM.waId, user_id: BSUID };

/** The only message of a one-item WhatsApp payload, after checking the envelope around it. */
function onlyMessage(spec: WhatsAppMessageSpec): Record<string, unknown> {
  const { payload, ids } = customer.buildWhatsApp({ phoneNumberId: PHONE, from: FROM, message: spec });
  expect(payload).toEqual({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: BAKERY.wabaId,
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: METADATA,
              contacts: [CONTACT],
              messages: [expect.any(Object)],
            },
            field: 'messages',
          },
        ],
      },
    ],
  });
  const message = payload.entry[0]?.changes[0]?.value.messages as Record<string, unknown>[];
  expect(ids).toEqual([message[0]?.id]);
  return message[0] as Record<string, unknown>;
}

const common = (type: string) => ({
  from: FROM.waId,
  from_user_id: BSUID,
  id: expect.stringMatching(/^wamid\.[A-Za-z0-9+/]+=*$/),
  timestamp: SECONDS,
  type,
});

describe('bytes and signature as Meta sends them', () => {
  // webhook-signature-vectors.json (shared reference), secret `test_app_secret`.
  const escaped =
    '{"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"J\\u00fcrgen \\u00c4lvarez"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Gr\\u00fc\\u00df dich \\ud83d\\udc4b"}}]},"field":"messages"}]}]}';

  it('escapes non-ASCII like Meta, so the reference vector is reproduced byte for byte', () => {
    expect(metaJson(JSON.parse(escaped))).toBe(escaped);
    expect(signatureHeader(escaped, 'test_app_secret')).toBe(
      'sha256=d79d01418d80b07c59de2585964a37a70c85707e0a9745a29ede6e2252cfc337',
    );
  });

  it('signs the minified reference body and escapes slashes', () => {
    const minified =
      '{"object":"whatsapp_business_account","entry":[{"id":"419561257915477","changes":[{"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Does it come in another color?"}}]},"field":"messages"}]}]}';
    expect(signatureHeader(minified, 'test_app_secret')).toBe(
      'sha256=05425dca287e36f60b5b42254ae7fa13f010d6f9febd93f65d1dd83d79ad0484',
    );
    expect(metaJson({ url: 'https://x/y' })).toBe('{"url":"https:\\/\\/x\\/y"}');
  });

  it('issues wamids naming the customer and stable scoped ids', () => {
    const wamid = newWamid('6281234567890');
    expect(Buffer.from(wamid.slice(6), 'base64').toString('latin1')).toContain('6281234567890');
    expect(newWamid()).not.toBe(newWamid());
    expect(BSUID).toMatch(/^ID\.\d{20}$/);
    expect(businessScopedUserId(BAKERY.businessId, FROM.waId)).toBe(BSUID);
    expect(businessScopedUserId(SEED_IDS.kopiKita.businessId, FROM.waId)).not.toBe(BSUID);
    expect(instagramScopedId('1', 'a')).toMatch(/^[1-9]\d{15}$/);
  });
});

describe('WhatsApp messages', () => {
  it('text', () => {
    expect(onlyMessage({ type: 'text', text: 'Halo, masih buka?' })).toEqual({
      ...common('text'),
      text: { body: 'Halo, masih buka?' },
    });
  });

  it('a reply quotes the business message with context{from, id}', () => {
    expect(onlyMessage({ type: 'text', text: 'Yes', context: { id: 'wamid.OUT' } })).toEqual({
      context: { from: '155501000001', id: 'wamid.OUT' },
      ...common('text'),
      text: { body: 'Yes' },
    });
  });

  it('image, video and document with caption; voice and audio; sticker', () => {
    const media = {
      mime_type: expect.any(String),
      sha256: expect.any(String),
      id: expect.stringMatching(/^\d+$/),
    };
    expect(onlyMessage({ type: 'image', caption: 'Kue ini?', mediaId: '1003383421387256' })).toEqual({
      ...common('image'),
      image: {
        caption: 'Kue ini?',
        mime_type: 'image/jpeg',
        sha256: expect.any(String),
        id: '1003383421387256',
      },
    });
    expect(onlyMessage({ type: 'video' })).toEqual({
      ...common('video'),
      video: { ...media, mime_type: 'video/mp4' },
    });
    expect(onlyMessage({ type: 'document', caption: 'Invoice', filename: 'inv.pdf' })).toEqual({
      ...common('document'),
      document: { caption: 'Invoice', filename: 'inv.pdf', ...media, mime_type: 'application/pdf' },
    });
    expect(onlyMessage({ type: 'voice' })).toEqual({
      ...common('audio'),
      audio: { ...media, mime_type: 'audio/ogg; codecs=opus', voice: true },
    });
    expect(onlyMessage({ type: 'audio' })).toEqual({
      ...common('audio'),
      audio: { ...media, mime_type: 'audio/mpeg' },
    });
    expect(onlyMessage({ type: 'sticker' })).toEqual({
      ...common('sticker'),
      sticker: { ...media, mime_type: 'image/webp', animated: false },
    });
  });

  it('location and contacts', () => {
    expect(
      onlyMessage({ type: 'location', latitude: -6.2, longitude: 106.8, name: 'Monas', address: 'Jakarta' }),
    ).toEqual({
      ...common('location'),
      location: { latitude: -6.2, longitude: 106.8, name: 'Monas', address: 'Jakarta' },
    });
    expect(
      onlyMessage({
        type: 'contacts',
        contacts: [{ name: 'Budi Santoso', phone: '+62 812 0000', waId: '628120000' }],
      }),
    ).toEqual({
      ...common('contacts'),
      contacts: [
        {
          name: { formatted_name: 'Budi Santoso', first_name: 'Budi', last_name: 'Santoso' },
          phones: [{ phone: '+62 812 0000', wa_id: '628120000', type: 'CELL' }],
        },
      ],
    });
  });

  it('interactive button and list replies, template button', () => {
    expect(onlyMessage({ type: 'button_reply', id: 'yes', title: 'Yes' })).toEqual({
      ...common('interactive'),
      interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes' } },
    });
    expect(onlyMessage({ type: 'list_reply', id: 'r1', title: 'Roti', description: 'Fresh' })).toEqual({
      ...common('interactive'),
      interactive: { type: 'list_reply', list_reply: { id: 'r1', title: 'Roti', description: 'Fresh' } },
    });
    expect(onlyMessage({ type: 'button', text: 'Stop promotions', payload: 'STOP' })).toEqual({
      ...common('button'),
      button: { payload: 'STOP', text: 'Stop promotions' },
    });
  });

  it('reactions (and their removal) and unsupported messages with errors', () => {
    expect(onlyMessage({ type: 'reaction', messageId: 'wamid.OUT', emoji: '👍' })).toEqual({
      ...common('reaction'),
      reaction: { message_id: 'wamid.OUT', emoji: '👍' },
    });
    expect(onlyMessage({ type: 'reaction', messageId: 'wamid.OUT', emoji: '' })).toMatchObject({
      reaction: { message_id: 'wamid.OUT', emoji: '' },
    });
    expect(onlyMessage({ type: 'reaction', messageId: 'wamid.OUT' }).reaction).toEqual({
      message_id: 'wamid.OUT',
    });
    expect(onlyMessage({ type: 'unsupported' })).toEqual({
      from: FROM.waId,
      from_user_id: BSUID,
      id: expect.any(String),
      timestamp: SECONDS,
      errors: [
        {
          code: 131051,
          title: 'Message type unknown',
          message: 'Message type unknown',
          error_data: { details: 'Message type is currently not supported.' },
        },
      ],
      type: 'unsupported',
    });
  });

  it('a customer with a hidden number carries only the BSUID; BSUID can be left out', () => {
    const hidden = customer.buildWhatsApp({
      phoneNumberId: PHONE,
      from: { waId: FROM.waId, name: 'Sari', username: 'sari', hidePhone: true },
      text: 'hi',
    }).payload.entry[0]?.changes[0]?.value;
    expect(hidden?.contacts).toEqual([{ profile: { name: 'Sari', username: 'sari' }, user_id: BSUID }]);
    expect((hidden?.messages as Record<string, unknown>[] | undefined)?.[0]).not.toHaveProperty('from');
    const plain = customer.buildWhatsApp({
      phoneNumberId: PHONE,
      from: { ...FROM, userId: null },
      text: 'hi',
    }).payload.entry[0]?.changes[0]?.value;
    expect(plain?.contacts).toEqual([{ profile: { name: 'Sari' }, wa_id: FROM.waId }]);
  });
});

describe('WhatsApp statuses', () => {
  const statusOf = (spec: Parameters<typeof customer.buildWhatsApp>[0]) =>
    customer.buildWhatsApp(spec).payload.entry[0]?.changes[0]?.value;

  it('sent / delivered carry PMP pricing and contacts; read does not price', () => {
    expect(
      statusOf({ phoneNumberId: PHONE, from: FROM, status: { messageId: 'wamid.OUT', status: 'sent' } }),
    ).toEqual({
      messaging_product: 'whatsapp',
      metadata: METADATA,
      contacts: [CONTACT],
      statuses: [
        {
          id: 'wamid.OUT',
          status: 'sent',
          timestamp: SECONDS,
          recipient_id: FROM.waId,
          recipient_user_id: BSUID,
          pricing: {
            billable: false,
            pricing_model: 'PMP',
            type: 'free_customer_service',
            category: 'service',
          },
        },
      ],
    });
    expect(
      statusOf({ phoneNumberId: PHONE, from: FROM, status: { messageId: 'wamid.OUT', status: 'read' } })
        ?.statuses,
    ).toEqual([
      {
        id: 'wamid.OUT',
        status: 'read',
        timestamp: SECONDS,
        recipient_id: FROM.waId,
        recipient_user_id: BSUID,
      },
    ]);
  });

  it('failed carries errors and no contacts', () => {
    expect(
      statusOf({ phoneNumberId: PHONE, from: FROM, status: { messageId: 'wamid.OUT', status: 'failed' } }),
    ).toEqual({
      messaging_product: 'whatsapp',
      metadata: METADATA,
      statuses: [
        {
          id: 'wamid.OUT',
          status: 'failed',
          timestamp: SECONDS,
          recipient_id: FROM.waId,
          errors: [expect.objectContaining({ code: 131047, title: 'Re-engagement message' })],
        },
      ],
    });
  });
});

describe('WhatsApp batching', () => {
  it('merged: one entry per WABA, one change per number, messages and statuses of a number together', () => {
    const { payload, ids } = customer.buildWhatsApp([
      { phoneNumberId: BAKERY.phoneNumberIds[0], from: FROM, text: 'one' },
      { phoneNumberId: SEED_IDS.kopiKita.phoneNumberIds[0], text: 'two' },
      { phoneNumberId: BAKERY.phoneNumberIds[1], text: 'three' },
      {
        phoneNumberId: BAKERY.phoneNumberIds[0],
        from: FROM,
        status: { messageId: 'wamid.OUT', status: 'read' },
      },
    ]);
    expect(ids).toHaveLength(4);
    expect(payload.entry.map((e) => [e.id, e.changes.map((c) => c.value.metadata)])).toEqual([
      [
        BAKERY.wabaId,
        [
          { display_phone_number: '155501000001', phone_number_id: BAKERY.phoneNumberIds[0] },
          { display_phone_number: '155501000002', phone_number_id: BAKERY.phoneNumberIds[1] },
        ],
      ],
      [
        SEED_IDS.kopiKita.wabaId,
        [{ display_phone_number: '155501000003', phone_number_id: '730000000000003' }],
      ],
    ]);
    const first = payload.entry[0]?.changes[0]?.value;
    expect(first?.contacts).toEqual([CONTACT]);
    expect((first?.messages as unknown[] | undefined)?.length).toBe(1);
    expect((first?.statuses as unknown[] | undefined)?.length).toBe(1);
    expect(summarizeWebhook(payload)).toEqual([
      `message text ${ids[0]} from ${FROM.waId} to ${BAKERY.phoneNumberIds[0]}`,
      `status read wamid.OUT to ${BAKERY.phoneNumberIds[0]}`,
      `message text ${ids[2]} from 15550001234 to ${BAKERY.phoneNumberIds[1]}`,
      `message text ${ids[1]} from 15550001234 to 730000000000003`,
    ]);
  });

  it('separate: one change per item; entries: one entry per item; unknown numbers go as given', () => {
    const two = [
      { phoneNumberId: PHONE, text: 'a' },
      { phoneNumberId: PHONE, text: 'b' },
    ];
    expect(
      customer.buildWhatsApp(two, { layout: 'separate' }).payload.entry.map((e) => e.changes.length),
    ).toEqual([2]);
    expect(
      customer.buildWhatsApp(two, { layout: 'entries' }).payload.entry.map((e) => e.changes.length),
    ).toEqual([1, 1]);
    const unknown = customer.buildWhatsApp({
      phoneNumberId: '999000000000001',
      wabaId: '998000000000001',
      text: 'x',
    });
    expect(unknown.payload.entry[0]?.id).toBe('998000000000001');
    expect(unknown.payload.entry[0]?.changes[0]?.value.metadata).toEqual({
      display_phone_number: '15550000000',
      phone_number_id: '999000000000001',
    });
  });
});

describe('Instagram', () => {
  const ACCOUNT = SEED_IDS.instagram.demoBakery;
  const IGSID = instagramScopedId(ACCOUNT, 'sari.id');
  const from = { username: 'sari.id' };
  const MS = NOW.getTime();

  it('a DM: entry id = account, time and timestamp in ms, sender IGSID, recipient the account', () => {
    const { payload, ids } = customer.buildInstagram({ accountId: ACCOUNT, from, text: 'Ready tomorrow?' });
    expect(payload).toEqual({
      object: 'instagram',
      entry: [
        {
          id: ACCOUNT,
          time: MS,
          messaging: [
            {
              sender: { id: IGSID },
              recipient: { id: ACCOUNT },
              timestamp: MS,
              message: { mid: ids[0], text: 'Ready tomorrow?' },
            },
          ],
        },
      ],
    });
    expect(ids[0]).toMatch(/^aWdf[A-Za-z0-9+/]+$/);
  });

  const event = (spec: Parameters<typeof customer.buildInstagram>[0]) => {
    const entry = customer.buildInstagram(spec).payload.entry[0];
    return entry && 'messaging' in entry ? entry.messaging[0] : undefined;
  };

  it('attachments, story replies, echoes, reactions, postbacks, reads', () => {
    expect(
      event({
        accountId: ACCOUNT,
        from,
        event: { kind: 'message', attachments: [{ type: 'image', url: 'https://cdn/x.jpg' }] },
      })?.message,
    ).toEqual({
      mid: expect.any(String),
      attachments: [{ type: 'image', payload: { url: 'https://cdn/x.jpg' } }],
    });
    expect(
      event({
        accountId: ACCOUNT,
        from,
        event: { kind: 'message', text: 'Cute!', storyReply: { id: '1800', url: 'https://cdn/story' } },
      })?.message,
    ).toEqual({
      mid: expect.any(String),
      text: 'Cute!',
      reply_to: { story: { url: 'https://cdn/story', id: '1800' } },
    });
    expect(
      event({ accountId: ACCOUNT, from, event: { kind: 'message', text: 'Thanks', isEcho: true } }),
    ).toEqual({
      sender: { id: ACCOUNT },
      recipient: { id: IGSID },
      timestamp: MS,
      message: { mid: expect.any(String), text: 'Thanks', is_echo: true },
    });
    expect(event({ accountId: ACCOUNT, from, event: { kind: 'reaction', mid: 'm1' } })?.reaction).toEqual({
      mid: 'm1',
      action: 'react',
      reaction: 'love',
      emoji: '\u2764\ufe0f',
    });
    expect(
      event({ accountId: ACCOUNT, from, event: { kind: 'reaction', mid: 'm1', action: 'unreact' } })
        ?.reaction,
    ).toEqual({ mid: 'm1', action: 'unreact' });
    expect(
      event({
        accountId: ACCOUNT,
        from,
        event: { kind: 'postback', title: 'Menu', payload: 'MENU', mid: 'm2' },
      })?.postback,
    ).toEqual({ mid: 'm2', title: 'Menu', payload: 'MENU' });
    expect(event({ accountId: ACCOUNT, from, event: { kind: 'read', mid: 'm3' } })?.read).toEqual({
      mid: 'm3',
    });
  });

  it('comments: changes[] field comments, time in seconds, parent_id on replies', () => {
    const { payload, ids } = customer.buildInstagram({
      accountId: ACCOUNT,
      from,
      comment: { text: 'Price?', mediaId: '18050310900000001', parentId: '17867301200000001' },
    });
    expect(payload).toEqual({
      object: 'instagram',
      entry: [
        {
          id: ACCOUNT,
          time: Number(SECONDS),
          changes: [
            {
              field: 'comments',
              value: {
                from: { id: IGSID, username: 'sari.id' },
                media: { id: '18050310900000001', media_product_type: 'FEED' },
                id: ids[0],
                parent_id: '17867301200000001',
                text: 'Price?',
              },
            },
          ],
        },
      ],
    });
    expect(ids[0]).toMatch(/^178\d{14}$/);
  });

  it('batches DMs and comments of two accounts', () => {
    const { payload } = customer.buildInstagram([
      { accountId: ACCOUNT, text: 'a' },
      { accountId: SEED_IDS.instagram.kopiKita, text: 'b' },
      { accountId: ACCOUNT, text: 'c' },
      { accountId: ACCOUNT, comment: { text: 'd' } },
    ]);
    expect(
      payload.entry.map((e) => [e.id, 'messaging' in e ? e.messaging.length : `changes ${e.changes.length}`]),
    ).toEqual([
      [ACCOUNT, 2],
      [SEED_IDS.instagram.kopiKita, 1],
      [ACCOUNT, 'changes 1'],
    ]);
    expect(
      customer.buildInstagram([{ text: 'a' }, { text: 'b' }], { layout: 'entries' }).payload.entry,
    ).toHaveLength(2);
  });
});
