export { EXCERPT_BYTES, type PostOutcome, postWebhook } from './post-webhook.ts';
export { recoverWebhookEndpoint, resendWebhookEvent } from './requeue.ts';
export {
  ATTEMPT_LEASE_MS,
  DISABLE_AFTER_FAILING_MS,
  MAX_ATTEMPTS,
  nextAttemptAfterFailure,
  RETRY_DELAYS_MS,
} from './schedule.ts';
export {
  type AttemptResult,
  attemptDelivery,
  DELIVERY_TIMEOUT_MS,
  type DispatchDeps,
  deliveriesDue,
  eventEnvelope,
  fanOutEvents,
} from './service.ts';
export { signedHeaders } from './sign.ts';
