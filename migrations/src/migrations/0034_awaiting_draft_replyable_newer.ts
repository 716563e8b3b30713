/**
 * The sweeper's "customer messages that should have a draft" left out a question when anything
 * inbound came after it in its thread, also a reaction, an edit, a deletion or a message of a type
 * no reply is drafted for: those get no draft of their own, so the question was never answered.
 * Only a newer message of a replyable type (`p_types`, the same list) answers the thread now.
 */
import type { Knex } from 'knex';

function awaitingDraft(newerOfTypes: boolean): string {
  return `
    create or replace function laras_messages_awaiting_draft(p_created_before timestamptz, p_types text[], p_limit integer)
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
              ${newerOfTypes ? 'and n.type = any (p_types)' : ''}
              and (n.sent_at, n.id) > (m.sent_at, m.id))
       order by m.created_at
       limit p_limit
    $$;
  `;
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(awaitingDraft(true));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(awaitingDraft(false));
}
