/**
 * The row-level security every workspace-scoped table gets: rows of the transaction's partner
 * (`app.partner_id`), narrowed to its workspace when `app.workspace_id` is set, forced even for
 * the owner, and the privileges the app role needs. No tenant set: no rows.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from './roles.ts';

const TENANT = "partner_id = current_setting('app.partner_id', true)";
const WORKSPACE =
  "(coalesce(current_setting('app.workspace_id', true), '') = '' or workspace_id = current_setting('app.workspace_id', true))";

export type AppPrivilege = 'select' | 'insert' | 'update' | 'delete';

export async function enableWorkspaceRls(
  knex: Knex,
  table: string,
  privileges: readonly AppPrivilege[] = ['select', 'insert', 'update', 'delete'],
): Promise<void> {
  const condition = `${TENANT} and ${WORKSPACE}`;
  await knex.raw(`
    alter table ${table} enable row level security;
    alter table ${table} force row level security;
    create policy ${table}_tenant on ${table} for all using (${condition}) with check (${condition});
    grant ${privileges.join(', ')} on ${table} to ${APP_ROLE};
  `);
}
