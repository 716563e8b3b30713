/**
 * What a call throws. An answer from the API, even an error status, is never thrown: it resolves as
 * `{ error, response }`. These are for calls that got no answer at all. (`paginate`, an iterator,
 * throws its `LarasApiError` for an error answer instead.)
 */

type FailureDetails = { method: string; url: string; attempts: number; cause?: unknown };

/** The API could not be reached (DNS, refused or reset connection, TLS…) on any attempt. */
export class LarasConnectionError extends Error {
  override readonly name: string = 'LarasConnectionError';
  /** The HTTP method of the call. */
  readonly method: string;
  /** The full URL of the call. */
  readonly url: string;
  /** How many attempts were made, retries included. */
  readonly attempts: number;

  constructor(message: string, details: FailureDetails) {
    super(message, { cause: details.cause });
    this.method = details.method;
    this.url = details.url;
    this.attempts = details.attempts;
  }
}

/** No complete response arrived within `timeoutMs` on any attempt. */
export class LarasTimeoutError extends LarasConnectionError {
  override readonly name: string = 'LarasTimeoutError';
  /** The per-attempt limit that was exceeded. */
  readonly timeoutMs: number;

  constructor(message: string, details: FailureDetails & { timeoutMs: number }) {
    super(message, details);
    this.timeoutMs = details.timeoutMs;
  }
}
