// The deterministic safety classifier: every draft passes through it before anything can leave.
// Each check adds reasons; `pass` means no reasons at all. The score is a severity signal for the
// reviewer (1 minus the penalty of each distinct reason code), not a threshold.
import type { BusinessContext } from '../business-context/types.ts';
import type { ReviewRules } from '../review-rules/types.ts';
import { contactsNotIn } from './contacts.ts';
import { type ContextFacts, contextFacts } from './context-facts.ts';
import { injectionSigns } from './injection.ts';
import { LENGTH_LIMITS, measure } from './limits.ts';
import { unknownAmounts } from './money.ts';
import { normalizeForChecks } from './normalize.ts';
import { offTopicSigns } from './off-topic.ts';
import { matchPhrases } from './phrases.ts';
import type { ClassifiedDraft, Reason, ReasonCode, Surface, Verdict } from './types.ts';

/** Score penalty per reason code, counted once per code. */
export const PENALTIES: Record<ReasonCode, number> = {
  empty: 1,
  prompt_injection: 0.6,
  contact_not_in_context: 0.5,
  blocked_phrase: 0.5,
  price_not_in_catalog: 0.4,
  unknown_product: 0.3,
  unknown_citation: 0.2,
  off_topic: 0.3,
  too_long: 0.3,
};

export type ClassifyInput = {
  draft: ClassifiedDraft;
  customerText: string;
  context: BusinessContext;
  rules: Pick<ReviewRules, 'blockedPhrases'>;
  channel: Surface;
};

// Upper-case product codes such as GAYO-250 or V60-02: letters and digits joined by "-" or "_".
const PRODUCT_CODE = /(?<![\p{L}\p{N}_-])[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)+(?![\p{L}\p{N}_-])/gu;

function productReasons(draft: ClassifiedDraft, context: BusinessContext, facts: ContextFacts): Reason[] {
  const skus = new Set(context.catalog.map((item) => item.sku));
  const policyIds = new Set(context.policies.map((policy) => policy.id));
  const reasons: Reason[] = [];
  for (const citation of draft.citations) {
    if (citation.kind === 'catalog' && !skus.has(citation.id)) {
      reasons.push({
        code: 'unknown_product',
        detail: `cites sku "${citation.id}", which is not in the catalog`,
      });
    }
    if (citation.kind === 'policy' && !policyIds.has(citation.id)) {
      reasons.push({
        code: 'unknown_citation',
        detail: `cites policy "${citation.id}", which does not exist`,
      });
    }
  }
  for (const [code] of draft.text.matchAll(PRODUCT_CODE)) {
    if (code.length >= 5 && /\d/.test(code) && !facts.mentions(code)) {
      reasons.push({
        code: 'unknown_product',
        detail: `names product code "${code}", which is not in the catalog`,
      });
    }
  }
  return reasons;
}

function priceReasons(text: string, facts: ContextFacts): Reason[] {
  return unknownAmounts(text, facts.prices).map((mention) => ({
    code: 'price_not_in_catalog',
    detail: `"${mention.text.trim()}" is not the price of any catalog item`,
  }));
}

/** Runs every deterministic check on a draft and returns the verdict with all reasons found. */
export function classifyDraft(input: ClassifyInput): Verdict {
  const { draft, context, rules, channel } = input;
  // The checks read the normalized text (invisible and look-alike characters cannot hide a price or
  // a phrase); the length is the text's as sent.
  const text = normalizeForChecks(draft.text);
  const customerText = normalizeForChecks(input.customerText);
  if (text.trim() === '') return verdictOf([{ code: 'empty', detail: 'the draft has no text' }]);

  const facts = contextFacts(context);
  const reasons: Reason[] = [];
  const limit = LENGTH_LIMITS[channel];
  const length = measure(draft.text, limit.unit);
  if (length > limit.max) {
    reasons.push({
      code: 'too_long',
      detail: `${length} ${limit.unit}; ${channel} accepts at most ${limit.max}`,
    });
  }
  for (const phrase of matchPhrases(text, rules.blockedPhrases)) {
    reasons.push({ code: 'blocked_phrase', detail: `contains the blocked phrase "${phrase}"` });
  }
  reasons.push(...priceReasons(text, facts));
  reasons.push(...productReasons({ ...draft, text }, context, facts));
  for (const sign of offTopicSigns(text, facts.mentions)) reasons.push({ code: 'off_topic', detail: sign });
  for (const contact of contactsNotIn(text, facts.contacts)) {
    // Never copy a secret into the stored verdict.
    const shown = contact.kind === 'token' ? `${contact.value.slice(0, 6)}…` : contact.value;
    reasons.push({
      code: 'contact_not_in_context',
      detail: `${contact.kind} "${shown}" is not in the business context`,
    });
  }
  for (const sign of injectionSigns(text, customerText))
    reasons.push({ code: 'prompt_injection', detail: sign });
  return verdictOf(reasons);
}

/** Builds a verdict from reasons: pass when there are none; score = 1 - penalties of distinct codes. */
export function verdictOf(reasons: Reason[]): Verdict {
  const codes = new Set(reasons.map((reason) => reason.code));
  const penalty = [...codes].reduce((sum, code) => sum + PENALTIES[code], 0);
  const score = Math.max(0, Math.round((1 - penalty) * 1000) / 1000);
  return { pass: reasons.length === 0, score, reasons };
}
