import type { Knex, Logger } from '@laras/core';
import { recordInstagramAppScopedIds, refreshInstagramTokens } from '@laras/core/connections';
import type { InstagramClient } from '@laras/core/meta';
import type { KeyRing } from '@laras/core/vault';

/**
 * Refreshes Instagram tokens that are about to expire, then keeps the app-scoped id of connections
 * made before it was kept (for Meta's callbacks); logs counts and ids, never tokens.
 */
export async function refreshTokens(deps: {
  db: Knex;
  vault: KeyRing;
  instagram: InstagramClient;
  logger: Logger;
}) {
  const outcome = await refreshInstagramTokens(deps);
  deps.logger.info(
    {
      category: 'queue',
      refreshed: outcome.refreshed.length,
      needs_reconnect: outcome.needsReconnect,
      failed: outcome.failed,
    },
    'instagram token refresh finished',
  );
  if (outcome.needsReconnect.length > 0) {
    // Each one also queued connection.needs_reconnect for its partner (the outbox); this line is for operators.
    deps.logger.warn(
      { category: 'queue', connections: outcome.needsReconnect },
      'instagram connections need reconnecting',
    );
  }
  const appScoped = await recordInstagramAppScopedIds(deps);
  if (appScoped.recorded.length + appScoped.unanswered.length + appScoped.failed.length > 0) {
    deps.logger.info(
      {
        category: 'queue',
        recorded: appScoped.recorded.length,
        unanswered: appScoped.unanswered,
        failed: appScoped.failed,
      },
      'instagram app-scoped ids recorded',
    );
  }
  return {
    refreshed: outcome.refreshed.length,
    appScopedRecorded: appScoped.recorded.length,
    needsReconnect: outcome.needsReconnect.length,
    failed: outcome.failed.length,
  };
}
