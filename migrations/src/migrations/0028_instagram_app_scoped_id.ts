/**
 * Which id an Instagram-Login deauthorize or data-deletion `signed_request` names is not settled:
 * the Instagram account id (`/me`'s `user_id`, our routing id) or the app-scoped id (`/me`'s `id`).
 * A connection now keeps the sha256 of its app-scoped id (only the hash: nothing else needs the
 * id), from connect until its data is deleted, like `account_sha256` after a disconnect; and the
 * callbacks match a connection on either id. Webhook routing keeps matching the account id only,
 * so deauthorize gets a lookup of its own instead of widening `laras_connections_for_account`.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const DEAUTHORIZE = 'laras_connections_for_deauthorize(text, text)';
const HASH = "encode(sha256(convert_to(p_user_id, 'UTF8')), 'hex')";

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table connections
      add column ig_app_scoped_sha256 text collate "C" check (ig_app_scoped_sha256 ~ '^[0-9a-f]{64}$'),
      add constraint connections_app_scoped_instagram_only
        check (ig_app_scoped_sha256 is null or channel = 'instagram');
    create index connections_ig_app_scoped_sha256_idx on connections (channel, ig_app_scoped_sha256)
      where ig_app_scoped_sha256 is not null;

    create function laras_connections_for_deauthorize(p_channel text, p_user_id text)
    returns table (connection_id text, partner_id text, workspace_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select id::text, partner_id::text, workspace_id::text from connections
       where channel = p_channel and routing_id = p_user_id and status <> 'disconnected'
      union
      select id::text, partner_id::text, workspace_id::text from connections
       where channel = p_channel and ig_app_scoped_sha256 = ${HASH} and status <> 'disconnected'
    $$;
    revoke all on function ${DEAUTHORIZE} from public;
    grant execute on function ${DEAUTHORIZE} to ${APP_ROLE};

    create or replace function laras_connections_for_deletion(p_channel text, p_account_id text)
    returns table (connection_id text, partner_id text, workspace_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select id::text, partner_id::text, workspace_id::text from connections
       where channel = p_channel and routing_id = p_account_id and status <> 'disconnected'
      union
      select id::text, partner_id::text, workspace_id::text from connections
       where channel = p_channel
         and account_sha256 = encode(sha256(convert_to(p_account_id, 'UTF8')), 'hex')
      union
      select id::text, partner_id::text, workspace_id::text from connections
       where channel = p_channel
         and ig_app_scoped_sha256 = encode(sha256(convert_to(p_account_id, 'UTF8')), 'hex')
    $$;
  `);
}

export async function down(knex: Knex): Promise<void> {
  // The deletion lookup as 0024 made it, before the column it would read goes.
  await knex.raw(`
    drop function if exists ${DEAUTHORIZE};
    create or replace function laras_connections_for_deletion(p_channel text, p_account_id text)
    returns table (connection_id text, partner_id text, workspace_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select id::text, partner_id::text, workspace_id::text from connections
       where channel = p_channel and routing_id = p_account_id and status <> 'disconnected'
      union
      select id::text, partner_id::text, workspace_id::text from connections
       where channel = p_channel
         and account_sha256 = encode(sha256(convert_to(p_account_id, 'UTF8')), 'hex')
    $$;
    alter table connections drop constraint if exists connections_app_scoped_instagram_only;
    alter table connections drop column if exists ig_app_scoped_sha256;
  `);
}
