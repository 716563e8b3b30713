/**
 * A Meta data-deletion request must reach the content of an account that is already disconnected:
 * Meta sends the deauthorize callback first (which disconnects it), and a workspace may have
 * disconnected it itself. A disconnect drops the account's ids, so it now keeps their sha256
 * (`account_sha256`), which names no account by itself; the deletion request finds every
 * connection of the account through it, live or not, and then forgets it.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const FIND = 'laras_connections_for_deletion(text, text)';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table connections add column account_sha256 text collate "C"
      check (account_sha256 ~ '^[0-9a-f]{64}$');
    create index connections_account_sha256_idx on connections (channel, account_sha256)
      where account_sha256 is not null;

    create function laras_connections_for_deletion(p_channel text, p_account_id text)
    returns table (connection_id text, partner_id text, workspace_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select id::text, partner_id::text, workspace_id::text from connections
       where channel = p_channel and routing_id = p_account_id and status <> 'disconnected'
      union
      select id::text, partner_id::text, workspace_id::text from connections
       where channel = p_channel
         and account_sha256 = encode(sha256(convert_to(p_account_id, 'UTF8')), 'hex')
    $$;
    revoke all on function ${FIND} from public;
    grant execute on function ${FIND} to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop function if exists ${FIND}`);
  await knex.raw('alter table connections drop column if exists account_sha256');
}
