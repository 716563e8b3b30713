// Turns the type-specific part of a WhatsApp message into channel-neutral content. Reactions, edits and
// revokes are not content of their own; message.ts turns them into their own items.
import { compact } from '../compact.ts';
import type { InboundChoice, InboundContent, InboundMedia } from '../content-types.ts';
import type { WhatsAppContent } from './schemas.ts';

type ContentOf<T extends WhatsAppContent['type']> = Extract<WhatsAppContent, { type: T }>;

/** Content types that are a message of their own. */
export type WhatsAppMessageContent = Exclude<
  WhatsAppContent,
  ContentOf<'reaction'> | ContentOf<'edit'> | ContentOf<'revoke'>
>;

type MediaFields = { id: string; mime_type?: string; sha256?: string; caption?: string };

function mediaContent(kind: InboundMedia['kind'], m: MediaFields, extra: Partial<InboundMedia> = {}) {
  const media: InboundMedia = compact({
    kind,
    id: m.id,
    mimeType: m.mime_type,
    sha256: m.sha256,
    caption: m.caption,
    ...extra,
  });
  return compact({ type: kind, text: m.caption, media: [media] }) as InboundContent;
}

/** The readable content of a WhatsApp message. */
export function whatsAppContent(c: WhatsAppMessageContent): InboundContent {
  switch (c.type) {
    case 'text':
      return { type: 'text', text: c.text.body };
    case 'image':
      return mediaContent('image', c.image);
    case 'video':
      return mediaContent('video', c.video);
    case 'document':
      return mediaContent('document', c.document, compact({ filename: c.document.filename }));
    case 'audio':
      return mediaContent('audio', c.audio, compact({ voice: c.audio.voice }));
    case 'sticker':
      return mediaContent('sticker', c.sticker, compact({ animated: c.sticker.animated }));
    case 'location':
      return { type: 'location', text: c.location.name, location: compact(c.location) };
    case 'contacts':
      return {
        type: 'contacts',
        contacts: c.contacts.map((card) => ({
          name: card.name.formatted_name,
          phones: (card.phones ?? []).flatMap((p) =>
            p.phone === undefined ? [] : [compact({ phone: p.phone, waId: p.wa_id, type: p.type })],
          ),
          emails: (card.emails ?? []).flatMap((e) => (e.email === undefined ? [] : [e.email])),
        })),
      };
    case 'interactive':
      return interactiveContent(c.interactive);
    case 'button':
      return {
        type: 'choice',
        text: c.button.text,
        choice: compact<InboundChoice>({
          source: 'template_button',
          title: c.button.text,
          payload: c.button.payload,
        }),
      };
    case 'order':
      return compact({
        type: 'order',
        text: c.order.text,
        order: compact({
          catalogId: c.order.catalog_id,
          text: c.order.text,
          items: c.order.product_items.map((i) => ({
            productRetailerId: i.product_retailer_id,
            quantity: i.quantity,
            itemPrice: i.item_price,
            currency: i.currency,
          })),
        }),
      });
    case 'system':
      return compact({
        type: 'system',
        text: c.system.body,
        system: compact({
          event: c.system.type,
          body: c.system.body,
          newWaId: c.system.wa_id,
          newUserId: c.system.user_id,
          previousUserId: c.system.previous_user_id,
        }),
      });
    case 'unsupported':
    case 'unknown':
      return { type: 'unsupported' };
  }
}

function interactiveContent(i: ContentOf<'interactive'>['interactive']): InboundContent {
  switch (i.type) {
    case 'button_reply':
      return {
        type: 'choice',
        text: i.button_reply.title,
        choice: { source: 'button_reply', id: i.button_reply.id, title: i.button_reply.title },
      };
    case 'list_reply':
      return {
        type: 'choice',
        text: i.list_reply.title,
        choice: compact<InboundChoice>({
          source: 'list_reply',
          id: i.list_reply.id,
          title: i.list_reply.title,
          description: i.list_reply.description,
        }),
      };
    case 'nfm_reply':
      return compact({
        type: 'choice',
        text: i.nfm_reply.body,
        choice: compact<InboundChoice>({
          source: 'flow_reply',
          title: i.nfm_reply.name,
          responseJson: i.nfm_reply.response_json,
        }),
      });
  }
}
