import type { Knex } from 'knex';
import type { TenantTx } from '../db/index.ts';
import type { EventData, EventType } from '../events/index.ts';

/** Events not yet handed off whose publishing is due at `now`, across tenants (ids only). */
export async function eventsToPublish(db: Knex, now: Date, limit: number) {
  const result = await db.raw<{ rows: Array<{ event_id: string; partner_id: string }> }>(
    'select * from laras_events_to_publish(?, ?)',
    [now, limit],
  );
  return result.rows.map((row) => ({ eventId: row.event_id, partnerId: row.partner_id }));
}

export type ClaimedEvent = {
  id: string;
  type: EventType;
  workspace_id: string | null;
  data: EventData;
  created_at: Date;
  svix_attempts: number;
};

/**
 * Takes an event for one publishing attempt: only if it is still unpublished and due, and pushes
 * its next attempt past a lease so a second sweeper skips it meanwhile (and picks it up again if
 * this one dies).
 */
export async function claimEvent(
  tx: TenantTx,
  eventId: string,
  now: Date,
  leaseUntil: Date,
): Promise<ClaimedEvent | undefined> {
  const [row] = await tx
    .trx('events')
    .where({ partner_id: tx.scope.partnerId, id: eventId })
    .whereNull('fanned_out_at')
    .where((q) => q.whereNull('svix_next_attempt_at').orWhere('svix_next_attempt_at', '<=', now))
    .update({ svix_next_attempt_at: leaseUntil })
    .returning<ClaimedEvent[]>(['id', 'type', 'workspace_id', 'data', 'created_at', 'svix_attempts']);
  return row;
}

/** The partner's name and whether its Svix application is known to exist. */
export async function partnerApplication(tx: TenantTx) {
  const row = await tx
    .trx('partners')
    .where({ id: tx.scope.partnerId })
    .first<{ name: string; svix_app_created_at: Date | null } | undefined>('name', 'svix_app_created_at');
  if (!row) throw new Error('the partner of a tenant transaction does not exist');
  return { name: row.name, applicationCreated: row.svix_app_created_at !== null };
}

/** Remembers that the partner's Svix application exists. */
export async function markApplicationCreated(tx: TenantTx): Promise<void> {
  await tx
    .trx('partners')
    .where({ id: tx.scope.partnerId })
    .whereNull('svix_app_created_at')
    .update({ svix_app_created_at: tx.trx.fn.now() });
}

/** Forgets the partner's Svix application (Svix no longer knows it), so the next attempt recreates it. */
export async function forgetApplication(tx: TenantTx): Promise<void> {
  await tx.trx('partners').where({ id: tx.scope.partnerId }).update({ svix_app_created_at: null });
}

/** Settles an attempt: published (Svix's message id, if known) or failed for good (the detail). */
export async function settleEvent(
  tx: TenantTx,
  eventId: string,
  outcome: { messageId: string | null; error: string | null; attempts: number },
): Promise<void> {
  await tx.trx('events').where({ partner_id: tx.scope.partnerId, id: eventId }).update({
    fanned_out_at: tx.trx.fn.now(),
    svix_message_id: outcome.messageId,
    svix_error: outcome.error,
    svix_attempts: outcome.attempts,
    svix_next_attempt_at: null,
  });
}

/** Records a failed attempt worth retrying and when to try again. */
export async function scheduleRetry(
  tx: TenantTx,
  eventId: string,
  retry: { attempts: number; nextAttemptAt: Date; error: string },
): Promise<void> {
  await tx.trx('events').where({ partner_id: tx.scope.partnerId, id: eventId }).update({
    svix_attempts: retry.attempts,
    svix_next_attempt_at: retry.nextAttemptAt,
    svix_error: retry.error,
  });
}
