/**
 * Lookups for Meta's callbacks, which arrive before any tenant is known: live connections of a
 * Meta account (through a definer function returning only ids and tenants), and the deletion
 * requests log (no tenant data in it).
 */
import type { Knex } from 'knex';
import type { TenantTx, WorkspaceScope } from '../db/index.ts';

export type AccountConnection = { connectionId: string; partnerId: string; workspaceId: string };

type ConnectionRow = { connection_id: string; partner_id: string; workspace_id: string };

/** Runs one of the definer functions that answer connections with their tenants (`select * from …`). */
async function connectionsFrom(
  db: Knex,
  call: string,
  bindings: readonly string[],
): Promise<AccountConnection[]> {
  const result = await db.raw<{ rows: ConnectionRow[] }>(`select * from ${call}`, bindings);
  return result.rows.map((r) => ({
    connectionId: r.connection_id,
    partnerId: r.partner_id,
    workspaceId: r.workspace_id,
  }));
}

/** The live connection of a Meta account (its routing id), in whichever workspace. */
export function findConnectionsForAccount(
  db: Knex,
  channel: 'whatsapp' | 'instagram',
  accountId: string,
): Promise<AccountConnection[]> {
  return connectionsFrom(db, 'laras_connections_for_account(?, ?)', [channel, accountId]);
}

/**
 * The live connections a deauthorize callback's user names, in whichever workspace: by the
 * account's routing id, or (Instagram) by the app-scoped id `/me` answered at connect, as Meta has
 * not settled which of the two the callback carries.
 */
export function findConnectionsForDeauthorize(
  db: Knex,
  channel: 'whatsapp' | 'instagram',
  userId: string,
): Promise<AccountConnection[]> {
  return connectionsFrom(db, 'laras_connections_for_deauthorize(?, ?)', [channel, userId]);
}

/** The live WhatsApp connections of a WhatsApp Business Account, in whichever workspace. */
export function findConnectionsForWaba(db: Knex, wabaId: string): Promise<AccountConnection[]> {
  return connectionsFrom(db, 'laras_connections_for_waba(?)', [wabaId]);
}

/**
 * Every connection a data-deletion request for the account reaches: the live one, and those
 * disconnected since (by the deauthorize callback, or by the workspace) through the sha256 they kept;
 * for Instagram, also those whose app-scoped id it names, live or not.
 */
export function findConnectionsForDeletion(
  db: Knex,
  channel: 'whatsapp' | 'instagram',
  accountId: string,
): Promise<AccountConnection[]> {
  return connectionsFrom(db, 'laras_connections_for_deletion(?, ?)', [channel, accountId]);
}

/** Drops the last traces of the account on a disconnected connection, once its data is deleted. */
export async function forgetAccount(tx: TenantTx<WorkspaceScope>, connectionId: string): Promise<void> {
  await tx
    .trx('connections')
    .where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId, id: connectionId })
    .update({ account_sha256: null, ig_app_scoped_sha256: null });
}

export async function insertDeletionRequest(
  db: Knex,
  values: { code: string; app: 'meta' | 'instagram'; connectionsCleared: number },
): Promise<void> {
  await db('data_deletion_requests').insert({
    confirmation_code: values.code,
    app: values.app,
    status: 'completed',
    connections_cleared: values.connectionsCleared,
    completed_at: db.fn.now(),
  });
}

export async function findDeletionRequest(
  db: Knex,
  code: string,
): Promise<
  | {
      code: string;
      status: 'completed';
      connectionsCleared: number;
      requestedAt: Date;
      completedAt: Date | null;
    }
  | undefined
> {
  const row:
    | {
        confirmation_code: string;
        status: 'completed';
        connections_cleared: number;
        created_at: Date;
        completed_at: Date | null;
      }
    | undefined = await db('data_deletion_requests').where({ confirmation_code: code }).first();
  return (
    row && {
      code: row.confirmation_code,
      status: row.status,
      connectionsCleared: row.connections_cleared,
      requestedAt: row.created_at,
      completedAt: row.completed_at,
    }
  );
}
