import type { z } from 'zod';
import { MetaApiError } from './meta-error.ts';

/** Reads a successful Meta answer with `schema`; an unexpected shape is a MetaApiError naming the call. */
export function parseMetaResponse<T>(operation: string, schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success)
    throw new MetaApiError(operation, 200, undefined, undefined, undefined, 'unexpected response shape');
  return result.data;
}
