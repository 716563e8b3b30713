export { contrastRatio, readableTextColor } from './contrast.ts';
export { isReservedHostname, verificationRecordName } from './hostname-verification.ts';
export {
  DEFAULT_PORTAL_BRANDING,
  getBranding,
  getPortalBranding,
  partnerForHostname,
  updateBranding,
} from './service.ts';
export {
  type Branding,
  normaliseHostname,
  type PortalBranding,
  type UpdateBrandingInput,
  UpdateBrandingInputSchema,
} from './types.ts';
