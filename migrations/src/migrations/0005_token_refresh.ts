/**
 * Instagram long-lived tokens last 60 days and can be refreshed once they are a day old. The
 * refresh worker finds the connections that are due across all tenants through this definer
 * function, which returns only ids and tenants; the refresh itself runs inside each tenant.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function laras_instagram_tokens_due(p_expiring_before timestamptz, p_limit integer)
    returns table (connection_id text, partner_id text, workspace_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select id::text, partner_id::text, workspace_id::text
        from connections
       where channel = 'instagram'
         and status = 'active'
         and token_ciphertext is not null
         and token_expires_at < p_expiring_before
         and coalesce(token_refreshed_at, connected_at) < now() - interval '24 hours'
       order by token_expires_at
       limit p_limit
    $$;
    revoke all on function laras_instagram_tokens_due(timestamptz, integer) from public;
    grant execute on function laras_instagram_tokens_due(timestamptz, integer) to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function if exists laras_instagram_tokens_due(timestamptz, integer)');
}
