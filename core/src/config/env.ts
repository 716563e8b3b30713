import { z } from 'zod';

/** Booleans from the environment: only "true"/"1"/"yes" and "false"/"0"/"no" are accepted. */
export const envBoolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A TCP port number from the environment. */
export const envPort = z.coerce.number().int().min(0).max(65_535);

/** A positive integer from the environment. */
export const envPositiveInt = z.coerce.number().int().positive();

/** A non-negative integer from the environment. */
export const envNonNegativeInt = z.coerce.number().int().min(0);

/** A URL with one of the given protocols. */
export function envUrl(protocols: readonly string[]) {
  return z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL (${protocols.join(' or ')})` },
  );
}
