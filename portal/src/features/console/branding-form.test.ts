import { DEFAULT_PORTAL_BRANDING } from '@laras/core/branding';
import { describe, expect, it } from 'vitest';
import { brandVariables } from '../../theme/brand.ts';
import { brandingProblems, brandingUpdate, isSavedForm, previewBrand } from './branding-form.ts';

const form = { displayName: 'Acme', logoUrl: '', primaryColor: '#1A7F5A', supportEmail: '' };

describe('brandingProblems', () => {
  it('accepts a valid form and names each bad field', () => {
    expect(brandingProblems(form)).toEqual({});
    expect(
      brandingProblems({
        displayName: ' ',
        logoUrl: 'http://x',
        primaryColor: 'green',
        supportEmail: 'nope',
      }),
    ).toEqual({
      displayName: expect.any(String),
      logoUrl: expect.any(String),
      primaryColor: expect.any(String),
      supportEmail: expect.any(String),
    });
  });
});

describe('previewBrand', () => {
  it('shows the typed brand, ignoring a colour that is not yet valid', () => {
    expect(previewBrand(form)).toEqual({
      display_name: 'Acme',
      logo_url: null,
      primary_color: '#1a7f5a',
      support_email: null,
    });
    expect(previewBrand({ ...form, primaryColor: '#1a7' }).primary_color).toBeNull();
  });

  it('draws an empty colour in the colour the portal will then get from the server', () => {
    const preview = brandVariables(previewBrand({ ...form, primaryColor: '' }));
    expect(preview['--brand-primary']).toBe(DEFAULT_PORTAL_BRANDING.primaryColor);
  });
});

describe('isSavedForm', () => {
  it('holds while the form is what was saved, and ends with the next edit', () => {
    const saved = brandingUpdate(form);
    expect(isSavedForm(form, undefined)).toBe(false);
    expect(isSavedForm(form, saved)).toBe(true);
    // Typing the same brand differently (case, spaces) is still what was saved.
    expect(isSavedForm({ ...form, displayName: ' Acme ', primaryColor: '#1a7f5a' }, saved)).toBe(true);
    expect(isSavedForm({ ...form, displayName: 'Acme Studio' }, saved)).toBe(false);
    expect(isSavedForm({ ...form, supportEmail: 'help@acme.test' }, saved)).toBe(false);
  });
});

describe('brandingUpdate', () => {
  it('sends null for emptied optional fields', () => {
    expect(brandingUpdate({ ...form, supportEmail: ' help@acme.test ' })).toEqual({
      display_name: 'Acme',
      logo_url: null,
      primary_color: '#1a7f5a',
      support_email: 'help@acme.test',
    });
  });
});
