import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BusinessContext } from '../business-context/types.ts';
import { retrieve } from './retrieve.ts';
import { indexFor, prepareIndex } from './search-index.ts';
import { roastery } from './test-contexts.ts';

/** A context as a read from the store gives it: a fresh object every time, with its revision. */
const stored = (context: BusinessContext, workspaceId: string, revision: number): BusinessContext => ({
  ...structuredClone(context),
  workspaceId,
  revision,
});

const kintamani: BusinessContext = {
  ...roastery,
  catalog: [
    {
      sku: 'KINTAMANI-250',
      name: 'Kopi Kintamani 250g',
      description: 'Arabica Kintamani dari Bali, fruity.',
      price: { amount: 14_000_000, currency: 'IDR' },
      available: true,
    },
  ],
};

const refs = (context: BusinessContext, text: string) =>
  retrieve(context, text).map((hit) => `${hit.kind}:${hit.ref}`);

describe('search index cache', () => {
  it('reuses the index of a workspace and revision across fresh reads of the context', async () => {
    const ws = `ws_${randomUUID()}`;
    const first = indexFor(stored(roastery, ws, 3));
    expect(indexFor(stored(roastery, ws, 3))).toBe(first);
    expect(await prepareIndex(stored(roastery, ws, 3))).toBe(first);
  });

  it('builds a new index for a new revision, answering from the new context only', () => {
    const ws = `ws_${randomUUID()}`;
    const before = stored(roastery, ws, 10);
    expect(refs(before, 'kopi gayo')[0]).toBe('catalog:GAYO-250');
    const after = stored(kintamani, ws, 11);
    expect(indexFor(after)).not.toBe(indexFor(before));
    expect(refs(after, 'kopi gayo')).not.toContain('catalog:GAYO-250');
    expect(refs(after, 'kintamani')[0]).toBe('catalog:KINTAMANI-250');
    // A read of the old revision that arrives late gets its own index and leaves the new one kept.
    const kept = indexFor(after);
    expect(refs(stored(roastery, ws, 10), 'kopi gayo')[0]).toBe('catalog:GAYO-250');
    expect(indexFor(stored(kintamani, ws, 11))).toBe(kept);
  });

  it('never shares an index between workspaces, even at the same revision', () => {
    const [wsA, wsB] = [`ws_${randomUUID()}`, `ws_${randomUUID()}`];
    const a = stored(roastery, wsA, 5);
    const b = stored(kintamani, wsB, 5);
    expect(indexFor(a)).not.toBe(indexFor(b));
    expect(indexFor(stored(roastery, wsA, 5))).toBe(indexFor(a));
    expect(indexFor(stored(kintamani, wsB, 5))).toBe(indexFor(b));
    expect(refs(a, 'kintamani')).toEqual([]);
    expect(refs(b, 'kintamani')[0]).toBe('catalog:KINTAMANI-250');
    expect(refs(b, 'gayo')).toEqual([]);
  });

  it('caches a context that was never stored per object only', () => {
    const context = structuredClone(roastery);
    expect(indexFor(context)).toBe(indexFor(context));
    expect(indexFor(structuredClone(roastery))).not.toBe(indexFor(context));
  });

  it('builds once for requests at once, in slices that let other work run between them', async () => {
    const ws = `ws_${randomUUID()}`;
    const large: BusinessContext = {
      ...roastery,
      faqs: Array.from({ length: 40 }, (_, i) => ({
        question: `Pertanyaan nomor ${i}?`,
        answer: `Jawaban ${i}: ${'kopi arabica sangrai medium '.repeat(100)}`,
      })),
    };
    let turns = 0;
    let counting = true;
    const count = () => {
      turns += 1;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const [one, two] = await Promise.all([
      prepareIndex(stored(large, ws, 1)),
      prepareIndex(stored(large, ws, 1)),
    ]);
    counting = false;
    expect(two).toBe(one);
    expect(indexFor(stored(large, ws, 1))).toBe(one);
    // About 110,000 characters: several slices, with the event loop's turns in between.
    expect(turns).toBeGreaterThan(2);
    // The same ranking as an index built at once.
    const atOnce = structuredClone(large);
    expect(refs(stored(large, ws, 1), 'jawaban 7 arabica')).toEqual(refs(atOnce, 'jawaban 7 arabica'));
  });
});
