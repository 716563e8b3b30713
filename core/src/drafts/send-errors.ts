/**
 * What a failed Graph API send means for the draft. Meta's codes (see reference/meta.md §3.4):
 * the 24-hour window closed (WhatsApp 131047, Instagram 10 / 2534022) expires the draft; an invalid
 * token (190) needs the owner to reconnect; throttling and Meta's own failures are retried later;
 * anything else fails with Meta's code and message. A call whose answer never came (timeout,
 * connection dropped mid-request) may have been sent: it is never retried.
 */
import { MetaApiError, MetaUnavailableError } from '../meta/index.ts';
import type { DeliveryError } from './types.ts';

export type SendFailure =
  | { kind: 'window_closed'; error: DeliveryError }
  | { kind: 'reconnect'; error: DeliveryError }
  | { kind: 'retry'; error: DeliveryError }
  | { kind: 'failed'; error: DeliveryError }
  | { kind: 'unknown'; error: DeliveryError };

/** Throughput, pair, WABA, app and user rate limits, and Meta's "try again later" codes. */
const RETRYABLE_CODES = new Set([2, 4, 17, 32, 613, 80007, 130429, 131000, 131016, 131056]);

/** Network failures that happen before a request is sent, so nothing can have reached Meta. */
const NOT_SENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

export const OUTCOME_UNKNOWN: DeliveryError = {
  code: 'send_outcome_unknown',
  title: 'Meta did not answer, so the reply may or may not have been sent; it was not sent again.',
};

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

/** Classifies what a send threw; undefined when it is not a Meta outcome (a bug or a crash). */
export function classifySendError(error: unknown): SendFailure | undefined {
  if (error instanceof MetaUnavailableError) {
    const code = networkCode(error.cause);
    if (code && NOT_SENT_NETWORK_CODES.has(code))
      return { kind: 'retry', error: { code: 'meta_unreachable', title: error.message } };
    return { kind: 'unknown', error: OUTCOME_UNKNOWN };
  }
  if (!(error instanceof MetaApiError)) return undefined;
  const detail: DeliveryError = { code: error.code ?? error.httpStatus, title: error.title };
  if (error.code === 131047 || (error.code === 10 && error.subcode === 2534022))
    return { kind: 'window_closed', error: detail };
  if (error.isInvalidToken) return { kind: 'reconnect', error: detail };
  if (error.isTransient || (error.code !== undefined && RETRYABLE_CODES.has(error.code)))
    return { kind: 'retry', error: detail };
  return { kind: 'failed', error: detail };
}
