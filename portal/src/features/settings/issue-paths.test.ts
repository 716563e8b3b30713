import { describe, expect, it } from 'vitest';
import { issueFieldLabel } from './issue-paths.ts';

describe('issueFieldLabel', () => {
  it('names rows by their number on screen and fields by their label', () => {
    expect(issueFieldLabel('catalog[1].sku')).toBe('Catalog item 2, SKU');
    expect(issueFieldLabel('catalog[0].price.currency')).toBe('Catalog item 1, Currency');
    expect(issueFieldLabel('policies[0].text')).toBe('Policy 1, Policy text');
    expect(issueFieldLabel('faqs[2]')).toBe('Question 3');
  });

  it('names single fields, list entries included, and keeps paths it does not know', () => {
    expect(issueFieldLabel('business.name')).toBe('Business name');
    expect(issueFieldLabel('business.languages[1]')).toBe('Languages');
    expect(issueFieldLabel('always_review_keywords[3]')).toBe('Always-review keywords');
    expect(issueFieldLabel('min_confidence')).toBe('Minimum confidence');
    expect(issueFieldLabel('somewhere.else')).toBe('somewhere.else');
  });
});
