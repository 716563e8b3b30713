// Meta mixes time units: WhatsApp sends Unix seconds as strings, Instagram messaging sends epoch
// milliseconds as numbers, comment entries and the dashboard's test payloads send seconds. One schema reads
// them all and tells the units apart by size: no real second count reaches 1e11 (year 5138), and no
// millisecond count since 1973 falls below it.
import { z } from 'zod';

const MILLISECONDS_FROM = 1e11;

/** A Meta timestamp (seconds or milliseconds, number or digit string) as a Date. */
export const EpochSchema = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'expected a Unix timestamp')])
  .transform((value, ctx) => {
    const n = Number(value);
    const date = new Date(n < MILLISECONDS_FROM ? n * 1000 : n);
    if (Number.isNaN(date.getTime())) {
      ctx.issues.push({ code: 'custom', message: 'timestamp out of range', input: value });
      return z.NEVER;
    }
    return date;
  });
export type Epoch = z.infer<typeof EpochSchema>;
