import { compact } from '../compact.ts';
import type { InboundItem } from '../types.ts';
import { describeIssues, unparseable } from '../unparseable.ts';
import { WhatsAppStatusSchema } from './schemas.ts';

/** The item for one `statuses[]` element: the delivery state of a message the business sent. */
export function parseWhatsAppStatus(raw: unknown, routingId: string): InboundItem {
  const parsed = WhatsAppStatusSchema.safeParse(raw);
  if (!parsed.success) {
    return unparseable('whatsapp', routingId, describeIssues('invalid status', parsed.error), raw);
  }
  const s = parsed.data;
  return compact({
    kind: 'status',
    channel: 'whatsapp',
    routingId,
    providerMessageId: s.id,
    status: s.status,
    timestamp: s.timestamp,
    recipientId: s.recipient_id ?? null,
    recipientUserId: s.recipient_user_id,
    errors: s.errors,
    conversation:
      s.conversation &&
      compact({
        id: s.conversation.id,
        expiresAt: s.conversation.expiration_timestamp,
        originType: s.conversation.origin?.type,
      }),
    pricing:
      s.pricing &&
      compact({
        billable: s.pricing.billable,
        model: s.pricing.pricing_model,
        type: s.pricing.type,
        category: s.pricing.category,
      }),
    callbackData: s.biz_opaque_callback_data,
  });
}
