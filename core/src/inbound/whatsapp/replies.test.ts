import { describe, expect, it } from 'vitest';
import { parseWhatsAppWebhook } from './parse.ts';
import { AT, CUSTOMER, expectedMessage, messageBody, PHONE_NUMBER_ID, WAMID } from './test-payload.ts';

describe('parseWhatsAppWebhook: replies, reactions, edits', () => {
  it('reads an interactive button reply and the message it answers', () => {
    const items = parseWhatsAppWebhook(
      messageBody({
        context: { from: '15550783881', id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA' },
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'cancel-button', title: 'Cancel' } },
      }),
    );
    expect(items).toEqual([
      {
        ...expectedMessage,
        type: 'choice',
        text: 'Cancel',
        choice: { source: 'button_reply', id: 'cancel-button', title: 'Cancel' },
        replyTo: {
          messageId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MEM2RUJFNkI0RENGQTVDRjUA',
          from: '15550783881',
        },
      },
    ]);
  });

  it('reads a list reply', () => {
    const interactive = {
      type: 'list_reply',
      list_reply: { id: 'priority-express', title: 'Express', description: 'Next-day delivery' },
    };
    expect(parseWhatsAppWebhook(messageBody({ type: 'interactive', interactive }))).toEqual([
      {
        ...expectedMessage,
        type: 'choice',
        text: 'Express',
        choice: {
          source: 'list_reply',
          id: 'priority-express',
          title: 'Express',
          description: 'Next-day delivery',
        },
      },
    ]);
  });

  it('reads a flow (nfm) reply with its JSON answer', () => {
    const interactive = {
      type: 'nfm_reply',
      nfm_reply: { response_json: '{"flow_token":"t1","size":"M"}', body: 'Sent', name: 'flow' },
    };
    expect(parseWhatsAppWebhook(messageBody({ type: 'interactive', interactive }))).toEqual([
      {
        ...expectedMessage,
        type: 'choice',
        text: 'Sent',
        choice: { source: 'flow_reply', title: 'flow', responseJson: '{"flow_token":"t1","size":"M"}' },
      },
    ]);
  });

  it('reads a template quick-reply button', () => {
    const items = parseWhatsAppWebhook(
      messageBody({ type: 'button', button: { payload: 'STOP_PROMOS', text: 'Stop' } }),
    );
    expect(items).toEqual([
      {
        ...expectedMessage,
        type: 'choice',
        text: 'Stop',
        choice: { source: 'template_button', title: 'Stop', payload: 'STOP_PROMOS' },
      },
    ]);
  });

  it('reads a reaction as its own item, pointing at the message reacted to', () => {
    const reaction = {
      message_id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RTJEOTc2ODVERUY5RDlGNkYA',
      emoji: '👍',
    };
    expect(parseWhatsAppWebhook(messageBody({ type: 'reaction', reaction }))).toEqual([
      {
        kind: 'reaction',
        channel: 'whatsapp',
        surface: 'whatsapp',
        routingId: PHONE_NUMBER_ID,
        providerMessageId: WAMID,
        messageId: reaction.message_id,
        emoji: '👍',
        from: { id: CUSTOMER, name: 'Sheena Nelson' },
        own: false,
        timestamp: AT,
      },
    ]);
  });

  it('reads an empty or missing emoji as a removed reaction', () => {
    for (const reaction of [{ message_id: 'wamid.R', emoji: '' }, { message_id: 'wamid.R' }]) {
      const [item] = parseWhatsAppWebhook(messageBody({ type: 'reaction', reaction }));
      expect(item).toMatchObject({ kind: 'reaction', messageId: 'wamid.R', emoji: null });
    }
  });

  it('marks forwarded messages', () => {
    const forwarded = parseWhatsAppWebhook(
      messageBody({ type: 'text', text: { body: 'fwd' }, context: { forwarded: true } }),
    );
    expect(forwarded).toEqual([{ ...expectedMessage, type: 'text', text: 'fwd', forwarded: 'forwarded' }]);
    const often = parseWhatsAppWebhook(
      messageBody({ type: 'text', text: { body: 'fwd' }, context: { frequently_forwarded: true } }),
    );
    expect(often[0]).toMatchObject({ forwarded: 'frequently_forwarded' });
    expect(often[0]).not.toHaveProperty('replyTo');
  });

  it('reads a product inquiry and a Click-to-WhatsApp referral', () => {
    const items = parseWhatsAppWebhook(
      messageBody({
        type: 'text',
        text: { body: 'Is this in stock?' },
        context: {
          from: '15550783881',
          id: 'wamid.Q',
          referred_product: { catalog_id: 'C1', product_retailer_id: 'SKU-9' },
        },
        referral: {
          source_url: 'https://fb.me/abc',
          source_id: '120211',
          source_type: 'ad',
          headline: 'Summer sale',
          body: 'Up to 50% off',
          media_type: 'image',
          image_url: 'https://example.com/ad.jpg',
          ctwa_clid: 'ARAkLk',
        },
      }),
    );
    expect(items[0]).toMatchObject({
      replyTo: {
        messageId: 'wamid.Q',
        from: '15550783881',
        product: { catalogId: 'C1', productRetailerId: 'SKU-9' },
      },
      referral: {
        source: 'ad',
        sourceId: '120211',
        sourceUrl: 'https://fb.me/abc',
        headline: 'Summer sale',
        body: 'Up to 50% off',
        ctwaClid: 'ARAkLk',
      },
    });
  });

  it('reads an edit as its own item with the new content', () => {
    const edit = {
      original_message_id: 'wamid.zzzzzz',
      message: { type: 'text', text: { body: 'Text was edited' } },
    };
    expect(parseWhatsAppWebhook(messageBody({ type: 'edit', edit }))).toEqual([
      {
        ...expectedMessage,
        kind: 'edit',
        editedMessageId: 'wamid.zzzzzz',
        type: 'text',
        text: 'Text was edited',
      },
    ]);
  });

  it('reads a revoke as a deletion', () => {
    expect(
      parseWhatsAppWebhook(messageBody({ type: 'revoke', revoke: { original_message_id: 'wamid.gone' } })),
    ).toEqual([
      {
        kind: 'deletion',
        channel: 'whatsapp',
        surface: 'whatsapp',
        routingId: PHONE_NUMBER_ID,
        providerMessageId: WAMID,
        deletedMessageId: 'wamid.gone',
        from: { id: CUSTOMER, name: 'Sheena Nelson' },
        timestamp: AT,
      },
    ]);
  });
});
