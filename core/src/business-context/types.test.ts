import { expect, it } from 'vitest';
import { BusinessContextInputSchema, isKnownCurrency } from './types.ts';

it('knows ISO 4217 currencies and nothing else', () => {
  for (const code of ['IDR', 'USD', 'EUR', 'JPY', 'SGD']) expect(isKnownCurrency(code)).toBe(true);
  for (const code of ['XYZ', 'usd', 'RUPIAH', '']) expect(isKnownCurrency(code)).toBe(false);
});

it('fills defaults and keeps the first of duplicate skus valid', () => {
  const parsed = BusinessContextInputSchema.safeParse({
    business: { name: 'B', description: '', tone: '', languages: ['en'] },
    catalog: [{ sku: 'A', name: 'A', price: { amount: 100, currency: 'USD' } }],
  });
  expect(parsed.success && parsed.data).toEqual({
    business: { name: 'B', description: '', tone: '', languages: ['en'] },
    catalog: [
      { sku: 'A', name: 'A', description: '', price: { amount: 100, currency: 'USD' }, available: true },
    ],
    policies: [],
    faqs: [],
  });
});
