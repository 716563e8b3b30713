/**
 * The shop every bench workspace runs: a coffee roastery's context the built-in drafter answers
 * from, review rules that auto-send on WhatsApp, and customer questions it answers with enough
 * confidence for the classifier and the rules to let the reply go without a person (checked by
 * running the drafter, classifier and decision on each text; questions it holds for a person
 * would get no reply, and the bench expects exactly one reply per message).
 */
import type { BusinessContextInput } from '@laras/core/business-context';
import type { ReviewRulesInput } from '@laras/core/review-rules';

export const SHOP_CONTEXT: BusinessContextInput = {
  business: {
    name: 'Kopi Senja Roastery',
    description: 'Specialty coffee roaster in Bandung.',
    tone: 'warm and brief',
    languages: ['id', 'en'],
  },
  catalog: [
    {
      sku: 'GAYO-250',
      name: 'Kopi Gayo 250g',
      description: 'Arabica Gayo dari Aceh, roast medium, notes of chocolate and spice.',
      price: { amount: 12_500_000, currency: 'IDR' },
      available: true,
    },
    {
      sku: 'TORAJA-250',
      name: 'Kopi Toraja 250g',
      description: 'Arabica Toraja dari Sulawesi, roast medium dark, earthy and bold.',
      price: { amount: 13_500_000, currency: 'IDR' },
      available: false,
    },
    {
      sku: 'V60-DRIPPER',
      name: 'Hario V60 Dripper',
      description: 'Ceramic pour-over dripper for manual brewing.',
      price: { amount: 25_000_000, currency: 'IDR' },
      available: true,
    },
  ],
  policies: [
    {
      id: 'shipping',
      topic: 'Pengiriman',
      text: 'Kami kirim ke seluruh Indonesia via JNE, 2–4 hari kerja. Gratis ongkir untuk pembelian di atas Rp 300.000.',
    },
    {
      id: 'returns',
      topic: 'Retur & refund',
      text: 'Produk rusak bisa diretur dalam 7 hari dengan video unboxing.',
    },
  ],
  faqs: [
    {
      question: 'Apakah bisa giling kopi?',
      answer: 'Bisa, kami giling sesuai alat seduh Kakak secara gratis.',
    },
    {
      question: 'Do you roast to order?',
      answer: 'Yes, we roast every Monday and Thursday and ship the same week.',
    },
  ],
};

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
