export { createSvixClient, SVIX_TIMEOUT_MS } from './client.ts';
export { classifySvixFailure, type SvixFailure } from './failure.ts';
export { assertBuiltInDispatcher } from './managed.ts';
export { nextPublishAttempt, PUBLISH_LEASE_MS, PUBLISH_RETRY_DELAYS_MS, svixEventId } from './schedule.ts';
export {
  createWebhookPortalSession,
  PORTAL_SESSION_SECONDS,
  type PublishDeps,
  type PublishResult,
  publishDueEvents,
  publishEvent,
} from './service.ts';
