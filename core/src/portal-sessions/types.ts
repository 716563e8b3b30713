import { z } from 'zod';
import type { User, UserRole } from '../users/index.ts';
import { PasswordSchema } from '../users/index.ts';

/** A signed-in portal user's session, as the auth middleware resolves it from the cookie. */
export type SessionIdentity = {
  sessionId: string;
  partnerId: string;
  workspaceId: string;
  userId: string;
  role: UserRole;
  expiresAt: Date;
};

/** What the portal learns about its session: who, which workspace, and the CSRF token to send. */
export type PortalSession = {
  user: User;
  workspace: { id: string; name: string };
  csrfToken: string;
  expiresAt: Date;
};

/** A session just started: the cookie token exists only here. */
export type StartedSession = { token: string; maxAgeSeconds: number; session: PortalSession };

export const SignInInputSchema = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
});
export type SignInInput = z.infer<typeof SignInInputSchema>;

export const RedeemSignInLinkInputSchema = z.strictObject({
  token: z.string().min(1).max(200),
  password: PasswordSchema.optional(),
});
export type RedeemSignInLinkInput = z.infer<typeof RedeemSignInLinkInputSchema>;
