/**
 * Re-encrypts every stored token under the key ring's active key (operator action, owner
 * connection: it spans all tenants). Each row is re-sealed in its own short transaction, locked,
 * so a rotation can run while the platform serves traffic. A ciphertext that does not open stops
 * the rotation with its connection id: tampering must never be skipped quietly.
 */
import type { Knex } from 'knex';
import { type KeyRing, open, seal, VaultError } from '../vault/index.ts';
import { tokenOwner } from './types.ts';

export type RotationResult = { rotated: number; alreadyCurrent: number };

export async function rotateTokens(ownerDb: Knex, ring: KeyRing): Promise<RotationResult> {
  const stale: Array<{ id: string }> = await ownerDb('connections')
    .select('id')
    .whereNotNull('token_ciphertext')
    .whereNot({ token_key_version: ring.active.version })
    .orderBy('id');
  for (const { id } of stale) {
    await ownerDb.transaction(async (trx) => {
      const row: { token_ciphertext: string | null } | undefined = await trx('connections')
        .where({ id })
        .forUpdate()
        .first('token_ciphertext');
      if (!row?.token_ciphertext) return;
      let token: string;
      try {
        token = open(ring, row.token_ciphertext, tokenOwner(id));
      } catch (error) {
        throw new VaultError(`connection ${id}: ${(error as Error).message}`);
      }
      const sealed = seal(ring, token, tokenOwner(id));
      await trx('connections')
        .where({ id })
        .update({ token_ciphertext: sealed.ciphertext, token_key_version: sealed.keyVersion });
    });
  }
  const [current] = await ownerDb('connections')
    .where({ token_key_version: ring.active.version })
    .count<Array<{ count: number }>>('* as count');
  return { rotated: stale.length, alreadyCurrent: Number(current?.count ?? 0) - stale.length };
}
