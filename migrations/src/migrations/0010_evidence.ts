/**
 * The evidence chain: per workspace, append-only records, each holding the hash of the one before
 * it. Records carry ids and content hashes, never content, so deleting a customer's content
 * leaves the chain verifiable. The app role may read and append, never change or delete.
 */
import type { Knex } from 'knex';
import { enableWorkspaceRls } from '../tenant-rls.ts';

export const TABLES = ['evidence_records'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table evidence_records (
      partner_id text collate "C" not null,
      workspace_id text collate "C" not null,
      seq bigint not null check (seq >= 1),
      type text not null check (type ~ '^[a-z_]+\\.[a-z_]+$'),
      conversation_id text,
      message_id text,
      draft_id text,
      provider_message_id text,
      content_sha256 text check (content_sha256 ~ '^[0-9a-f]{64}$'),
      actor text not null,
      data jsonb not null default '{}',
      created_at timestamptz not null,
      prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
      hash text not null check (hash ~ '^[0-9a-f]{64}$'),
      primary key (partner_id, workspace_id, seq),
      foreign key (partner_id, workspace_id) references workspaces (partner_id, id) on delete cascade
    );
    create index evidence_records_message_idx on evidence_records (partner_id, workspace_id, message_id);
    create index evidence_records_conversation_idx on evidence_records (partner_id, workspace_id, conversation_id);
  `);
  await enableWorkspaceRls(knex, 'evidence_records', ['select', 'insert']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists evidence_records');
}
