export {
  authenticateConsoleSession,
  CONSOLE_SIGN_IN_FAILED_MESSAGE,
  CONSOLE_SIGN_IN_LOCKED_MESSAGE,
  type ConsoleSessionDeps,
  consoleCsrfTokenFor,
  consoleSessionKey,
  getConsoleSession,
  signInConsole,
  signOutConsole,
} from './service.ts';
export {
  type ConsoleIdentity,
  type ConsoleSession,
  type ConsoleSignInInput,
  ConsoleSignInInputSchema,
  type StartedConsoleSession,
} from './types.ts';
