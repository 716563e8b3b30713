import type { Knex } from 'knex';
import { fetchPage, type Page, type PageRequest, type TenantTx } from '../db/index.ts';
import type { ApiKeyMode } from './secret.ts';
import type { ApiKey, ApiKeyPrincipal } from './types.ts';

type ApiKeyRow = {
  id: string;
  partner_id: string;
  name: string;
  mode: ApiKeyMode;
  prefix: string;
  secret_hash: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
};

const COLUMNS = ['id', 'partner_id', 'name', 'mode', 'prefix', 'created_at', 'last_used_at', 'revoked_at'];

function toApiKey(row: Omit<ApiKeyRow, 'secret_hash'>): ApiKey {
  return {
    id: row.id,
    partnerId: row.partner_id,
    name: row.name,
    mode: row.mode,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/**
 * The one lookup that runs before any tenant is known: it goes through a SECURITY DEFINER function
 * that returns only the key's owner and state, so the app role needs no access to other partners' rows.
 */
export async function authenticateKeyHash(
  db: Knex,
  secretHash: string,
): Promise<ApiKeyPrincipal | undefined> {
  const result = await db.raw<{
    rows: Array<{ api_key_id: string; partner_id: string; mode: ApiKeyMode; revoked: boolean }>;
  }>('select * from laras_authenticate_api_key(?)', [secretHash]);
  const row = result.rows[0];
  if (!row || row.revoked) return undefined;
  return { apiKeyId: row.api_key_id, partnerId: row.partner_id, mode: row.mode };
}

export async function insertApiKey(
  tx: TenantTx,
  values: { id: string; name: string; mode: ApiKeyMode; prefix: string; secretHash: string },
): Promise<ApiKey> {
  const [row] = await tx
    .trx('api_keys')
    .insert({
      id: values.id,
      partner_id: tx.scope.partnerId,
      name: values.name,
      mode: values.mode,
      prefix: values.prefix,
      secret_hash: values.secretHash,
    })
    .returning(COLUMNS);
  return toApiKey(row as ApiKeyRow);
}

export async function listApiKeys(tx: TenantTx, page: PageRequest): Promise<Page<ApiKey>> {
  const query = tx.trx('api_keys').select(COLUMNS).where({ partner_id: tx.scope.partnerId });
  const result = await fetchPage<ApiKeyRow>(query, 'id', page);
  return { ...result, data: result.data.map(toApiKey) };
}

/** Marks the key revoked (keeping the first revocation time); undefined when this partner has no such key. */
export async function revokeApiKey(tx: TenantTx, id: string): Promise<ApiKey | undefined> {
  const [row] = await tx
    .trx('api_keys')
    .where({ partner_id: tx.scope.partnerId, id })
    .update({ revoked_at: tx.trx.raw('coalesce(revoked_at, now())') })
    .returning(COLUMNS);
  return row ? toApiKey(row as ApiKeyRow) : undefined;
}
