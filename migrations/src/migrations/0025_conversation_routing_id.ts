/**
 * A workspace may have several live WhatsApp numbers or Instagram accounts, and a reply must go
 * out from the one the customer wrote to. Conversations now keep that Meta id (`routing_id`: the
 * `phone_number_id`, or the Instagram account id) as of the customer's latest message. Null for
 * threads stored before this migration: their replies go out as before, from the newest live
 * connection of the channel. The table's row-level security and grants already cover the column.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table conversations add column routing_id text
      check (length(routing_id) between 1 and 200);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table conversations drop column if exists routing_id');
}
