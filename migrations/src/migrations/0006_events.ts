/**
 * The outbox of partner events. A change and the event that tells the partner about it are written
 * in the same transaction, so neither exists without the other; delivery (Svix or the built-in
 * dispatcher) reads from here and records its own progress.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

const TENANT = "partner_id = current_setting('app.partner_id', true)";
const WORKSPACE =
  "(coalesce(current_setting('app.workspace_id', true), '') = '' or workspace_id = current_setting('app.workspace_id', true))";

export const TABLES = ['events'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table events (
      id text collate "C" primary key,
      partner_id text collate "C" not null,
      workspace_id text collate "C" not null,
      type text not null check (type ~ '^[a-z_]+\\.[a-z_]+$'),
      data jsonb not null,
      created_at timestamptz not null default now(),
      foreign key (partner_id, workspace_id) references workspaces (partner_id, id) on delete cascade
    );
    create index events_workspace_idx on events (partner_id, workspace_id, id desc);

    alter table events enable row level security;
    alter table events force row level security;
    create policy events_tenant on events for all
      using (${TENANT} and ${WORKSPACE}) with check (${TENANT} and ${WORKSPACE});
    grant select, insert on events to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists events');
}
