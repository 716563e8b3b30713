import type { Knex } from 'knex';

/**
 * Deletes idempotency records past their expiry, for every partner. Runs through a SECURITY
 * DEFINER function so the app role can do this one cross-tenant chore and nothing more.
 */
export async function purgeExpiredIdempotencyKeys(db: Knex): Promise<number> {
  const result = await db.raw<{ rows: Array<{ purged: number }> }>(
    'select laras_purge_expired_idempotency_keys() as purged',
  );
  return result.rows[0]?.purged ?? 0;
}
