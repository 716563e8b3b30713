// Meta's Instagram webhook shapes (Instagram API with Instagram Login). The envelope is read level by
// level with loose schemas so one malformed event or comment fails alone. Times: messaging uses epoch
// milliseconds, comment entries seconds, the dashboard test payload a seconds string; EpochSchema reads all.
import { z } from 'zod';
import { EpochSchema } from '../epoch.ts';

/** The POST body: `{ object: 'instagram', entry: [...] }`. */
export const InstagramBodySchema = z.object({ object: z.literal('instagram'), entry: z.array(z.unknown()) });
export type InstagramBody = z.infer<typeof InstagramBodySchema>;

/** One entry; `id` is always the business account, the routing id. */
export const InstagramEntrySchema = z.object({
  id: z.string().min(1),
  time: EpochSchema.optional(),
  messaging: z.array(z.unknown()).optional(),
  changes: z.array(z.unknown()).optional(),
  /** Events delivered while another app holds thread control. */
  standby: z.array(z.unknown()).optional(),
});
export type InstagramEntry = z.infer<typeof InstagramEntrySchema>;

const IdSchema = z.object({ id: z.string().min(1) });

export const InstagramAttachmentSchema = z.object({
  type: z.string(),
  payload: z
    .object({
      url: z.string().optional(),
      title: z.string().optional(),
      reel_video_id: z.string().optional(),
    })
    .optional(),
});
export type InstagramAttachment = z.infer<typeof InstagramAttachmentSchema>;

export const InstagramReferralSchema = z.object({
  ref: z.string().optional(),
  ad_id: z.string().optional(),
  source: z.string().optional(),
  type: z.string().optional(),
});

/** `messaging[].message`: a DM, or with `is_echo` one the business sent. */
export const InstagramMessageSchema = z.object({
  mid: z.string().min(1),
  text: z.string().optional(),
  attachments: z.array(InstagramAttachmentSchema).optional(),
  is_echo: z.boolean().optional(),
  /** The user unsent the message `mid`. */
  is_deleted: z.boolean().optional(),
  is_unsupported: z.boolean().optional(),
  quick_reply: z.object({ payload: z.string() }).optional(),
  /** Inline reply (`mid`) or story reply (`story`). */
  reply_to: z
    .object({
      mid: z.string().optional(),
      story: z.object({ id: z.string(), url: z.string().optional() }).optional(),
    })
    .optional(),
  referral: InstagramReferralSchema.optional(),
});
export type InstagramMessage = z.infer<typeof InstagramMessageSchema>;

/** One `messaging[]` event; exactly one of message, reaction, postback, read or referral is expected. */
export const InstagramMessagingEventSchema = z.object({
  sender: IdSchema,
  recipient: IdSchema,
  timestamp: EpochSchema,
  message: InstagramMessageSchema.optional(),
  reaction: z
    .object({
      mid: z.string().min(1),
      action: z.enum(['react', 'unreact']),
      reaction: z.string().optional(),
      emoji: z.string().optional(),
    })
    .optional(),
  postback: z
    .object({ mid: z.string().min(1), title: z.string().optional(), payload: z.string().optional() })
    .optional(),
  read: z.object({ mid: z.string().min(1) }).optional(),
  referral: InstagramReferralSchema.optional(),
});
export type InstagramMessagingEvent = z.infer<typeof InstagramMessagingEventSchema>;

export const InstagramChangeSchema = z.object({ field: z.string(), value: z.unknown() });
export type InstagramChange = z.infer<typeof InstagramChangeSchema>;

/** The `value` of a `comments` / `live_comments` change. */
export const InstagramCommentSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  from: z.object({ id: z.string().min(1), username: z.string().optional() }),
  media: z.object({
    id: z.string().min(1),
    media_product_type: z.string().optional(),
    ad_id: z.string().optional(),
    original_media_id: z.string().optional(),
  }),
  /** Only on replies: the top-level comment of the thread. */
  parent_id: z.string().optional(),
});
export type InstagramComment = z.infer<typeof InstagramCommentSchema>;
