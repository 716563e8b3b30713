/**
 * Connections made before 0028 kept no app-scoped id, so a deauthorize or data-deletion callback
 * naming that id cannot find them. The token refresh worker fills it in by asking `/me` with the
 * connection's token; it finds the live Instagram connections still without one, across tenants,
 * through this definer function (ids and tenants only, like `laras_instagram_tokens_due`), in a
 * random order, so that connections whose `/me` keeps failing cannot hold back the others run after
 * run.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const FUNCTION = 'laras_instagram_app_scoped_missing(integer)';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function laras_instagram_app_scoped_missing(p_limit integer)
    returns table (connection_id text, partner_id text, workspace_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select id::text, partner_id::text, workspace_id::text
        from connections
       where channel = 'instagram'
         and status = 'active'
         and token_ciphertext is not null
         and ig_app_scoped_sha256 is null
       order by random()
       limit p_limit
    $$;
    revoke all on function ${FUNCTION} from public;
    grant execute on function ${FUNCTION} to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop function if exists ${FUNCTION}`);
}
