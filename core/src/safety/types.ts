import { z } from 'zod';

/** Where a reply goes; each has its own length limit and auto-send toggle. */
export const SurfaceSchema = z.enum(['whatsapp', 'instagram_dm', 'instagram_comment']);
export type Surface = z.infer<typeof SurfaceSchema>;

export const CitationSchema = z.strictObject({
  kind: z.enum(['catalog', 'policy', 'faq']),
  /** Catalog sku, policy id, or (FAQs have no stored id) whatever the drafter used; FAQ ids are not checked. */
  id: z.string(),
});
export type Citation = z.infer<typeof CitationSchema>;

/** The parts of a draft the classifier reads. */
export const ClassifiedDraftSchema = z.object({
  text: z.string(),
  citations: z.array(CitationSchema),
  intent: z.string(),
  confidence: z.number().min(0).max(1),
});
export type ClassifiedDraft = z.infer<typeof ClassifiedDraftSchema>;

/**
 * Why a draft failed the safety classifier. Closed: adding a code means adding its penalty in
 * `classify.ts` (the type check fails otherwise).
 */
export const ReasonCodeSchema = z.enum([
  /** Blank or whitespace-only text. */
  'empty',
  /** Longer than the channel accepts. */
  'too_long',
  /** Contains one of the workspace's blocked phrases. */
  'blocked_phrase',
  /** A money amount that is not the price of a catalog item (or an amount quoted in the context). */
  'price_not_in_catalog',
  /** Cites a sku that is not in the catalog, or names a sku-like code the context does not contain. */
  'unknown_product',
  /** Cites a policy id that does not exist. */
  'unknown_citation',
  /** Open-domain content: weather, politics, medical/legal/financial advice, code, … */
  'off_topic',
  /** E-mail, phone number, URL or token-like string that the business context does not contain. */
  'contact_not_in_context',
  /** Follows instructions from the customer's message or talks about its own instructions. */
  'prompt_injection',
]);
export type ReasonCode = z.infer<typeof ReasonCodeSchema>;

export const ReasonSchema = z.strictObject({ code: ReasonCodeSchema, detail: z.string() });
export type Reason = z.infer<typeof ReasonSchema>;

/** The classifier's answer: `pass` is true exactly when `reasons` is empty. */
export const VerdictSchema = z.strictObject({
  pass: z.boolean(),
  /** 1 minus the penalties of the distinct reason codes, floored at 0. */
  score: z.number().min(0).max(1),
  reasons: z.array(ReasonSchema),
});
export type Verdict = z.infer<typeof VerdictSchema>;

/** Why a draft waits for a person instead of being sent automatically. */
export const HoldReasonSchema = z.enum([
  /** The workspace has not enabled auto-send for this surface. */
  'auto_send_disabled',
  /** The safety verdict did not pass. */
  'classifier_failed',
  /** The drafter's confidence is below the workspace's minimum. */
  'low_confidence',
  /** An always-review keyword appears in the customer's message or the draft. */
  'always_review_keyword',
  /** The drafter asked for a human. */
  'needs_human',
  /** The customer-service window is closed. */
  'window_closed',
]);
export type HoldReason = z.infer<typeof HoldReasonSchema>;

export const DecisionSchema = z.strictObject({
  action: z.enum(['auto_send', 'hold']),
  /** Empty for `auto_send`; every applicable reason for `hold`. */
  reasons: z.array(z.strictObject({ code: HoldReasonSchema, detail: z.string() })),
});
export type Decision = z.infer<typeof DecisionSchema>;
