/**
 * Disconnecting deleted the token and left Laras's app subscribed to the business's WhatsApp
 * Business Account or Instagram account at Meta, so Meta went on posting every customer message to
 * Laras (stored as unroutable). A disconnect the owner asked for (and a deleted workspace's live
 * connections) now hands the sealed token and the account id to this queue, in the transaction that
 * deletes them from the connection; the workers unsubscribe the app at Meta and delete the entry,
 * or give up after 24 hours. The table belongs to no tenant (an entry outlives a deleted workspace),
 * so as for Meta's deliveries the app role reaches it only through these functions. The account is
 * left subscribed when another live connection of Laras still uses it (another number of that
 * WhatsApp Business Account, or the account connected again).
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

export const TABLES = ['meta_unsubscribes'];

const FUNCTIONS = [
  'laras_queue_meta_unsubscribe(text, text, text, text)',
  'laras_due_meta_unsubscribes(timestamptz, integer)',
  'laras_finish_meta_unsubscribe(text, text)',
  'laras_meta_account_in_use(text, text)',
];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table meta_unsubscribes (
      connection_id text collate "C" primary key,
      channel text not null check (channel in ('whatsapp', 'instagram')),
      account_id text not null check (length(account_id) between 1 and 64),
      token_ciphertext text not null,
      attempts integer not null default 0,
      last_error text,
      created_at timestamptz not null default now()
    );
    revoke all on meta_unsubscribes from public;

    create function laras_queue_meta_unsubscribe(
      p_connection_id text, p_channel text, p_account_id text, p_token_ciphertext text
    ) returns void
    language sql volatile security definer set search_path = public, pg_temp as $$
      insert into meta_unsubscribes (connection_id, channel, account_id, token_ciphertext)
      values (p_connection_id, p_channel, p_account_id, p_token_ciphertext)
      on conflict (connection_id) do nothing
    $$;

    -- Claims up to p_limit entries queued after p_since (counting the attempt), oldest first, and
    -- deletes the older ones: their tokens are not kept past the time given to unsubscribe.
    create function laras_due_meta_unsubscribes(p_since timestamptz, p_limit integer)
    returns table (connection_id text, channel text, account_id text, token_ciphertext text, attempts integer)
    language plpgsql volatile security definer set search_path = public, pg_temp as $$
    begin
      delete from meta_unsubscribes u where u.created_at < p_since;
      return query
        update meta_unsubscribes u set attempts = u.attempts + 1
         where u.connection_id in (
           select d.connection_id from meta_unsubscribes d
            order by d.created_at limit p_limit for update skip locked)
        returning u.connection_id::text, u.channel, u.account_id, u.token_ciphertext, u.attempts;
    end
    $$;

    -- Done (no error): the entry and its token go. Else the error is kept for the next try.
    create function laras_finish_meta_unsubscribe(p_connection_id text, p_error text)
    returns void
    language sql volatile security definer set search_path = public, pg_temp as $$
      delete from meta_unsubscribes where connection_id = p_connection_id and p_error is null;
      update meta_unsubscribes set last_error = left(p_error, 500)
       where connection_id = p_connection_id and p_error is not null;
    $$;

    -- Whether a live connection of any tenant still receives this account's webhooks: a WhatsApp
    -- Business Account's (any of its numbers) or an Instagram account's.
    create function laras_meta_account_in_use(p_channel text, p_account_id text)
    returns boolean
    language sql stable security definer set search_path = public, pg_temp as $$
      select exists (
        select 1 from connections
         where channel = p_channel and status <> 'disconnected'
           and (case when p_channel = 'whatsapp' then waba_id else routing_id end) = p_account_id)
    $$;
  `);
  for (const fn of FUNCTIONS) {
    await knex.raw(
      `revoke all on function ${fn} from public; grant execute on function ${fn} to ${APP_ROLE};`,
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const fn of FUNCTIONS) await knex.raw(`drop function if exists ${fn}`);
  await knex.raw('drop table if exists meta_unsubscribes');
}
