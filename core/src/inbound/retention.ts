import type { Knex } from 'knex';
import { idsMadeFrom } from '../ids.ts';
import { MAX_DELIVERY_ATTEMPTS } from './deliveries.ts';

/**
 * How long Meta's raw deliveries are kept once processed: WhatsApp retries a delivery for up to 7
 * days, and the raw copy (what customers wrote, as Meta sent it) is not needed after that.
 */
export const DELIVERY_RETENTION_DAYS = 7;

const BATCH = 5_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Removes deliveries received more than 7 days before `now` that were processed or used up their
 * attempts, with the items kept from them as rejects; a pending one stays. Runs in batches, each
 * its own statement, through migration 0035's definer function. Answers how many were removed.
 */
export async function pruneProcessedDeliveries(db: Knex, now: Date, maxBatches = 20): Promise<number> {
  const before = idsMadeFrom('webhookEvent', new Date(now.getTime() - DELIVERY_RETENTION_DAYS * DAY_MS));
  let total = 0;
  for (let i = 0; i < maxBatches; i += 1) {
    const result = await db.raw<{ rows: Array<{ pruned: number }> }>(
      'select laras_prune_webhook_events(?, ?, ?) as pruned',
      [before, MAX_DELIVERY_ATTEMPTS, BATCH],
    );
    const pruned = result.rows[0]?.pruned ?? 0;
    total += pruned;
    if (pruned < BATCH) break;
  }
  return total;
}
