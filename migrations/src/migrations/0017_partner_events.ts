/**
 * Events about the partner itself rather than one of its workspaces (a webhook endpoint disabled
 * after failing for days) have no workspace. Row-level security already shows such rows to
 * partner-scoped transactions only: a workspace-scoped one compares `workspace_id` with its own,
 * which a null never equals.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table events alter column workspace_id drop not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    delete from events where workspace_id is null;
    alter table events alter column workspace_id set not null;
  `);
}
