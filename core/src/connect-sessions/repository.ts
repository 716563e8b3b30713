import type { Knex } from 'knex';
import type { Channel } from '../connections/types.ts';
import type { TenantTx, WorkspaceScope } from '../db/index.ts';
import type { ConnectSession } from './types.ts';

type Row = {
  id: string;
  workspace_id: string;
  channel: Channel;
  return_url: string | null;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
};

const COLUMNS = ['id', 'workspace_id', 'channel', 'return_url', 'created_at', 'expires_at', 'used_at'];

function toSession(row: Row): ConnectSession {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    channel: row.channel,
    returnUrl: row.return_url,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}

type TenantRef = { connectSessionId: string; partnerId: string; workspaceId: string };

/** Finds a session's tenant from its link or OAuth state, before any tenant is known (definer functions). */
export async function findTenantBy(
  db: Knex,
  by: 'token' | 'state',
  hash: string,
): Promise<TenantRef | undefined> {
  const fn = by === 'token' ? 'laras_connect_session_by_token' : 'laras_connect_session_by_state';
  const result = await db.raw<{
    rows: Array<{ connect_session_id: string; partner_id: string; workspace_id: string }>;
  }>(`select * from ${fn}(?)`, [hash]);
  const row = result.rows[0];
  return row
    ? { connectSessionId: row.connect_session_id, partnerId: row.partner_id, workspaceId: row.workspace_id }
    : undefined;
}

export async function insertSession(
  tx: TenantTx<WorkspaceScope>,
  values: { id: string; channel: Channel; tokenHash: string; returnUrl: string | null; ttlSeconds: number },
): Promise<ConnectSession> {
  const [row] = (await tx
    .trx('connect_sessions')
    .insert({
      id: values.id,
      partner_id: tx.scope.partnerId,
      workspace_id: tx.scope.workspaceId,
      channel: values.channel,
      token_hash: values.tokenHash,
      return_url: values.returnUrl,
      expires_at: tx.trx.raw('now() + make_interval(secs => ?)', [values.ttlSeconds]),
    })
    .returning(COLUMNS)) as Row[];
  if (!row) throw new Error('insert returned no row');
  return toSession(row);
}

/** Gives a usable session a new OAuth/signup state (the previous one stops working). */
export async function rotateState(
  tx: TenantTx<WorkspaceScope>,
  id: string,
  stateHash: string,
): Promise<ConnectSession | undefined> {
  const [row] = (await tx
    .trx('connect_sessions')
    .where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId, id })
    .whereNull('used_at')
    .andWhere('expires_at', '>', tx.trx.fn.now())
    .update({ state_hash: stateHash })
    .returning(COLUMNS)) as Row[];
  return row ? toSession(row) : undefined;
}

/** Spends a state once: it matches only a usable session, and is cleared in the same statement. */
export async function consumeState(
  tx: TenantTx<WorkspaceScope>,
  id: string,
  stateHash: string,
): Promise<ConnectSession | undefined> {
  const [row] = (await tx
    .trx('connect_sessions')
    .where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId, id, state_hash: stateHash })
    .whereNull('used_at')
    .andWhere('expires_at', '>', tx.trx.fn.now())
    .update({ state_hash: null })
    .returning(COLUMNS)) as Row[];
  return row ? toSession(row) : undefined;
}

export async function markUsed(
  tx: TenantTx<WorkspaceScope>,
  id: string,
  outcome: { connectionId: string },
): Promise<void> {
  await tx
    .trx('connect_sessions')
    .where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId, id })
    .update({ used_at: tx.trx.fn.now(), outcome: 'connected', connection_id: outcome.connectionId });
}

export async function findSession(
  tx: TenantTx<WorkspaceScope>,
  id: string,
): Promise<ConnectSession | undefined> {
  const row: Row | undefined = await tx
    .trx('connect_sessions')
    .select(COLUMNS)
    .where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId, id })
    .first();
  return row ? toSession(row) : undefined;
}
