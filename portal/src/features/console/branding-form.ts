/**
 * The branding editor's form: what the partner types, checked before it is sent, and the brand
 * the live preview shows (the same brand -> CSS variables rules as the portal itself).
 */
import type { UpdateBrandingRequest } from '@laras/sdk';
import type { PortalBrand } from '../../theme/brand.ts';

export type BrandingForm = {
  displayName: string;
  logoUrl: string;
  primaryColor: string;
  supportEmail: string;
};

const HEX = /^#[0-9a-fA-F]{6}$/;

/** Problems to show before sending, by field; empty when the form can be saved. */
export function brandingProblems(form: BrandingForm): Partial<Record<keyof BrandingForm, string>> {
  const problems: Partial<Record<keyof BrandingForm, string>> = {};
  if (form.displayName.trim() === '') problems.displayName = 'Enter the name your clients see.';
  if (form.primaryColor.trim() !== '' && !HEX.test(form.primaryColor.trim())) {
    problems.primaryColor = 'Use a colour like #1a7f5a.';
  }
  if (form.logoUrl.trim() !== '' && !/^https:\/\//.test(form.logoUrl.trim())) {
    problems.logoUrl = 'Use an https:// address.';
  }
  if (form.supportEmail.trim() !== '' && !/^[^\s@]+@[^\s@]+$/.test(form.supportEmail.trim())) {
    problems.supportEmail = 'Enter an email address.';
  }
  return problems;
}

function orNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** The brand as the preview (and, once saved, the portal) shows it. */
export function previewBrand(form: BrandingForm): PortalBrand {
  const color = form.primaryColor.trim();
  return {
    display_name: form.displayName.trim() || 'Your brand',
    logo_url: orNull(form.logoUrl),
    primary_color: HEX.test(color) ? color.toLowerCase() : null,
    support_email: orNull(form.supportEmail),
  };
}

/** The update body: empty optional fields clear the value. */
export function brandingUpdate(form: BrandingForm) {
  return {
    display_name: form.displayName.trim(),
    logo_url: orNull(form.logoUrl),
    primary_color: orNull(form.primaryColor)?.toLowerCase() ?? null,
    support_email: orNull(form.supportEmail),
  };
}

/** The form for a saved brand. */
export function brandingForm(brand: PortalBrand): BrandingForm {
  return {
    displayName: brand.display_name,
    logoUrl: brand.logo_url ?? '',
    primaryColor: brand.primary_color ?? '',
    supportEmail: brand.support_email ?? '',
  };
}

/** Whether the form holds just what was last saved, so "Saved." goes once it is edited again. */
export function isSavedForm(form: BrandingForm, saved: UpdateBrandingRequest | undefined): boolean {
  if (!saved) return false;
  const current = brandingUpdate(form);
  return (
    current.display_name === saved.display_name &&
    current.logo_url === saved.logo_url &&
    current.primary_color === saved.primary_color &&
    current.support_email === saved.support_email
  );
}
