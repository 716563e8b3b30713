/**
 * A failed status finds the draft whose reply failed by the message it was sent as
 * (`sent_message_id`), which no index covered: each scanned the workspace's sent drafts. It now also
 * takes that draft's lock before the message's, in the order an erasure takes them, so the two
 * cannot deadlock; this index makes that lookup one row. Only sent drafts have the column set.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create index drafts_sent_message_idx on drafts (partner_id, workspace_id, sent_message_id)
      where sent_message_id is not null
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists drafts_sent_message_idx');
}
