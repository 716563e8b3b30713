/**
 * The HTTP transport under the typed client: per-attempt timeout, bounded retries with
 * exponential backoff and full jitter on 408/429/5xx and network errors, honouring Retry-After.
 * Retrying a POST is safe because the client gives every POST an Idempotency-Key first, so a
 * retry of a request the server already handled replays its answer instead of repeating it.
 */
import ky, { HTTPError } from 'ky';

export type TransportOptions = {
  timeoutMs: number;
  maxRetries: number;
  /** Longest Retry-After we wait for, in ms; longer ones return the 429/503 to the caller. */
  maxRetryAfterMs: number;
  fetch?: typeof globalThis.fetch;
};

export const RETRY_STATUS_CODES = [408, 429, 500, 502, 503, 504];

/** The server's Retry-After in ms (seconds or an HTTP date), 0 when absent. */
export function retryAfterMs(response: Response): number {
  const header = response.headers.get('Retry-After');
  if (!header) return 0;
  const seconds = Number(header);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? 0 : Math.max(0, date - Date.now());
}

export function createTransport(options: TransportOptions): typeof globalThis.fetch {
  const client = ky.create({
    timeout: options.timeoutMs,
    // ky retries only responses it throws; the wrapper below hands the final one back as a Response.
    throwHttpErrors: true,
    fetch: options.fetch,
    retry: {
      limit: options.maxRetries,
      methods: ['get', 'put', 'post', 'patch', 'delete', 'head', 'options'],
      statusCodes: RETRY_STATUS_CODES,
      afterStatusCodes: [413, 429, 503],
      maxRetryAfter: options.maxRetryAfterMs,
      backoffLimit: 8_000,
      jitter: true,
      retryOnTimeout: true,
      // Waiting longer than the caller allows is worse than answering now: hand back the 429/503.
      shouldRetry: ({ error }) =>
        error instanceof HTTPError && retryAfterMs(error.response) > options.maxRetryAfterMs
          ? false
          : undefined,
    },
  });
  return async (input, init) => {
    try {
      return await client(input instanceof URL ? input.toString() : input, init);
    } catch (error) {
      if (error instanceof HTTPError) return error.response;
      throw error;
    }
  };
}
