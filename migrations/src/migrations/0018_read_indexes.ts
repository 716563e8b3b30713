/**
 * Indexes for the list endpoints, found by the API read benchmark (`bench/api.ts`, 1M messages):
 * under row-level security the planner estimates a workspace's rows at about 1% of the truth (the
 * policy's `… or workspace_id = current_setting(…)` clause), so it preferred reading a
 * workspace's whole evidence chain or all its drafts and sorting them to walking an index already
 * in page order. Each list now has an index in exactly its order:
 *
 * - drafts, newest first (`listDrafts` without filters): `(partner_id, workspace_id, id desc)`;
 * - drafts of one thread, newest first: the thread index gains `id`;
 * - evidence of one thread in chain order: the thread index gains `seq` (the primary key already
 *   serves the whole chain once this smaller index no longer competes with it).
 *
 * The two indexes replaced are prefixes of their successors, so nothing loses an index.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create index drafts_workspace_idx on drafts (partner_id, workspace_id, id desc);
    create index drafts_conversation_id_idx on drafts (partner_id, workspace_id, conversation_id, id desc);
    drop index drafts_conversation_idx;
    create index evidence_records_conversation_seq_idx
      on evidence_records (partner_id, workspace_id, conversation_id, seq);
    drop index evidence_records_conversation_idx;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    create index evidence_records_conversation_idx on evidence_records (partner_id, workspace_id, conversation_id);
    drop index evidence_records_conversation_seq_idx;
    create index drafts_conversation_idx on drafts (partner_id, workspace_id, conversation_id);
    drop index drafts_conversation_id_idx;
    drop index drafts_workspace_idx;
  `);
}
