import type { components } from '@laras/openapi';

/** The closed set of error codes of the public API (from the spec). */
export type ErrorCode = components['schemas']['ErrorCode'];

/** HTTP status of each code; a code missing here fails the type check. */
export const ERROR_STATUS = {
  invalid_request: 400,
  malformed_json: 400,
  /** A portal hostname added without its DNS TXT proof of control. */
  hostname_not_verified: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  idempotency_key_reused: 409,
  idempotency_key_in_progress: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const satisfies Record<ErrorCode, number>;
