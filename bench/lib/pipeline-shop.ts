/**
 * The shop every bench workspace runs: a coffee roastery's context the built-in drafter answers
 * from, review rules that auto-send on WhatsApp, and customer questions it answers with enough
 * confidence for the classifier and the rules to let the reply go without a person (checked by
 * running the drafter, classifier and decision on each text; questions it holds for a person
 * would get no reply, and the bench expects exactly one reply per message).
 */
import type { BusinessContextInput } from '@laras/core/business-context';
import type { ReviewRulesInput } from '@laras/core/review-rules';
// The drafting tests' roastery: the bench's questions were chosen against exactly this context.
import { roastery } from '../../core/src/drafting/test-contexts.ts';

const { workspaceId: _workspaceId, updatedAt: _updatedAt, ...roasteryDocument } = roastery;
export const SHOP_CONTEXT: BusinessContextInput = roasteryDocument;

export const SHOP_RULES: ReviewRulesInput = {
  auto_send: { whatsapp: true, instagram_dm: false, instagram_comment: false },
  always_review_keywords: [],
  blocked_phrases: [],
  min_confidence: 0.7,
};

/** Questions the built-in drafter answers and the rules auto-send (English and Indonesian). */
export const AUTO_SEND_TEXTS = [
  'How much is the Gayo?',
  'Berapa harga kopi Gayo?',
  'Do you ship to Denpasar?',
  'Apakah bisa giling kopi?',
  'Do you roast to order?',
  'Is the V60 dripper available?',
  'Halo, apakah Gayo masih ada?',
  'How long does shipping take?',
  'Harga V60 berapa?',
  'Terima kasih! 🙏',
  'Is the Toraja available?',
  'Hi, how much for the Gayo 250g?',
] as const;
