import type { Knex, Logger } from '@laras/core';
import { unsubscribeDisconnectedAccounts } from '@laras/core/connections';
import type { InstagramClient, WhatsAppClient } from '@laras/core/meta';
import type { KeyRing } from '@laras/core/vault';

/**
 * Unsubscribes Laras's app at Meta from the accounts owners disconnected; logs counts and
 * connection ids, never tokens.
 */
export async function unsubscribeAccounts(deps: {
  db: Knex;
  vault: KeyRing;
  whatsapp: WhatsAppClient;
  instagram: InstagramClient;
  logger: Logger;
}) {
  const outcome = await unsubscribeDisconnectedAccounts(deps);
  const counts = {
    unsubscribed: outcome.unsubscribed.length,
    inUse: outcome.inUse.length,
    refused: outcome.refused.length,
    failed: outcome.failed.length,
  };
  if (counts.unsubscribed + counts.inUse + counts.refused + counts.failed > 0) {
    deps.logger.info(
      { category: 'meta', ...counts, refused_ids: outcome.refused, failed_ids: outcome.failed },
      'disconnected accounts unsubscribed at Meta',
    );
  }
  return counts;
}
