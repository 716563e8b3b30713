/**
 * Two sweeps across tenants, through definer functions that return only ids and tenants:
 * customer messages still without a draft (their drafting job was lost, e.g. with Redis), and
 * waiting drafts whose window closes soon (the partner is warned once: `window_warned_at`).
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const AWAITING = 'laras_messages_awaiting_draft(timestamptz, text[], integer)';
const EXPIRING = 'laras_drafts_window_expiring(timestamptz, integer)';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table drafts add column window_warned_at timestamptz;
    create index messages_inbound_recent_idx on messages (created_at) where direction = 'inbound';

    create function laras_messages_awaiting_draft(p_created_before timestamptz, p_types text[], p_limit integer)
    returns table (message_id text, partner_id text, workspace_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select m.id::text, m.partner_id::text, m.workspace_id::text
        from messages m
        join conversations c on c.id = m.conversation_id and c.partner_id = m.partner_id
       where m.direction = 'inbound'
         and m.created_at > now() - interval '24 hours'
         and m.created_at < p_created_before
         and m.type = any (p_types)
         and (c.window_closes_at is null or c.window_closes_at > now())
         and not exists (
           select 1 from drafts d
            where d.partner_id = m.partner_id and d.workspace_id = m.workspace_id and d.message_id = m.id)
         and not exists (
           select 1 from messages n
            where n.partner_id = m.partner_id and n.workspace_id = m.workspace_id
              and n.conversation_id = m.conversation_id and n.direction = 'inbound'
              and (n.sent_at, n.id) > (m.sent_at, m.id))
       order by m.created_at
       limit p_limit
    $$;
    create function laras_drafts_window_expiring(p_closes_before timestamptz, p_limit integer)
    returns table (draft_id text, partner_id text, workspace_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select d.id::text, d.partner_id::text, d.workspace_id::text
        from drafts d
        join conversations c on c.id = d.conversation_id and c.partner_id = d.partner_id
       where d.state = 'pending_approval'
         and d.window_warned_at is null
         and c.window_closes_at > now()
         and c.window_closes_at <= p_closes_before
       order by c.window_closes_at
       limit p_limit
    $$;
    revoke all on function ${AWAITING}, ${EXPIRING} from public;
    grant execute on function ${AWAITING}, ${EXPIRING} to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function if exists ${AWAITING};
    drop function if exists ${EXPIRING};
    drop index if exists messages_inbound_recent_idx;
    alter table drafts drop column window_warned_at;
  `);
}
