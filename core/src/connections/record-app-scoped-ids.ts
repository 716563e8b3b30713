/**
 * Instagram connections made before the app-scoped id was kept (migration 0028) cannot be found by
 * a deauthorize or data-deletion callback that names that id. This asks `/me` with each such live
 * connection's token and keeps the sha256 of the `id` it answers, only when `/me` names the same
 * account (`user_id`) the connection routes by. A refused token or Meta being down leaves the
 * connection for a later run (the token refresh marks refused tokens `needs_reconnect`).
 */
import type { Knex } from 'knex';
import { withTenant } from '../db/index.ts';
import type { InstagramClient } from '../meta/index.ts';
import { type KeyRing, open } from '../vault/index.ts';
import * as repo from './repository.ts';
import { tokenOwner } from './types.ts';

type Deps = { db: Knex; vault: KeyRing; instagram: Pick<InstagramClient, 'me'> };
export type AppScopedOutcome = { recorded: string[]; unanswered: string[]; failed: string[] };

export async function recordInstagramAppScopedIds(
  deps: Deps,
  options: { limit?: number } = {},
): Promise<AppScopedOutcome> {
  const missing = await repo.findInstagramAppScopedMissing(deps.db, options.limit ?? 100);
  const outcome: AppScopedOutcome = { recorded: [], unanswered: [], failed: [] };
  for (const { connectionId: id, scope } of missing) {
    const found = await withTenant(deps.db, scope, async (tx) => ({
      ciphertext: await repo.findTokenCiphertext(tx, id),
      connection: await repo.findConnection(tx, id),
    }));
    const connectedAccount = found.connection?.instagram?.accountId;
    if (!found.ciphertext || !connectedAccount) continue;
    let account: Awaited<ReturnType<InstagramClient['me']>>;
    try {
      account = await deps.instagram.me(open(deps.vault, found.ciphertext, tokenOwner(id)));
    } catch {
      outcome.failed.push(id);
      continue;
    }
    const { appScopedId, accountId } = account;
    if (!appScopedId || accountId !== connectedAccount) {
      outcome.unanswered.push(id);
      continue;
    }
    const stored = await withTenant(deps.db, scope, (tx) =>
      repo.recordAppScopedId(tx, id, accountId, appScopedId),
    );
    if (stored) outcome.recorded.push(id);
  }
  return outcome;
}
