/**
 * Plain-language labels for why a draft waits: the safety classifier's findings and the review
 * rules' hold reasons arrive as stable codes; people read these sentences instead.
 */
import type { Citation, Draft } from '../../api/queries.ts';

type VerdictCode = Draft['verdict']['reasons'][number]['code'];
type HoldCode = Draft['decision']['reasons'][number]['code'];

const VERDICT_LABELS: Record<VerdictCode, string> = {
  empty: 'The draft is empty',
  too_long: 'Too long for this channel',
  blocked_phrase: 'Contains a blocked phrase',
  price_not_in_catalog: 'States a price that is not in the catalog',
  unknown_product: 'Mentions a product that is not in the catalog',
  unknown_citation: 'Cites something the business context does not have',
  off_topic: 'Goes beyond the business (off topic)',
  contact_not_in_context: 'Shares contact details the business did not provide',
  prompt_injection: 'The customer tried to instruct the assistant',
};

const HOLD_LABELS: Record<HoldCode, string> = {
  auto_send_disabled: 'Automatic sending is off for this channel',
  classifier_failed: 'The safety check did not pass',
  low_confidence: 'The assistant is not confident enough',
  always_review_keyword: 'The message mentions an always-review keyword',
  needs_human: 'The assistant asked for a person',
  window_closed: 'The 24-hour reply window is closed',
};

/** The label of a classifier finding; an unknown code (a newer API) shows as itself. */
export function verdictReasonLabel(code: string): string {
  return (VERDICT_LABELS as Record<string, string>)[code] ?? code;
}

/** The label of a review-rule hold reason; an unknown code shows as itself. */
export function holdReasonLabel(code: string): string {
  return (HOLD_LABELS as Record<string, string>)[code] ?? code;
}

/** Hold reasons whose detail says something the label does not (which keyword, what confidence). */
const DETAILED_HOLDS = new Set(['always_review_keyword', 'low_confidence', 'needs_human']);

/** A hold reason as a sentence, with the rule's detail where it adds to the label. */
export function holdReasonText(reason: { code: string; detail: string }): string {
  const label = holdReasonLabel(reason.code);
  return DETAILED_HOLDS.has(reason.code) && reason.detail ? `${label} (${reason.detail})` : label;
}

/** The parts of the business context a citation can point at. */
export type CitationSources = {
  catalog: ReadonlyArray<{ sku: string; name: string }>;
  policies: ReadonlyArray<{ id: string; topic: string }>;
  faqs: ReadonlyArray<{ question: string }>;
};

/**
 * What a draft relied on, named from the business context when it still has it:
 * "Catalog: Aceh Gayo beans (GAYO-250)", "Policy: Returns", "FAQ: Do you ship?".
 */
export function citationLabel(citation: Citation, sources: CitationSources | undefined): string {
  switch (citation.kind) {
    case 'catalog': {
      const item = sources?.catalog.find((entry) => entry.sku === citation.id);
      return item ? `Catalog: ${item.name} (${item.sku})` : `Catalog: ${citation.id}`;
    }
    case 'policy': {
      const policy = sources?.policies.find((entry) => entry.id === citation.id);
      return `Policy: ${policy ? policy.topic : citation.id}`;
    }
    case 'faq': {
      if (!/^\d+$/.test(citation.id)) return `FAQ: ${citation.id}`;
      const faq = sources?.faqs[Number(citation.id)];
      return faq ? `FAQ: ${faq.question}` : `FAQ #${Number(citation.id) + 1}`;
    }
  }
}
