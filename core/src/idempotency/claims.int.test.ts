/**
 * A request that outlives its claim on an Idempotency-Key (a retry took the key over after a
 * minute) must not release or complete the claim of the request that took it over: a third try
 * would then run beside the second, or replay the first's response instead of the second's.
 */
import { createKnex } from '@laras/core';
import { createPartner } from '@laras/core/operator';
import { testConfig } from '@laras/testkit';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { parseKeyRing } from '../vault/index.ts';
import {
  beginIdempotentRequest,
  completeIdempotentRequest,
  type IdempotentRequest,
  releaseIdempotentRequest,
} from './service.ts';

const config = testConfig();
const ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'idem-test' });
const appDb = createKnex({ url: config.database.appUrl, poolMax: 2, applicationName: 'idem-test' });
const deps = { db: appDb, vault: parseKeyRing(config.encryptionKeys) };
afterAll(() => Promise.all([ownerDb.destroy(), appDb.destroy()]));

let scope: { partnerId: string };
beforeEach(async () => {
  const { partnerId } = await createPartner(ownerDb, { name: 'Idempotent Agency' });
  scope = { partnerId };
});

const request: IdempotentRequest = {
  key: 'order-42',
  method: 'POST',
  path: '/v1/workspaces',
  body: Buffer.from('{"name":"Kopi"}'),
};

/** Makes the key's claim look a minute and more old, as one whose request died. */
const ageClaim = () =>
  ownerDb('idempotency_keys')
    .where({ partner_id: scope.partnerId, key: request.key })
    .update({ created_at: ownerDb.raw("created_at - interval '2 minutes'") });

const claimOf = async () => {
  const outcome = await beginIdempotentRequest(deps, scope, request);
  if (outcome.kind !== 'proceed' || !outcome.claim) throw new Error(`not claimed: ${outcome.kind}`);
  return outcome.claim;
};

it('a request whose claim was taken over neither releases nor completes the new claim', async () => {
  const first = await claimOf();
  await ageClaim();
  const second = await claimOf();
  expect(second).not.toBe(first);

  // The first request fails late: the second still holds the key, so a third try waits.
  await releaseIdempotentRequest(deps, scope, request.key, first);
  await expect(beginIdempotentRequest(deps, scope, request)).rejects.toMatchObject({
    code: 'idempotency_key_in_progress',
  });

  // The first succeeds late: its response is not the one stored; the second's is.
  const late = { statusCode: 201, body: { id: 'ws_first' } };
  expect(await completeIdempotentRequest(deps, scope, request.key, first, late)).toBe(false);
  const own = { statusCode: 201, body: { id: 'ws_second' } };
  expect(await completeIdempotentRequest(deps, scope, request.key, second, own)).toBe(true);
  expect(await beginIdempotentRequest(deps, scope, request)).toEqual({ kind: 'replay', ...own });
});

it('the request holding the claim releases it, and a retry runs', async () => {
  const claim = await claimOf();
  await releaseIdempotentRequest(deps, scope, request.key, claim);
  expect((await beginIdempotentRequest(deps, scope, request)).kind).toBe('proceed');
});
