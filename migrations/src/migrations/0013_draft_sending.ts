/**
 * Sending drafts: how many Graph API calls a draft cost, when the one in flight started, and what
 * came of it (the outbound message and Meta's id, or Meta's error). The send sweeper finds
 * approved drafts, and sends left in flight by a stopped worker, across all tenants through
 * definer functions that return only ids and tenants.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const TO_SEND = 'laras_drafts_to_send(integer)';
const STUCK = 'laras_drafts_stuck_sending(timestamptz, integer)';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table drafts
      add column send_attempts integer not null default 0,
      add column send_started_at timestamptz,
      add column sent_message_id text collate "C",
      add column provider_message_id text check (length(provider_message_id) <= 300),
      add column sent_at timestamptz,
      add column send_error jsonb;
    create index drafts_send_queue_idx on drafts (updated_at) where state in ('approved', 'sending');

    create function laras_drafts_to_send(p_limit integer)
    returns table (draft_id text, partner_id text, workspace_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select d.id::text, d.partner_id::text, d.workspace_id::text
        from drafts d
       where d.state = 'approved'
       order by d.updated_at
       limit p_limit
    $$;
    create function laras_drafts_stuck_sending(p_started_before timestamptz, p_limit integer)
    returns table (draft_id text, partner_id text, workspace_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select d.id::text, d.partner_id::text, d.workspace_id::text
        from drafts d
       where d.state = 'sending' and d.send_started_at < p_started_before
       order by d.send_started_at
       limit p_limit
    $$;
    revoke all on function ${TO_SEND}, ${STUCK} from public;
    grant execute on function ${TO_SEND}, ${STUCK} to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function if exists ${TO_SEND};
    drop function if exists ${STUCK};
    drop index if exists drafts_send_queue_idx;
    alter table drafts
      drop column send_attempts,
      drop column send_started_at,
      drop column sent_message_id,
      drop column provider_message_id,
      drop column sent_at,
      drop column send_error;
  `);
}
