import type { TenantTx, WorkspaceScope } from '../db/index.ts';
import { newId } from '../ids.ts';
import type { EventData, EventType, PartnerEvent } from './types.ts';

type Row = { id: string; workspace_id: string; type: EventType; data: EventData; created_at: Date };

function toEvent(row: Row): PartnerEvent {
  return {
    id: row.id,
    type: row.type,
    workspaceId: row.workspace_id,
    data: row.data,
    createdAt: row.created_at,
  };
}

/**
 * Appends an event to the outbox inside the caller's transaction: it commits or rolls back with
 * the change it reports.
 */
export async function appendEvent(
  tx: TenantTx<WorkspaceScope>,
  type: EventType,
  data: EventData,
): Promise<PartnerEvent> {
  const [row] = await tx
    .trx('events')
    .insert({
      id: newId('event'),
      partner_id: tx.scope.partnerId,
      workspace_id: tx.scope.workspaceId,
      type,
      data,
    })
    .returning<Row[]>(['id', 'workspace_id', 'type', 'data', 'created_at']);
  if (!row) throw new Error('the event insert returned no row');
  return toEvent(row);
}

/** The workspace's events, newest first (for tests and, later, redelivery). */
export async function listEvents(tx: TenantTx<WorkspaceScope>, limit = 100): Promise<PartnerEvent[]> {
  const rows = await tx
    .trx('events')
    .where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId })
    .orderBy('id', 'desc')
    .limit(limit)
    .select<Row[]>('id', 'workspace_id', 'type', 'data', 'created_at');
  return rows.map(toEvent);
}
