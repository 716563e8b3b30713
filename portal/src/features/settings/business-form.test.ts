import { describe, expect, it } from 'vitest';
import type { BusinessContext } from '../../api/queries.ts';
import { emptyCatalogRow, toForm, toInput } from './business-form.ts';

const stored: BusinessContext = {
  workspace_id: 'ws_1',
  business: { name: 'Kopi Kita', description: 'Coffee roastery.', tone: 'warm', languages: ['id', 'en'] },
  catalog: [
    {
      sku: 'GAYO-250',
      name: 'Aceh Gayo beans 250 g',
      description: 'Washed Arabica.',
      price: { amount: 12_500_000, currency: 'IDR' },
      available: true,
    },
  ],
  policies: [{ id: 'pol_1', topic: 'Returns', text: 'Within 7 days.' }],
  faqs: [{ question: 'Do you ship?', answer: 'Across Indonesia.' }],
  updated_at: '2026-11-25T12:00:00Z',
};

describe('business form', () => {
  it('shows prices in major units and sends them back as the same minor units', () => {
    const form = toForm(stored);
    expect(form.catalog[0]?.price).toBe('125000');
    expect(form.languages).toBe('id, en');
    const result = toInput(form);
    expect(result).toEqual({
      ok: true,
      input: {
        business: stored.business,
        catalog: stored.catalog,
        policies: stored.policies,
        faqs: stored.faqs,
      },
    });
  });

  it('sends a new row with its typed price in minor units and no policy id of its own', () => {
    const form = toForm(stored);
    form.catalog.push({ ...emptyCatalogRow('usd'), sku: 'MUG', name: 'Mug', price: '12.5' });
    form.policies.push({ key: 0, id: null, topic: 'Hours', text: 'Open daily.' });
    form.languages = 'id,en  ms';
    const result = toInput(form);
    if (!result.ok) throw new Error(result.problems.join());
    expect(result.input.catalog?.[1]?.price).toEqual({ amount: 1250, currency: 'USD' });
    expect(result.input.policies?.[1]).toEqual({ topic: 'Hours', text: 'Open daily.' });
    expect(result.input.business.languages).toEqual(['id', 'en', 'ms']);
  });

  it('names the catalog rows whose price is not a number', () => {
    const form = toForm(stored);
    form.catalog.push({ ...emptyCatalogRow(), sku: 'X', name: 'X', price: '12,50' });
    expect(toInput(form)).toEqual({
      ok: false,
      problems: ['Catalog item 2: enter the price as a plain number in IDR, like 125000 or 12.50.'],
    });
  });
});
