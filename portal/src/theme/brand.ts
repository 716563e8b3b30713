/**
 * A partner's brand as the portal shows it: CSS variables derived from the primary colour with
 * readable contrast, the partner's name as the document title. Laras appears only as the fallback
 * when the partner has set no brand.
 */
import { textOn, withContrast } from './contrast.ts';

export type PortalBrand = {
  display_name: string;
  logo_url: string | null;
  primary_color: string | null;
  support_email: string | null;
};

/**
 * The colour of a brand with none set: the server's own default (core's DEFAULT_PORTAL_BRANDING),
 * so the console's preview of an emptied colour is what the portal will then show.
 */
export const DEFAULT_PRIMARY = '#0a7cff';
const PAGE_BACKGROUND = '#ffffff';

/** The CSS custom properties for a brand. */
export function brandVariables(brand: PortalBrand): Record<string, string> {
  const primary = brand.primary_color ?? DEFAULT_PRIMARY;
  return {
    '--brand-primary': primary,
    '--brand-on-primary': textOn(primary),
    '--brand-accent-text': withContrast(primary, PAGE_BACKGROUND),
  };
}

/** Applies a brand to the document: variables on :root and the partner's name in the title. */
export function applyBrand(brand: PortalBrand, doc: Document = document): void {
  for (const [name, value] of Object.entries(brandVariables(brand))) {
    doc.documentElement.style.setProperty(name, value);
  }
  doc.title = brand.display_name;
}
