import type { Knex } from 'knex';

/** How long an event, its deliveries and their attempts are kept after it was handed on. */
export const EVENT_RETENTION_DAYS = 90;

const BATCH = 5_000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Removes events handed on more than 90 days before `now` (with their deliveries and attempts),
 * for every partner, in batches so no transaction holds many locks; an event with a pending
 * delivery stays until it settles. Runs through a SECURITY DEFINER function: the app role may do
 * this one cross-tenant chore and nothing more. Answers how many events were removed.
 */
export async function pruneOldEvents(db: Knex, now: Date, maxBatches = 20): Promise<number> {
  const before = new Date(now.getTime() - EVENT_RETENTION_DAYS * DAY_MS);
  let total = 0;
  for (let i = 0; i < maxBatches; i += 1) {
    const result = await db.raw<{ rows: Array<{ pruned: number }> }>(
      'select laras_prune_events(?, ?) as pruned',
      [before, BATCH],
    );
    const pruned = result.rows[0]?.pruned ?? 0;
    total += pruned;
    if (pruned < BATCH) break;
  }
  return total;
}
