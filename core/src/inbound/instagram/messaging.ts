// One Instagram `messaging[]` event to one item. Anything the business account sent (`is_echo`, or a
// sender that is the account itself) becomes an `echo`, never a customer message, so auto-replies
// cannot answer themselves.
import { compact } from '../compact.ts';
import type { InboundReferral } from '../content-types.ts';
import type { InboundItem } from '../types.ts';
import { describeIssues, unparseable } from '../unparseable.ts';
import { instagramContent, instagramReplyTo } from './content.ts';
import { type InstagramMessagingEvent, InstagramMessagingEventSchema } from './schemas.ts';

/** The item for one messaging event of the entry of account `accountId`. */
export function parseInstagramMessaging(raw: unknown, accountId: string): InboundItem {
  const parsed = InstagramMessagingEventSchema.safeParse(raw);
  if (!parsed.success) {
    return unparseable('instagram', accountId, describeIssues('invalid messaging event', parsed.error), raw);
  }
  const e = parsed.data;
  const base = {
    channel: 'instagram',
    surface: 'instagram_dm',
    routingId: accountId,
    from: { id: e.sender.id },
    timestamp: e.timestamp,
  } as const;
  const own = e.sender.id === accountId;

  if (e.message) {
    const m = e.message;
    if (m.is_deleted) {
      return { kind: 'deletion', ...base, providerMessageId: null, deletedMessageId: m.mid };
    }
    const content = instagramContent(m);
    if (!content) return unparseable('instagram', accountId, 'message without text or attachments', raw);
    const envelope = {
      channel: base.channel,
      surface: base.surface,
      routingId: accountId,
      providerMessageId: m.mid,
      timestamp: e.timestamp,
      replyTo: instagramReplyTo(m),
      referral: referral(m.referral),
    };
    if (m.is_echo || own) {
      return compact({ kind: 'echo', ...envelope, recipientId: e.recipient.id, ...content });
    }
    return compact({ kind: 'message', ...envelope, from: base.from, ...content });
  }
  if (e.reaction) {
    const r = e.reaction;
    return {
      kind: 'reaction',
      ...base,
      providerMessageId: null,
      messageId: r.mid,
      emoji: r.action === 'unreact' ? null : (r.emoji ?? r.reaction ?? null),
      own,
    };
  }
  if (e.postback) {
    // A postback is the user tapping a button the business sent; it is always the customer's.
    const p = e.postback;
    return compact({
      kind: 'message',
      ...base,
      providerMessageId: p.mid,
      type: 'choice',
      text: p.title,
      choice: compact({ source: 'postback' as const, title: p.title, payload: p.payload }),
    });
  }
  if (e.read) {
    return { kind: 'read', ...base, messageId: e.read.mid };
  }
  return unparseable('instagram', accountId, unhandledReason(e), raw);
}

function referral(r: InstagramMessagingEvent['referral']): InboundReferral | undefined {
  return r && compact({ ref: r.ref, adId: r.ad_id, source: r.source, type: r.type });
}

function unhandledReason(e: InstagramMessagingEvent): string {
  return e.referral ? 'unhandled messaging event: referral without a message' : 'unknown messaging event';
}
