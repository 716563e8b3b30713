export { contrastRatio, readableTextColor } from './contrast.ts';
export { getBranding, updateBranding } from './service.ts';
export {
  type Branding,
  normaliseHostname,
  type UpdateBrandingInput,
  UpdateBrandingInputSchema,
} from './types.ts';
