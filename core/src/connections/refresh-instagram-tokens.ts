/**
 * Keeps Instagram connections alive: refreshes long-lived tokens that expire within the window,
 * and marks a connection `needs_reconnect` when Meta refuses the refresh (expired or revoked
 * token), so the owner is asked to connect again. Transient failures are left for the next run.
 */
import type { Knex } from 'knex';
import { withTenant } from '../db/index.ts';
import { appendEvent } from '../events/index.ts';
import type { InstagramClient } from '../meta/index.ts';
import { MetaApiError } from '../meta/index.ts';
import { type KeyRing, open, seal } from '../vault/index.ts';
import * as repo from './repository.ts';
import { tokenOwner } from './types.ts';

type Deps = { db: Knex; vault: KeyRing; instagram: InstagramClient };
export type RefreshOutcome = { refreshed: string[]; needsReconnect: string[]; failed: string[] };

const REFRESH_WINDOW_MS = 10 * 24 * 3600 * 1000;

export async function refreshInstagramTokens(
  deps: Deps,
  options: { limit?: number } = {},
): Promise<RefreshOutcome> {
  const due = await repo.findInstagramTokensDue(
    deps.db,
    new Date(Date.now() + REFRESH_WINDOW_MS),
    options.limit ?? 100,
  );
  const outcome: RefreshOutcome = { refreshed: [], needsReconnect: [], failed: [] };
  for (const { connectionId: id, scope } of due) {
    const ciphertext = await withTenant(deps.db, scope, (tx) => repo.findTokenCiphertext(tx, id));
    if (!ciphertext) continue;
    try {
      const refreshed = await deps.instagram.refresh(open(deps.vault, ciphertext, tokenOwner(id)));
      const sealed = seal(deps.vault, refreshed.token, tokenOwner(id));
      await withTenant(deps.db, scope, (tx) =>
        repo.updateToken(tx, id, { ...sealed, expiresAt: refreshed.expiresAt }),
      );
      outcome.refreshed.push(id);
    } catch (error) {
      if (error instanceof MetaApiError && !error.isTransient) {
        await withTenant(deps.db, scope, async (tx) => {
          if (await repo.markNeedsReconnect(tx, id)) {
            await appendEvent(tx, 'connection.needs_reconnect', {
              connection_id: id,
              channel: 'instagram',
              reason: 'token_refresh_refused',
            });
          }
        });
        outcome.needsReconnect.push(id);
      } else {
        outcome.failed.push(id);
      }
    }
  }
  return outcome;
}
