import { describe, expect, it } from 'vitest';
import { retrieve } from './retrieve.ts';
import { roastery, usShop } from './test-contexts.ts';

const refs = (context: typeof roastery, text: string) =>
  retrieve(context, text).map((hit) => `${hit.kind}:${hit.ref}`);

describe('retrieve', () => {
  it('ranks the item named in the message first, by name or sku', () => {
    expect(refs(roastery, 'berapa harga kopi gayo?')[0]).toBe('catalog:GAYO-250');
    expect(refs(roastery, 'TORAJA-250')[0]).toBe('catalog:TORAJA-250');
    expect(refs(usShop, 'bottle')[0]).toBe('catalog:BOTTLE-1L');
  });

  it('matches with typos, prefixes and the Indonesian -nya suffix', () => {
    expect(refs(usShop, 'shiping')[0]).toBe('policy:shipping-us');
    expect(refs(roastery, 'torj')).toEqual([]);
    expect(refs(roastery, 'toraj')[0]).toBe('catalog:TORAJA-250');
    expect(refs(roastery, 'gayonya')[0]).toBe('catalog:GAYO-250');
  });

  it('reports how much of the message a fact covers', () => {
    const [top] = retrieve(roastery, 'kopi gayo');
    expect(top).toMatchObject({ kind: 'catalog', ref: 'GAYO-250', coverage: 1, titleMatch: true });
    expect(retrieve(roastery, 'the price please')).toEqual([]);
  });

  it('finds FAQs by question and policies by topic', () => {
    expect(refs(usShop, 'store location')[0]).toBe('faq:0');
    expect(refs(usShop, 'payment methods')[0]).toBe('policy:payment');
  });
});
