import { describe, expect, it } from 'vitest';
import { parseWhatsAppWebhook } from './parse.ts';
import { CUSTOMER, expectedMessage, messageBody } from './test-payload.ts';

describe('parseWhatsAppWebhook: content types', () => {
  it('reads a text message with the sender name from contacts', () => {
    const items = parseWhatsAppWebhook(
      messageBody({ type: 'text', text: { body: 'Does it come in another color?' } }),
    );
    expect(items).toEqual([{ ...expectedMessage, type: 'text', text: 'Does it come in another color?' }]);
  });

  it('keeps an image as a media reference with its caption', () => {
    const image = {
      caption: 'Taj Mahal',
      mime_type: 'image/jpeg',
      sha256: 'SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=',
      id: '1003383421387256',
    };
    expect(parseWhatsAppWebhook(messageBody({ type: 'image', image }))).toEqual([
      {
        ...expectedMessage,
        type: 'image',
        text: 'Taj Mahal',
        media: [
          {
            kind: 'image',
            id: '1003383421387256',
            mimeType: 'image/jpeg',
            sha256: 'SfInY0gGKTsJlUWbwxC1k+FAD0FZHvzwfpvO0zX0GUI=',
            caption: 'Taj Mahal',
          },
        ],
      },
    ]);
  });

  it('marks a voice note', () => {
    const audio = { mime_type: 'audio/ogg; codecs=opus', sha256: 'abc=', id: '2001', voice: true };
    expect(parseWhatsAppWebhook(messageBody({ type: 'audio', audio }))).toEqual([
      {
        ...expectedMessage,
        type: 'audio',
        media: [
          { kind: 'audio', id: '2001', mimeType: 'audio/ogg; codecs=opus', sha256: 'abc=', voice: true },
        ],
      },
    ]);
  });

  it('reads a video', () => {
    const video = { caption: 'unboxing', mime_type: 'video/mp4', sha256: 'v=', id: '2002' };
    expect(parseWhatsAppWebhook(messageBody({ type: 'video', video }))).toEqual([
      {
        ...expectedMessage,
        type: 'video',
        text: 'unboxing',
        media: [{ kind: 'video', id: '2002', mimeType: 'video/mp4', sha256: 'v=', caption: 'unboxing' }],
      },
    ]);
  });

  it('keeps the filename of a document', () => {
    const document = { filename: 'invoice.pdf', mime_type: 'application/pdf', sha256: 'd=', id: '2003' };
    expect(parseWhatsAppWebhook(messageBody({ type: 'document', document }))).toEqual([
      {
        ...expectedMessage,
        type: 'document',
        media: [
          {
            kind: 'document',
            id: '2003',
            mimeType: 'application/pdf',
            sha256: 'd=',
            filename: 'invoice.pdf',
          },
        ],
      },
    ]);
  });

  it('marks an animated sticker', () => {
    const sticker = { mime_type: 'image/webp', sha256: 's=', id: '2004', animated: true };
    expect(parseWhatsAppWebhook(messageBody({ type: 'sticker', sticker }))).toEqual([
      {
        ...expectedMessage,
        type: 'sticker',
        media: [{ kind: 'sticker', id: '2004', mimeType: 'image/webp', sha256: 's=', animated: true }],
      },
    ]);
  });

  it('reads a location', () => {
    const location = {
      latitude: 37.4847,
      longitude: -122.1477,
      name: 'Philz Coffee',
      address: '101 Forest Ave, Palo Alto, CA 94301',
      url: 'https://philzcoffee.com',
    };
    expect(parseWhatsAppWebhook(messageBody({ type: 'location', location }))).toEqual([
      { ...expectedMessage, type: 'location', text: 'Philz Coffee', location },
    ]);
  });

  it('reads shared contact cards', () => {
    const contacts = [
      {
        name: { formatted_name: 'Barbara Johnson', first_name: 'Barbara', last_name: 'Johnson' },
        phones: [{ phone: '+1 (940) 555-1234', wa_id: '19405551234', type: 'HOME' }],
        emails: [{ email: 'bjohnson@example.com', type: 'HOME' }],
      },
    ];
    expect(parseWhatsAppWebhook(messageBody({ type: 'contacts', contacts }))).toEqual([
      {
        ...expectedMessage,
        type: 'contacts',
        contacts: [
          {
            name: 'Barbara Johnson',
            phones: [{ phone: '+1 (940) 555-1234', waId: '19405551234', type: 'HOME' }],
            emails: ['bjohnson@example.com'],
          },
        ],
      },
    ]);
  });

  it('keeps unsupported messages with their errors', () => {
    const errors = [
      {
        code: 131051,
        title: 'Message type unknown',
        message: 'Message type unknown',
        error_data: { details: 'Message type is currently not supported.' },
      },
    ];
    expect(parseWhatsAppWebhook(messageBody({ type: 'unsupported', errors }))).toEqual([
      {
        ...expectedMessage,
        type: 'unsupported',
        errors: [
          {
            code: 131051,
            title: 'Message type unknown',
            message: 'Message type unknown',
            details: 'Message type is currently not supported.',
          },
        ],
      },
    ]);
    expect(parseWhatsAppWebhook(messageBody({ type: 'unknown', errors }))[0]).toMatchObject({
      type: 'unsupported',
    });
  });

  it('reads a system notice that has no contacts block', () => {
    const system = {
      body: 'User A changed from 16505551234 to 16505559999',
      wa_id: '16505559999',
      type: 'user_changed_number',
    };
    expect(parseWhatsAppWebhook(messageBody({ type: 'system', system }, []))).toEqual([
      {
        ...expectedMessage,
        from: { id: CUSTOMER },
        type: 'system',
        text: system.body,
        system: { event: 'user_changed_number', body: system.body, newWaId: '16505559999' },
      },
    ]);
  });

  it('identifies a customer by business-scoped user id when the phone is hidden', () => {
    const contacts = [{ profile: { name: 'Ana', username: 'ana.b' }, user_id: 'US.13491208655302741918' }];
    const items = parseWhatsAppWebhook(
      messageBody(
        { from: undefined, from_user_id: 'US.13491208655302741918', type: 'text', text: { body: 'hi' } },
        contacts,
      ),
    );
    expect(items[0]).toMatchObject({
      kind: 'message',
      from: {
        id: 'US.13491208655302741918',
        userId: 'US.13491208655302741918',
        name: 'Ana',
        username: 'ana.b',
      },
    });
  });

  it('reads an order', () => {
    const order = {
      catalog_id: 'C1',
      text: 'for Friday',
      product_items: [{ product_retailer_id: 'SKU-9', quantity: 2, item_price: 12.5, currency: 'EUR' }],
    };
    expect(parseWhatsAppWebhook(messageBody({ type: 'order', order }))[0]).toMatchObject({
      type: 'order',
      order: {
        catalogId: 'C1',
        text: 'for Friday',
        items: [{ productRetailerId: 'SKU-9', quantity: 2, itemPrice: 12.5, currency: 'EUR' }],
      },
    });
  });

  it('names the sender from a lone contact whose wa_id differs from `from`', () => {
    const contacts = [{ profile: { name: 'Lucía' }, wa_id: '5491123456789' }];
    const items = parseWhatsAppWebhook(
      messageBody({ from: '54911123456789', type: 'text', text: { body: 'hola' } }, contacts),
    );
    expect(items[0]).toMatchObject({ from: { id: '54911123456789', name: 'Lucía' } });
  });
});
