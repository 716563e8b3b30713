/**
 * When a failed attempt is retried, and after how long. Pure functions, tested without a server.
 *
 * - 429 is retried (the API refused the request without processing it), except on the sign-in
 *   operations: there a 429 is a lockout after failed attempts (`Retry-After: 60`), which the
 *   person signing in must be told about at once rather than wait out behind "Signing in…".
 * - 409 `idempotency_key_in_progress` is retried: the same POST is still running on the server
 *   (usually the attempt that just timed out), and the retry receives its stored outcome.
 * - 408, 500, 502, 503, 504, network errors and timeouts may come after the server did the work, so
 *   they are retried only when repeating the request is safe: an idempotent method, or a request
 *   carrying an `Idempotency-Key` (the SDK gives one to every POST). PATCH counts as idempotent
 *   because every PATCH in /v1 sets the given fields, so a repeat changes nothing more.
 * - Any other status is returned at once: it is the caller's to handle.
 */
import { type OperationId, operationIndex } from '@laras/openapi';

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'PATCH']);
const TRANSIENT_STATUSES = new Set([408, 500, 502, 503, 504]);
const BASE_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8_000;

/** The operations that take a credential (password, sign-in link, API key) and open a session. */
const SIGN_IN_OPERATIONS = [
  'createSession',
  'redeemSignInLink',
  'createConsoleSession',
] as const satisfies readonly OperationId[];
const SIGN_IN_ROUTES = SIGN_IN_OPERATIONS.map((id) => ({
  method: operationIndex[id].method.toUpperCase(),
  path: operationIndex[id].path,
}));

/** Whether this request is a sign-in (the base URL may put a prefix before the path). */
function isSignInRequest(request: Request): boolean {
  const { pathname } = new URL(request.url);
  return SIGN_IN_ROUTES.some((route) => route.method === request.method && pathname.endsWith(route.path));
}

/** Whether sending this request twice has the same effect as sending it once. */
export function isRetrySafe(request: Request): boolean {
  return IDEMPOTENT_METHODS.has(request.method) || request.headers.has('Idempotency-Key');
}

/** Whether an attempt that ended with this status (and body, for 409s) is worth repeating. */
export function isRetryableResponse(request: Request, status: number, body: string): boolean {
  if (status === 429) return !isSignInRequest(request);
  if (status === 409) return isIdempotencyKeyInProgress(body);
  return TRANSIENT_STATUSES.has(status) && isRetrySafe(request);
}

function isIdempotencyKeyInProgress(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    return (
      typeof parsed === 'object' &&
      parsed !== null &&
      'error' in parsed &&
      typeof parsed.error === 'object' &&
      parsed.error !== null &&
      'code' in parsed.error &&
      parsed.error.code === 'idempotency_key_in_progress'
    );
  } catch {
    return false;
  }
}

/**
 * A `Retry-After` value in milliseconds: delta-seconds or an HTTP date. `undefined` when absent or
 * unreadable, so the caller falls back to its own backoff.
 */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  // An HTTP date has a weekday and month in letters; this keeps V8 from reading `-5` as a year.
  const date = /[A-Za-z]/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Exponential backoff with jitter for the n-th retry (1-based): a random wait between half and all
 * of min(8 s, 0.5 s × 2^(n-1)), so clients that failed together do not retry together.
 */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
