import type { Knex, Logger } from '@laras/core';
import { processDelivery } from '@laras/core/inbound';
import { enqueue, type Queues } from '../queues.ts';

/** Parses and routes one stored Meta delivery; logs counts, never message content. */
export async function processWebhookEvent(
  deps: { db: Knex; logger: Logger; queues: Queues },
  webhookEventId: string,
) {
  const outcome = await processDelivery(deps, webhookEventId);
  if (!outcome) return { processed: false };
  const { storedMessages, ...counts } = outcome;
  // One drafting job per stored customer message, keyed by the message so it is queued once.
  for (const ref of storedMessages) {
    await enqueue(deps.queues, 'drafting', 'draft-reply', ref, { jobId: `draft_${ref.messageId}` });
  }
  deps.logger.info(
    { category: 'webhook', webhook_event_id: webhookEventId, ...counts },
    'webhook delivery processed',
  );
  return { processed: true, ...counts };
}
