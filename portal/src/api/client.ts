/**
 * The portal's one Laras client: the SDK in session mode against the portal's own origin. The
 * session lives in an httpOnly cookie the page cannot read; the CSRF token that must accompany
 * every state-changing call comes from the session body and is held here in memory only.
 */
import { createLaras, type LarasError } from '@laras/sdk';

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

/** An error answer of the API, kept whole so screens can show its message and react to its code. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: LarasError,
    readonly retryAfterSeconds: number | null,
  ) {
    super(body.error.message);
  }
}

type Result<T> = { data?: T; error?: LarasError; response: Response };

/** The data of a successful call; an error answer becomes an ApiError. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (error) {
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new ApiError(
      response.status,
      error,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    );
  }
  return data as T;
}
