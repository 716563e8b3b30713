import type { Knex, Logger } from '@laras/core';
import { MAX_DELIVERY_ATTEMPTS, pendingDeliveries } from '@laras/core/inbound';
import { type Queues, requeueMany } from '../queues.ts';

const BATCH = 500;

/** A delivery whose job failed all its attempts before it could count them (the database away) is tried again this long after. */
const DELIVERY_RETRY_AFTER_MS = 60_000;

/**
 * The outbox sweeper of inbound deliveries: every pending one gets a processing job, keyed by its
 * id so a delivery already queued is not queued twice. Deliveries stored while Redis was down are
 * picked up on the first sweep after it is back.
 */
export async function sweepWebhookEvents(deps: { db: Knex; queues: Queues; logger: Logger }) {
  const ids = await pendingDeliveries(deps.db, BATCH, MAX_DELIVERY_ATTEMPTS);
  await requeueMany(
    deps.queues,
    'inbound',
    'process-webhook-event',
    ids.map((id) => ({ payload: { webhookEventId: id }, jobId: id })),
    { finishedBefore: Date.now() - DELIVERY_RETRY_AFTER_MS },
  );
  if (ids.length > 0)
    deps.logger.debug({ category: 'queue', queued: ids.length }, 'pending deliveries queued');
  return { queued: ids.length };
}
