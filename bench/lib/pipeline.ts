/** What the pipeline did, read from the database as the owner: backlog, stored messages, outcomes. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from '@laras/core';

const POLL_MS = 200;

/** Deliveries stored by the API and not yet processed by a worker. */
export async function pendingCount(db: Knex): Promise<number> {
  const row = await db('webhook_events')
    .where({ status: 'pending' })
    .count<{ count: string }>('* as count')
    .first();
  return Number(row?.count ?? 0);
}

/** Waits until no delivery is pending; the ms it took, or null if still pending after `timeoutMs`. */
export async function waitForDrain(db: Knex, timeoutMs: number): Promise<number | null> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    if ((await pendingCount(db)) === 0) return Math.round(performance.now() - start);
    await sleep(POLL_MS);
  }
  return null;
}

/** When each stored message of these workspaces was written (wall-clock ms), by wamid. */
export async function storedMessages(db: Knex, workspaceIds: string[]): Promise<Map<string, number>> {
  const rows: Array<{ provider_message_id: string; created_at: Date }> = await db('messages')
    .whereIn('workspace_id', workspaceIds)
    .select('provider_message_id', 'created_at');
  return new Map(rows.map((row) => [row.provider_message_id, row.created_at.getTime()]));
}

export type DeliveryOutcomes = {
  /** Rows in `webhook_events` (byte-identical retries are stored once). */
  stored: number;
  byStatus: Record<string, number>;
  /** Items kept as unroutable / unparseable / failed. */
  rejects: number;
  /** All message rows of the workspaces (duplicates must not add any). */
  messageRows: number;
};

export async function deliveryOutcomes(db: Knex, workspaceIds: string[]): Promise<DeliveryOutcomes> {
  const statuses: Array<{ status: string; count: string }> = await db('webhook_events')
    .select('status')
    .count('* as count')
    .groupBy('status');
  const rejects = await db('inbound_rejects').count<{ count: string }>('* as count').first();
  const rows = await db('messages')
    .whereIn('workspace_id', workspaceIds)
    .count<{ count: string }>('* as count')
    .first();
  const byStatus = Object.fromEntries(statuses.map((s) => [s.status, Number(s.count)]));
  return {
    stored: Object.values(byStatus).reduce((sum, n) => sum + n, 0),
    byStatus,
    rejects: Number(rejects?.count ?? 0),
    messageRows: Number(rows?.count ?? 0),
  };
}
