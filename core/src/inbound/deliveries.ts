/**
 * The raw deliveries as the worker sees them, through the definer functions of migration 0009:
 * the app role can list pending ones, claim one (counting the attempt), finish it, and keep an
 * item it could not route or understand. It never reads or writes the tables themselves.
 */
import type { Knex } from 'knex';
import type { InboundChannel } from './types.ts';

export type StoredDelivery = { source: InboundChannel; rawBody: string; attempts: number };

/**
 * How often a delivery is tried: the inbound job's attempts, the sweeper's limit, and the attempt on
 * which an item that failed for no reason of its own is given up as a reject.
 */
export const MAX_DELIVERY_ATTEMPTS = 5;
export type RejectReason = 'unroutable' | 'unparseable' | 'failed';

/** Ids of deliveries still waiting, oldest first. */
export async function pendingDeliveries(db: Knex, limit: number, maxAttempts: number): Promise<string[]> {
  const result = await db.raw<{ rows: Array<{ event_id: string }> }>(
    'select event_id from laras_pending_webhook_events(?, ?)',
    [limit, maxAttempts],
  );
  return result.rows.map((row) => row.event_id);
}

/** The delivery if it is still pending, its attempt counted; undefined once it was processed. */
export async function claimDelivery(db: Knex, id: string): Promise<StoredDelivery | undefined> {
  const result = await db.raw<{
    rows: Array<{ source: InboundChannel; raw_body: string; attempts: number }>;
  }>('select source, raw_body, attempts from laras_webhook_event(?)', [id]);
  const row = result.rows[0];
  return row && { source: row.source, rawBody: row.raw_body, attempts: row.attempts };
}

export async function finishDelivery(db: Knex, id: string, summary: string | null): Promise<void> {
  await db.raw('select laras_finish_webhook_event(?, ?, ?)', [id, 'processed', summary]);
}

/**
 * The item as JSON for the reject's `raw`; null when it cannot be serialised (nested past the
 * stack, which JSON.parse allows), so a hostile shape is still kept as a reject, not retried forever.
 */
function rawJson(raw: unknown): string {
  try {
    return JSON.stringify(raw ?? null);
  } catch {
    return 'null';
  }
}

export async function rejectItem(
  db: Knex,
  reject: {
    eventId: string;
    source: InboundChannel;
    routingId: string | null;
    reason: RejectReason;
    detail: string;
    raw: unknown;
  },
): Promise<void> {
  await db.raw('select laras_reject_inbound_item(?, ?, ?, ?, ?, ?::jsonb)', [
    reject.eventId,
    reject.source,
    reject.routingId,
    reject.reason,
    reject.detail,
    rawJson(reject.raw),
  ]);
}
