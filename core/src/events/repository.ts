import type { PartnerScope, TenantTx, WorkspaceScope } from '../db/index.ts';
import { newId } from '../ids.ts';
import type { EventData, EventDataOf, EventType, PartnerEvent } from './types.ts';

type Row = { id: string; workspace_id: string | null; type: EventType; data: EventData; created_at: Date };

function toEvent(row: Row): PartnerEvent {
  return {
    id: row.id,
    type: row.type,
    workspaceId: row.workspace_id,
    data: row.data,
    createdAt: row.created_at,
  };
}

async function insertEvent(
  tx: TenantTx,
  workspaceId: string | null,
  type: EventType,
  data: EventData,
): Promise<PartnerEvent> {
  const [row] = await tx
    .trx('events')
    .insert({ id: newId('event'), partner_id: tx.scope.partnerId, workspace_id: workspaceId, type, data })
    .returning<Row[]>(['id', 'workspace_id', 'type', 'data', 'created_at']);
  if (!row) throw new Error('the event insert returned no row');
  return toEvent(row);
}

/**
 * Appends an event about the transaction's workspace to the outbox, inside the caller's
 * transaction: it commits or rolls back with the change it reports.
 */
export function appendEvent<T extends EventType>(
  tx: TenantTx<WorkspaceScope>,
  type: T,
  data: EventDataOf<T>,
): Promise<PartnerEvent> {
  return insertEvent(tx, tx.scope.workspaceId, type, data);
}

/**
 * Appends an event from a partner-wide transaction: about one of the partner's workspaces (one it
 * just created), or about the partner itself (`workspaceId` null).
 */
export function appendPartnerEvent<T extends EventType>(
  tx: TenantTx<PartnerScope>,
  workspaceId: string | null,
  type: T,
  data: EventDataOf<T>,
): Promise<PartnerEvent> {
  return insertEvent(tx, workspaceId, type, data);
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
