// Test fixtures: the demo coffee roastery (IDR) and a small USD shop. Not exported from the package.
import type { BusinessContext } from '../business-context/types.ts';
import type { ReviewRules } from '../review-rules/types.ts';
import type { ClassifyInput } from './classify.ts';
import type { ClassifiedDraft } from './types.ts';

export const coffeeContext: BusinessContext = {
  workspaceId: 'ws_test',
  updatedAt: null,
  business: {
    name: 'Demo Coffee Roasters',
    description:
      'Specialty coffee roastery in Bandung. WhatsApp 0812-3456-7890, halo@demokopi.id, https://demokopi.id/menu',
    tone: 'warm',
    languages: ['id', 'en'],
  },
  catalog: [
    {
      sku: 'GAYO-250',
      name: 'Aceh Gayo beans 250 g',
      description: 'Washed Arabica.',
      price: { amount: 12_500_000, currency: 'IDR' },
      available: true,
    },
    {
      sku: 'DRIP-10',
      name: 'Drip bags, box of 10',
      description: 'House blend.',
      price: { amount: 9_000_000, currency: 'IDR' },
      available: true,
    },
    {
      sku: 'MUG-US',
      name: 'Enamel mug',
      description: 'Export edition.',
      price: { amount: 2_500, currency: 'USD' },
      available: true,
    },
  ],
  policies: [
    {
      id: 'shipping',
      topic: 'shipping',
      text: 'Orders before 14:00 WIB ship the same day. Free shipping above Rp 300.000.',
    },
    { id: 'returns', topic: 'returns', text: 'Unopened bags can be returned within 7 days.' },
  ],
  faqs: [{ question: 'Do you have a shop?', answer: 'Our roastery in Bandung is open 09:00-17:00.' }],
};

export const rules: ReviewRules = {
  workspaceId: 'ws_test',
  autoSend: { whatsapp: true, instagramDm: true, instagramComment: false },
  alwaysReviewKeywords: ['refund', 'komplain'],
  blockedPhrases: ['guaranteed', 'gratis ongkir'],
  minConfidence: 0.7,
  updatedAt: null,
};

/** A passing classifier input; override the draft text (and anything else) per test. */
export function input(
  text: string,
  overrides: Partial<Omit<ClassifyInput, 'draft'>> & { draft?: Partial<ClassifiedDraft> } = {},
): ClassifyInput {
  const { draft, ...rest } = overrides;
  return {
    customerText: 'Berapa harga kopi Gayo?',
    context: coffeeContext,
    rules,
    channel: 'whatsapp',
    ...rest,
    draft: { citations: [], intent: 'price_availability', confidence: 0.9, ...draft, text },
  };
}
