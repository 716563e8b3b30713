/**
 * What customers said and to whom: contacts (a customer on one channel of a workspace),
 * conversations (a WhatsApp chat, an Instagram DM thread, or an Instagram comment thread) with
 * their customer-service window, and messages. A provider message id is unique per channel and
 * workspace, so a webhook delivered three times stores one message.
 */
import type { Knex } from 'knex';
import { enableWorkspaceRls } from '../tenant-rls.ts';

export const TABLES = ['contacts', 'conversations', 'messages'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table contacts (
      id text collate "C" primary key,
      partner_id text collate "C" not null,
      workspace_id text collate "C" not null,
      channel text not null check (channel in ('whatsapp', 'instagram')),
      provider_user_id text not null check (length(provider_user_id) between 1 and 64),
      name text check (length(name) <= 200),
      username text check (length(username) <= 100),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint contacts_provider_unique unique (partner_id, workspace_id, channel, provider_user_id),
      constraint contacts_tenant_id_unique unique (partner_id, workspace_id, id),
      foreign key (partner_id, workspace_id) references workspaces (partner_id, id) on delete cascade
    );

    create table conversations (
      id text collate "C" primary key,
      partner_id text collate "C" not null,
      workspace_id text collate "C" not null,
      channel text not null check (channel in ('whatsapp', 'instagram')),
      surface text not null check (surface in ('whatsapp', 'instagram_dm', 'instagram_comment')),
      thread_key text not null check (length(thread_key) between 1 and 200),
      contact_id text collate "C" not null,
      status text not null default 'open' check (status in ('open', 'closed')),
      needs_review boolean not null default false,
      last_message_at timestamptz not null,
      last_customer_message_at timestamptz,
      window_closes_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint conversations_thread_unique unique (partner_id, workspace_id, surface, thread_key),
      constraint conversations_tenant_id_unique unique (partner_id, workspace_id, id),
      foreign key (partner_id, workspace_id, contact_id) references contacts (partner_id, workspace_id, id)
        on delete cascade
    );
    create index conversations_activity_idx
      on conversations (partner_id, workspace_id, last_message_at desc, id desc);

    create table messages (
      id text collate "C" primary key,
      partner_id text collate "C" not null,
      workspace_id text collate "C" not null,
      conversation_id text collate "C" not null,
      channel text not null check (channel in ('whatsapp', 'instagram')),
      direction text not null check (direction in ('inbound', 'outbound')),
      type text not null check (length(type) between 1 and 40),
      text text check (length(text) <= 8192),
      details jsonb not null default '{}',
      provider_message_id text not null check (length(provider_message_id) between 1 and 300),
      sent_at timestamptz not null,
      status text check (status in ('pending', 'sent', 'delivered', 'read', 'failed')),
      status_at timestamptz,
      error jsonb,
      created_at timestamptz not null default now(),
      constraint messages_provider_unique unique (partner_id, workspace_id, channel, provider_message_id),
      foreign key (partner_id, workspace_id, conversation_id)
        references conversations (partner_id, workspace_id, id) on delete cascade
    );
    create index messages_conversation_idx on messages (partner_id, workspace_id, conversation_id, sent_at desc, id desc);
  `);

  for (const table of TABLES) await enableWorkspaceRls(knex, table);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists messages, conversations, contacts');
}
