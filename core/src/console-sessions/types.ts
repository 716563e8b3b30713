import { z } from 'zod';
import type { ApiKeyMode } from '../api-keys/index.ts';

/** What a console session cookie resolves to: the partner, through the API key it was opened with. */
export type ConsoleIdentity = {
  sessionId: string;
  partnerId: string;
  apiKeyId: string;
  mode: ApiKeyMode;
  expiresAt: Date;
};

/** What the console learns about its session: the partner, the key's mode and the CSRF token. */
export type ConsoleSession = {
  partnerId: string;
  apiKeyId: string;
  mode: ApiKeyMode;
  csrfToken: string;
  expiresAt: Date;
};

/** A console session just started: the cookie token exists only here. */
export type StartedConsoleSession = { token: string; maxAgeSeconds: number; session: ConsoleSession };

export const ConsoleSignInInputSchema = z.strictObject({
  api_key: z.string().trim().min(1).max(200),
});
export type ConsoleSignInInput = z.infer<typeof ConsoleSignInInputSchema>;
