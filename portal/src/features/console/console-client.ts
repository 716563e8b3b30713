/**
 * The console's Laras client: the SDK in session mode, like the portal's, but holding the console
 * session's CSRF token (in memory only). The API key typed at sign-in is sent once and never kept.
 */
import { createLaras } from '@laras/sdk';

let consoleCsrf: string | undefined;

/** Remembers the CSRF token of the console session (or forgets it on sign-out). */
export function setConsoleCsrfToken(token: string | undefined): void {
  consoleCsrf = token;
}

export const consoleApi = createLaras({
  baseUrl: window.location.origin,
  session: true,
  csrfToken: () => consoleCsrf,
});
