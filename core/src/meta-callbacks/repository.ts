/**
 * Lookups for Meta's callbacks, which arrive before any tenant is known: live connections of a
 * Meta account (through a definer function returning only ids and tenants), and the deletion
 * requests log (no tenant data in it).
 */
import type { Knex } from 'knex';
import type { ChannelErasureCursor } from '../conversations/index.ts';
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

type DeletionRequestStatus = 'in_progress' | 'completed';

/**
 * Records a data-deletion request and, in the same transaction, queues the erasure of each
 * workspace's channel it reached (none: it is completed at once).
 */
export async function insertDeletionRequest(
  db: Knex,
  values: {
    code: string;
    app: 'meta' | 'instagram';
    connectionsCleared: number;
    erasures: ReadonlyArray<WorkspaceScope & { channel: 'whatsapp' | 'instagram' }>;
  },
): Promise<void> {
  const done = values.erasures.length === 0;
  await db.transaction(async (trx) => {
    await trx('data_deletion_requests').insert({
      confirmation_code: values.code,
      app: values.app,
      status: done ? 'completed' : 'in_progress',
      connections_cleared: values.connectionsCleared,
      completed_at: done ? trx.fn.now() : null,
    });
    for (const e of values.erasures) {
      await trx.raw('select laras_queue_data_erasure(?, ?, ?, ?)', [
        values.code,
        e.partnerId,
        e.workspaceId,
        e.channel,
      ]);
    }
  });
}

export async function findDeletionRequest(
  db: Knex,
  code: string,
): Promise<
  | {
      code: string;
      status: DeletionRequestStatus;
      connectionsCleared: number;
      requestedAt: Date;
      completedAt: Date | null;
    }
  | undefined
> {
  const row:
    | {
        confirmation_code: string;
        status: DeletionRequestStatus;
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

/** A queued erasure of one workspace's channel, with where its next step starts and its counts. */
export type QueuedErasure = {
  code: string;
  scope: WorkspaceScope;
  channel: 'whatsapp' | 'instagram';
  cursor: ChannelErasureCursor;
  messagesErased: number;
  draftsErased: number;
};

type ErasureRow = {
  confirmation_code: string;
  partner_id: string;
  workspace_id: string;
  channel: 'whatsapp' | 'instagram';
  phase: ChannelErasureCursor['phase'];
  after_id: string;
  pass_changed: boolean;
  messages_erased: number;
  drafts_erased: number;
};

/**
 * Claims up to `limit` queued erasures nobody holds, oldest first, for `leaseSeconds`; only those of
 * request `code` when it is given.
 */
export async function claimErasures(
  db: Knex,
  limit: number,
  leaseSeconds: number,
  code?: string,
): Promise<QueuedErasure[]> {
  const result = await db.raw<{ rows: ErasureRow[] }>('select * from laras_claim_data_erasures(?, ?, ?)', [
    limit,
    leaseSeconds,
    code ?? null,
  ]);
  return result.rows.map((row) => ({
    code: row.confirmation_code,
    scope: { partnerId: row.partner_id, workspaceId: row.workspace_id },
    channel: row.channel,
    cursor: { phase: row.phase, after: row.after_id, passChanged: row.pass_changed },
    messagesErased: row.messages_erased,
    draftsErased: row.drafts_erased,
  }));
}

/** Where the erasure's next step starts, and what this step erased: in this step's transaction. */
export async function recordErasureStep(
  tx: TenantTx<WorkspaceScope>,
  erasure: QueuedErasure,
  next: ChannelErasureCursor,
  step: { messagesErased: number; draftsErased: number },
): Promise<void> {
  await tx.trx.raw('select laras_record_data_erasure(?, ?, ?, ?, ?, ?, ?, ?)', [
    erasure.code,
    erasure.scope.workspaceId,
    erasure.channel,
    next.phase,
    next.after,
    next.passChanged,
    step.messagesErased,
    step.draftsErased,
  ]);
}

/**
 * Ends the erasure (and its request, when it was the last); answers false if it was already ended.
 */
export async function finishErasure(tx: TenantTx<WorkspaceScope>, erasure: QueuedErasure): Promise<boolean> {
  const result = await tx.trx.raw<{ rows: Array<{ ended: boolean }> }>(
    'select laras_finish_data_erasure(?, ?, ?) as ended',
    [erasure.code, erasure.scope.workspaceId, erasure.channel],
  );
  return result.rows[0]?.ended === true;
}

/** Hands an erasure this run did not end on to the next run at once. */
export async function releaseErasure(db: Knex, erasure: QueuedErasure): Promise<void> {
  await db.raw('select laras_release_data_erasure(?, ?, ?)', [
    erasure.code,
    erasure.scope.workspaceId,
    erasure.channel,
  ]);
}
