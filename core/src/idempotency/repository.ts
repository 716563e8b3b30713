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

/** Claims the key for a new request; returns false when a live record for it already exists. */
export async function claimKey(
  tx: TenantTx,
  values: { key: string; method: string; path: string; requestHash: string; ttlSeconds: number },
): Promise<boolean> {
  // An expired record no longer counts: replace it.
  await tx
    .trx('idempotency_keys')
    .where({ partner_id: tx.scope.partnerId, key: values.key })
    .andWhere('expires_at', '<', tx.trx.fn.now())
    .delete();
  const inserted = await tx
    .trx('idempotency_keys')
    .insert({
      partner_id: tx.scope.partnerId,
      key: values.key,
      method: values.method,
      path: values.path,
      request_hash: values.requestHash,
      state: 'in_progress',
      expires_at: tx.trx.raw(`now() + make_interval(secs => ?)`, [values.ttlSeconds]),
    })
    .onConflict(['partner_id', 'key'])
    .ignore()
    .returning('key');
  return inserted.length === 1;
}

export async function findKey(tx: TenantTx, key: string): Promise<IdempotencyRecord | undefined> {
  const row: Row | undefined = await tx
    .trx('idempotency_keys')
    .where({ partner_id: tx.scope.partnerId, key })
    .first();
  return row ? toRecord(row) : undefined;
}

/** Takes over an in-progress claim that has been stuck longer than `staleSeconds` (its request died). */
export async function takeOverStaleClaim(tx: TenantTx, key: string, staleSeconds: number): Promise<boolean> {
  const count = await tx
    .trx('idempotency_keys')
    .where({ partner_id: tx.scope.partnerId, key, state: 'in_progress' })
    .andWhere('created_at', '<', tx.trx.raw(`now() - make_interval(secs => ?)`, [staleSeconds]))
    .update({ created_at: tx.trx.fn.now() });
  return count === 1;
}

export async function completeKey(tx: TenantTx, key: string, statusCode: number, responseBody: unknown) {
  await tx
    .trx('idempotency_keys')
    .where({ partner_id: tx.scope.partnerId, key })
    .update({
      state: 'completed',
      status_code: statusCode,
      response_body: JSON.stringify(responseBody ?? null),
    });
}

export async function releaseKey(tx: TenantTx, key: string) {
  await tx
    .trx('idempotency_keys')
    .where({ partner_id: tx.scope.partnerId, key, state: 'in_progress' })
    .delete();
}
