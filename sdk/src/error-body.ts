/**
 * Keeps `error` honest. openapi-fetch hands back whatever an error response's body was; the types
 * promise the spec's Error. A proxy's HTML 502 or an empty 503 would break that promise, so such a
 * response gets a spec-shaped body, with the code its status stands for, and a message for
 * developers. `hasSubstituteErrorBody` tells such a response apart, so an app can show its own
 * words to its users instead of that diagnostic.
 */
import type { Middleware } from 'openapi-fetch';
import type { ErrorCode, LarasError } from './types.ts';

const CODE_FOR_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'service_unavailable',
};

/** The responses whose body was made up here; weak, so they are not kept alive by it. */
const substituted = new WeakSet<Response>();

/**
 * Whether the API itself did not give this error response's body: something in front of it (a
 * proxy's HTML 502, an empty 504, a 413 from a gateway) answered, and the SDK wrote the `error`.
 */
export function hasSubstituteErrorBody(response: Response): boolean {
  return substituted.has(response);
}

function isLarasError(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const { error } = value;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Replaces the body of an error response that is not the spec's Error with one that is. */
export const errorBodyMiddleware: Middleware = {
  async onResponse({ response }) {
    if (response.status < 400) return undefined;
    if (isLarasError(parseJson(await response.clone().text()))) return undefined;
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    const body: LarasError = {
      error: {
        code:
          CODE_FOR_STATUS[response.status] ?? (response.status >= 500 ? 'internal_error' : 'invalid_request'),
        message: `HTTP ${status} without a Laras error body (from a proxy or gateway in front of the API?).`,
        request_id: response.headers.get('X-Request-Id') ?? '',
      },
    };
    const headers = new Headers(response.headers);
    headers.set('Content-Type', 'application/json');
    headers.delete('Content-Length');
    headers.delete('Content-Encoding');
    const substitute = new Response(JSON.stringify(body), {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
    substituted.add(substitute);
    return substitute;
  },
};
