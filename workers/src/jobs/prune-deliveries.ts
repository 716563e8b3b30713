import type { Knex, Logger } from '@laras/core';
import { pruneProcessedDeliveries } from '@laras/core/inbound';

/** Removes Meta's raw deliveries 7 days after they were received, once processed (with their rejects). */
export async function pruneDeliveries(
  deps: { db: Knex; logger: Logger },
  now = new Date(),
): Promise<{ pruned: number }> {
  const pruned = await pruneProcessedDeliveries(deps.db, now);
  deps.logger.info({ category: 'queue', pruned }, "pruned Meta's raw deliveries past their retention");
  return { pruned };
}
