import { z } from 'zod';

/** The partner's own key/value data on a resource: up to 50 keys of up to 40 characters, values up to 500. */
export const MetadataSchema = z
  .record(z.string().min(1).max(40), z.string().max(500))
  .refine((value) => Object.keys(value).length <= 50, { message: 'metadata may have at most 50 keys' });

export type Metadata = z.infer<typeof MetadataSchema>;
