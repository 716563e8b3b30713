/**
 * Raw inbound Meta webhook deliveries, stored before Meta gets its 200 and parsed later by a
 * worker. A delivery arrives before any tenant is known (routing happens in the worker), so the
 * table has no tenant columns and the app role has no privilege on it at all: the API stores a
 * delivery only through a SECURITY DEFINER function that inserts one row and answers its id. The
 * body is kept as the exact text received, so its signature can be checked again; its sha256 is
 * computed here, so a repeated delivery of the same bytes is stored once whoever calls.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

export const TABLES = ['webhook_events'];

const STORE = 'laras_store_webhook_event(text, text, text)';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table webhook_events (
      id text collate "C" primary key,
      source text not null check (source in ('whatsapp', 'instagram')),
      body_sha256 text collate "C" not null check (body_sha256 ~ '^[0-9a-f]{64}$'),
      raw_body text not null,
      received_at timestamptz not null default now(),
      status text not null default 'pending' check (status in ('pending', 'processed', 'failed')),
      attempts integer not null default 0 check (attempts >= 0),
      last_error text,
      processed_at timestamptz,
      constraint webhook_events_source_body_unique unique (source, body_sha256)
    );
    create index webhook_events_pending_idx on webhook_events (received_at) where status = 'pending';
    revoke all on webhook_events from public;

    create function laras_store_webhook_event(p_id text, p_source text, p_raw_body text)
    returns table (event_id text, duplicate boolean)
    language plpgsql volatile security definer set search_path = public, pg_temp as $$
    declare
      v_sha256 text := encode(sha256(convert_to(p_raw_body, 'UTF8')), 'hex');
      v_id text;
    begin
      insert into webhook_events as w (id, source, body_sha256, raw_body)
      values (p_id, p_source, v_sha256, p_raw_body)
      on conflict (source, body_sha256) do nothing
      returning w.id into v_id;
      if v_id is not null then
        return query select v_id, false;
      else
        return query select w.id::text, true from webhook_events w
          where w.source = p_source and w.body_sha256 = v_sha256;
      end if;
    end
    $$;
    revoke all on function ${STORE} from public;
    grant execute on function ${STORE} to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop function if exists ${STORE}`);
  await knex.raw('drop table if exists webhook_events');
}
