/**
 * Idempotency-Key support for POST requests. The first request with a key claims it; its
 * successful response is stored for `ttlSeconds` (at least 24 h) and replayed to later requests
 * with the same key and the same method, path and body. The same key with anything else is a 409.
 * A request that fails releases the key, so the caller can retry it. Stored responses are sealed
 * with the vault: some answers carry a secret shown once (an API key, a webhook signing secret).
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { type PartnerScope, withTenant } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { type KeyRing, open, seal } from '../vault/index.ts';
import * as repo from './repository.ts';

type Deps = { db: Knex; vault: KeyRing };

/** Binds a stored response to its partner and key, so a sealed body copied elsewhere does not open. */
const sealedFor = (scope: PartnerScope, key: string) => `idempotency:${scope.partnerId}:${key}`;

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/** An in-progress claim older than this belonged to a request that died; a retry may take it over. */
const STALE_CLAIM_SECONDS = 60;

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type IdempotentRequest = { key: string; method: string; path: string; body: Buffer | undefined };
/** Proceed holding `claim` (pass it to complete or release), or replay the first response. */
export type IdempotencyOutcome =
  | { kind: 'proceed'; claim: repo.Claim | null }
  | { kind: 'replay'; statusCode: number; body: unknown };

export function hashRequest(request: IdempotentRequest): string {
  return createHash('sha256')
    .update(`${request.method}\n${request.path}\n`)
    .update(request.body ?? Buffer.alloc(0))
    .digest('hex');
}

/** Claims the key, or answers how to replay the first response; throws 409 on misuse. */
export function beginIdempotentRequest(
  deps: Deps,
  scope: PartnerScope,
  request: IdempotentRequest,
): Promise<IdempotencyOutcome> {
  if (!IDEMPOTENCY_KEY_PATTERN.test(request.key)) {
    throw new AppError('invalid_request', 'Idempotency-Key must be 1 to 255 printable ASCII characters.', {
      param: 'Idempotency-Key',
    });
  }
  const requestHash = hashRequest(request);
  return withTenant(deps.db, scope, async (tx) => {
    const claimed = await repo.claimKey(tx, {
      key: request.key,
      method: request.method,
      path: request.path,
      requestHash,
      ttlSeconds: IDEMPOTENCY_TTL_SECONDS,
    });
    if (claimed) return { kind: 'proceed', claim: claimed };
    const existing = await repo.findKey(tx, request.key);
    // Released or expired meanwhile: proceed unclaimed (nothing to complete or release).
    if (!existing) return { kind: 'proceed', claim: null };
    if (existing.requestHash !== requestHash) {
      throw new AppError(
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different request. Use a new key for a new request.',
        { param: 'Idempotency-Key' },
      );
    }
    if (existing.state === 'completed' && existing.statusCode !== null) {
      const stored = existing.responseBody;
      const body =
        typeof stored === 'string'
          ? JSON.parse(open(deps.vault, stored, sealedFor(scope, request.key)))
          : null;
      return { kind: 'replay', statusCode: existing.statusCode, body };
    }
    const takenOver = await repo.takeOverStaleClaim(tx, request.key, STALE_CLAIM_SECONDS);
    if (takenOver) return { kind: 'proceed', claim: takenOver };
    throw new AppError(
      'idempotency_key_in_progress',
      'A request with this Idempotency-Key is still being processed. Retry shortly.',
      { param: 'Idempotency-Key', headers: { 'Retry-After': '1' } },
    );
  });
}

/**
 * Stores the response of the request holding `claim`; answers whether it was stored. A request
 * that outlived its claim (taken over by a retry after a minute) stores nothing: the retry's
 * outcome is the one to replay.
 */
export async function completeIdempotentRequest(
  deps: Deps,
  scope: PartnerScope,
  key: string,
  claim: repo.Claim | null,
  response: { statusCode: number; body: unknown },
): Promise<boolean> {
  if (claim === null) return false;
  const sealed = seal(deps.vault, JSON.stringify(response.body ?? null), sealedFor(scope, key));
  return withTenant(deps.db, scope, (tx) =>
    repo.completeKey(tx, key, claim, response.statusCode, sealed.ciphertext),
  );
}

/** Frees the key after a failed request so a retry can run it, unless another request took it over. */
export async function releaseIdempotentRequest(
  deps: { db: Knex },
  scope: PartnerScope,
  key: string,
  claim: repo.Claim | null,
): Promise<void> {
  if (claim === null) return;
  await withTenant(deps.db, scope, (tx) => repo.releaseKey(tx, key, claim));
}
