import { describe, expect, it } from 'vitest';
import { citationLabel, holdReasonLabel, holdReasonText, verdictReasonLabel } from './reasons.ts';

const sources = {
  catalog: [{ sku: 'GAYO-250', name: 'Aceh Gayo beans 250 g' }],
  policies: [{ id: 'pol_returns', topic: 'Returns' }],
  faqs: [{ question: 'Do you ship?' }, { question: 'Are you open on Sunday?' }],
};

describe('approval queue labels', () => {
  it('turns classifier and rule codes into sentences, and keeps codes it does not know', () => {
    expect(verdictReasonLabel('price_not_in_catalog')).toBe('States a price that is not in the catalog');
    expect(holdReasonLabel('auto_send_disabled')).toBe('Automatic sending is off for this channel');
    expect(holdReasonLabel('window_closed')).toBe('The 24-hour reply window is closed');
    expect(verdictReasonLabel('something_new')).toBe('something_new');
  });

  it('adds the rule detail only where it says more than the label', () => {
    expect(holdReasonText({ code: 'auto_send_disabled', detail: 'auto-send is off for whatsapp' })).toBe(
      'Automatic sending is off for this channel',
    );
    expect(holdReasonText({ code: 'always_review_keyword', detail: 'matched "refund"' })).toBe(
      'The message mentions an always-review keyword (matched "refund")',
    );
  });

  it('names citations from the business context, falling back to their ids', () => {
    expect(citationLabel({ kind: 'catalog', id: 'GAYO-250' }, sources)).toBe(
      'Catalog: Aceh Gayo beans 250 g (GAYO-250)',
    );
    expect(citationLabel({ kind: 'catalog', id: 'GONE-1' }, sources)).toBe('Catalog: GONE-1');
    expect(citationLabel({ kind: 'policy', id: 'pol_returns' }, sources)).toBe('Policy: Returns');
    expect(citationLabel({ kind: 'faq', id: '1' }, sources)).toBe('FAQ: Are you open on Sunday?');
    expect(citationLabel({ kind: 'faq', id: '7' }, sources)).toBe('FAQ #8');
    expect(citationLabel({ kind: 'faq', id: '0' }, undefined)).toBe('FAQ #1');
  });
});
