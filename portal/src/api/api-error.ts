/**
 * An error answer of the API as the portal's screens see it. Kept apart from the client (which
 * needs a page to run in) so the rules that read it are tested without a browser.
 */
import { hasSubstituteErrorBody, type LarasError } from '@laras/sdk';

/** An error answer of the API, kept whole so screens can show its message and react to its code. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly body: LarasError,
    readonly retryAfterSeconds: number | null,
    /**
     * False when something in front of the API answered (a proxy's 502, a gateway's 413): the
     * message is then the SDK's diagnostic for developers, never to be shown to a person.
     */
    readonly fromApi = true,
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
      !hasSubstituteErrorBody(response),
    );
  }
  return data as T;
}
