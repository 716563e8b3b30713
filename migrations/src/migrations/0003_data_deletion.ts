/**
 * Meta data-deletion requests, so the person who asked can check the status with the
 * confirmation code. The table holds no tenant data and no Meta user id: only the code, which
 * app asked, how many connections were cleared, and when.
 */
import type { Knex } from 'knex';
import { APP_ROLE } from '../roles.ts';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table data_deletion_requests (
      confirmation_code text primary key,
      app text not null check (app in ('meta', 'instagram')),
      status text not null check (status in ('completed')),
      connections_cleared integer not null,
      created_at timestamptz not null default now(),
      completed_at timestamptz
    );
    grant select, insert on data_deletion_requests to ${APP_ROLE};
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists data_deletion_requests');
}
