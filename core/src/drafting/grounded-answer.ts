/*
 * Why a separate step: this is the only place a reply is built from retrieved facts, so the choice of
 * fact and the confidence formula live together and can be read (and tuned) in one screen.
 *
 * Confidence (0..1, capped at 0.95 because rules are never certain):
 *   (0.5·coverage + 0.3·titleMatch + 0.2·clarity) × ambiguity
 * - coverage: share of the message's content words the chosen fact matched;
 * - titleMatch: a word hit its name, topic, question or sku (not only the body);
 * - clarity: 1 when the keyword rules asked for this kind of fact first, 0.7 when retrieval alone chose
 *   it, minus 0.15 when the rules saw several intents;
 * - ambiguity: 0.85 when another policy/FAQ ranks within 10% of the chosen one.
 * Below NEEDS_HUMAN_BELOW the draft asks for a person. A catalog overview ("what do you sell?") is 0.7.
 */
import type { BusinessContext } from '../business-context/types.ts';
import { helloPrefix, policyText, priceText, type Voice } from './compose.ts';
import type { IntentSignals } from './intent.ts';
import type { Hit } from './retrieve.ts';
import type { Citation, DraftContent, DraftIntent } from './types.ts';

/** Below this confidence the built-in drafter asks for a person. */
export const NEEDS_HUMAN_BELOW = 0.5;

const KIND_PREFERENCE: Record<'price_availability' | 'policy', Hit['kind'][]> = {
  price_availability: ['catalog', 'faq', 'policy'],
  policy: ['policy', 'faq'],
};
const INTENT_OF_KIND: Record<Hit['kind'], DraftIntent> = {
  catalog: 'price_availability',
  policy: 'policy',
  faq: 'faq',
};

const round2 = (value: number) => Math.round(value * 100) / 100;
const citation = (hit: Hit): Citation => ({ kind: hit.kind, id: hit.ref });
const good = (hit: Hit) => hit.coverage >= 0.5 || hit.titleMatch;

/** The fact to answer with: the intent's preferred kind if it matches well, else the best of the rest. */
function choose(hits: Hit[], signals: IntentSignals): { hit: Hit; clarity: number } | null {
  const preference =
    signals.intent && signals.intent !== 'order_complaint_refund' ? KIND_PREFERENCE[signals.intent] : null;
  const penalty = signals.intentsMatched > 1 ? 0.15 : 0;
  if (!preference) return hits[0] ? { hit: hits[0], clarity: 0.7 } : null;
  for (const [rank, kind] of preference.entries()) {
    const hit = hits.find((h) => h.kind === kind);
    if (hit && good(hit)) return { hit, clarity: (rank === 0 ? 1 : 0.7) - penalty };
  }
  const fallback = hits.find((h) => preference.includes(h.kind));
  return fallback ? { hit: fallback, clarity: 0.7 - penalty } : null;
}

function content(
  v: Voice,
  signals: IntentSignals,
  intent: DraftIntent,
  reply: string,
  cited: Hit[],
  confidence: number,
): DraftContent {
  const low = confidence < NEEDS_HUMAN_BELOW;
  return {
    text: `${signals.greeting ? helloPrefix(v) : ''}${reply}`,
    language: v.language,
    intent,
    citations: cited.map(citation),
    confidence: round2(Math.min(0.95, Math.max(0, confidence))),
    needsHuman: low,
    needsHumanReason: low ? 'low confidence: the best matching fact only partly matches the message' : null,
  };
}

/** "What do you sell?": the available catalog items (up to five), when no single item was named. */
function catalogOverview(context: BusinessContext, v: Voice, signals: IntentSignals): DraftContent | null {
  const items = context.catalog.filter((item) => item.available).slice(0, 5);
  if (items.length === 0) return null;
  const cited: Hit[] = items.map((item) => ({
    kind: 'catalog',
    ref: item.sku,
    item,
    score: 0,
    coverage: 0,
    titleMatch: false,
  }));
  return content(v, signals, 'price_availability', priceText(v, items), cited, 0.7);
}

/**
 * Answers from the retrieved facts only, or returns `null` when none fits (the caller hands over).
 * A price question that also names a well-matching policy ("how much is the tote, do you ship?")
 * gets both.
 */
export function groundedAnswer(
  context: BusinessContext,
  hits: Hit[],
  signals: IntentSignals,
  v: Voice,
): DraftContent | null {
  const chosen = choose(hits, signals);
  if (!chosen || (chosen.hit.kind !== 'catalog' && signals.catalogOverview)) {
    return signals.catalogOverview ? catalogOverview(context, v, signals) : null;
  }
  const { hit, clarity } = chosen;
  let ambiguity = 1;
  let cited: Hit[] = [hit];
  let reply: string;
  if (hit.kind === 'catalog') {
    cited = hits.filter((h) => h.kind === 'catalog' && h.score >= hit.score * 0.75).slice(0, 3);
    reply = priceText(
      v,
      cited.flatMap((h) => (h.kind === 'catalog' ? [h.item] : [])),
    );
    const policy = hits.find((h) => h.kind === 'policy' && h.titleMatch);
    if (signals.intentsMatched > 1 && policy?.kind === 'policy') {
      cited.push(policy);
      reply = `${reply}\n${policyText(policy.policy)}`;
    }
  } else {
    const runnerUp = hits.find((h) => h.kind === hit.kind && h.ref !== hit.ref);
    if (runnerUp && runnerUp.score >= hit.score * 0.9) ambiguity = 0.85;
    reply = hit.kind === 'policy' ? policyText(hit.policy) : hit.faq.answer;
  }
  const confidence = (0.5 * hit.coverage + 0.3 * (hit.titleMatch ? 1 : 0) + 0.2 * clarity) * ambiguity;
  return content(v, signals, INTENT_OF_KIND[hit.kind], reply, cited, confidence);
}
