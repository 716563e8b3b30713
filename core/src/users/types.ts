import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password.ts';

export type UserRole = 'owner' | 'agent';
export type SignInLinkPurpose = 'sign_in' | 'set_password';

/** A person who signs in to the partner's portal for one workspace. Never carries the password hash. */
export type User = {
  id: string;
  workspaceId: string;
  email: string;
  name: string | null;
  role: UserRole;
  hasPassword: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
};

/** A sign-in link as created: the only time its URL (which carries the secret) exists. */
export type CreatedSignInLink = { url: string; purpose: SignInLinkPurpose; expiresAt: Date };

export const EmailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email('email must be an e-mail address'))
  .transform((value) => value.toLowerCase());

export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `password must be at most ${PASSWORD_MAX_LENGTH} characters`);

export const CreateUserInputSchema = z.strictObject({
  email: EmailSchema,
  name: z.string().trim().min(1).max(200).optional(),
  role: z.enum(['owner', 'agent']),
  password: PasswordSchema.optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserInputSchema>;

export const ListUsersQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional(),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuerySchema>;

export const CreateSignInLinkInputSchema = z.strictObject({
  purpose: z.enum(['sign_in', 'set_password']).optional(),
});
export type CreateSignInLinkInput = z.infer<typeof CreateSignInLinkInputSchema>;
