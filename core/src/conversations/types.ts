import { z } from 'zod';
import type { Channel } from '../connections/index.ts';

export type Surface = 'whatsapp' | 'instagram_dm' | 'instagram_comment';
export type ConversationStatus = 'open' | 'closed';
export type MessageDirection = 'inbound' | 'outbound';
export type DeliveryStatus = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

/** WhatsApp and Instagram DMs allow free-form replies for 24 hours after the customer's last message. */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

export type Contact = {
  id: string;
  channel: Channel;
  providerUserId: string;
  name: string | null;
  username: string | null;
};

export type Conversation = {
  id: string;
  workspaceId: string;
  channel: Channel;
  surface: Surface;
  threadKey: string;
  status: ConversationStatus;
  needsReview: boolean;
  contact: Contact;
  lastMessageAt: Date;
  lastCustomerMessageAt: Date | null;
  /** When free-form replies stop being allowed; null for comment threads (no such window). */
  windowClosesAt: Date | null;
  /**
   * The Meta id the customer last wrote to (`phone_number_id`, or the Instagram account id): the
   * number or account replies go out from. Null for threads stored before it was kept.
   */
  routingId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type Message = {
  id: string;
  conversationId: string;
  channel: Channel;
  direction: MessageDirection;
  type: string;
  text: string | null;
  /** Type-specific facts: media references, location, reply context, reaction… (never media bytes). */
  details: Record<string, unknown>;
  providerMessageId: string;
  sentAt: Date;
  status: DeliveryStatus | null;
  statusAt: Date | null;
  error: Record<string, unknown> | null;
  createdAt: Date;
};

/** A customer's message as the inbound pipeline hands it over, already routed to a workspace. */
export type InboundMessage = {
  channel: Channel;
  surface: Surface;
  /** The thread it belongs to: the customer's id for chats and DMs, media + top comment for comments. */
  threadKey: string;
  customer: { providerUserId: string; name?: string | null; username?: string | null };
  providerMessageId: string;
  type: string;
  text: string | null;
  details: Record<string, unknown>;
  sentAt: Date;
  /**
   * The Meta id the customer wrote to (`phone_number_id`, or the Instagram account id), by which
   * the message was routed; the thread's replies go out from it.
   */
  routingId?: string | null;
};

/**
 * A status that may belong to a send whose outcome is not stored yet: not recorded now, to be tried
 * again with its delivery (see `recordStatus`).
 */
export class StatusAheadOfSend extends Error {
  constructor() {
    super('a status matched no message while a send was still being recorded');
    this.name = 'StatusAheadOfSend';
  }
}

/** A delivery status Meta reported for one of our outbound messages. */
export type StatusUpdate = {
  channel: Channel;
  providerMessageId: string;
  status: Exclude<DeliveryStatus, 'pending'>;
  at: Date;
  error: Record<string, unknown> | null;
  /** WhatsApp `biz_opaque_callback_data`: the id of the draft whose send it is (set on send). */
  callbackData?: string | null;
  /**
   * The ids Meta gives for the customer the message went to (WhatsApp `recipient_id` and
   * `recipient_user_id`, the Instagram reader); empty when it gives none.
   */
  recipientIds?: readonly string[];
};

export const ListConversationsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional(),
  channel: z.enum(['whatsapp', 'instagram']).optional(),
  surface: z.enum(['whatsapp', 'instagram_dm', 'instagram_comment']).optional(),
  status: z.enum(['open', 'closed']).optional(),
  needs_review: z.enum(['true', 'false']).optional(),
});
export type ListConversationsQuery = z.infer<typeof ListConversationsQuerySchema>;

export const ListMessagesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
export type ListMessagesQuery = z.infer<typeof ListMessagesQuerySchema>;
