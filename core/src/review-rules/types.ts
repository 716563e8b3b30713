import { z } from 'zod';

export type ReviewRules = {
  workspaceId: string;
  autoSend: { whatsapp: boolean; instagramDm: boolean; instagramComment: boolean };
  alwaysReviewKeywords: string[];
  blockedPhrases: string[];
  minConfidence: number;
  /** null while the defaults apply. */
  updatedAt: Date | null;
};

export const DEFAULT_MIN_CONFIDENCE = 0.7;

/** Trims entries and drops case-insensitive repeats, keeping the first spelling. */
function phraseList(maxItems: number, maxLength: number) {
  return z
    .array(z.string().trim().min(1, 'entries must not be blank').max(maxLength))
    .max(maxItems)
    .default([])
    .transform((items) => {
      const seen = new Set<string>();
      return items.filter((item) => {
        const folded = item.toLocaleLowerCase();
        if (seen.has(folded)) return false;
        seen.add(folded);
        return true;
      });
    });
}

export const ReviewRulesInputSchema = z.strictObject({
  auto_send: z
    .strictObject({
      whatsapp: z.boolean().default(false),
      instagram_dm: z.boolean().default(false),
      instagram_comment: z.boolean().default(false),
    })
    .default({ whatsapp: false, instagram_dm: false, instagram_comment: false }),
  always_review_keywords: phraseList(200, 100),
  blocked_phrases: phraseList(200, 200),
  // Stored with three decimals.
  min_confidence: z
    .number()
    .min(0)
    .max(1)
    .default(DEFAULT_MIN_CONFIDENCE)
    .transform((value) => Math.round(value * 1000) / 1000),
});
export type ReviewRulesInput = z.infer<typeof ReviewRulesInputSchema>;
