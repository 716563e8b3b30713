import type { Logger } from '@laras/core';
import { type PublishDeps, publishDueEvents } from '@laras/core/svix';

/**
 * The webhooks sweeper when Svix is configured: publishes every event not handed off yet whose
 * attempt is due (idempotent: the event id is Svix's eventId and idempotency key), instead of
 * fanning out to the built-in dispatcher's endpoints.
 */
export async function publishSvixEvents(deps: PublishDeps & { logger: Logger; now: () => Date }) {
  const counts = await publishDueEvents(deps, deps.now());
  if (counts.published + counts.retrying + counts.failed > 0) {
    deps.logger.debug({ category: 'webhook', ...counts }, 'events published to svix');
  }
  return counts;
}
