/**
 * The foundation schema: partners, their API keys, hostnames and idempotency records, workspaces
 * with business context and review rules. Every table has row-level security keyed on the tenant
 * the app sets per transaction (`app.partner_id`, optionally `app.workspace_id`); the app connects
 * as `laras_app`, which owns nothing and cannot bypass it. No tenant set means no rows.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const PARTNER = "current_setting('app.partner_id', true)";
const WORKSPACE = "current_setting('app.workspace_id', true)";
/** The workspace narrowing: none set (partner-wide access) or exactly this workspace. */
const workspaceMatches = (column: string) => `(coalesce(${WORKSPACE}, '') = '' or ${column} = ${WORKSPACE})`;

const POLICIES: Record<string, string> = {
  partners: `id = ${PARTNER}`,
  partner_hostnames: `partner_id = ${PARTNER}`,
  api_keys: `partner_id = ${PARTNER}`,
  idempotency_keys: `partner_id = ${PARTNER}`,
  workspaces: `partner_id = ${PARTNER} and ${workspaceMatches('id')}`,
  business_contexts: `partner_id = ${PARTNER} and ${workspaceMatches('workspace_id')}`,
  review_rules: `partner_id = ${PARTNER} and ${workspaceMatches('workspace_id')}`,
};

export const TENANT_TABLES = Object.keys(POLICIES);

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
        create role ${APP_ROLE} login nosuperuser nocreatedb nocreaterole nobypassrls;
      end if;
    end
    $$;
  `);

  await knex.raw(`
    create table partners (
      id text collate "C" primary key,
      name text not null check (length(name) between 1 and 200),
      display_name text,
      logo_url text,
      primary_color text check (primary_color ~ '^#[0-9a-f]{6}$'),
      support_email text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table partner_hostnames (
      hostname text primary key check (hostname = lower(hostname)),
      partner_id text collate "C" not null references partners (id) on delete cascade,
      created_at timestamptz not null default now()
    );
    create index partner_hostnames_partner_idx on partner_hostnames (partner_id);

    create table api_keys (
      id text collate "C" primary key,
      partner_id text collate "C" not null references partners (id) on delete cascade,
      name text not null,
      mode text not null check (mode in ('test', 'live')),
      prefix text not null,
      secret_hash text not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      constraint api_keys_secret_hash_unique unique (secret_hash)
    );
    create index api_keys_partner_idx on api_keys (partner_id, id desc);

    create table workspaces (
      id text collate "C" primary key,
      partner_id text collate "C" not null references partners (id) on delete cascade,
      name text not null,
      external_id text,
      metadata jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint workspaces_partner_id_id_unique unique (partner_id, id),
      constraint workspaces_partner_id_external_id_unique unique (partner_id, external_id)
    );
    create index workspaces_partner_idx on workspaces (partner_id, id desc);

    create table business_contexts (
      workspace_id text collate "C" primary key,
      partner_id text collate "C" not null,
      document jsonb not null,
      updated_at timestamptz not null default now(),
      foreign key (partner_id, workspace_id) references workspaces (partner_id, id) on delete cascade
    );

    create table review_rules (
      workspace_id text collate "C" primary key,
      partner_id text collate "C" not null,
      auto_send_whatsapp boolean not null default false,
      auto_send_instagram_dm boolean not null default false,
      auto_send_instagram_comment boolean not null default false,
      always_review_keywords text[] not null default '{}',
      blocked_phrases text[] not null default '{}',
      min_confidence numeric(4, 3) not null default 0.7 check (min_confidence between 0 and 1),
      updated_at timestamptz not null default now(),
      foreign key (partner_id, workspace_id) references workspaces (partner_id, id) on delete cascade
    );

    create table idempotency_keys (
      partner_id text collate "C" not null references partners (id) on delete cascade,
      key text not null,
      method text not null,
      path text not null,
      request_hash text not null,
      state text not null check (state in ('in_progress', 'completed')),
      status_code integer,
      response_body jsonb,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      primary key (partner_id, key)
    );
    create index idempotency_keys_expires_idx on idempotency_keys (expires_at);
  `);

  for (const [table, condition] of Object.entries(POLICIES)) {
    await knex.raw(`
      alter table ${table} enable row level security;
      alter table ${table} force row level security;
      create policy ${table}_tenant on ${table} for all using (${condition}) with check (${condition});
      grant select, insert, update, delete on ${table} to ${APP_ROLE};
    `);
  }
  await knex.raw(`grant usage on schema public to ${APP_ROLE}`);

  // Lookups that must work before a tenant is known. SECURITY DEFINER runs them as the owner, so
  // they return only what they are written to return; the app role can call nothing else unscoped.
  await knex.raw(`
    create function laras_authenticate_api_key(p_secret_hash text)
    returns table (api_key_id text, partner_id text, mode text, revoked boolean)
    language plpgsql security definer set search_path = public, pg_temp as $$
    #variable_conflict use_column
    begin
      -- Record use at most once a minute, so a busy key does not write on every request.
      return query
        with touched as (
          update api_keys k
             set last_used_at = now()
           where k.secret_hash = p_secret_hash
             and k.revoked_at is null
             and (k.last_used_at is null or k.last_used_at < now() - interval '1 minute')
          returning k.id::text as id, k.partner_id::text as partner_id, k.mode as mode
        )
        select t.id, t.partner_id, t.mode, false from touched t;
      if not found then
        return query
          select k.id::text, k.partner_id::text, k.mode, k.revoked_at is not null
            from api_keys k
           where k.secret_hash = p_secret_hash;
      end if;
    end
    $$;

    create function laras_purge_expired_idempotency_keys() returns integer
    language plpgsql security definer set search_path = public, pg_temp as $$
    declare
      purged integer;
    begin
      delete from idempotency_keys where expires_at < now();
      get diagnostics purged = row_count;
      return purged;
    end
    $$;

    create function laras_partner_id_for_hostname(p_hostname text) returns text
    language sql stable security definer set search_path = public, pg_temp as $$
      select partner_id::text from partner_hostnames where hostname = lower(p_hostname)
    $$;
  `);
  for (const fn of [
    'laras_authenticate_api_key(text)',
    'laras_purge_expired_idempotency_keys()',
    'laras_partner_id_for_hostname(text)',
  ]) {
    await knex.raw(
      `revoke all on function ${fn} from public; grant execute on function ${fn} to ${APP_ROLE};`,
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop function if exists laras_partner_id_for_hostname(text);
    drop function if exists laras_purge_expired_idempotency_keys();
    drop function if exists laras_authenticate_api_key(text);
    drop table if exists idempotency_keys, review_rules, business_contexts, workspaces, api_keys,
      partner_hostnames, partners;
    revoke usage on schema public from ${APP_ROLE};
  `);
}
