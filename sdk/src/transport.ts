/**
 * The fetch function under the typed client: a per-attempt timeout and bounded retries with backoff,
 * following `retry-policy.ts`. A retry re-sends a clone of the same Request, so its headers (the
 * Idempotency-Key above all) and body are identical on every attempt.
 */
import { LarasConnectionError, LarasTimeoutError } from './errors.ts';
import { backoffDelay, isRetryableResponse, isRetrySafe, parseRetryAfter } from './retry-policy.ts';

export type FetchFunction = (request: Request) => Promise<Response>;

export type TransportOptions = {
  fetch: FetchFunction;
  /** Limit for one attempt, from sending the request to the last byte of the response. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  maxRetries: number;
  /** A Retry-After longer than this is not waited for: the response is returned instead. */
  maxRetryAfterMs: number;
  /** Test seam: waits between attempts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Test seam: the jitter source. */
  random?: () => number;
};

/** Statuses whose Response must be built without a body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** Thrown inside an attempt when its timer fires; turned into a LarasTimeoutError by the loop. */
class AttemptTimedOut extends Error {}

/** A fetch function that retries and times out as described in `retry-policy.ts`. */
export function createTransport(options: TransportOptions): FetchFunction {
  const sleep = options.sleep ?? abortableSleep;
  const random = options.random ?? Math.random;

  return async function send(request) {
    const caller = request.signal;
    for (let retry = 0; ; retry += 1) {
      const mayRetry = retry < options.maxRetries;
      let response: Response;
      try {
        response = await attempt(request, options.fetch, options.timeoutMs);
      } catch (error) {
        if (caller.aborted) throw caller.reason;
        if (!mayRetry || !isRetrySafe(request)) throw failure(request, error, retry + 1, options.timeoutMs);
        await sleep(backoffDelay(retry + 1, random), caller);
        continue;
      }
      if (!mayRetry) return response;
      const body = response.status === 409 ? await response.clone().text() : '';
      if (!isRetryableResponse(request, response.status, body)) return response;
      const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
      if (retryAfter !== undefined && retryAfter > options.maxRetryAfterMs) return response;
      await sleep(retryAfter ?? backoffDelay(retry + 1, random), caller);
    }
  };
}

/**
 * One attempt on a clone of the request. The body is read inside the timeout, so a server that
 * sends headers and then stalls times out too; the returned Response carries the buffered body.
 */
async function attempt(request: Request, fetch: FetchFunction, timeoutMs: number): Promise<Response> {
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(new AttemptTimedOut()), timeoutMs);
  const signal = AbortSignal.any([request.signal, timer.signal]);
  // Settles only on abort, so a fetch implementation that ignores the signal still cannot hang us.
  const aborted = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  aborted.catch(() => {});
  try {
    const response = await Promise.race([fetch(new Request(request.clone(), { signal })), aborted]);
    const body = await Promise.race([response.arrayBuffer(), aborted]);
    return withBody(response, body);
  } catch (error) {
    throw timer.signal.aborted && !request.signal.aborted ? timer.signal.reason : error;
  } finally {
    clearTimeout(timeout);
  }
}

function withBody(response: Response, body: ArrayBuffer): Response {
  const copy = new Response(NULL_BODY_STATUSES.has(response.status) ? null : body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  Object.defineProperties(copy, {
    url: { value: response.url },
    redirected: { value: response.redirected },
  });
  return copy;
}

function failure(request: Request, error: unknown, attempts: number, timeoutMs: number): Error {
  const call = `${request.method} ${request.url}`;
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  const details = { method: request.method, url: request.url, attempts };
  if (error instanceof AttemptTimedOut) {
    return new LarasTimeoutError(
      `Laras API request timed out: ${call} (${timeoutMs} ms per attempt, ${tries}).`,
      {
        ...details,
        timeoutMs,
      },
    );
  }
  return new LarasConnectionError(
    `Could not reach the Laras API: ${call} failed (${tries}): ${describe(error)}`,
    {
      ...details,
      cause: error,
    },
  );
}

/** `fetch failed (ECONNREFUSED)`: undici hides the useful part in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  const code = cause instanceof Error && 'code' in cause && typeof cause.code === 'string' ? cause.code : '';
  return code ? `${error.message} (${code})` : error.message;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
