import { z } from 'zod';

export const DraftPreviewInputSchema = z.strictObject({
  /** What a customer might write. */
  text: z.string().trim().min(1).max(4096),
  channel: z.enum(['whatsapp', 'instagram_dm', 'instagram_comment']),
});
export type DraftPreviewInput = z.infer<typeof DraftPreviewInputSchema>;
