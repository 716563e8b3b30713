/**
 * The queue of accounts whose webhooks Laras's app should stop receiving at Meta (migration 0036):
 * an entry holds the connection's sealed token and the account id, handed over in the transaction
 * that deletes them from the connection. The table belongs to no tenant; the app role reaches it
 * through definer functions only.
 */
import type { Knex } from 'knex';
import type { TenantTx } from '../db/index.ts';
import type { Channel } from './types.ts';

export type QueuedUnsubscribe = {
  connectionId: string;
  channel: Channel;
  /** The WhatsApp Business Account id, or the Instagram account id. */
  accountId: string;
  tokenCiphertext: string;
  attempts: number;
};

/**
 * Queues the live connections of a workspace (or just `connectionId`) that hold a token: each
 * row's token and account id go to the queue in this transaction, before the row loses them.
 * Answers how many were queued.
 */
export async function queueUnsubscribes(
  tx: TenantTx,
  workspaceId: string,
  connectionId?: string,
): Promise<number> {
  const result = await tx.trx.raw<{ rows: unknown[] }>(
    `select laras_queue_meta_unsubscribe(c.id, c.channel, a.account_id, c.token_ciphertext)
       from connections c
       cross join lateral (
         select case when c.channel = 'whatsapp' then c.waba_id else c.routing_id end as account_id) a
      where c.partner_id = ? and c.workspace_id = ? ${connectionId ? 'and c.id = ?' : ''}
        and c.status <> 'disconnected' and c.token_ciphertext is not null and a.account_id is not null`,
    [tx.scope.partnerId, workspaceId, ...(connectionId ? [connectionId] : [])],
  );
  return result.rows.length;
}

/** Claims up to `limit` entries queued since `since` (older ones are deleted unclaimed). */
export async function claimDueUnsubscribes(
  db: Knex,
  since: Date,
  limit: number,
): Promise<QueuedUnsubscribe[]> {
  const result = await db.raw<{
    rows: Array<{
      connection_id: string;
      channel: Channel;
      account_id: string;
      token_ciphertext: string;
      attempts: number;
    }>;
  }>('select * from laras_due_meta_unsubscribes(?, ?)', [since, limit]);
  return result.rows.map((row) => ({
    connectionId: row.connection_id,
    channel: row.channel,
    accountId: row.account_id,
    tokenCiphertext: row.token_ciphertext,
    attempts: row.attempts,
  }));
}

/** Deletes the entry (done, or nothing more to do), or keeps it with `error` for the next try. */
export async function finishUnsubscribe(db: Knex, connectionId: string, error: string | null): Promise<void> {
  await db.raw('select laras_finish_meta_unsubscribe(?, ?)', [connectionId, error]);
}

/** Whether a live connection of any tenant still receives this account's webhooks. */
export async function accountInUse(db: Knex, channel: Channel, accountId: string): Promise<boolean> {
  const result = await db.raw<{ rows: Array<{ in_use: boolean }> }>(
    'select laras_meta_account_in_use(?, ?) as in_use',
    [channel, accountId],
  );
  return result.rows[0]?.in_use === true;
}

/**
 * Runs `fn` holding the lock of one account's subscription at Meta (a transaction-scoped advisory
 * lock, on a connection of its own): the unsubscribing worker holds it from its "still in use?"
 * check to Meta's answer, and a connect flow from its commit to subscribing again, so a reconnect
 * racing an unsubscribe always ends subscribed.
 */
export function withSubscriptionLock<T>(
  db: Knex,
  channel: Channel,
  accountId: string,
  fn: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return db.transaction(async (trx) => {
    await trx.raw(
      "select pg_advisory_xact_lock(hashtextextended('laras:meta-subscription:' || ? || ':' || ?, 0))",
      [channel, accountId],
    );
    return fn(trx);
  });
}
