import type { ReviewRules } from '../review-rules/types.ts';
import { matchPhrases } from './phrases.ts';
import type { Decision, Surface, Verdict } from './types.ts';

export type DecideInput = {
  verdict: Verdict;
  /** `text` is optional: when given, always-review keywords are also looked for in the draft. */
  draft: { confidence: number; needsHuman: boolean; needsHumanReason: string | null; text?: string };
  rules: Pick<ReviewRules, 'autoSend' | 'alwaysReviewKeywords' | 'minConfidence'>;
  surface: Surface;
  customerText: string;
  windowOpen: boolean;
};

const AUTO_SEND_KEY = {
  whatsapp: 'whatsapp',
  instagram_dm: 'instagramDm',
  instagram_comment: 'instagramComment',
} as const satisfies Record<Surface, keyof ReviewRules['autoSend']>;

/**
 * Auto-send only when every condition holds: auto-send enabled for the surface, the verdict passed,
 * confidence at least the minimum, no always-review keyword, no request for a human, window open.
 * Otherwise hold, with every reason that applies.
 */
export function decideDraft(input: DecideInput): Decision {
  const { verdict, draft, rules, surface, customerText, windowOpen } = input;
  const reasons: Decision['reasons'] = [];
  if (!rules.autoSend[AUTO_SEND_KEY[surface]]) {
    reasons.push({ code: 'auto_send_disabled', detail: `auto-send is off for ${surface}` });
  }
  if (!verdict.pass) {
    const codes = [...new Set(verdict.reasons.map((reason) => reason.code))].join(', ');
    reasons.push({ code: 'classifier_failed', detail: `safety check failed: ${codes}` });
  }
  if (!(draft.confidence >= rules.minConfidence)) {
    reasons.push({
      code: 'low_confidence',
      detail: `confidence ${draft.confidence} is below the minimum ${rules.minConfidence}`,
    });
  }
  const keywords = matchPhrases(`${customerText}\n${draft.text ?? ''}`, rules.alwaysReviewKeywords);
  if (keywords.length > 0) {
    reasons.push({
      code: 'always_review_keyword',
      detail: `matched ${keywords.map((k) => `"${k}"`).join(', ')}`,
    });
  }
  if (draft.needsHuman) {
    reasons.push({ code: 'needs_human', detail: draft.needsHumanReason ?? 'the drafter asked for a person' });
  }
  if (!windowOpen) reasons.push({ code: 'window_closed', detail: 'the customer-service window is closed' });
  return { action: reasons.length === 0 ? 'auto_send' : 'hold', reasons };
}
