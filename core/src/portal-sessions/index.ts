export { counters as signInLockoutKeys, type LockoutDeps, type SignInSubject } from './lockout.ts';
export {
  authenticateSession,
  csrfTokenFor,
  getPortalSession,
  redeemSignInLink,
  type SessionDeps,
  SIGN_IN_FAILED_MESSAGE,
  SIGN_IN_LOCKED_MESSAGE,
  type SignInDeps,
  signIn,
  signOut,
} from './service.ts';
export {
  type PortalSession,
  type RedeemSignInLinkInput,
  RedeemSignInLinkInputSchema,
  type SessionIdentity,
  type SignInInput,
  SignInInputSchema,
  type StartedSession,
} from './types.ts';
