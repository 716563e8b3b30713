import type { Knex, Logger } from '@laras/core';
import { processDelivery } from '@laras/core/inbound';

/** Parses and routes one stored Meta delivery; logs counts, never message content. */
export async function processWebhookEvent(deps: { db: Knex; logger: Logger }, webhookEventId: string) {
  const outcome = await processDelivery(deps, webhookEventId);
  if (!outcome) return { processed: false };
  deps.logger.info(
    { category: 'webhook', webhook_event_id: webhookEventId, ...outcome },
    'webhook delivery processed',
  );
  return { processed: true, ...outcome };
}
