import { z } from 'zod';
import type { Channel } from '../connections/types.ts';

export type ConnectSession = {
  id: string;
  workspaceId: string;
  channel: Channel;
  returnUrl: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
};

/** A session as created: the only time its link (which carries the secret) exists. */
export type CreatedConnectSession = ConnectSession & { url: string };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export const CreateConnectSessionInputSchema = z.strictObject({
  channel: z.enum(['whatsapp', 'instagram']),
  return_url: z
    .string()
    .max(2048)
    .refine(
      (value) => {
        try {
          const url = new URL(value);
          return url.protocol === 'https:' || (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname));
        } catch {
          return false;
        }
      },
      { message: 'return_url must be an absolute https URL' },
    )
    .optional(),
});
export type CreateConnectSessionInput = z.infer<typeof CreateConnectSessionInputSchema>;
