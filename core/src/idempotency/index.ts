export { purgeExpiredIdempotencyKeys } from './purge.ts';
export {
  beginIdempotentRequest,
  completeIdempotentRequest,
  hashRequest,
  IDEMPOTENCY_KEY_PATTERN,
  IDEMPOTENCY_TTL_SECONDS,
  type IdempotencyOutcome,
  releaseIdempotentRequest,
} from './service.ts';
