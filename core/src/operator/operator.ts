/**
 * Operator actions (the `laras` CLI and the demo seed). They act across partners, so they run on
 * the owner connection, outside row-level security, and are never reachable from the HTTP API.
 */
import type { Knex } from 'knex';
import { type ApiKeyMode, generateApiKey } from '../api-keys/secret.ts';
import { notFound } from '../errors/index.ts';
import { newId } from '../ids.ts';

export type PartnerSummary = { id: string; name: string; createdAt: Date; activeKeys: number };
export type IssuedKey = { apiKeyId: string; partnerId: string; secret: string; mode: ApiKeyMode };

async function insertKey(trx: Knex.Transaction, partnerId: string, name: string, mode: ApiKeyMode) {
  const generated = generateApiKey(mode);
  const id = newId('apiKey');
  await trx('api_keys').insert({
    id,
    partner_id: partnerId,
    name,
    mode,
    prefix: generated.prefix,
    secret_hash: generated.hash,
  });
  return { apiKeyId: id, partnerId, secret: generated.secret, mode };
}

/** Creates a partner with its first API key. */
export function createPartner(
  ownerDb: Knex,
  input: { name: string; mode?: ApiKeyMode; id?: string },
): Promise<IssuedKey> {
  return ownerDb.transaction(async (trx) => {
    const partnerId = input.id ?? newId('partner');
    await trx('partners').insert({ id: partnerId, name: input.name });
    return insertKey(trx, partnerId, 'Created by operator', input.mode ?? 'test');
  });
}

export async function listPartners(ownerDb: Knex): Promise<PartnerSummary[]> {
  const rows: Array<{ id: string; name: string; created_at: Date; active_keys: number }> = await ownerDb(
    'partners',
  )
    .select('partners.id', 'partners.name', 'partners.created_at')
    .select(
      ownerDb.raw(
        '(select count(*) from api_keys k where k.partner_id = partners.id and k.revoked_at is null)::int as active_keys',
      ),
    )
    .orderBy('partners.id', 'asc');
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    activeKeys: row.active_keys,
  }));
}

/** Issues another key for an existing partner. */
export function createKeyForPartner(
  ownerDb: Knex,
  partnerId: string,
  options: { name?: string; mode?: ApiKeyMode } = {},
): Promise<IssuedKey> {
  return ownerDb.transaction(async (trx) => {
    const partner = await trx('partners').where({ id: partnerId }).first('id');
    if (!partner) throw notFound('partner');
    return insertKey(trx, partnerId, options.name ?? 'Created by operator', options.mode ?? 'test');
  });
}

/** Revokes a key by id, whatever partner owns it. */
export async function revokeKeyById(
  ownerDb: Knex,
  apiKeyId: string,
): Promise<{ apiKeyId: string; revokedAt: Date }> {
  const [row] = await ownerDb('api_keys')
    .where({ id: apiKeyId })
    .update({ revoked_at: ownerDb.raw('coalesce(revoked_at, now())') })
    .returning(['id', 'revoked_at']);
  if (!row) throw notFound('API key');
  return { apiKeyId: row.id, revokedAt: row.revoked_at };
}
