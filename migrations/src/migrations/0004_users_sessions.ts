/**
 * Portal users of a workspace, their browser sessions and single-use sign-in links. Sessions and
 * links are stored only as sha256 hashes of their secrets. Sign-in and session lookups happen before
 * the tenant is known, so they go through SECURITY DEFINER functions that return only ids, tenant
 * and state; everything else runs inside the tenant under row-level security.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const TENANT = "partner_id = current_setting('app.partner_id', true)";
const WORKSPACE =
  "(coalesce(current_setting('app.workspace_id', true), '') = '' or workspace_id = current_setting('app.workspace_id', true))";

export const TABLES = ['users', 'portal_sessions', 'sign_in_links'];

const FUNCTIONS = [
  'laras_user_for_sign_in(text, text)',
  'laras_portal_session_by_token(text)',
  'laras_sign_in_link_by_token(text)',
];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table users (
      id text collate "C" primary key,
      partner_id text collate "C" not null,
      workspace_id text collate "C" not null,
      email text not null check (email = lower(email) and length(email) between 3 and 254),
      name text check (length(name) between 1 and 200),
      role text not null check (role in ('owner', 'agent')),
      password_hash text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      last_sign_in_at timestamptz,
      constraint users_partner_id_email_unique unique (partner_id, email),
      constraint users_tenant_id_unique unique (partner_id, workspace_id, id),
      foreign key (partner_id, workspace_id) references workspaces (partner_id, id) on delete cascade
    );
    create index users_workspace_idx on users (partner_id, workspace_id, id desc);

    create table portal_sessions (
      id text collate "C" primary key,
      partner_id text collate "C" not null,
      workspace_id text collate "C" not null,
      user_id text collate "C" not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      foreign key (partner_id, workspace_id, user_id) references users (partner_id, workspace_id, id)
        on delete cascade
    );
    create index portal_sessions_user_idx on portal_sessions (partner_id, workspace_id, user_id);

    create table sign_in_links (
      id text collate "C" primary key,
      partner_id text collate "C" not null,
      workspace_id text collate "C" not null,
      user_id text collate "C" not null,
      token_hash text not null unique,
      purpose text not null check (purpose in ('sign_in', 'set_password')),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      foreign key (partner_id, workspace_id, user_id) references users (partner_id, workspace_id, id)
        on delete cascade
    );
    create index sign_in_links_user_idx on sign_in_links (partner_id, workspace_id, user_id);
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

  await knex.raw(`
    create function laras_user_for_sign_in(p_partner_id text, p_email text)
    returns table (user_id text, workspace_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select id::text, workspace_id::text from users where partner_id = p_partner_id and email = lower(p_email)
    $$;

    create function laras_portal_session_by_token(p_token_hash text)
    returns table (
      session_id text, partner_id text, workspace_id text, user_id text, role text,
      expires_at timestamptz, revoked boolean
    )
    language sql stable security definer set search_path = public, pg_temp as $$
      select s.id::text, s.partner_id::text, s.workspace_id::text, s.user_id::text, u.role,
             s.expires_at, s.revoked_at is not null
        from portal_sessions s
        join users u on u.id = s.user_id and u.partner_id = s.partner_id
       where s.token_hash = p_token_hash
    $$;

    create function laras_sign_in_link_by_token(p_token_hash text)
    returns table (link_id text, partner_id text, workspace_id text, user_id text)
    language sql stable security definer set search_path = public, pg_temp as $$
      select id::text, partner_id::text, workspace_id::text, user_id::text from sign_in_links
       where token_hash = p_token_hash
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
  await knex.raw('drop table if exists sign_in_links, portal_sessions, users');
}
