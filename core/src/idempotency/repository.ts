import type { TenantTx } from '../db/index.ts';

export type IdempotencyRecord = {
  key: string;
  method: string;
  path: string;
  requestHash: string;
  state: 'in_progress' | 'completed';
  statusCode: number | null;
  responseBody: unknown;
  createdAt: Date;
  expiresAt: Date;
};

type Row = {
  key: string;
  method: string;
  path: string;
  request_hash: string;
  state: 'in_progress' | 'completed';
  status_code: number | null;
  response_body: unknown;
  created_at: Date;
  expires_at: Date;
};

function toRecord(row: Row): IdempotencyRecord {
  return {
    key: row.key,
    method: row.method,
    path: row.path,
    requestHash: row.request_hash,
    state: row.state,
    statusCode: row.status_code,
    responseBody: row.response_body,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

/**
 * A claim is told apart from a later takeover of the same key by when it was made (`created_at`,
 * at the database's microseconds, read as text so no precision is lost): a request that outlived
 * its claim must not complete or release the request that took it over.
 */
export type Claim = string;

/** Claims the key for a new request; answers the claim, or undefined when a live record exists. */
export async function claimKey(
  tx: TenantTx,
  values: { key: string; method: string; path: string; requestHash: string; ttlSeconds: number },
): Promise<Claim | undefined> {
  // An expired record no longer counts: replace it.
  await tx
    .trx('idempotency_keys')
    .where({ partner_id: tx.scope.partnerId, key: values.key })
    .andWhere('expires_at', '<', tx.trx.fn.now())
    .delete();
  const { rows } = await tx.trx.raw<{ rows: Array<{ claim: Claim }> }>(
    `insert into idempotency_keys (partner_id, key, method, path, request_hash, state, expires_at)
     values (?, ?, ?, ?, ?, 'in_progress', now() + make_interval(secs => ?))
     on conflict (partner_id, key) do nothing
     returning created_at::text as claim`,
    [tx.scope.partnerId, values.key, values.method, values.path, values.requestHash, values.ttlSeconds],
  );
  return rows[0]?.claim;
}

export async function findKey(tx: TenantTx, key: string): Promise<IdempotencyRecord | undefined> {
  const row: Row | undefined = await tx
    .trx('idempotency_keys')
    .where({ partner_id: tx.scope.partnerId, key })
    .first();
  return row ? toRecord(row) : undefined;
}

/**
 * Takes over an in-progress claim that has been stuck longer than `staleSeconds` (its request
 * died); answers the new claim, or undefined.
 */
export async function takeOverStaleClaim(
  tx: TenantTx,
  key: string,
  staleSeconds: number,
): Promise<Claim | undefined> {
  const { rows } = await tx.trx.raw<{ rows: Array<{ claim: Claim }> }>(
    `update idempotency_keys set created_at = clock_timestamp()
      where partner_id = ? and key = ? and state = 'in_progress'
        and created_at < now() - make_interval(secs => ?)
     returning created_at::text as claim`,
    [tx.scope.partnerId, key, staleSeconds],
  );
  return rows[0]?.claim;
}

/** Stores the response of the request holding `claim`; answers whether it still held it. */
export async function completeKey(
  tx: TenantTx,
  key: string,
  claim: Claim,
  statusCode: number,
  responseBody: unknown,
): Promise<boolean> {
  const changed = await tx
    .trx('idempotency_keys')
    .where({ partner_id: tx.scope.partnerId, key, state: 'in_progress' })
    .whereRaw('created_at = ?::timestamptz', [claim])
    .update({
      state: 'completed',
      status_code: statusCode,
      response_body: JSON.stringify(responseBody ?? null),
    });
  return changed > 0;
}

/** Frees the key, if the request holding `claim` still holds it. */
export async function releaseKey(tx: TenantTx, key: string, claim: Claim) {
  await tx
    .trx('idempotency_keys')
    .where({ partner_id: tx.scope.partnerId, key, state: 'in_progress' })
    .whereRaw('created_at = ?::timestamptz', [claim])
    .delete();
}
