/**
 * Drafts outlive nothing: once a conversation's customer-service window has closed, a draft still
 * waiting (or approved but not yet sent) can never be sent. The expiry job finds them across all
 * tenants through this definer function, which returns only ids and tenants.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const FN = 'laras_drafts_past_window(integer)';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function laras_drafts_past_window(p_limit integer)
    returns table (draft_id text, partner_id text, workspace_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select d.id::text, d.partner_id::text, d.workspace_id::text
        from drafts d
        join conversations c on c.id = d.conversation_id and c.partner_id = d.partner_id
       where d.state in ('pending_approval', 'approved')
         and c.window_closes_at is not null
         and c.window_closes_at <= now()
       order by c.window_closes_at
       limit p_limit
    $$;
    revoke all on function ${FN} from public;
    grant execute on function ${FN} to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop function if exists ${FN}`);
}
