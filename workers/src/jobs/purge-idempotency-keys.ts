import type { Knex, Logger } from '@laras/core';
import { purgeExpiredIdempotencyKeys as purge } from '@laras/core/idempotency';

/** Deletes expired Idempotency-Key records of every partner. */
export async function purgeIdempotencyKeys(deps: { db: Knex; logger: Logger }): Promise<{ purged: number }> {
  const purged = await purge(deps.db);
  deps.logger.info({ category: 'queue', purged }, 'purged expired idempotency keys');
  return { purged };
}
