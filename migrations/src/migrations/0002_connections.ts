/**
 * Connecting WhatsApp numbers and Instagram accounts: single-use connect sessions and the
 * connections they create. A connection's routing id (phone_number_id or Instagram account id)
 * is unique among connections that are not disconnected, across all tenants, so one number can
 * never route to two workspaces. Tokens are stored only as vault ciphertext.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const TENANT = "partner_id = current_setting('app.partner_id', true)";
const WORKSPACE =
  "(coalesce(current_setting('app.workspace_id', true), '') = '' or workspace_id = current_setting('app.workspace_id', true))";

export const TABLES = ['connect_sessions', 'connections'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table connect_sessions (
      id text collate "C" primary key,
      partner_id text collate "C" not null,
      workspace_id text collate "C" not null,
      channel text not null check (channel in ('whatsapp', 'instagram')),
      token_hash text not null unique,
      state_hash text unique,
      return_url text,
      outcome text check (outcome in ('connected', 'cancelled', 'failed')),
      connection_id text collate "C",
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      foreign key (partner_id, workspace_id) references workspaces (partner_id, id) on delete cascade
    );
    create index connect_sessions_workspace_idx on connect_sessions (partner_id, workspace_id, id desc);

    create table connections (
      id text collate "C" primary key,
      partner_id text collate "C" not null,
      workspace_id text collate "C" not null,
      channel text not null check (channel in ('whatsapp', 'instagram')),
      status text not null check (status in ('active', 'needs_reconnect', 'disconnected')),
      routing_id text,
      waba_id text,
      phone_number_id text,
      display_phone_number text,
      verified_name text,
      ig_account_id text,
      ig_username text,
      ig_account_type text,
      token_ciphertext text,
      token_key_version integer,
      token_expires_at timestamptz,
      token_refreshed_at timestamptz,
      connected_at timestamptz not null default now(),
      disconnected_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      foreign key (partner_id, workspace_id) references workspaces (partner_id, id) on delete cascade,
      check (status <> 'disconnected' or (token_ciphertext is null and routing_id is null)),
      check ((token_ciphertext is null) = (token_key_version is null))
    );
    create index connections_workspace_idx on connections (partner_id, workspace_id, id desc);
    create unique index connections_routing_unique on connections (channel, routing_id)
      where status <> 'disconnected' and routing_id is not null;
  `);

  for (const table of TABLES) {
    const condition = `${TENANT} and ${WORKSPACE}`;
    await knex.raw(`
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      create policy ${table}_tenant on ${table} for all using (${condition}) with check (${condition});
      grant select, insert, update, delete on ${table} to ${APP_ROLE};
    `);
  }

  // Lookups that happen before the tenant is known: a connect link opened by its holder, an OAuth
  // state coming back from Instagram, a Meta callback naming an account. Each returns only the
  // tenant and the ids needed to continue inside that tenant.
  await knex.raw(`
    create function laras_connect_session_by_token(p_token_hash text)
    returns table (connect_session_id text, partner_id text, workspace_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select id::text, partner_id::text, workspace_id::text from connect_sessions where token_hash = p_token_hash
    $$;

    create function laras_connect_session_by_state(p_state_hash text)
    returns table (connect_session_id text, partner_id text, workspace_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select id::text, partner_id::text, workspace_id::text from connect_sessions where state_hash = p_state_hash
    $$;

    create function laras_connections_for_account(p_channel text, p_account_id text)
    returns table (connection_id text, partner_id text, workspace_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select id::text, partner_id::text, workspace_id::text from connections
       where channel = p_channel and routing_id = p_account_id and status <> 'disconnected'
    $$;
  `);
  for (const fn of [
    'laras_connect_session_by_token(text)',
    'laras_connect_session_by_state(text)',
    'laras_connections_for_account(text, text)',
  ]) {
    await knex.raw(
      `revoke all on function ${fn} from public; grant execute on function ${fn} to ${APP_ROLE};`,
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function if exists laras_connections_for_account(text, text);
    drop function if exists laras_connect_session_by_state(text);
    drop function if exists laras_connect_session_by_token(text);
    drop table if exists connections, connect_sessions;
  `);
}
