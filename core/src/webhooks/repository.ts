/**
 * The only SQL of webhook deliveries. A delivery has no tenant yet, and the app role holds no
 * privilege on `webhook_events`: it stores through a definer function, which computes the body's
 * sha256 itself and answers the existing id for a repeated delivery.
 */
import type { Knex } from 'knex';
import type { StoredWebhookEvent, WebhookSource } from './types.ts';

export async function insertWebhookEvent(
  db: Knex,
  values: { id: string; source: WebhookSource; rawBody: string },
): Promise<StoredWebhookEvent> {
  const result = await db.raw<{ rows: Array<{ event_id: string; duplicate: boolean }> }>(
    'select * from laras_store_webhook_event(?, ?, ?)',
    [values.id, values.source, values.rawBody],
  );
  const row = result.rows[0];
  if (!row) throw new Error('laras_store_webhook_event returned no row');
  return { id: row.event_id, duplicate: row.duplicate };
}
