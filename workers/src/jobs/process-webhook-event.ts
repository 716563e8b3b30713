import type { Knex, Logger } from '@laras/core';
import {
  type DeliveryOutcome,
  DeliveryRetryNeeded,
  processDelivery,
  type StoredMessageRef,
} from '@laras/core/inbound';
import { enqueue, type Queues } from '../queues.ts';

/** One drafting job per stored customer message, keyed by the message so it is queued once. */
async function queueDrafting(queues: Queues, storedMessages: readonly StoredMessageRef[]) {
  for (const ref of storedMessages) {
    await enqueue(queues, 'drafting', 'draft-reply', ref, { jobId: `draft_${ref.messageId}` });
  }
}

/**
 * Parses and routes one stored Meta delivery; logs counts, never message content. When some items
 * failed and the delivery is to be retried, the messages this attempt stored are queued for drafting
 * first (the retry finds them as duplicates and would not queue them).
 */
export async function processWebhookEvent(
  deps: { db: Knex; logger: Logger; queues: Queues },
  webhookEventId: string,
) {
  let outcome: DeliveryOutcome | undefined;
  try {
    outcome = await processDelivery(deps, webhookEventId);
  } catch (error) {
    if (error instanceof DeliveryRetryNeeded) await queueDrafting(deps.queues, error.outcome.storedMessages);
    throw error;
  }
  if (!outcome) return { processed: false };
  const { storedMessages, ...counts } = outcome;
  await queueDrafting(deps.queues, storedMessages);
  deps.logger.info(
    { category: 'webhook', webhook_event_id: webhookEventId, ...counts },
    'webhook delivery processed',
  );
  return { processed: true, ...counts };
}
