/**
 * The portal's one Laras client: the SDK in session mode against the portal's own origin. The
 * session lives in an httpOnly cookie the page cannot read; the CSRF token that must accompany
 * every state-changing call comes from the session body and is held here in memory only.
 */
import { createLaras } from '@laras/sdk';

let csrfToken: string | undefined;

/** Remembers the CSRF token of the current session (or forgets it on sign-out). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export const laras = createLaras({
  baseUrl: window.location.origin,
  session: true,
  csrfToken: () => csrfToken,
});
