import type { Knex, Logger } from '@laras/core';
import { pruneOldEvents } from '@laras/core/events';

/** Removes partner events (with their deliveries and attempts) past their 90-day retention. */
export async function pruneEvents(
  deps: { db: Knex; logger: Logger },
  now = new Date(),
): Promise<{ pruned: number }> {
  const pruned = await pruneOldEvents(deps.db, now);
  deps.logger.info({ category: 'queue', pruned }, 'pruned partner events past their retention');
  return { pruned };
}
