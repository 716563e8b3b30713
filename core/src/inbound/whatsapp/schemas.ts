// Meta's WhatsApp Cloud API webhook shapes. The envelope is read level by level with loose schemas
// (arrays of `unknown`) so one malformed message or status fails alone and the rest of the POST is kept.
// Fields Laras does not use are stripped by zod, not rejected.
import { z } from 'zod';
import { EpochSchema } from '../epoch.ts';
import { MetaErrorSchema } from '../provider-error.ts';

/** The POST body: `{ object: 'whatsapp_business_account', entry: [...] }`. */
export const WhatsAppBodySchema = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(z.unknown()),
});
export type WhatsAppBody = z.infer<typeof WhatsAppBodySchema>;

/** One entry; `id` is the WABA id, not the routing id. */
export const WhatsAppEntrySchema = z.object({ id: z.string(), changes: z.array(z.unknown()) });
export type WhatsAppEntry = z.infer<typeof WhatsAppEntrySchema>;

export const WhatsAppChangeSchema = z.object({ field: z.string(), value: z.unknown() });
export type WhatsAppChange = z.infer<typeof WhatsAppChangeSchema>;

/** The `value` of an `account_update` change (only what the partner events need). */
export const WhatsAppAccountUpdateSchema = z.object({
  event: z.string(),
  waba_info: z.object({ waba_id: z.string().min(1) }).optional(),
});

/** The `value` of a `messages` change; `metadata.phone_number_id` routes it to a workspace. */
export const WhatsAppValueSchema = z.object({
  metadata: z.object({ phone_number_id: z.string().min(1), display_phone_number: z.string().optional() }),
  contacts: z.array(z.unknown()).optional(),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
  errors: z.array(z.unknown()).optional(),
});
export type WhatsAppValue = z.infer<typeof WhatsAppValueSchema>;

/** `value.contacts[]`: who sent the messages; `wa_id` may be left out when a username hides the phone. */
export const WhatsAppContactSchema = z.object({
  wa_id: z.string().optional(),
  user_id: z.string().optional(),
  profile: z.object({ name: z.string().optional(), username: z.string().optional() }).optional(),
});
export type WhatsAppContact = z.infer<typeof WhatsAppContactSchema>;

/** Fields every message carries, whatever its type. */
export const WhatsAppMessageBaseSchema = z.object({
  id: z.string().min(1),
  timestamp: EpochSchema,
  type: z.string(),
  from: z.string().optional(),
  from_user_id: z.string().optional(),
  context: z
    .object({
      from: z.string().optional(),
      id: z.string().optional(),
      forwarded: z.boolean().optional(),
      frequently_forwarded: z.boolean().optional(),
      referred_product: z.object({ catalog_id: z.string(), product_retailer_id: z.string() }).optional(),
    })
    .optional(),
  /** Click-to-WhatsApp ad the customer came from. */
  referral: z
    .object({
      source_url: z.string().optional(),
      source_id: z.string().optional(),
      source_type: z.string().optional(),
      headline: z.string().optional(),
      body: z.string().optional(),
      ctwa_clid: z.string().optional(),
    })
    .optional(),
  errors: z.array(MetaErrorSchema).optional(),
});
export type WhatsAppMessageBase = z.infer<typeof WhatsAppMessageBaseSchema>;

const media = {
  id: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
};

const TextContentSchema = z.object({ type: z.literal('text'), text: z.object({ body: z.string() }) });
const ImageContentSchema = z.object({ type: z.literal('image'), image: z.object(media) });
const VideoContentSchema = z.object({ type: z.literal('video'), video: z.object(media) });
const DocumentContentSchema = z.object({
  type: z.literal('document'),
  document: z.object({ ...media, filename: z.string().optional() }),
});
const AudioContentSchema = z.object({
  type: z.literal('audio'),
  audio: z.object({ ...media, voice: z.boolean().optional() }),
});
const StickerContentSchema = z.object({
  type: z.literal('sticker'),
  sticker: z.object({ ...media, animated: z.boolean().optional() }),
});

/** The content of an `edit` message: the types a customer can edit. */
export const WhatsAppEditableContentSchema = z.discriminatedUnion('type', [
  TextContentSchema,
  ImageContentSchema,
  VideoContentSchema,
  DocumentContentSchema,
  AudioContentSchema,
  StickerContentSchema,
]);
export type WhatsAppEditableContent = z.infer<typeof WhatsAppEditableContentSchema>;

const SharedContactSchema = z.object({
  name: z.object({ formatted_name: z.string() }),
  phones: z
    .array(
      z.object({ phone: z.string().optional(), wa_id: z.string().optional(), type: z.string().optional() }),
    )
    .optional(),
  emails: z.array(z.object({ email: z.string().optional() })).optional(),
});

const InteractiveSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('button_reply'),
    button_reply: z.object({ id: z.string(), title: z.string() }),
  }),
  z.object({
    type: z.literal('list_reply'),
    list_reply: z.object({ id: z.string(), title: z.string(), description: z.string().optional() }),
  }),
  z.object({
    type: z.literal('nfm_reply'),
    nfm_reply: z.object({
      response_json: z.string(),
      body: z.string().optional(),
      name: z.string().optional(),
    }),
  }),
]);

/** The type-specific part of a message, keyed by `type`. */
export const WhatsAppContentSchema = z.discriminatedUnion('type', [
  TextContentSchema,
  ImageContentSchema,
  VideoContentSchema,
  DocumentContentSchema,
  AudioContentSchema,
  StickerContentSchema,
  z.object({
    type: z.literal('location'),
    location: z.object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
      url: z.string().optional(),
    }),
  }),
  z.object({ type: z.literal('contacts'), contacts: z.array(SharedContactSchema).min(1) }),
  z.object({ type: z.literal('interactive'), interactive: InteractiveSchema }),
  /** Quick-reply button of a template. */
  z.object({
    type: z.literal('button'),
    button: z.object({ text: z.string(), payload: z.string().optional() }),
  }),
  /** An empty or missing emoji means the reaction was removed. */
  z.object({
    type: z.literal('reaction'),
    reaction: z.object({ message_id: z.string().min(1), emoji: z.string().optional() }),
  }),
  z.object({
    type: z.literal('order'),
    order: z.object({
      catalog_id: z.string(),
      text: z.string().optional(),
      product_items: z.array(
        z.object({
          product_retailer_id: z.string(),
          quantity: z.coerce.number(),
          item_price: z.coerce.number(),
          currency: z.string(),
        }),
      ),
    }),
  }),
  z.object({
    type: z.literal('system'),
    system: z.object({
      type: z.string(),
      body: z.string().optional(),
      wa_id: z.string().optional(),
      user_id: z.string().optional(),
      previous_user_id: z.string().optional(),
    }),
  }),
  /** A type Meta cannot deliver (details in the message's `errors`); `unknown` is the older name. */
  z.object({ type: z.literal(['unsupported', 'unknown']) }),
  z.object({
    type: z.literal('edit'),
    edit: z.object({ original_message_id: z.string().min(1), message: WhatsAppEditableContentSchema }),
  }),
  /** The customer deleted a message. */
  z.object({ type: z.literal('revoke'), revoke: z.object({ original_message_id: z.string().min(1) }) }),
]);
export type WhatsAppContent = z.infer<typeof WhatsAppContentSchema>;

/** `value.statuses[]`: the state of a message the business sent. */
export const WhatsAppStatusSchema = z.object({
  id: z.string().min(1),
  status: z.enum(['sent', 'delivered', 'read', 'failed', 'played']),
  timestamp: EpochSchema,
  recipient_id: z.string().optional(),
  recipient_user_id: z.string().optional(),
  biz_opaque_callback_data: z.string().optional(),
  conversation: z
    .object({
      id: z.string(),
      expiration_timestamp: EpochSchema.optional(),
      origin: z.object({ type: z.string() }).optional(),
    })
    .optional(),
  pricing: z
    .object({
      billable: z.boolean().optional(),
      pricing_model: z.string().optional(),
      type: z.string().optional(),
      category: z.string().optional(),
    })
    .optional(),
  errors: z.array(MetaErrorSchema).optional(),
});
export type WhatsAppStatus = z.infer<typeof WhatsAppStatusSchema>;
