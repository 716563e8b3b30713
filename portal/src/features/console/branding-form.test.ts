import { describe, expect, it } from 'vitest';
import { brandingProblems, brandingUpdate, previewBrand } from './branding-form.ts';

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
