/**
 * The built-in dispatcher of partner events: a partner's webhook endpoints (secrets encrypted by
 * the vault, the previous one kept for a rotation's overlap), one delivery per event and endpoint
 * (unique, so fanning out twice never delivers twice) and every attempt. Events get a marker once
 * fanned out. The sweeper finds events and due deliveries across tenants through definer functions
 * that return only ids and tenants; everything else runs under the partner's row-level security.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

export const TABLES = ['webhook_endpoints', 'webhook_deliveries', 'webhook_attempts'];

const TO_FAN_OUT = 'laras_events_to_fan_out(integer)';
const DUE = 'laras_webhook_deliveries_due(timestamptz, integer)';
const PARTNER = "partner_id = current_setting('app.partner_id', true)";

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table events add column fanned_out_at timestamptz;
    -- Events from before the dispatcher had no endpoint to go to.
    update events set fanned_out_at = created_at;
    create index events_fan_out_idx on events (id) where fanned_out_at is null;
    grant update (fanned_out_at) on events to ${APP_ROLE};

    create table webhook_endpoints (
      id text collate "C" primary key,
      partner_id text collate "C" not null references partners (id) on delete cascade,
      url text not null check (length(url) <= 2048),
      description text not null default '' check (length(description) <= 500),
      event_types text[],
      secret_ciphertext text not null,
      previous_secret_ciphertext text,
      previous_secret_expires_at timestamptz,
      disabled boolean not null default false,
      disabled_reason text check (length(disabled_reason) <= 200),
      failing_since timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (partner_id, id)
    );
    create index webhook_endpoints_partner_idx on webhook_endpoints (partner_id, id desc);

    create table webhook_deliveries (
      id text collate "C" primary key,
      partner_id text collate "C" not null,
      endpoint_id text collate "C" not null,
      event_id text collate "C" not null references events (id) on delete cascade,
      event_type text not null,
      status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      foreign key (partner_id, endpoint_id) references webhook_endpoints (partner_id, id) on delete cascade,
      unique (endpoint_id, event_id),
      unique (partner_id, id)
    );
    create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';

    create table webhook_attempts (
      id text collate "C" primary key,
      partner_id text collate "C" not null,
      endpoint_id text collate "C" not null,
      delivery_id text collate "C" not null,
      event_id text collate "C" not null,
      event_type text not null,
      succeeded boolean not null,
      status_code integer,
      latency_ms integer not null check (latency_ms >= 0),
      response_excerpt text check (length(response_excerpt) <= 1024),
      error text check (length(error) <= 500),
      attempted_at timestamptz not null,
      next_attempt_at timestamptz,
      foreign key (partner_id, delivery_id) references webhook_deliveries (partner_id, id) on delete cascade
    );
    create index webhook_attempts_endpoint_idx on webhook_attempts (partner_id, endpoint_id, id desc);

    create function laras_events_to_fan_out(p_limit integer)
    returns table (event_id text, partner_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select e.id::text, e.partner_id::text
        from events e
       where e.fanned_out_at is null
       order by e.id
       limit p_limit
    $$;
    create function laras_webhook_deliveries_due(p_now timestamptz, p_limit integer)
    returns table (delivery_id text, partner_id text, next_attempt_at timestamptz)
    language sql stable security definer set search_path = public, pg_temp as $$
      select d.id::text, d.partner_id::text, d.next_attempt_at
        from webhook_deliveries d
        join webhook_endpoints w on w.id = d.endpoint_id
       where d.status = 'pending' and d.next_attempt_at <= p_now and not w.disabled
       order by d.next_attempt_at
       limit p_limit
    $$;
    revoke all on function ${TO_FAN_OUT}, ${DUE} from public;
    grant execute on function ${TO_FAN_OUT}, ${DUE} to ${APP_ROLE};
  `);
  for (const table of TABLES) {
    await knex.raw(`
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      create policy ${table}_tenant on ${table} for all using (${PARTNER}) with check (${PARTNER});
      grant select, insert, update, delete on ${table} to ${APP_ROLE};
    `);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function if exists ${TO_FAN_OUT};
    drop function if exists ${DUE};
    drop table if exists webhook_attempts;
    drop table if exists webhook_deliveries;
    drop table if exists webhook_endpoints;
    drop index if exists events_fan_out_idx;
    alter table events drop column fanned_out_at;
  `);
}
