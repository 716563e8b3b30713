import { describe, expect, it } from 'vitest';
import { findMoney, mentionMatches, parseAmount, unknownAmounts } from './money.ts';

const gayo = { amount: 12_500_000, currency: 'IDR' };
const mug = { amount: 2_500, currency: 'USD' };

describe('findMoney', () => {
  it.each([
    ['Harganya Rp 125.000 ya', 'IDR', 125_000],
    ['Harganya Rp125.000', 'IDR', 125_000],
    ['IDR 125,000 only', 'IDR', 125_000],
    ['cuma Rp125rb', 'IDR', 125_000],
    ['sekitar 125 ribu', 'IDR', 125_000],
    ['1,5 juta rupiah', 'IDR', 1_500_000],
    ['Rp 12.500.000,00', 'IDR', 12_500_000],
    ['It is $25.00', 'USD', 25],
    ['It is 25 USD', 'USD', 25],
    ['US$1,234.56 total', 'USD', 1234.56],
  ])('reads %s', (text, currency, value) => {
    const [mention] = findMoney(text);
    expect(mention?.currencies).toContain(currency);
    expect(parseAmount(mention?.number ?? '', mention?.multiplier)).toBe(value);
  });

  it('ignores times, ranges, weights and capitalised words that are ISO codes', () => {
    expect(findMoney('Order before 14:00 WIB, Java 1-2 days, 250 g, open 09:00-17:00. ALL 3 SIZES')).toEqual(
      [],
    );
  });
});

describe('matching catalog prices', () => {
  it('matches IDR in minor units (two decimals) however it is written', () => {
    for (const text of ['Rp 125.000', 'Rp125.000', 'IDR 125,000', 'Rp125rb', '125 ribu', 'Rp 125.000,00']) {
      expect(unknownAmounts(text, [gayo]), text).toEqual([]);
    }
  });

  it('matches USD cents', () => {
    for (const text of ['$25.00', '$25', '25 USD', 'USD 25.00'])
      expect(unknownAmounts(text, [mug]), text).toEqual([]);
  });

  it('reads the codes of common currencies in any case, and a symbol after the amount', () => {
    for (const text of ['25 usd', 'usd 25.00', '25.00 Usd', '25$', '25.00 $'])
      expect(unknownAmounts(text, [mug]), text).toEqual([]);
    expect(unknownAmounts('idr 125.000', [gayo])).toEqual([]);
    for (const text of ['19.99 usd', 'usd 19.99', '19,99 €', '24.99$', 'Idr 99.000'])
      expect(unknownAmounts(text, [mug, gayo]), text).toHaveLength(1);
  });

  it('reports amounts that are not a price', () => {
    expect(unknownAmounts('Rp 120.000', [gayo]).map((m) => m.text)).toEqual(['Rp 120.000']);
    expect(unknownAmounts('$24.99', [mug]).map((m) => m.text)).toEqual(['$24.99']);
    // Same number, other currency.
    expect(unknownAmounts('$125,000', [gayo])).toHaveLength(1);
  });

  it('checks bare numbers after a price word against every catalog currency', () => {
    expect(unknownAmounts('Harganya 125.000 kak', [gayo])).toEqual([]);
    expect(unknownAmounts('Harganya 120.000 kak', [gayo])).toHaveLength(1);
    expect(unknownAmounts('Only 2 left, total 3 bags', [gayo])).toEqual([]);
  });

  it('never matches a currency symbol it cannot map, nor the wrong dollar', () => {
    expect(unknownAmounts('₿25', [mug])).toHaveLength(1);
    expect(unknownAmounts('CA$25.00', [mug])).toHaveLength(1);
    expect(unknownAmounts('CA$25.00', [{ amount: 2_500, currency: 'CAD' }])).toEqual([]);
  });

  it('reads three-decimal currencies with their own precision', () => {
    const [mention] = findMoney('KWD 1.250');
    expect(mention && mentionMatches(mention, { amount: 1_250, currency: 'KWD' })).toBe(true);
  });
});
