/**
 * Unsubscribes Laras's app from the accounts of connections an owner disconnected (or whose
 * workspace was deleted), so Meta stops sending their customers' messages: `DELETE
 * /{waba_id}/subscribed_apps` for WhatsApp, `DELETE me/subscribed_apps` for Instagram, with the
 * token the connection held. An account another live connection still uses stays subscribed.
 * Meta refusing (the token was revoked, the app already removed) ends the entry as well; a
 * transient failure is tried again on the next run, for up to 24 hours, then the token is dropped.
 */
import type { Knex } from 'knex';
import { type InstagramClient, MetaApiError, type WhatsAppClient } from '../meta/index.ts';
import { type KeyRing, open } from '../vault/index.ts';
import { tokenOwner } from './types.ts';
import * as queue from './unsubscribes.ts';

type Deps = { db: Knex; vault: KeyRing; whatsapp: WhatsAppClient; instagram: InstagramClient };

/** How long an entry is tried before its token is dropped. */
export const UNSUBSCRIBE_WITHIN_MS = 24 * 3600 * 1000;

export type UnsubscribeOutcome = {
  /** Meta confirmed. */
  unsubscribed: string[];
  /** Another live connection uses the account: left subscribed. */
  inUse: string[];
  /** Meta refused for good, or the token could not be read: nothing more to try. */
  refused: string[];
  /** To be tried again. */
  failed: string[];
};

export async function unsubscribeDisconnectedAccounts(
  deps: Deps,
  now = new Date(),
  limit = 50,
): Promise<UnsubscribeOutcome> {
  const outcome: UnsubscribeOutcome = { unsubscribed: [], inUse: [], refused: [], failed: [] };
  const since = new Date(now.getTime() - UNSUBSCRIBE_WITHIN_MS);
  for (const entry of await queue.claimDueUnsubscribes(deps.db, since, limit)) {
    const id = entry.connectionId;
    if (await queue.accountInUse(deps.db, entry.channel, entry.accountId)) {
      await queue.finishUnsubscribe(deps.db, id, null);
      outcome.inUse.push(id);
      continue;
    }
    let token: string;
    try {
      token = open(deps.vault, entry.tokenCiphertext, tokenOwner(id));
    } catch {
      // Sealed with a key the ring no longer holds: it can never be read again.
      await queue.finishUnsubscribe(deps.db, id, null);
      outcome.refused.push(id);
      continue;
    }
    try {
      if (entry.channel === 'whatsapp') await deps.whatsapp.unsubscribeApp(entry.accountId, token);
      else await deps.instagram.unsubscribe(token);
      await queue.finishUnsubscribe(deps.db, id, null);
      outcome.unsubscribed.push(id);
    } catch (error) {
      const refused = error instanceof MetaApiError && !error.isTransient;
      const message = error instanceof Error ? error.message : String(error);
      await queue.finishUnsubscribe(deps.db, id, refused ? null : message);
      (refused ? outcome.refused : outcome.failed).push(id);
    }
  }
  return outcome;
}
