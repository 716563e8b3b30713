import { z } from 'zod';
import type { ApiKeyMode } from './secret.ts';

export type ApiKey = {
  id: string;
  partnerId: string;
  name: string;
  mode: ApiKeyMode;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

/** A key as created: the only time its secret exists outside the caller's hands. */
export type CreatedApiKey = ApiKey & { secret: string };

/** The partner a valid key acts for. */
export type ApiKeyPrincipal = { apiKeyId: string; partnerId: string; mode: ApiKeyMode };

export const CreateApiKeyInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'name must not be empty').max(100),
  mode: z.enum(['test', 'live']).optional(),
});
export type CreateApiKeyInput = z.infer<typeof CreateApiKeyInputSchema>;

export const ListApiKeysQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional(),
});
export type ListApiKeysQuery = z.infer<typeof ListApiKeysQuerySchema>;
