import type { Surface } from './types.ts';

/**
 * What each surface accepts, from /work/shared/reference/meta.md:
 * - WhatsApp text `body`: at most 4096 characters (§3.1, [WA-TEXT]).
 * - Instagram DM text: UTF-8, 1000 bytes or less; enforce the byte limit (§6.3, [IG-MSG]).
 * - Instagram public comment reply: the reference gives no limit (§6.4); 2200 characters is Instagram's
 *   limit for captions and comments in the app, used here until Meta documents one for the API.
 */
export const LENGTH_LIMITS: Record<Surface, { max: number; unit: 'characters' | 'bytes' }> = {
  whatsapp: { max: 4096, unit: 'characters' },
  instagram_dm: { max: 1000, unit: 'bytes' },
  instagram_comment: { max: 2200, unit: 'characters' },
};

const encoder = new TextEncoder();

/** The text's length in the unit the surface limits (code points for characters). */
export function measure(text: string, unit: 'characters' | 'bytes'): number {
  return unit === 'bytes' ? encoder.encode(text).length : Array.from(text).length;
}
