import type { Knex } from 'knex';
import type { TenantTx, WorkspaceScope } from '../db/index.ts';
import type { UserRole } from '../users/index.ts';

type Tx = TenantTx<WorkspaceScope>;

/** The user with this email at this partner, found before the workspace is known. */
export async function userForSignIn(
  db: Knex,
  partnerId: string,
  email: string,
): Promise<{ userId: string; workspaceId: string } | undefined> {
  const result = await db.raw('select user_id, workspace_id from laras_user_for_sign_in(?, ?)', [
    partnerId,
    email,
  ]);
  const row: { user_id: string; workspace_id: string } | undefined = result.rows[0];
  return row ? { userId: row.user_id, workspaceId: row.workspace_id } : undefined;
}

export type SessionLookup = {
  sessionId: string;
  partnerId: string;
  workspaceId: string;
  userId: string;
  role: UserRole;
  expiresAt: Date;
  revoked: boolean;
};

export async function sessionByTokenHash(db: Knex, tokenHash: string): Promise<SessionLookup | undefined> {
  const result = await db.raw('select * from laras_portal_session_by_token(?)', [tokenHash]);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    sessionId: row.session_id,
    partnerId: row.partner_id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    role: row.role,
    expiresAt: row.expires_at,
    revoked: row.revoked,
  };
}

export async function signInLinkByTokenHash(
  db: Knex,
  tokenHash: string,
): Promise<{ linkId: string; partnerId: string; workspaceId: string } | undefined> {
  const result = await db.raw('select * from laras_sign_in_link_by_token(?)', [tokenHash]);
  const row = result.rows[0];
  return row ? { linkId: row.link_id, partnerId: row.partner_id, workspaceId: row.workspace_id } : undefined;
}

export async function insertSession(
  tx: Tx,
  values: { id: string; userId: string; tokenHash: string; ttlSeconds: number },
): Promise<Date> {
  const [row] = await tx
    .trx('portal_sessions')
    .insert({
      id: values.id,
      partner_id: tx.scope.partnerId,
      workspace_id: tx.scope.workspaceId,
      user_id: values.userId,
      token_hash: values.tokenHash,
      expires_at: tx.trx.raw('now() + make_interval(secs => ?)', [values.ttlSeconds]),
    })
    .returning(['expires_at']);
  return (row as { expires_at: Date }).expires_at;
}

export async function revokeSession(tx: Tx, id: string): Promise<void> {
  await tx
    .trx('portal_sessions')
    .where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId, id })
    .whereNull('revoked_at')
    .update({ revoked_at: tx.trx.fn.now() });
}

/** Ends every live session of a user (a new password: whoever held the old one is signed out). */
export async function revokeUserSessions(tx: Tx, userId: string): Promise<void> {
  await tx
    .trx('portal_sessions')
    .where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId, user_id: userId })
    .whereNull('revoked_at')
    .update({ revoked_at: tx.trx.fn.now() });
}
