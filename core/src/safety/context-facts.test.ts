import { describe, expect, it } from 'vitest';
import type { BusinessContext } from '../business-context/types.ts';
import { classifyDraft } from './classify.ts';
import { contextFacts, prepareContextFacts } from './context-facts.ts';
import { coffeeContext, input } from './fixtures.ts';

let workspaces = 0;
const newWorkspace = () => {
  workspaces += 1;
  return `ws_facts_${workspaces}`;
};
/** A stored context as a fresh read gives it: a new object every time, with its revision. */
const stored = (workspaceId: string, revision: number, shipping = coffeeContext.policies[0]?.text ?? '') =>
  structuredClone({
    ...coffeeContext,
    workspaceId,
    revision,
    policies: [{ id: 'shipping', topic: 'shipping', text: shipping }],
  }) satisfies BusinessContext;

const priceFlagged = (context: BusinessContext, text: string) =>
  classifyDraft(input(text, { context })).reasons.some((reason) => reason.code === 'price_not_in_catalog');

describe('contextFacts', () => {
  it('is worked out once per workspace and revision, however many reads of the context there are', () => {
    const workspaceId = newWorkspace();
    const first = contextFacts(stored(workspaceId, 1));
    expect(contextFacts(stored(workspaceId, 1))).toBe(first);
    expect(first.prices).toContainEqual({ amount: 30_000_000, currency: 'IDR' });
    expect(first.mentions('Bandung')).toBe(true);
    expect(first.mentions('Jakarta')).toBe(false);
  });

  it('answers from a new revision’s text at once, never from the old one', () => {
    const workspaceId = newWorkspace();
    const reply = 'Ongkirnya Rp 15.000 ke Bandung kak.';
    expect(priceFlagged(stored(workspaceId, 1), reply)).toBe(true);
    const changed = stored(workspaceId, 2, 'Shipping to Bandung costs Rp 15.000.');
    expect(priceFlagged(changed, reply)).toBe(false);
    expect(contextFacts(changed)).not.toBe(contextFacts(stored(workspaceId, 1)));
  });

  it('never shares between workspaces, nor between unstored contexts', () => {
    const a = newWorkspace();
    const b = newWorkspace();
    const onlyB = stored(b, 7, 'Shipping to Bandung costs Rp 15.000.');
    contextFacts(stored(a, 7));
    expect(contextFacts(onlyB)).not.toBe(contextFacts(stored(a, 7)));
    expect(priceFlagged(stored(a, 7), 'Ongkirnya Rp 15.000 kak.')).toBe(true);
    expect(priceFlagged(onlyB, 'Ongkirnya Rp 15.000 kak.')).toBe(false);

    const unstored = { ...coffeeContext };
    expect(contextFacts(unstored)).toBe(contextFacts(unstored));
    expect(contextFacts({ ...coffeeContext })).not.toBe(contextFacts(unstored));
  });

  it('gives classifications at once the same facts, worked out in slices that let other work run between them', async () => {
    const workspaceId = newWorkspace();
    const large = (revision: number) => ({
      ...stored(workspaceId, revision),
      faqs: Array.from({ length: 40 }, (_, i) => ({
        question: `Ongkir ke kota ${i}?`,
        answer: `Ke kota ${i} Rp ${10 + i}.000, tanya di halo${i}@demokopi.id. ${'kopi sangrai medium '.repeat(150)}`,
      })),
    });
    let turns = 0;
    let counting = true;
    const count = () => {
      turns += 1;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    const [one, two] = await Promise.all([prepareContextFacts(large(3)), prepareContextFacts(large(3))]);
    counting = false;
    expect(two).toBe(one);
    expect(contextFacts(large(3))).toBe(one);
    // About 120,000 characters: several slices, with the event loop's turns in between.
    expect(turns).toBeGreaterThan(2);
    // The same facts as worked out at once.
    const atOnce = contextFacts({ ...large(3), revision: undefined });
    expect(one.text).toBe(atOnce.text);
    expect(one.prices).toEqual(atOnce.prices);
    expect([...one.contacts.keys].sort()).toEqual([...atOnce.contacts.keys].sort());
    expect(one.prices).toContainEqual({ amount: 4_900_000, currency: 'IDR' });
    expect(one.contacts.keys.has('email:halo39@demokopi.id')).toBe(true);
  });

  it('keeps each amount the context quotes once, however often it is quoted', () => {
    const repeated = stored(newWorkspace(), 1, 'Delivery Rp 15.000. '.repeat(500));
    const facts = contextFacts(repeated);
    const delivery = facts.prices.filter((price) => price.currency === 'IDR' && price.amount === 1_500_000);
    expect(delivery).toHaveLength(1);
    expect(priceFlagged(repeated, 'Ongkirnya Rp 15.000 kak.')).toBe(false);
  });
});
