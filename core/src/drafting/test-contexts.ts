/* Inline business contexts for the drafting tests (not exported from the package index). */
import type { BusinessContext } from '../business-context/types.ts';
import type { DraftChannel, DraftInput } from './types.ts';

export const roastery: BusinessContext = {
  workspaceId: 'ws_roastery',
  updatedAt: null,
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

export const usShop: BusinessContext = {
  workspaceId: 'ws_us',
  updatedAt: null,
  business: {
    name: 'Trail Goods',
    description: 'Outdoor gear shop in Oregon.',
    tone: 'professional',
    languages: ['en'],
  },
  catalog: [
    {
      sku: 'TOTE-CANVAS',
      name: 'Canvas Tote Bag',
      description: 'Waxed canvas tote with leather handles.',
      price: { amount: 2500, currency: 'USD' },
      available: true,
    },
    {
      sku: 'BOTTLE-1L',
      name: 'Steel Water Bottle 1L',
      description: 'Insulated bottle, keeps drinks cold for 24 hours.',
      price: { amount: 3450, currency: 'USD' },
      available: false,
    },
  ],
  policies: [
    {
      id: 'shipping-us',
      topic: 'Shipping',
      text: 'We ship within the US in 3–5 business days; free over $50.',
    },
    {
      id: 'returns-us',
      topic: 'Returns',
      text: 'Unused items can be returned within 30 days for a full refund.',
    },
    { id: 'payment', topic: 'Payment', text: 'We accept Visa, Mastercard and PayPal.' },
  ],
  faqs: [
    { question: 'Where is your store located?', answer: 'Our store is at 12 Pine Street, Bend, Oregon.' },
  ],
};

/** A draft input with one inbound text message. */
export function ask(context: BusinessContext, text: string, channel: DraftChannel = 'whatsapp'): DraftInput {
  return {
    context,
    channel,
    messages: [{ direction: 'inbound', text, type: 'text', sentAt: new Date('2026-11-25T10:00:00Z') }],
  };
}
