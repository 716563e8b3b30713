import type { Knex, Logger } from '@laras/core';
import { deliveriesDue, fanOutEvents } from '@laras/core/dispatch';
import { enqueue, type Queues } from '../queues.ts';

/**
 * The dispatcher's sweeper: turns events not fanned out yet into deliveries (idempotent: one per
 * event and endpoint), then queues each delivery whose attempt is due. The job id names the
 * delivery and the time it fell due, so an attempt is queued once, and a lease that ran out (a
 * worker stopped mid-attempt) is queued again under a new id.
 */
export async function sweepWebhookDeliveries(deps: {
  db: Knex;
  queues: Queues;
  logger: Logger;
  now: () => Date;
}) {
  const created = await fanOutEvents(deps, deps.now());
  const due = await deliveriesDue(deps, deps.now());
  for (const { deliveryId, partnerId, nextAttemptAt } of due) {
    await enqueue(
      deps.queues,
      'webhooks',
      'deliver-webhook',
      { partnerId, deliveryId },
      { jobId: `${deliveryId}_${nextAttemptAt.getTime()}` },
    );
  }
  if (created > 0) deps.logger.debug({ category: 'webhook', created }, 'event deliveries created');
  return { created, queued: due.length };
}
