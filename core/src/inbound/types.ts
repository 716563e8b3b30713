// The channel-neutral items the Meta webhook parsers produce. Meta's own shapes live in the zod
// schemas under whatsapp/ and instagram/; these are what the rest of Laras reads, so a worker can route
// every item by `routingId` and store it without knowing which product it came from.

import type {
  InboundContent,
  InboundProviderError,
  InboundReferral,
  InboundReplyTo,
} from './content-types.ts';

/** The Meta product an item arrived through. */
export type InboundChannel = 'whatsapp' | 'instagram';

/** Where in the product the conversation happens: a WhatsApp chat, an Instagram DM thread or comment thread. */
export type InboundSurface = 'whatsapp' | 'instagram_dm' | 'instagram_comment';

/** The person an item comes from, as far as Meta tells. */
export type InboundParty = {
  /** WhatsApp: the phone (`wa_id`) when Meta shares it, else the business-scoped user id. Instagram: the IGSID. */
  id: string;
  /** WhatsApp business-scoped user id (`CC.…`), sent from April 2026 on. */
  userId?: string;
  /** WhatsApp profile name. */
  name?: string;
  /** WhatsApp username or Instagram username, when set. */
  username?: string;
};

type Routed<C extends InboundChannel> = {
  channel: C;
  /** Meta-issued id that identifies the connected account: WhatsApp `phone_number_id`, Instagram account id. */
  routingId: string;
};

type MessageEnvelope = Routed<InboundChannel> & {
  surface: 'whatsapp' | 'instagram_dm';
  /** wamid (WhatsApp) or mid (Instagram); the idempotency key. */
  providerMessageId: string;
  timestamp: Date;
  replyTo?: InboundReplyTo;
  /** WhatsApp forwarding hint from `context`. */
  forwarded?: 'forwarded' | 'frequently_forwarded';
  referral?: InboundReferral;
};

/** A message the customer sent. */
export type InboundMessage = { kind: 'message'; from: InboundParty } & MessageEnvelope & InboundContent;

/** A message the business account sent (Instagram `is_echo`); never a customer message. */
export type InboundEcho = { kind: 'echo'; recipientId: string } & MessageEnvelope & InboundContent;

/** The customer edited an earlier message (WhatsApp `edit`); the content is the new version. */
export type InboundEdit = { kind: 'edit'; from: InboundParty; editedMessageId: string } & MessageEnvelope &
  InboundContent;

/** The customer deleted (unsent) a message: WhatsApp `revoke`, Instagram `is_deleted`. */
export type InboundDeletion = Routed<InboundChannel> & {
  kind: 'deletion';
  surface: 'whatsapp' | 'instagram_dm';
  /** The wamid of the revoke event (WhatsApp); Instagram gives none. */
  providerMessageId: string | null;
  deletedMessageId: string;
  from: InboundParty;
  timestamp: Date;
};

/** A reaction on a message; `emoji: null` means the reaction was removed. */
export type InboundReaction = Routed<InboundChannel> & {
  kind: 'reaction';
  surface: 'whatsapp' | 'instagram_dm';
  /** The wamid of the reaction message (WhatsApp); Instagram gives none. */
  providerMessageId: string | null;
  /** The message reacted to. */
  messageId: string;
  emoji: string | null;
  from: InboundParty;
  /** Instagram: the business account itself reacted. */
  own: boolean;
  timestamp: Date;
};

/** The customer saw messages up to `messageId` (Instagram `read`). WhatsApp reads are statuses. */
export type InboundRead = Routed<'instagram'> & {
  kind: 'read';
  surface: 'instagram_dm';
  messageId: string;
  from: InboundParty;
  timestamp: Date;
};

export type InboundStatusValue = 'sent' | 'delivered' | 'read' | 'failed' | 'played';

/** The delivery state of a message the business sent (WhatsApp `statuses[]`). */
export type InboundStatus = Routed<'whatsapp'> & {
  kind: 'status';
  /** The wamid of the business's outbound message. */
  providerMessageId: string;
  status: InboundStatusValue;
  timestamp: Date;
  /** Absent when Meta cannot share the phone (BSUID era). */
  recipientId: string | null;
  recipientUserId?: string;
  errors?: InboundProviderError[];
  conversation?: { id: string; expiresAt?: Date; originType?: string };
  pricing?: { billable?: boolean; model?: string; type?: string; category?: string };
  /** `biz_opaque_callback_data` set on send. */
  callbackData?: string;
};

/** Errors Meta reports for the phone number, not tied to one message (WhatsApp `value.errors[]`). */
export type InboundAccountErrors = Routed<'whatsapp'> & {
  kind: 'errors';
  errors: InboundProviderError[];
};

/** A comment on a post, reel or live video (Instagram `comments` / `live_comments`). */
export type InboundComment = Routed<'instagram'> & {
  kind: 'comment';
  surface: 'instagram_comment';
  /** The comment id; the idempotency key. */
  providerMessageId: string;
  from: InboundParty;
  text: string;
  media: { id: string; productType?: string; adId?: string; originalMediaId?: string };
  /** The top-level comment this one replies to; null for a top-level comment. */
  parentId: string | null;
  /** Written by the account itself (`from.id === entry.id`): never a customer comment. */
  own: boolean;
  /** From the `live_comments` field. */
  live: boolean;
  timestamp: Date;
};

/**
 * The business removed this app's access to a WhatsApp Business Account (`account_update` with
 * `PARTNER_APP_UNINSTALLED` or `PARTNER_REMOVED`): its numbers are disconnected.
 */
export type InboundAccountRemoved = {
  kind: 'account_removed';
  channel: 'whatsapp';
  /** None: the update names the WABA, not one of its numbers. */
  routingId: null;
  wabaId: string;
  event: 'PARTNER_APP_UNINSTALLED' | 'PARTNER_REMOVED';
};

/** Anything unknown or malformed, kept with the reason so it can be counted and inspected. */
export type InboundUnparseable = {
  kind: 'unparseable';
  channel: InboundChannel;
  routingId: string | null;
  reason: string;
  raw: unknown;
};

/** One item of a Meta webhook body. */
export type InboundItem =
  | InboundMessage
  | InboundEcho
  | InboundEdit
  | InboundDeletion
  | InboundReaction
  | InboundRead
  | InboundStatus
  | InboundAccountErrors
  | InboundAccountRemoved
  | InboundComment
  | InboundUnparseable;
