export { getBranding, updateBranding } from './service.ts';
export {
  type Branding,
  normaliseHostname,
  type UpdateBrandingInput,
  UpdateBrandingInputSchema,
} from './types.ts';
