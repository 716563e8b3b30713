import { createHash } from 'node:crypto';
/**
 * Turns parsed inbound items into what the conversations store keeps: the thread a message
 * belongs to, its customer, its readable text and its type-specific details (media references,
 * location, choice, reply context…). Reactions, edits and deletions are kept as messages of their
 * own type pointing at the message they are about.
 */
import type { InboundMessage as StoredMessage } from '../conversations/index.ts';
import type { InboundContent } from './content-types.ts';
import type {
  InboundComment,
  InboundDeletion,
  InboundEdit,
  InboundMessage,
  InboundReaction,
} from './types.ts';

function contentDetails(
  content: InboundContent,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const details: Record<string, unknown> = { ...extra };
  for (const key of ['media', 'location', 'contacts', 'choice', 'order', 'system', 'errors'] as const) {
    if (content[key] !== undefined) details[key] = content[key];
  }
  return details;
}

type Conversational = InboundMessage | InboundEdit | InboundReaction | InboundDeletion;

function envelope(item: Conversational) {
  return {
    channel: item.channel,
    surface: item.surface,
    threadKey: item.from.id,
    customer: {
      providerUserId: item.from.id,
      name: item.from.name ?? null,
      username: item.from.username ?? null,
    },
    sentAt: item.timestamp,
  };
}

export function fromMessage(item: InboundMessage | InboundEdit): StoredMessage {
  const extra: Record<string, unknown> = {};
  if (item.replyTo) extra.reply_to = item.replyTo;
  if (item.forwarded) extra.forwarded = item.forwarded;
  if (item.referral) extra.referral = item.referral;
  if (item.kind === 'edit') extra.edited_message_id = item.editedMessageId;
  return {
    ...envelope(item),
    providerMessageId: item.providerMessageId,
    type: item.kind === 'edit' ? 'edit' : item.type,
    text: item.text ?? null,
    details: contentDetails(item, extra),
  };
}

/**
 * Instagram reactions have no id of their own: who reacted to what, when, is the key. It is kept
 * as a hash, not spelt out: the key outlives an erasure of the customer (messages and the evidence
 * chain are matched by it), and the customer's Instagram id must not.
 */
function reactionKey(item: InboundReaction): string {
  const hash = createHash('sha256')
    .update(`${item.messageId}\n${item.from.id}\n${item.timestamp.getTime()}`)
    .digest('hex');
  return `reaction:${hash.slice(0, 40)}`;
}

export function fromReaction(item: InboundReaction): StoredMessage {
  const id = item.providerMessageId ?? reactionKey(item);
  return {
    ...envelope(item),
    providerMessageId: id,
    type: 'reaction',
    text: item.emoji,
    details: { message_id: item.messageId, emoji: item.emoji },
  };
}

export function fromDeletion(item: InboundDeletion): StoredMessage {
  const id = item.providerMessageId ?? `deletion:${item.deletedMessageId}`;
  return {
    ...envelope(item),
    providerMessageId: id,
    type: 'deletion',
    text: null,
    details: { deleted_message_id: item.deletedMessageId },
  };
}

/** A customer's comment: its thread is the post plus the top-level comment it starts or answers. */
export function fromComment(item: InboundComment): StoredMessage {
  return {
    channel: 'instagram',
    surface: 'instagram_comment',
    threadKey: `${item.media.id}:${item.parentId ?? item.providerMessageId}`,
    customer: { providerUserId: item.from.id, username: item.from.username ?? null },
    providerMessageId: item.providerMessageId,
    type: 'comment',
    text: item.text,
    details: { media: item.media, parent_id: item.parentId, live: item.live },
    sentAt: item.timestamp,
  };
}
