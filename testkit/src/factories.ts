import { randomBytes } from 'node:crypto';
import type { Knex } from '@laras/core';
import { createKeyForPartner, createPartner } from '@laras/core/operator';

export type TestPartner = { partnerId: string; apiKey: string; apiKeyId: string };

/** A fresh partner with one test-mode key; every test makes its own. */
export async function createTestPartner(ownerDb: Knex, name?: string): Promise<TestPartner> {
  const issued = await createPartner(ownerDb, {
    name: name ?? `Test Agency ${randomBytes(3).toString('hex')}`,
  });
  return { partnerId: issued.partnerId, apiKey: issued.secret, apiKeyId: issued.apiKeyId };
}

/** Another key for the same partner. */
export async function createTestKey(
  ownerDb: Knex,
  partnerId: string,
): Promise<{ apiKey: string; apiKeyId: string }> {
  const issued = await createKeyForPartner(ownerDb, partnerId);
  return { apiKey: issued.secret, apiKeyId: issued.apiKeyId };
}
