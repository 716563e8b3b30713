// One WhatsApp `messages[]` element to one item. The common fields and the type-specific part are read
// by two schemas so an unknown type still yields a precise reason ("unknown message type x").
import { compact } from '../compact.ts';
import type { InboundReplyTo } from '../content-types.ts';
import type { InboundItem, InboundParty } from '../types.ts';
import { describeIssues, unparseable } from '../unparseable.ts';
import { whatsAppContent } from './content.ts';
import {
  type WhatsAppContact,
  WhatsAppContentSchema,
  type WhatsAppMessageBase,
  WhatsAppMessageBaseSchema,
} from './schemas.ts';

const KNOWN_TYPES: ReadonlySet<string> = new Set(
  WhatsAppContentSchema.options.flatMap((o) => [...o.shape.type.values].map(String)),
);

/** The item for one WhatsApp message of the change routed by `routingId`. */
export function parseWhatsAppMessage(
  raw: unknown,
  routingId: string,
  contacts: readonly WhatsAppContact[],
): InboundItem {
  const base = WhatsAppMessageBaseSchema.safeParse(raw);
  if (!base.success) {
    return unparseable('whatsapp', routingId, describeIssues('invalid message', base.error), raw);
  }
  const m = base.data;
  if (!KNOWN_TYPES.has(m.type)) {
    return unparseable('whatsapp', routingId, `unknown message type "${m.type}"`, raw);
  }
  const content = WhatsAppContentSchema.safeParse(raw);
  if (!content.success) {
    return unparseable(
      'whatsapp',
      routingId,
      describeIssues(`invalid ${m.type} message`, content.error),
      raw,
    );
  }
  const from = sender(m, contacts, content.data);
  if (!from) return unparseable('whatsapp', routingId, 'message without a sender', raw);

  const c = content.data;
  const routed = { channel: 'whatsapp', surface: 'whatsapp', routingId } as const;
  switch (c.type) {
    case 'reaction':
      return {
        kind: 'reaction',
        ...routed,
        providerMessageId: m.id,
        messageId: c.reaction.message_id,
        emoji: c.reaction.emoji ? c.reaction.emoji : null,
        from,
        own: false,
        timestamp: m.timestamp,
      };
    case 'revoke':
      return {
        kind: 'deletion',
        ...routed,
        providerMessageId: m.id,
        deletedMessageId: c.revoke.original_message_id,
        from,
        timestamp: m.timestamp,
      };
    case 'edit':
      return compact({
        kind: 'edit',
        ...routed,
        ...envelope(m),
        from,
        editedMessageId: c.edit.original_message_id,
        ...whatsAppContent(c.edit.message),
      });
    default:
      return compact({
        kind: 'message',
        ...routed,
        ...envelope(m),
        from,
        ...whatsAppContent(c),
        errors: m.errors,
      });
  }
}

function envelope(m: WhatsAppMessageBase) {
  const ctx = m.context;
  const replyTo: InboundReplyTo | undefined =
    ctx && (ctx.id !== undefined || ctx.referred_product !== undefined)
      ? compact({
          messageId: ctx.id,
          from: ctx.from,
          product: ctx.referred_product && {
            catalogId: ctx.referred_product.catalog_id,
            productRetailerId: ctx.referred_product.product_retailer_id,
          },
        })
      : undefined;
  const forwarded = ctx?.frequently_forwarded
    ? ('frequently_forwarded' as const)
    : ctx?.forwarded
      ? ('forwarded' as const)
      : undefined;
  const r = m.referral;
  return {
    providerMessageId: m.id,
    timestamp: m.timestamp,
    replyTo,
    forwarded,
    referral:
      r &&
      compact({
        source: r.source_type,
        sourceId: r.source_id,
        sourceUrl: r.source_url,
        headline: r.headline,
        body: r.body,
        ctwaClid: r.ctwa_clid,
      }),
  };
}

/**
 * The customer, named from `value.contacts[]`. `from` (the phone) can be left out when a username hides
 * it; then the business-scoped user id identifies the customer. A `user_changed_user_id` notice carries
 * neither, only the ids in its `system` block.
 */
function sender(
  m: WhatsAppMessageBase,
  contacts: readonly WhatsAppContact[],
  c: { type: string; system?: { user_id?: string; previous_user_id?: string } },
): InboundParty | undefined {
  const id = m.from ?? m.from_user_id ?? c.system?.previous_user_id ?? c.system?.user_id;
  if (id === undefined) return undefined;
  // `wa_id` "may not always match" `from`; a lone contact block still names the sender.
  const contact =
    contacts.find(
      (k) =>
        (m.from !== undefined && k.wa_id === m.from) ||
        (m.from_user_id !== undefined && k.user_id === m.from_user_id),
    ) ?? (contacts.length === 1 ? contacts[0] : undefined);
  return compact({
    id,
    userId: m.from_user_id ?? contact?.user_id,
    name: contact?.profile?.name,
    username: contact?.profile?.username,
  });
}
