/**
 * Drafted replies: one per customer message that warrants a reply (unique per message, so a
 * retried drafting job stores one), with the drafter's output, the safety verdict and the review
 * decision. A newer customer message supersedes a draft still waiting in the same conversation.
 */
import type { Knex } from 'knex';
import { enableWorkspaceRls } from '../tenant-rls.ts';

export const TABLES = ['drafts'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table drafts (
      id text collate "C" primary key,
      partner_id text collate "C" not null,
      workspace_id text collate "C" not null,
      conversation_id text collate "C" not null,
      message_id text collate "C" not null,
      state text not null check (state in
        ('pending_approval', 'approved', 'rejected', 'superseded', 'expired', 'sending', 'sent', 'failed')),
      text text not null check (length(text) <= 4096),
      language text not null,
      intent text not null,
      citations jsonb not null default '[]',
      confidence double precision not null check (confidence between 0 and 1),
      needs_human boolean not null,
      needs_human_reason text,
      provider text not null,
      model text not null,
      prompt_version text not null,
      timing_ms double precision not null,
      verdict jsonb not null,
      decision jsonb not null,
      edited boolean not null default false,
      reviewed_by text,
      reviewed_at timestamptz,
      rejection_reason text check (length(rejection_reason) <= 500),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint drafts_message_unique unique (partner_id, workspace_id, message_id),
      foreign key (partner_id, workspace_id, conversation_id)
        references conversations (partner_id, workspace_id, id) on delete cascade
    );
    create index drafts_workspace_state_idx on drafts (partner_id, workspace_id, state, id desc);
    create index drafts_conversation_idx on drafts (partner_id, workspace_id, conversation_id);
  `);
  await enableWorkspaceRls(knex, 'drafts', ['select', 'insert', 'update']);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists drafts');
}
