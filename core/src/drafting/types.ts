import { z } from 'zod';
import type { BusinessContext } from '../business-context/types.ts';

/** Reply languages a drafter can produce. */
export const DraftLanguageSchema = z.enum(['en', 'id']);
export type DraftLanguage = z.infer<typeof DraftLanguageSchema>;

/** What the customer's message is about; `off_topic` also covers "nothing in the context answers it". */
export const DraftIntentSchema = z.enum([
  'greeting',
  'price_availability',
  'policy',
  'order_complaint_refund',
  'faq',
  'off_topic',
]);
export type DraftIntent = z.infer<typeof DraftIntentSchema>;

/** A fact of the business context the reply relies on. */
export const CitationSchema = z.strictObject({
  kind: z.enum(['catalog', 'policy', 'faq']),
  /** Catalog sku, policy id, or the FAQ's index in `faqs` (as a string). */
  id: z.string().min(1).max(64),
});
export type Citation = z.infer<typeof CitationSchema>;

/**
 * A drafted reply as every provider returns it (the OpenAI provider validates its structured output
 * against this same schema).
 */
export const DraftSchema = z.strictObject({
  /** The reply to send, composed only from the cited facts. */
  text: z.string().min(1).max(4096),
  language: DraftLanguageSchema,
  intent: DraftIntentSchema,
  citations: z.array(CitationSchema).max(20),
  /** 0..1: how sure the drafter is that `text` answers the message correctly. */
  confidence: z.number().min(0).max(1),
  /** The drafter asks for a person to handle the conversation. */
  needsHuman: z.boolean(),
  /** Why a person is needed; `null` when `needsHuman` is false. */
  needsHumanReason: z.string().max(500).nullable(),
  provider: z.enum(['builtin', 'openai']),
  model: z.string().min(1).max(200),
  /** Version of the prompt (or of the built-in rules) that produced the draft. */
  promptVersion: z.string().min(1).max(100),
  /** Wall-clock time spent drafting, in milliseconds. */
  timingMs: z.number().min(0),
});
export type Draft = z.infer<typeof DraftSchema>;

/** Surfaces a reply can be sent on. */
export const DraftChannelSchema = z.enum(['whatsapp', 'instagram_dm', 'instagram_comment']);
export type DraftChannel = z.infer<typeof DraftChannelSchema>;

/** One message of the conversation, oldest first. */
export type DraftMessage = {
  direction: 'inbound' | 'outbound';
  text: string | null;
  type: string;
  sentAt: Date;
};

/** What a drafter needs: the workspace's context and the recent messages of one conversation. */
export type DraftInput = {
  context: BusinessContext;
  messages: DraftMessage[];
  channel: DraftChannel;
};

/** The part of a draft a model writes; the provider adds provider, model, prompt version and timing. */
export const DraftContentSchema = DraftSchema.omit({
  provider: true,
  model: true,
  promptVersion: true,
  timingMs: true,
});
export type DraftContent = z.infer<typeof DraftContentSchema>;
