import { z } from 'zod';
import { compact } from './compact.ts';
import type { InboundProviderError } from './content-types.ts';

/** Meta's error object in webhook `errors[]` (statuses, unsupported messages, `value.errors`). */
export const MetaErrorSchema = z
  .object({
    code: z.number().int(),
    title: z.string().optional(),
    message: z.string().optional(),
    error_data: z.object({ details: z.string().optional() }).optional(),
    href: z.string().optional(),
  })
  .transform(
    (e): InboundProviderError =>
      compact({
        code: e.code,
        title: e.title,
        message: e.message,
        details: e.error_data?.details,
        href: e.href,
      }),
  );
export type MetaError = z.input<typeof MetaErrorSchema>;
