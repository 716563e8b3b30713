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
    const result = await queue.withSubscriptionLock(deps.db, entry.channel, entry.accountId, (trx) =>
      unsubscribeOne(deps, trx, entry),
    );
    await queue.finishUnsubscribe(deps.db, id, result.kind === 'failed' ? result.error : null);
    outcome[result.kind].push(id);
  }
  return outcome;
}

/**
 * One entry, under its account's lock: left alone if a live connection uses the account (checked
 * in the lock's transaction, so a reconnect committed before it is seen), else unsubscribed.
 */
async function unsubscribeOne(
  deps: Deps,
  trx: Knex.Transaction,
  entry: queue.QueuedUnsubscribe,
): Promise<{ kind: 'unsubscribed' | 'inUse' | 'refused' } | { kind: 'failed'; error: string }> {
  if (await queue.accountInUse(trx, entry.channel, entry.accountId)) return { kind: 'inUse' };
  let token: string;
  try {
    token = open(deps.vault, entry.tokenCiphertext, tokenOwner(entry.connectionId));
  } catch {
    // Sealed with a key the ring no longer holds: it can never be read again.
    return { kind: 'refused' };
  }
  try {
    if (entry.channel === 'whatsapp') await deps.whatsapp.unsubscribeApp(entry.accountId, token);
    else await deps.instagram.unsubscribe(token);
    return { kind: 'unsubscribed' };
  } catch (error) {
    if (error instanceof MetaApiError && !error.isTransient) return { kind: 'refused' };
    return { kind: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
}
