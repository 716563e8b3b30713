/**
 * Who wrote an inbound message, and which customer a reply answered: a comment thread on Instagram
 * holds the comments of everyone who answered its top-level comment, so the thread's contact is not
 * every message's. Erasing one customer's data erases their messages by this column. Messages stored
 * before it have none: for those, the thread's contact stands in (as before). No index: only an
 * erasure reads it, rarely, and every message stored would pay for one.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table messages add column contact_id text collate "C"');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table messages drop column if exists contact_id');
}
