import type { Knex } from 'knex';
import type { TenantTx } from '../db/index.ts';
import type { EventData, EventType } from '../events/index.ts';
import { newId } from '../ids.ts';
import type { EndpointRow } from '../webhook-endpoints/repository.ts';
import type { WebhookAttempt } from '../webhook-endpoints/types.ts';

/** Events not fanned out yet, across tenants (ids and partners only, through a definer function). */
export async function eventsToFanOut(db: Knex, limit: number) {
  const result = await db.raw<{ rows: Array<{ event_id: string; partner_id: string }> }>(
    'select * from laras_events_to_fan_out(?)',
    [limit],
  );
  return result.rows.map((row) => ({ eventId: row.event_id, partnerId: row.partner_id }));
}

/** Pending deliveries due at `now` on enabled endpoints, across tenants (ids only). */
export async function deliveriesDue(db: Knex, now: Date, limit: number) {
  const result = await db.raw<{
    rows: Array<{ delivery_id: string; partner_id: string; next_attempt_at: Date }>;
  }>('select * from laras_webhook_deliveries_due(?, ?)', [now, limit]);
  return result.rows.map((row) => ({
    deliveryId: row.delivery_id,
    partnerId: row.partner_id,
    nextAttemptAt: row.next_attempt_at,
  }));
}

/**
 * One delivery per matching enabled endpoint for each of these events of the partner, then marks
 * them fanned out. Rows are locked (others skipped) so two sweepers never work the same event, and
 * the unique (endpoint, event) makes a repeat a no-op. Returns the deliveries created.
 */
export async function fanOut(tx: TenantTx, eventIds: readonly string[], now: Date): Promise<number> {
  const events = await tx
    .trx('events')
    .where({ partner_id: tx.scope.partnerId })
    .whereIn('id', eventIds)
    .whereNull('fanned_out_at')
    .forUpdate()
    .skipLocked()
    .select<Array<{ id: string; type: EventType }>>('id', 'type');
  if (events.length === 0) return 0;
  const endpoints = await tx
    .trx('webhook_endpoints')
    .where({ partner_id: tx.scope.partnerId, disabled: false })
    .select<Array<{ id: string; event_types: EventType[] | null }>>('id', 'event_types');
  const rows = events.flatMap((event) =>
    endpoints
      .filter((endpoint) => endpoint.event_types === null || endpoint.event_types.includes(event.type))
      .map((endpoint) => ({ endpoint, event })),
  );
  let created = 0;
  if (rows.length > 0) {
    const inserted = await tx
      .trx('webhook_deliveries')
      .insert(
        rows.map(({ endpoint, event }) => ({
          id: newId('webhookDelivery'),
          partner_id: tx.scope.partnerId,
          endpoint_id: endpoint.id,
          event_id: event.id,
          event_type: event.type,
          next_attempt_at: now,
        })),
      )
      .onConflict(['endpoint_id', 'event_id'])
      .ignore()
      .returning('id');
    created = inserted.length;
  }
  await tx
    .trx('events')
    .where({ partner_id: tx.scope.partnerId })
    .whereIn(
      'id',
      events.map((e) => e.id),
    )
    .update({ fanned_out_at: tx.trx.fn.now() });
  return created;
}

export type ClaimedDelivery = {
  id: string;
  eventId: string;
  eventType: EventType;
  attempts: number;
  endpoint: EndpointRow;
  event: { id: string; type: EventType; workspace_id: string | null; data: EventData; created_at: Date };
};

/**
 * Claims a due delivery for one attempt: pushes its next attempt a lease ahead, so the sweeper
 * re-queues it only if this attempt never records an outcome. Undefined when it is not due
 * (already attempted, finished, or its endpoint disabled or deleted).
 */
export async function claimDelivery(
  tx: TenantTx,
  deliveryId: string,
  now: Date,
  leaseMs: number,
): Promise<ClaimedDelivery | undefined> {
  const [delivery] = await tx
    .trx('webhook_deliveries')
    .where({ partner_id: tx.scope.partnerId, id: deliveryId, status: 'pending' })
    .where('next_attempt_at', '<=', now)
    .update({ next_attempt_at: new Date(now.getTime() + leaseMs), updated_at: tx.trx.fn.now() })
    .returning<
      Array<{ id: string; endpoint_id: string; event_id: string; event_type: EventType; attempts: number }>
    >(['id', 'endpoint_id', 'event_id', 'event_type', 'attempts']);
  if (!delivery) return undefined;
  const endpoint = await tx
    .trx('webhook_endpoints')
    .where({ partner_id: tx.scope.partnerId, id: delivery.endpoint_id, disabled: false })
    .first<EndpointRow | undefined>('*');
  const event = await tx
    .trx('events')
    .where({ partner_id: tx.scope.partnerId, id: delivery.event_id })
    .first<ClaimedDelivery['event'] | undefined>('id', 'type', 'workspace_id', 'data', 'created_at');
  if (!endpoint || !event) return undefined;
  return {
    id: delivery.id,
    eventId: delivery.event_id,
    eventType: delivery.event_type,
    attempts: delivery.attempts,
    endpoint,
    event,
  };
}

/** What one delivery attempt records: the same record partners list at `…/attempts`. */
export type AttemptRecord = WebhookAttempt;

/** Records an attempt and moves its delivery on (attempt count, status, next attempt). */
export async function recordAttempt(
  tx: TenantTx,
  attempt: AttemptRecord,
  status: 'pending' | 'succeeded' | 'failed',
) {
  await tx.trx('webhook_attempts').insert({
    id: attempt.id,
    partner_id: tx.scope.partnerId,
    endpoint_id: attempt.endpointId,
    delivery_id: attempt.deliveryId,
    event_id: attempt.eventId,
    event_type: attempt.eventType,
    succeeded: attempt.succeeded,
    status_code: attempt.statusCode,
    latency_ms: attempt.latencyMs,
    response_excerpt: attempt.responseExcerpt,
    error: attempt.error,
    attempted_at: attempt.attemptedAt,
    next_attempt_at: attempt.nextAttemptAt,
  });
  await tx
    .trx('webhook_deliveries')
    .where({ partner_id: tx.scope.partnerId, id: attempt.deliveryId })
    .update({
      attempts: tx.trx.raw('attempts + 1'),
      status,
      next_attempt_at: attempt.nextAttemptAt,
      updated_at: tx.trx.fn.now(),
    });
}

/**
 * Tracks the endpoint's failure streak: a success ends it; a failure starts it (if not running)
 * and disables the endpoint once it has lasted `disableAfterMs`. Returns whether it was disabled now.
 */
export async function trackEndpointHealth(
  tx: TenantTx,
  endpointId: string,
  succeeded: boolean,
  now: Date,
  disableAfterMs: number,
): Promise<{ url: string; failingSince: Date } | null> {
  const scoped = () => tx.trx('webhook_endpoints').where({ partner_id: tx.scope.partnerId, id: endpointId });
  if (succeeded) {
    await scoped().whereNotNull('failing_since').update({ failing_since: null, updated_at: tx.trx.fn.now() });
    return null;
  }
  await scoped().whereNull('failing_since').update({ failing_since: now, updated_at: tx.trx.fn.now() });
  const [disabled] = await scoped()
    .where('disabled', false)
    .where('failing_since', '<=', new Date(now.getTime() - disableAfterMs))
    .update({ disabled: true, disabled_reason: 'failing_for_5_days', updated_at: tx.trx.fn.now() })
    .returning<Array<{ url: string; failing_since: Date }>>(['url', 'failing_since']);
  return disabled ? { url: disabled.url, failingSince: disabled.failing_since } : null;
}
