/** An error answer from a Meta API, with the fields Meta says to act on (code, subcode, details). */
export class MetaApiError extends Error {
  /** Meta's own message, e.g. `(#131047) Re-engagement message`. */
  readonly title: string;

  constructor(
    readonly operation: string,
    readonly httpStatus: number,
    readonly code: number | undefined,
    readonly subcode: number | undefined,
    readonly fbtraceId: string | undefined,
    message: string,
  ) {
    super(`${operation}: ${message}`);
    this.name = 'MetaApiError';
    this.title = message;
  }

  /** Token expired, invalid or revoked (code 190): the connection needs reconnecting. */
  get isInvalidToken(): boolean {
    return this.code === 190;
  }

  /**
   * Worth retrying later: Meta's 5xx, throttling and transient codes. Code 1 counts only with a
   * 5xx: Meta also answers code 1 with a 400 for a bad client secret, which no retry fixes.
   */
  get isTransient(): boolean {
    return this.httpStatus >= 500 || this.code === 2 || this.code === 4 || this.httpStatus === 429;
  }
}

/** Meta could not be reached or did not answer in time. */
export class MetaUnavailableError extends Error {
  constructor(
    readonly operation: string,
    cause: unknown,
  ) {
    super(`${operation}: Meta did not answer (${cause instanceof Error ? cause.message : String(cause)})`, {
      cause,
    });
    this.name = 'MetaUnavailableError';
  }
}

type GraphErrorBody = {
  error?: { message?: string; code?: number; error_subcode?: number; fbtrace_id?: string; type?: string };
  error_message?: string;
  error_type?: string;
  code?: number;
};

/** Reads both error shapes: Graph's `{ error: {…} }` and api.instagram.com's flat `{ error_type, code, error_message }`. */
export function toMetaApiError(operation: string, status: number, body: unknown): MetaApiError {
  const parsed = (typeof body === 'object' && body !== null ? body : {}) as GraphErrorBody;
  const nested = parsed.error;
  const message = nested?.message ?? parsed.error_message ?? `HTTP ${status}`;
  return new MetaApiError(
    operation,
    status,
    nested?.code ?? parsed.code,
    nested?.error_subcode,
    nested?.fbtrace_id,
    message,
  );
}
