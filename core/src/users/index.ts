export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password.ts';
export { createSignInLink, createUser, deleteUser, getUser, listUsers } from './service.ts';
export {
  type CreatedSignInLink,
  type CreateSignInLinkInput,
  CreateSignInLinkInputSchema,
  type CreateUserInput,
  CreateUserInputSchema,
  EmailSchema,
  type ListUsersQuery,
  ListUsersQuerySchema,
  PasswordSchema,
  type SignInLinkPurpose,
  type User,
  type UserRole,
} from './types.ts';
