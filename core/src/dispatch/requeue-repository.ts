import type { TenantTx } from '../db/index.ts';
import type { EventType } from '../events/index.ts';
import { newId } from '../ids.ts';

/** A fresh run for a delivery: pending, due at `now`, its attempt count (which bounds retries) reset. */
function freshRun(tx: TenantTx, now: Date) {
  return { status: 'pending', attempts: 0, next_attempt_at: now, updated_at: tx.trx.fn.now() };
}

/** The partner's event (type only), or undefined when it has none with this id. */
export function findEvent(tx: TenantTx, eventId: string) {
  return tx
    .trx('events')
    .where({ partner_id: tx.scope.partnerId, id: eventId })
    .first<{ id: string; type: EventType } | undefined>('id', 'type');
}

/** Queues the event to the endpoint again, making its delivery if the endpoint never had one. */
export async function requeueEvent(
  tx: TenantTx,
  endpointId: string,
  event: { id: string; type: EventType },
  now: Date,
): Promise<void> {
  await tx
    .trx('webhook_deliveries')
    .insert({
      id: newId('webhookDelivery'),
      partner_id: tx.scope.partnerId,
      endpoint_id: endpointId,
      event_id: event.id,
      event_type: event.type,
      next_attempt_at: now,
    })
    .onConflict(['endpoint_id', 'event_id'])
    .merge(freshRun(tx, now));
}

/** Queues again every failed delivery to the endpoint of an event created at or after `since`. */
export async function requeueFailedSince(tx: TenantTx, endpointId: string, since: Date, now: Date) {
  return tx
    .trx('webhook_deliveries')
    .where({ partner_id: tx.scope.partnerId, endpoint_id: endpointId, status: 'failed' })
    .whereIn(
      'event_id',
      tx
        .trx('events')
        .where({ partner_id: tx.scope.partnerId })
        .where('created_at', '>=', since)
        .select('id'),
    )
    .update(freshRun(tx, now));
}
