import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { fetchPage, type Page, type PageRequest, type TenantTx, type WorkspaceScope } from '../db/index.ts';
import type { Channel, Connection, ConnectionStatus } from './types.ts';

type Row = {
  id: string;
  workspace_id: string;
  channel: Channel;
  status: ConnectionStatus;
  routing_id: string | null;
  waba_id: string | null;
  phone_number_id: string | null;
  display_phone_number: string | null;
  verified_name: string | null;
  ig_account_id: string | null;
  ig_username: string | null;
  ig_account_type: string | null;
  token_ciphertext: string | null;
  token_key_version: number | null;
  token_expires_at: Date | null;
  connected_at: Date;
  disconnected_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

/** Every column but the token: reads for presentation never load ciphertext. */
const PUBLIC_COLUMNS = [
  'id',
  'workspace_id',
  'channel',
  'status',
  'waba_id',
  'phone_number_id',
  'display_phone_number',
  'verified_name',
  'ig_account_id',
  'ig_username',
  'ig_account_type',
  'token_expires_at',
  'connected_at',
  'disconnected_at',
  'created_at',
  'updated_at',
];

function toConnection(row: Omit<Row, 'routing_id' | 'token_ciphertext' | 'token_key_version'>): Connection {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    channel: row.channel,
    status: row.status,
    whatsapp:
      row.channel === 'whatsapp'
        ? {
            wabaId: row.waba_id,
            phoneNumberId: row.phone_number_id,
            displayPhoneNumber: row.display_phone_number,
            verifiedName: row.verified_name,
          }
        : null,
    instagram:
      row.channel === 'instagram'
        ? { accountId: row.ig_account_id, username: row.ig_username, accountType: row.ig_account_type }
        : null,
    tokenExpiresAt: row.token_expires_at,
    connectedAt: row.connected_at,
    disconnectedAt: row.disconnected_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const scoped = (tx: TenantTx<WorkspaceScope>) =>
  tx.trx('connections').where({ partner_id: tx.scope.partnerId, workspace_id: tx.scope.workspaceId });

export async function listConnections(
  tx: TenantTx<WorkspaceScope>,
  filter: { status?: ConnectionStatus | undefined },
  page: PageRequest,
): Promise<Page<Connection>> {
  const query = scoped(tx).select(PUBLIC_COLUMNS);
  if (filter.status) query.where({ status: filter.status });
  const result = await fetchPage<Row>(query, 'id', page);
  return { ...result, data: result.data.map(toConnection) };
}

export async function findConnection(
  tx: TenantTx<WorkspaceScope>,
  id: string,
): Promise<Connection | undefined> {
  const row: Row | undefined = await scoped(tx).select(PUBLIC_COLUMNS).where({ id }).first();
  return row ? toConnection(row) : undefined;
}

/** The live connection of this workspace for a routing id, if any (reconnecting updates it). */
export async function findLiveByRoutingId(
  tx: TenantTx<WorkspaceScope>,
  channel: Channel,
  routingId: string,
): Promise<{ id: string } | undefined> {
  return scoped(tx)
    .select('id')
    .where({ channel, routing_id: routingId })
    .whereNot({ status: 'disconnected' })
    .first();
}

export type ConnectionValues = {
  channel: Channel;
  routingId: string;
  wabaId?: string | null;
  phoneNumberId?: string | null;
  displayPhoneNumber?: string | null;
  verifiedName?: string | null;
  igAccountId?: string | null;
  /** Stored only as its sha256; null leaves the stored one as it is. */
  igAppScopedId?: string | null;
  igUsername?: string | null;
  igAccountType?: string | null;
  tokenCiphertext: string;
  tokenKeyVersion: number;
  tokenExpiresAt: Date | null;
};

/** The hex sha256 of an id, as the definer functions compute it in SQL (UTF-8 bytes). */
const sha256Hex = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');

function toColumns(values: ConnectionValues) {
  return {
    channel: values.channel,
    status: 'active',
    routing_id: values.routingId,
    waba_id: values.wabaId ?? null,
    phone_number_id: values.phoneNumberId ?? null,
    display_phone_number: values.displayPhoneNumber ?? null,
    verified_name: values.verifiedName ?? null,
    ig_account_id: values.igAccountId ?? null,
    ig_username: values.igUsername ?? null,
    ig_account_type: values.igAccountType ?? null,
    token_ciphertext: values.tokenCiphertext,
    token_key_version: values.tokenKeyVersion,
    token_expires_at: values.tokenExpiresAt,
    ...(values.igAppScopedId ? { ig_app_scoped_sha256: sha256Hex(values.igAppScopedId) } : {}),
  };
}

export async function insertConnection(tx: TenantTx<WorkspaceScope>, id: string, values: ConnectionValues) {
  await tx.trx('connections').insert({
    id,
    partner_id: tx.scope.partnerId,
    workspace_id: tx.scope.workspaceId,
    ...toColumns(values),
  });
}

export async function replaceConnection(tx: TenantTx<WorkspaceScope>, id: string, values: ConnectionValues) {
  await scoped(tx)
    .where({ id })
    .update({ ...toColumns(values), connected_at: tx.trx.fn.now(), updated_at: tx.trx.fn.now() });
}

/**
 * Deletes the token and every account reference at once; a disconnected row stays as history.
 * Only the sha256 of the routing id is kept (with that of the Instagram app-scoped id, which was
 * never stored plain), so a later Meta data-deletion request for that account still finds this
 * workspace's content. Answers whether it changed anything (a disconnected connection stays as it
 * is).
 */
export async function markDisconnected(tx: TenantTx<WorkspaceScope>, id: string): Promise<boolean> {
  const changed = await scoped(tx)
    .where({ id })
    .whereNot({ status: 'disconnected' })
    .update({
      status: 'disconnected',
      account_sha256: tx.trx.raw("encode(sha256(convert_to(routing_id, 'UTF8')), 'hex')"),
      routing_id: null,
      waba_id: null,
      phone_number_id: null,
      display_phone_number: null,
      verified_name: null,
      ig_account_id: null,
      ig_username: null,
      ig_account_type: null,
      token_ciphertext: null,
      token_key_version: null,
      token_expires_at: null,
      disconnected_at: tx.trx.fn.now(),
      updated_at: tx.trx.fn.now(),
    });
  return changed > 0;
}

/** Instagram connections whose token expires before `before` (definer function: all tenants, ids only). */
export async function findInstagramTokensDue(
  db: Knex,
  before: Date,
  limit: number,
): Promise<Array<{ connectionId: string; scope: WorkspaceScope }>> {
  const result = await db.raw<{
    rows: Array<{ connection_id: string; partner_id: string; workspace_id: string }>;
  }>('select * from laras_instagram_tokens_due(?, ?)', [before, limit]);
  return result.rows.map((r) => ({
    connectionId: r.connection_id,
    scope: { partnerId: r.partner_id, workspaceId: r.workspace_id },
  }));
}

/** Live Instagram connections, in any tenant, that keep no app-scoped id yet (made before 0028). */
export async function findInstagramAppScopedMissing(
  db: Knex,
  limit: number,
): Promise<Array<{ connectionId: string; scope: WorkspaceScope }>> {
  const result = await db.raw<{
    rows: Array<{ connection_id: string; partner_id: string; workspace_id: string }>;
  }>('select * from laras_instagram_app_scoped_missing(?)', [limit]);
  return result.rows.map((r) => ({
    connectionId: r.connection_id,
    scope: { partnerId: r.partner_id, workspaceId: r.workspace_id },
  }));
}

/**
 * Keeps the sha256 of the app-scoped id of a live Instagram connection of that account (its routing
 * id): answers whether one was stored.
 */
export async function recordAppScopedId(
  tx: TenantTx<WorkspaceScope>,
  id: string,
  accountId: string,
  appScopedId: string,
): Promise<boolean> {
  const changed = await scoped(tx)
    .where({ id, channel: 'instagram', status: 'active', routing_id: accountId })
    .whereNull('ig_app_scoped_sha256')
    .update({ ig_app_scoped_sha256: sha256Hex(appScopedId), updated_at: tx.trx.fn.now() });
  return changed > 0;
}

export async function findTokenCiphertext(
  tx: TenantTx<WorkspaceScope>,
  id: string,
): Promise<string | undefined> {
  const row: { token_ciphertext: string | null } | undefined = await scoped(tx)
    .where({ id })
    .first('token_ciphertext');
  return row?.token_ciphertext ?? undefined;
}

/** Stores a refreshed token on a connection that is still active. */
export async function updateToken(
  tx: TenantTx<WorkspaceScope>,
  id: string,
  token: { ciphertext: string; keyVersion: number; expiresAt: Date | null },
): Promise<void> {
  await scoped(tx).where({ id, status: 'active' }).update({
    token_ciphertext: token.ciphertext,
    token_key_version: token.keyVersion,
    token_expires_at: token.expiresAt,
    token_refreshed_at: tx.trx.fn.now(),
    updated_at: tx.trx.fn.now(),
  });
}

export async function markNeedsReconnect(tx: TenantTx<WorkspaceScope>, id: string): Promise<boolean> {
  const changed = await scoped(tx)
    .where({ id, status: 'active' })
    .update({ status: 'needs_reconnect', updated_at: tx.trx.fn.now() });
  return changed > 0;
}

/** What a send needs of one of the workspace's connections on a channel. */
export type SendingConnection = {
  id: string;
  status: ConnectionStatus;
  /** The `phone_number_id` or Instagram account id it sends from (what conversations record). */
  routingId: string | null;
  phoneNumberId: string | null;
  igAccountId: string | null;
  tokenCiphertext: string | null;
};

/**
 * The workspace's connections on a channel that are not disconnected, active first, then newest
 * first. All of them, in one statement: the sender picks the one the conversation's customer wrote
 * to (usually one or two rows).
 */
export async function findSendingConnections(
  tx: TenantTx<WorkspaceScope>,
  channel: Channel,
): Promise<SendingConnection[]> {
  const rows: Array<
    Pick<Row, 'id' | 'status' | 'routing_id' | 'phone_number_id' | 'ig_account_id' | 'token_ciphertext'>
  > = await scoped(tx)
    .where({ channel })
    .whereNot({ status: 'disconnected' })
    .orderByRaw("status = 'active' desc, connected_at desc")
    .select('id', 'status', 'routing_id', 'phone_number_id', 'ig_account_id', 'token_ciphertext');
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    routingId: row.routing_id,
    phoneNumberId: row.phone_number_id,
    igAccountId: row.ig_account_id,
    tokenCiphertext: row.token_ciphertext,
  }));
}
