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

export const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export const CreateConnectSessionInputSchema = z.strictObject({
  channel: z.enum(['whatsapp', 'instagram']),
  return_url: z
    .string()
    .max(2048)
    .refine(
      (value) => {
        try {
          const url = new URL(value);
          // Which http hosts are allowed depends on the partner: checked by the service.
          return url.protocol === 'https:' || url.protocol === 'http:';
        } catch {
          return false;
        }
      },
      { message: 'return_url must be an absolute http(s) URL' },
    )
    .optional(),
});
export type CreateConnectSessionInput = z.infer<typeof CreateConnectSessionInputSchema>;
