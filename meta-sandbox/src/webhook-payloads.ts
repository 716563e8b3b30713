/**
 * Webhook payloads in Meta's exact shapes (WhatsApp Cloud API `whatsapp_business_account` and
 * Instagram API with Instagram Login `instagram`), the bytes Meta signs (escaped unicode and
 * slashes) and the `X-Hub-Signature-256` header. Pure functions: ids and times come in resolved;
 * `customer.ts` resolves them from the sandbox's accounts and clock.
 */
import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';

// ---------------------------------------------------------------- bytes and signature

/**
 * JSON as Meta writes webhook bodies: every non-ASCII UTF-16 unit as a lowercase `\uXXXX` escape
 * (`ä` → `\u00e4`, 👋 → `\ud83d\udc4b`) and `/` as `\/`. Key order is kept as given.
 */
export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');
}

/** `sha256=<hex HMAC-SHA256 of the exact bytes with the app secret>`: the `X-Hub-Signature-256` value. */
export function signatureHeader(body: string | Uint8Array, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

/** The legacy `X-Hub-Signature` (SHA-1) value Meta sends beside it; platforms should ignore it. */
export function legacySignatureHeader(body: string | Uint8Array, appSecret: string): string {
  return `sha1=${createHmac('sha1', appSecret).update(body).digest('hex')}`;
}

// ---------------------------------------------------------------- ids

function digitsFrom(seed: string, length: number): string {
  let out = '';
  let counter = 0;
  while (out.length < length) {
    const hash = createHash('sha256').update(`${seed}:${counter}`).digest();
    for (const byte of hash) if (byte < 250 && out.length < length) out += String(byte % 10);
    counter += 1;
  }
  return out.replace(/^0/, '1');
}

function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex').toUpperCase();
}

/**
 * A WhatsApp message id as Meta issues them: `wamid.` + base64 of a small protobuf-like record
 * naming the customer's number and a random 20-hex-digit key (the shape of real wamids).
 */
export function newWamid(waId = '15550001234'): string {
  const phone = Buffer.from(waId);
  const key = Buffer.from(randomHex(10));
  const record = Buffer.concat([
    Buffer.from([0x1c, 0x18, phone.length]),
    phone,
    Buffer.from([0x15, 0x02, 0x00, 0x12, 0x18, key.length]),
    key,
    Buffer.from([0x00]),
  ]);
  return `wamid.${record.toString('base64')}`;
}

/** An Instagram message id (`mid`): base64 of `ig_message_item:1:IGMessageThread:<account>:<random>`. */
export function newInstagramMid(accountId = '17841400000000001'): string {
  const thread = `${randomInt(1e8, 1e9)}${randomInt(1e8, 1e9)}${randomInt(1e8, 1e9)}`;
  const item = `${randomInt(1e8, 1e9)}${randomInt(1e8, 1e9)}${randomInt(1e8, 1e9)}`;
  return Buffer.from(`ig_message_item:1:IGMessageThread:${accountId}:${thread}:${item}`)
    .toString('base64')
    .replace(/=+$/, '');
}

/** A numeric Meta object id (comments `178…`, media `180…`). */
export function newNumericId(prefix: string, digits: number): string {
  let id = prefix;
  while (id.length < digits) id += String(randomInt(0, 10));
  return id;
}

const COUNTRY_PREFIXES: [string, string][] = [
  ['44', 'GB'],
  ['49', 'DE'],
  ['60', 'MY'],
  ['61', 'AU'],
  ['62', 'ID'],
  ['65', 'SG'],
  ['66', 'TH'],
  ['81', 'JP'],
  ['91', 'IN'],
  ['1', 'US'],
];

/**
 * The business-scoped user id (BSUID, 2026) Meta adds as `contacts[].user_id` / `from_user_id`:
 * `CC.<digits>`, stable per business and customer number.
 */
export function businessScopedUserId(businessId: string, waId: string): string {
  const country = COUNTRY_PREFIXES.find(([prefix]) => waId.startsWith(prefix))?.[1] ?? 'US';
  return `${country}.${digitsFrom(`bsuid:${businessId}:${waId}`, 20)}`;
}

/** An Instagram-scoped user id (IGSID) of a customer, stable per business account and username. */
export function instagramScopedId(accountId: string, username: string): string {
  return digitsFrom(`igsid:${accountId}:${username}`, 16);
}

/** Meta's `display_phone_number` in webhooks: digits only (`+1 555-0100-0001` → `155501000001`). */
export function webhookDisplayNumber(displayPhoneNumber: string): string {
  return displayPhoneNumber.replace(/\D/g, '');
}

// ---------------------------------------------------------------- WhatsApp

export type WhatsAppMetadata = {
  /** `entry[].id`. */
  wabaId: string;
  phoneNumberId: string;
  /** Digits only, as in webhooks. */
  displayPhoneNumber: string;
};

/** The customer writing (or receiving, for statuses). */
export type WhatsAppContact = {
  /** `wa_id` / `from`; left out for a customer with a username whose number is hidden. */
  waId?: string;
  /** `profile.name`. */
  name?: string;
  /** The BSUID (`contacts[].user_id`, `messages[].from_user_id`); none: left out. */
  userId?: string;
  /** `profile.username` when the customer set one. */
  username?: string;
};

export type WhatsAppMediaType = 'image' | 'audio' | 'voice' | 'video' | 'document' | 'sticker';

/** What a customer sends, by type. `voice` is an audio message with `voice: true`. */
export type WhatsAppMessageSpec = {
  /** The message's own id; default: a fresh wamid. */
  wamid?: string;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Quoting a message (`context{from, id}`); `from` defaults to the business number. */
  context?: { id: string; from?: string };
} & (
  | { type: 'text'; text: string }
  | {
      type: WhatsAppMediaType;
      mediaId?: string;
      mimeType?: string;
      sha256?: string;
      caption?: string;
      filename?: string;
      animated?: boolean;
    }
  | { type: 'location'; latitude: number; longitude: number; name?: string; address?: string; url?: string }
  | {
      type: 'contacts';
      contacts: {
        name: string;
        firstName?: string;
        lastName?: string;
        phone?: string;
        waId?: string;
        email?: string;
      }[];
    }
  | { type: 'button_reply'; id: string; title: string }
  | { type: 'list_reply'; id: string; title: string; description?: string }
  | { type: 'button'; text: string; payload?: string }
  /** `emoji` empty or left out: the customer removed the reaction. */
  | { type: 'reaction'; messageId: string; emoji?: string }
  | { type: 'unsupported'; errors?: WhatsAppError[] }
);

export type WhatsAppError = {
  code: number;
  title: string;
  message?: string;
  error_data?: { details: string };
  href?: string;
};

export type WhatsAppStatusName = 'sent' | 'delivered' | 'read' | 'failed' | 'played';

export type WhatsAppStatusSpec = {
  /** The wamid of the business's outbound message. */
  messageId: string;
  status: WhatsAppStatusName;
  /** Unix seconds; default now. */
  timestamp?: number;
  /** `failed`: default 131047 (re-engagement, window closed). */
  errors?: WhatsAppError[];
  /** `pricing` on `sent` and `delivered` (PMP, service); false: left out. */
  pricing?: boolean | { billable: boolean; pricing_model: string; type: string; category: string };
  /** Default: `free_customer_service`. */
  pricingType?: 'regular' | 'free_customer_service' | 'free_entry_point';
  biz_opaque_callback_data?: string;
};

export const WHATSAPP_ERRORS = {
  reEngagement: {
    code: 131047,
    title: 'Re-engagement message',
    message: 'Re-engagement message',
    error_data: {
      details:
        'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    },
    href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
  },
  undeliverable: {
    code: 131026,
    title: 'Message undeliverable',
    message: 'Message undeliverable',
    error_data: { details: 'Message Undeliverable.' },
    href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
  },
  unsupported: {
    code: 131051,
    title: 'Message type unknown',
    message: 'Message type unknown',
    error_data: { details: 'Message type is currently not supported.' },
  },
} as const satisfies Record<string, WhatsAppError>;

const MEDIA_DEFAULTS: Record<WhatsAppMediaType, { mimeType: string; filename?: string }> = {
  image: { mimeType: 'image/jpeg' },
  audio: { mimeType: 'audio/mpeg' },
  voice: { mimeType: 'audio/ogg; codecs=opus' },
  video: { mimeType: 'video/mp4' },
  document: { mimeType: 'application/pdf', filename: 'document.pdf' },
  sticker: { mimeType: 'image/webp' },
};

export const WHATSAPP_MESSAGE_TYPES = [
  'text',
  'image',
  'audio',
  'voice',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'button_reply',
  'list_reply',
  'button',
  'reaction',
  'unsupported',
] as const satisfies readonly WhatsAppMessageSpec['type'][];

export const WHATSAPP_STATUSES = ['sent', 'delivered', 'read', 'failed', 'played'] as const;

type Json = Record<string, unknown>;

function seconds(value: number | undefined, now: Date): string {
  return String(value ?? Math.floor(now.getTime() / 1000));
}

/** One `messages[]` item, keys in Meta's order. */
export function whatsappMessage(
  spec: WhatsAppMessageSpec,
  from: WhatsAppContact,
  metadata: WhatsAppMetadata,
  now: Date,
): Json {
  const message: Json = {};
  if (spec.context)
    message.context = { from: spec.context.from ?? metadata.displayPhoneNumber, id: spec.context.id };
  if (from.waId !== undefined) message.from = from.waId;
  if (from.userId !== undefined) message.from_user_id = from.userId;
  message.id = spec.wamid ?? newWamid(from.waId);
  message.timestamp = seconds(spec.timestamp, now);
  switch (spec.type) {
    case 'text':
      message.type = 'text';
      message.text = { body: spec.text };
      break;
    case 'image':
    case 'audio':
    case 'voice':
    case 'video':
    case 'document':
    case 'sticker': {
      const type = spec.type === 'voice' ? 'audio' : spec.type;
      const defaults = MEDIA_DEFAULTS[spec.type];
      const media: Json = {};
      if (spec.caption !== undefined && (type === 'image' || type === 'video' || type === 'document'))
        media.caption = spec.caption;
      if (type === 'document') media.filename = spec.filename ?? defaults.filename;
      media.mime_type = spec.mimeType ?? defaults.mimeType;
      media.sha256 = spec.sha256 ?? randomBytes(32).toString('base64');
      media.id = spec.mediaId ?? newNumericId('1', 16);
      if (spec.type === 'voice') media.voice = true;
      if (type === 'sticker') media.animated = spec.animated ?? false;
      message.type = type;
      message[type] = media;
      break;
    }
    case 'location': {
      const location: Json = { latitude: spec.latitude, longitude: spec.longitude };
      if (spec.name !== undefined) location.name = spec.name;
      if (spec.address !== undefined) location.address = spec.address;
      if (spec.url !== undefined) location.url = spec.url;
      message.type = 'location';
      message.location = location;
      break;
    }
    case 'contacts':
      message.type = 'contacts';
      message.contacts = spec.contacts.map((c) => {
        const [first, ...rest] = c.name.split(' ');
        const contact: Json = {
          name: {
            formatted_name: c.name,
            first_name: c.firstName ?? first,
            ...((c.lastName ?? rest.length) ? { last_name: c.lastName ?? rest.join(' ') } : {}),
          },
        };
        if (c.phone !== undefined)
          contact.phones = [
            { phone: c.phone, ...(c.waId !== undefined ? { wa_id: c.waId } : {}), type: 'CELL' },
          ];
        if (c.email !== undefined) contact.emails = [{ email: c.email, type: 'HOME' }];
        return contact;
      });
      break;
    case 'button_reply':
      message.type = 'interactive';
      message.interactive = { type: 'button_reply', button_reply: { id: spec.id, title: spec.title } };
      break;
    case 'list_reply':
      message.type = 'interactive';
      message.interactive = {
        type: 'list_reply',
        list_reply: {
          id: spec.id,
          title: spec.title,
          ...(spec.description !== undefined ? { description: spec.description } : {}),
        },
      };
      break;
    case 'button':
      message.type = 'button';
      message.button = { payload: spec.payload ?? spec.text, text: spec.text };
      break;
    case 'reaction':
      message.type = 'reaction';
      message.reaction = {
        message_id: spec.messageId,
        ...(spec.emoji !== undefined ? { emoji: spec.emoji } : {}),
      };
      break;
    case 'unsupported':
      message.errors = spec.errors ?? [WHATSAPP_ERRORS.unsupported];
      message.type = 'unsupported';
      break;
  }
  return message;
}

/** One `statuses[]` item. */
export function whatsappStatus(spec: WhatsAppStatusSpec, recipient: WhatsAppContact, now: Date): Json {
  const status: Json = { id: spec.messageId, status: spec.status, timestamp: seconds(spec.timestamp, now) };
  if (recipient.waId !== undefined) status.recipient_id = recipient.waId;
  if (spec.status !== 'failed' && recipient.userId !== undefined) status.recipient_user_id = recipient.userId;
  if (spec.biz_opaque_callback_data !== undefined)
    status.biz_opaque_callback_data = spec.biz_opaque_callback_data;
  const wantsPricing = spec.pricing ?? (spec.status === 'sent' || spec.status === 'delivered');
  if (wantsPricing && spec.status !== 'failed') {
    const type = spec.pricingType ?? 'free_customer_service';
    status.pricing =
      typeof spec.pricing === 'object'
        ? spec.pricing
        : { billable: type === 'regular', pricing_model: 'PMP', type, category: 'service' };
  }
  if (spec.status === 'failed') status.errors = spec.errors ?? [WHATSAPP_ERRORS.reEngagement];
  return status;
}

/** `contacts[]` item: `{profile:{name, username?}, wa_id, user_id}`. */
export function whatsappContact(contact: WhatsAppContact): Json {
  const out: Json = {};
  if (contact.name !== undefined || contact.username !== undefined)
    out.profile = {
      ...(contact.name !== undefined ? { name: contact.name } : {}),
      ...(contact.username !== undefined ? { username: contact.username } : {}),
    };
  if (contact.waId !== undefined) out.wa_id = contact.waId;
  if (contact.userId !== undefined) out.user_id = contact.userId;
  return out;
}

/** A change `value` for one phone number: messages and/or statuses (and their contacts). */
export function whatsappValue(
  metadata: WhatsAppMetadata,
  parts: { contacts?: Json[]; messages?: Json[]; statuses?: Json[]; errors?: WhatsAppError[] },
): Json {
  const value: Json = {
    messaging_product: 'whatsapp',
    metadata: { display_phone_number: metadata.displayPhoneNumber, phone_number_id: metadata.phoneNumberId },
  };
  if (parts.contacts?.length) value.contacts = parts.contacts;
  if (parts.messages?.length) value.messages = parts.messages;
  if (parts.statuses?.length) value.statuses = parts.statuses;
  if (parts.errors?.length) value.errors = parts.errors;
  return value;
}

export type WhatsAppWebhook = {
  object: 'whatsapp_business_account';
  entry: { id: string; changes: { value: Json; field: string }[] }[];
};

/** The envelope: one entry per item given (`{wabaId, values[]}`), each value one `messages` change. */
export function whatsappEnvelope(entries: { wabaId: string; values: Json[] }[]): WhatsAppWebhook {
  return {
    object: 'whatsapp_business_account',
    entry: entries.map((e) => ({
      id: e.wabaId,
      changes: e.values.map((value) => ({ value, field: 'messages' })),
    })),
  };
}

// ---------------------------------------------------------------- Instagram

export type InstagramCustomer = {
  /** The IGSID (`sender.id`); default: derived from the username and the account. */
  id?: string;
  /** Shown on comments (`from.username`). */
  username?: string;
};

export type InstagramAttachmentType =
  | 'image'
  | 'video'
  | 'audio'
  | 'file'
  | 'share'
  | 'story_mention'
  | 'ig_reel'
  | 'reel';

/** A messaging event (DM) by kind. */
export type InstagramMessagingSpec = {
  /** Epoch ms; default now. */
  timestamp?: number;
} & (
  | {
      kind: 'message';
      mid?: string;
      text?: string;
      attachments?: { type: InstagramAttachmentType; url: string; title?: string }[];
      /** Inline reply to a message. */
      replyToMid?: string;
      /** A reply to the business's story. */
      storyReply?: { id: string; url: string };
      quickReplyPayload?: string;
      /** Sent by the business account (sender and recipient swapped). */
      isEcho?: boolean;
      isDeleted?: boolean;
      isUnsupported?: boolean;
    }
  /** `emoji` (and `reaction: 'love'`); `action: 'unreact'` removes it. */
  | { kind: 'reaction'; mid: string; emoji?: string; action?: 'react' | 'unreact'; reaction?: string }
  | { kind: 'postback'; title: string; payload: string; mid?: string }
  | { kind: 'read'; mid: string }
);

export type InstagramCommentSpec = {
  /** The comment id; default fresh. */
  id?: string;
  text: string;
  mediaId?: string;
  mediaProductType?: 'FEED' | 'REELS' | 'STORY' | 'AD' | 'LIVE';
  /** Set on a reply to another comment. */
  parentId?: string;
  /** `live_comments` for LIVE media by default, else `comments`. */
  field?: 'comments' | 'live_comments';
};

/** One `messaging[]` item. */
export function instagramMessaging(
  spec: InstagramMessagingSpec,
  accountId: string,
  customerId: string,
  now: Date,
): Json {
  const fromBusiness = spec.kind === 'message' && spec.isEcho === true;
  const event: Json = {
    sender: { id: fromBusiness ? accountId : customerId },
    recipient: { id: fromBusiness ? customerId : accountId },
    timestamp: spec.timestamp ?? now.getTime(),
  };
  switch (spec.kind) {
    case 'message': {
      const message: Json = { mid: spec.mid ?? newInstagramMid(accountId) };
      if (spec.text !== undefined) message.text = spec.text;
      if (spec.attachments?.length)
        message.attachments = spec.attachments.map((a) => ({
          type: a.type,
          payload: { url: a.url, ...(a.title !== undefined ? { title: a.title } : {}) },
        }));
      if (spec.isEcho) message.is_echo = true;
      if (spec.isDeleted) message.is_deleted = true;
      if (spec.isUnsupported) message.is_unsupported = true;
      if (spec.quickReplyPayload !== undefined) message.quick_reply = { payload: spec.quickReplyPayload };
      if (spec.storyReply) message.reply_to = { story: { url: spec.storyReply.url, id: spec.storyReply.id } };
      else if (spec.replyToMid !== undefined) message.reply_to = { mid: spec.replyToMid };
      event.message = message;
      break;
    }
    case 'reaction': {
      const action = spec.action ?? 'react';
      event.reaction =
        action === 'react'
          ? { mid: spec.mid, action, reaction: spec.reaction ?? 'love', emoji: spec.emoji ?? '\u2764\ufe0f' }
          : { mid: spec.mid, action };
      break;
    }
    case 'postback':
      event.postback = {
        mid: spec.mid ?? newInstagramMid(accountId),
        title: spec.title,
        payload: spec.payload,
      };
      break;
    case 'read':
      event.read = { mid: spec.mid };
      break;
  }
  return event;
}

/** One `changes[]` item of a comment. */
export function instagramCommentChange(
  spec: InstagramCommentSpec,
  customer: { id: string; username: string },
): { field: string; value: Json } {
  const mediaProductType = spec.mediaProductType ?? 'FEED';
  const value: Json = {
    from: { id: customer.id, username: customer.username },
    media: { id: spec.mediaId ?? newNumericId('180', 17), media_product_type: mediaProductType },
    id: spec.id ?? newNumericId('178', 17),
  };
  if (spec.parentId !== undefined) value.parent_id = spec.parentId;
  value.text = spec.text;
  return { field: spec.field ?? (mediaProductType === 'LIVE' ? 'live_comments' : 'comments'), value };
}

export type InstagramEntry =
  | { id: string; time: number; messaging: Json[] }
  | { id: string; time: number; changes: { field: string; value: Json }[] };

export type InstagramWebhook = { object: 'instagram'; entry: InstagramEntry[] };

export function instagramEnvelope(entries: InstagramEntry[]): InstagramWebhook {
  return { object: 'instagram', entry: entries };
}

// ---------------------------------------------------------------- summaries

const asArray = (value: unknown): Json[] =>
  Array.isArray(value) ? value.filter((v): v is Json => !!v && typeof v === 'object') : [];
const asObject = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});

/**
 * One line per event of a webhook body (for the delivery log), e.g.
 * `message text wamid.… from 15550001234 to 730000000000001`. Tolerates any shape.
 */
export function summarizeWebhook(payload: unknown): string[] {
  const body = asObject(payload);
  const out: string[] = [];
  for (const entry of asArray(body.entry)) {
    for (const change of asArray(entry.changes)) {
      const value = asObject(change.value);
      if (body.object === 'whatsapp_business_account') {
        const to = String(asObject(value.metadata).phone_number_id ?? '?');
        for (const m of asArray(value.messages))
          out.push(`message ${m.type} ${m.id} from ${m.from ?? m.from_user_id} to ${to}`);
        for (const s of asArray(value.statuses)) out.push(`status ${s.status} ${s.id} to ${to}`);
        if (!value.messages && !value.statuses) out.push(`${change.field} to ${to}`);
      } else {
        out.push(
          `${change.field} ${value.id} from ${asObject(value.from).username ?? asObject(value.from).id} on ${asObject(value.media).id} to ${entry.id}`,
        );
      }
    }
    for (const m of asArray(entry.messaging)) {
      const from = asObject(m.sender).id;
      const to = asObject(m.recipient).id;
      const message = asObject(m.message);
      if (m.message) {
        const what = message.is_echo
          ? 'echo'
          : message.attachments
            ? `attachment ${asArray(message.attachments)
                .map((a) => a.type)
                .join(',')}`
            : asObject(message.reply_to).story
              ? 'story_reply'
              : 'text';
        out.push(`dm ${what} ${message.mid} from ${from} to ${to}`);
      } else if (m.reaction)
        out.push(`reaction ${asObject(m.reaction).action} ${asObject(m.reaction).mid} from ${from}`);
      else if (m.postback) out.push(`postback ${asObject(m.postback).payload} from ${from} to ${to}`);
      else if (m.read) out.push(`read ${asObject(m.read).mid} from ${from}`);
      else out.push(`messaging from ${from} to ${to}`);
    }
  }
  return out;
}
