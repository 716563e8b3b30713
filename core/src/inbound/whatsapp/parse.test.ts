import { describe, expect, it } from 'vitest';
import { parseWhatsAppWebhook } from './parse.ts';

// Payload facts from Meta's status webhook reference and OpenAPI examples (shared/reference/meta.md §2).
const PHONE_NUMBER_ID = '106540352242922';

function body(values: Record<string, unknown>[]) {
  return {
    object: 'whatsapp_business_account',
    entry: values.map((value, i) => ({
      id: `10229012934039${i}`,
      changes: [{ value: { messaging_product: 'whatsapp', ...value }, field: 'messages' }],
    })),
  };
}
const metadata = (phoneNumberId = PHONE_NUMBER_ID) => ({
  display_phone_number: '15550783881',
  phone_number_id: phoneNumberId,
});
const text = (id: string, from = '16505551234') => ({
  from,
  id,
  timestamp: '1749416383',
  type: 'text',
  text: { body: `message ${id}` },
});

describe('parseWhatsAppWebhook: statuses and errors', () => {
  it('reads a sent status with conversation and per-message pricing', () => {
    const status = {
      id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=',
      status: 'sent',
      timestamp: '1750030073',
      recipient_id: '16505551234',
      conversation: {
        id: '72b14d6bd5407799e66f64d1b338e567',
        expiration_timestamp: '1750116480',
        origin: { type: 'marketing' },
      },
      pricing: { billable: true, pricing_model: 'PMP', type: 'regular', category: 'marketing' },
    };
    expect(parseWhatsAppWebhook(body([{ metadata: metadata(), statuses: [status] }]))).toEqual([
      {
        kind: 'status',
        channel: 'whatsapp',
        routingId: PHONE_NUMBER_ID,
        providerMessageId: status.id,
        status: 'sent',
        timestamp: new Date(1750030073 * 1000),
        recipientId: '16505551234',
        conversation: {
          id: '72b14d6bd5407799e66f64d1b338e567',
          expiresAt: new Date(1750116480 * 1000),
          originType: 'marketing',
        },
        pricing: { billable: true, model: 'PMP', type: 'regular', category: 'marketing' },
      },
    ]);
  });

  it('reads delivered and read statuses, and a read that carries the BSUID but no phone', () => {
    const statuses = [
      { id: 'wamid.A', status: 'delivered', timestamp: '1689380400', recipient_id: '972987654321' },
      {
        id: 'wamid.A',
        status: 'read',
        timestamp: '1689380458',
        recipient_user_id: 'US.13491208655302741918',
      },
    ];
    const items = parseWhatsAppWebhook(body([{ metadata: metadata(), statuses }]));
    expect(items).toEqual([
      {
        kind: 'status',
        channel: 'whatsapp',
        routingId: PHONE_NUMBER_ID,
        providerMessageId: 'wamid.A',
        status: 'delivered',
        timestamp: new Date(1689380400 * 1000),
        recipientId: '972987654321',
      },
      {
        kind: 'status',
        channel: 'whatsapp',
        routingId: PHONE_NUMBER_ID,
        providerMessageId: 'wamid.A',
        status: 'read',
        timestamp: new Date(1689380458 * 1000),
        recipientId: null,
        recipientUserId: 'US.13491208655302741918',
      },
    ]);
  });

  it('reads a failed status with its error code, title and details', () => {
    const status = {
      id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0QUQ2MjA4NEYyRkExNjMyREUA',
      status: 'failed',
      timestamp: '1751142888',
      recipient_id: '16505551234',
      errors: [
        {
          code: 131049,
          title: 'This message was not delivered to maintain healthy ecosystem engagement.',
          message: 'This message was not delivered to maintain healthy ecosystem engagement.',
          error_data: {
            details:
              'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
          },
          href: '/documentation/business-messaging/whatsapp/support/error-codes',
        },
      ],
    };
    expect(parseWhatsAppWebhook(body([{ metadata: metadata(), statuses: [status] }]))).toEqual([
      {
        kind: 'status',
        channel: 'whatsapp',
        routingId: PHONE_NUMBER_ID,
        providerMessageId: status.id,
        status: 'failed',
        timestamp: new Date(1751142888 * 1000),
        recipientId: '16505551234',
        errors: [
          {
            code: 131049,
            title: 'This message was not delivered to maintain healthy ecosystem engagement.',
            message: 'This message was not delivered to maintain healthy ecosystem engagement.',
            details:
              'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.',
            href: '/documentation/business-messaging/whatsapp/support/error-codes',
          },
        ],
      },
    ]);
  });

  it('reads errors not tied to a message', () => {
    const errors = [
      {
        code: 130429,
        title: 'Rate limit hit',
        message: 'Rate limit hit',
        error_data: {
          details:
            'Message failed to send because there were too many messages sent from this phone number in a short period of time',
        },
      },
    ];
    expect(parseWhatsAppWebhook(body([{ metadata: metadata(), errors }]))).toEqual([
      {
        kind: 'errors',
        channel: 'whatsapp',
        routingId: PHONE_NUMBER_ID,
        errors: [
          {
            code: 130429,
            title: 'Rate limit hit',
            message: 'Rate limit hit',
            details: errors[0]?.error_data.details,
          },
        ],
      },
    ]);
  });
});

describe('parseWhatsAppWebhook: batches and totality', () => {
  it('splits a POST with entries for two phone numbers by routing id', () => {
    const items = parseWhatsAppWebhook(
      body([
        { metadata: metadata('111'), messages: [text('wamid.1')] },
        {
          metadata: metadata('222'),
          messages: [text('wamid.2', '4915112345678')],
          statuses: [
            { id: 'wamid.9', status: 'read', timestamp: '1749416390', recipient_id: '4915112345678' },
          ],
        },
      ]),
    );
    expect(
      items.map((i) => [i.kind, i.routingId, 'providerMessageId' in i ? i.providerMessageId : null]),
    ).toEqual([
      ['message', '111', 'wamid.1'],
      ['message', '222', 'wamid.2'],
      ['status', '222', 'wamid.9'],
    ]);
  });

  it('keeps the good items when one message, status or change is malformed', () => {
    const payload = body([
      {
        metadata: metadata(),
        messages: [
          text('wamid.1'),
          { from: '1', id: 'wamid.bad', timestamp: 'yesterday', type: 'text' },
          text('wamid.3'),
        ],
        statuses: [{ id: 'wamid.9', status: 'bounced', timestamp: '1749416390' }],
      },
    ]);
    payload.entry.push({ id: 'x', changes: [{ field: 'messages', value: { messages: [] } } as never] });
    const items = parseWhatsAppWebhook(payload);
    expect(items.map((i) => i.kind)).toEqual([
      'message',
      'unparseable',
      'message',
      'unparseable',
      'unparseable',
    ]);
    expect(items[1]).toMatchObject({
      routingId: PHONE_NUMBER_ID,
      reason: 'invalid message: timestamp: expected a Unix timestamp',
      raw: { id: 'wamid.bad' },
    });
    expect(items[3]).toMatchObject({
      routingId: PHONE_NUMBER_ID,
      reason: expect.stringMatching(/^invalid status: status/),
    });
    expect(items[4]).toMatchObject({
      routingId: null,
      reason: expect.stringMatching(/^invalid value: metadata/),
    });
  });

  it('reports a message type it does not know, and a known type with a missing part', () => {
    const items = parseWhatsAppWebhook(
      body([
        {
          metadata: metadata(),
          messages: [
            { from: '1', id: 'wamid.g', timestamp: '1749416383', type: 'group_poll', group_poll: {} },
            { from: '1', id: 'wamid.i', timestamp: '1749416383', type: 'image' },
          ],
        },
      ]),
    );
    expect(items).toEqual([
      expect.objectContaining({ kind: 'unparseable', reason: 'unknown message type "group_poll"' }),
      expect.objectContaining({
        kind: 'unparseable',
        reason: expect.stringMatching(/^invalid image message: image/),
      }),
    ]);
  });

  it('returns changes other than messages as unparseable for a later handler', () => {
    const change = { field: 'message_template_status_update', value: { event: 'APPROVED' } };
    const items = parseWhatsAppWebhook({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [change] }],
    });
    expect(items).toEqual([
      {
        kind: 'unparseable',
        channel: 'whatsapp',
        routingId: null,
        reason: 'unhandled field "message_template_status_update"',
        raw: change,
      },
    ]);
  });

  it('reads an account_update removing the app from a WABA; keeps other account updates as they are', () => {
    // entry.id is the partner's business id; the WABA is in waba_info (shared/reference/meta.md §2.4).
    const update = (value: unknown) => ({ field: 'account_update', value });
    const wabaInfo = { waba_id: '419561257915477', owner_business_id: '5556667778', partner_app_id: '123' };
    const items = parseWhatsAppWebhook({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '8888888888',
          time: 1749416383,
          changes: [
            update({ event: 'PARTNER_APP_UNINSTALLED', waba_info: wabaInfo }),
            update({ event: 'PARTNER_REMOVED', waba_info: wabaInfo }),
            update({ event: 'PARTNER_ADDED', waba_info: wabaInfo }),
            update({ event: 'PARTNER_APP_UNINSTALLED' }),
            update('nonsense'),
          ],
        },
      ],
    });
    expect(items.map((item) => (item.kind === 'unparseable' ? item.reason : item))).toEqual([
      {
        kind: 'account_removed',
        channel: 'whatsapp',
        routingId: null,
        wabaId: '419561257915477',
        event: 'PARTNER_APP_UNINSTALLED',
      },
      {
        kind: 'account_removed',
        channel: 'whatsapp',
        routingId: null,
        wabaId: '419561257915477',
        event: 'PARTNER_REMOVED',
      },
      'unhandled account_update "PARTNER_ADDED"',
      'account_update "PARTNER_APP_UNINSTALLED" without waba_info',
      expect.stringContaining('invalid account_update'),
    ]);
  });

  it('answers a body that is not a WhatsApp webhook with one unparseable item, and no entries with none', () => {
    for (const wrong of [
      null,
      [],
      'text',
      { object: 'instagram', entry: [] },
      { object: 'whatsapp_business_account' },
    ]) {
      const items = parseWhatsAppWebhook(wrong);
      expect(items).toEqual([
        { kind: 'unparseable', channel: 'whatsapp', routingId: null, reason: expect.any(String), raw: wrong },
      ]);
    }
    expect(parseWhatsAppWebhook({ object: 'whatsapp_business_account', entry: [] })).toEqual([]);
  });
});
