/**
 * The outbox of partner events. A change and the event that tells the partner about it are written
 * in the same transaction, so neither exists without the other; delivery (Svix or the built-in
 * dispatcher) reads from here and records its own progress.
 */
import type { Knex } from 'knex';
import { enableWorkspaceRls } from '../tenant-rls.ts';

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
  `);
  await enableWorkspaceRls(knex, 'events', ['select', 'insert']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists events');
}
