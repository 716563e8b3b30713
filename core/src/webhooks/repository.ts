/**
 * The only SQL of webhook deliveries. A delivery has no tenant yet, and the app role holds no
 * privilege on `webhook_events`: it stores through a definer function, which computes each body's
 * sha256 itself and answers the existing id for a repeated delivery.
 */
import type { Knex } from 'knex';
import type { StoredWebhookEvent, WebhookSource } from './types.ts';

export type NewWebhookEvent = { id: string; source: WebhookSource; rawBody: string };

/** Stores a batch with one statement (one transaction); answers one result per row, in order. */
export async function insertWebhookEvents(db: Knex, rows: NewWebhookEvent[]): Promise<StoredWebhookEvent[]> {
  const result = await db.raw<{
    rows: Array<{ ordinal: number; event_id: string | null; duplicate: boolean }>;
  }>('select * from laras_store_webhook_events(?::text[], ?::text[], ?::text[])', [
    rows.map((r) => r.id),
    rows.map((r) => r.source),
    rows.map((r) => r.rawBody),
  ]);
  if (result.rows.length !== rows.length) {
    throw new Error(`laras_store_webhook_events returned ${result.rows.length} rows for ${rows.length}`);
  }
  return result.rows.map((row) => {
    // A repeated delivery whose stored row was removed between the insert and the lookup.
    if (row.event_id === null)
      throw new Error(`laras_store_webhook_events found no row for input ${row.ordinal}`);
    return { id: row.event_id, duplicate: row.duplicate };
  });
}
