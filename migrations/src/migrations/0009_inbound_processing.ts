/**
 * What the inbound worker needs from the raw deliveries, which no tenant owns: find the pending
 * ones (the sweeper), read one and record how its processing ended (the worker), and keep every
 * item that could not be routed or understood, with its reason, so nothing is silently lost.
 * As for storing, the app role gets these functions only, never the tables.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

export const TABLES = ['inbound_rejects'];

const FUNCTIONS = [
  'laras_pending_webhook_events(integer, integer)',
  'laras_webhook_event(text)',
  'laras_finish_webhook_event(text, text, text)',
  'laras_reject_inbound_item(text, text, text, text, text, jsonb)',
];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table inbound_rejects (
      id bigint generated always as identity primary key,
      webhook_event_id text collate "C" not null references webhook_events (id) on delete cascade,
      source text not null check (source in ('whatsapp', 'instagram')),
      routing_id text,
      reason text not null check (reason in ('unroutable', 'unparseable', 'failed')),
      detail text not null,
      raw jsonb,
      created_at timestamptz not null default now()
    );
    create index inbound_rejects_event_idx on inbound_rejects (webhook_event_id);
    revoke all on inbound_rejects from public;

    create function laras_pending_webhook_events(p_limit integer, p_max_attempts integer)
    returns table (event_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select id::text from webhook_events
       where status = 'pending' and attempts < p_max_attempts
       order by received_at
       limit p_limit
    $$;

    create function laras_webhook_event(p_id text)
    returns table (source text, raw_body text, status text, attempts integer)
    language sql volatile security definer set search_path = public, pg_temp as $$
      update webhook_events set attempts = attempts + 1 where id = p_id and status = 'pending'
      returning source, raw_body, status, attempts
    $$;

    create function laras_finish_webhook_event(p_id text, p_status text, p_error text)
    returns void
    language sql volatile security definer set search_path = public, pg_temp as $$
      update webhook_events
         set status = p_status, last_error = p_error,
             processed_at = case when p_status = 'pending' then null else now() end
       where id = p_id
    $$;

    create function laras_reject_inbound_item(
      p_event_id text, p_source text, p_routing_id text, p_reason text, p_detail text, p_raw jsonb
    ) returns void
    language sql volatile security definer set search_path = public, pg_temp as $$
      insert into inbound_rejects (webhook_event_id, source, routing_id, reason, detail, raw)
      values (p_event_id, p_source, p_routing_id, p_reason, left(p_detail, 1000), p_raw)
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
  await knex.raw('drop table if exists inbound_rejects');
}
