/**
 * Migrations as a library: the start command, `npm run db:migrate` and the tests call these with a
 * database URL (as the schema owner). Migrations are listed statically so they load the same way
 * under tsx, vitest and node. Landed migrations are never edited; add a new one.
 */
import knexFactory, { type Knex } from 'knex';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_connections.ts';
import * as m0003 from './migrations/0003_data_deletion.ts';
import * as m0004 from './migrations/0004_users_sessions.ts';
import * as m0005 from './migrations/0005_token_refresh.ts';
import * as m0006 from './migrations/0006_events.ts';
import * as m0007 from './migrations/0007_webhook_events.ts';
import * as m0008 from './migrations/0008_conversations.ts';
import * as m0009 from './migrations/0009_inbound_processing.ts';
import * as m0010 from './migrations/0010_evidence.ts';
import * as m0011 from './migrations/0011_drafts.ts';
import * as m0012 from './migrations/0012_draft_expiry.ts';
import * as m0013 from './migrations/0013_draft_sending.ts';
import * as m0014 from './migrations/0014_draft_sweeps.ts';
import * as m0015 from './migrations/0015_webhook_endpoints.ts';
import * as m0016 from './migrations/0016_svix_publisher.ts';
import * as m0017 from './migrations/0017_partner_events.ts';
import * as m0018 from './migrations/0018_read_indexes.ts';
import * as m0019 from './migrations/0019_webhook_group_commit.ts';
import * as m0020 from './migrations/0020_event_retention.ts';
import * as m0021 from './migrations/0021_webhook_store_lookup.ts';
import * as m0022 from './migrations/0022_evidence_head.ts';
import * as m0023 from './migrations/0023_fair_deliveries_due.ts';
import * as m0024 from './migrations/0024_deletion_after_disconnect.ts';
import * as m0025 from './migrations/0025_conversation_routing_id.ts';
import * as m0026 from './migrations/0026_connections_for_waba.ts';
import * as m0027 from './migrations/0027_business_context_revision.ts';
import * as m0028 from './migrations/0028_instagram_app_scoped_id.ts';
import * as m0029 from './migrations/0029_hostname_verification.ts';
import * as m0030 from './migrations/0030_instagram_app_scoped_missing.ts';
import * as m0031 from './migrations/0031_hostname_takeover.ts';
import * as m0032 from './migrations/0032_business_context_revision_trigger.ts';
import * as m0033 from './migrations/0033_hostname_released_event.ts';
import * as m0034 from './migrations/0034_awaiting_draft_replyable_newer.ts';
import * as m0035 from './migrations/0035_webhook_event_retention.ts';
import * as m0036 from './migrations/0036_meta_unsubscribes.ts';
import * as m0037 from './migrations/0037_message_sender.ts';
import * as m0038 from './migrations/0038_data_erasures.ts';
import * as m0039 from './migrations/0039_draft_sent_message_index.ts';

export { APP_ROLE } from './roles.ts';

type Migration = { up: (knex: Knex) => Promise<void>; down: (knex: Knex) => Promise<void> };

const MIGRATIONS: ReadonlyArray<[string, Migration]> = [
  ['0001_foundation', m0001],
  ['0002_connections', m0002],
  ['0003_data_deletion', m0003],
  ['0004_users_sessions', m0004],
  ['0005_token_refresh', m0005],
  ['0006_events', m0006],
  ['0007_webhook_events', m0007],
  ['0008_conversations', m0008],
  ['0009_inbound_processing', m0009],
  ['0010_evidence', m0010],
  ['0011_drafts', m0011],
  ['0012_draft_expiry', m0012],
  ['0013_draft_sending', m0013],
  ['0014_draft_sweeps', m0014],
  ['0015_webhook_endpoints', m0015],
  ['0016_svix_publisher', m0016],
  ['0017_partner_events', m0017],
  ['0018_read_indexes', m0018],
  ['0019_webhook_group_commit', m0019],
  ['0020_event_retention', m0020],
  ['0021_webhook_store_lookup', m0021],
  ['0022_evidence_head', m0022],
  ['0023_fair_deliveries_due', m0023],
  ['0024_deletion_after_disconnect', m0024],
  ['0025_conversation_routing_id', m0025],
  ['0026_connections_for_waba', m0026],
  ['0027_business_context_revision', m0027],
  ['0028_instagram_app_scoped_id', m0028],
  ['0029_hostname_verification', m0029],
  ['0030_instagram_app_scoped_missing', m0030],
  ['0031_hostname_takeover', m0031],
  ['0032_business_context_revision_trigger', m0032],
  ['0033_hostname_released_event', m0033],
  ['0034_awaiting_draft_replyable_newer', m0034],
  ['0035_webhook_event_retention', m0035],
  ['0036_meta_unsubscribes', m0036],
  ['0037_message_sender', m0037],
  ['0038_data_erasures', m0038],
  ['0039_draft_sent_message_index', m0039],
];

const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => MIGRATIONS.map(([name]) => name),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const found = MIGRATIONS.find(([candidate]) => candidate === name);
    if (!found) throw new Error(`Unknown migration ${name}`);
    return found[1];
  },
};

async function withKnex<T>(databaseUrl: string, fn: (knex: Knex) => Promise<T>): Promise<T> {
  const knex = knexFactory({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 2 } });
  try {
    return await fn(knex);
  } finally {
    await knex.destroy();
  }
}

function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!name) throw new Error('The database URL names no database.');
  return name;
}

function maintenanceUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}

/** Creates the database of `databaseUrl` if it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<{ created: boolean }> {
  const name = databaseName(databaseUrl);
  return withKnex(maintenanceUrl(databaseUrl), async (knex) => {
    const existing = await knex.raw('select 1 from pg_database where datname = ?', [name]);
    if (existing.rows.length > 0) return { created: false };
    try {
      await knex.raw('create database ??', [name]);
    } catch (error) {
      // Another process created it between our check and our create.
      if ((error as { code?: string }).code === '42P04') return { created: false };
      throw error;
    }
    return { created: true };
  });
}

/** Drops the database of `databaseUrl` (used by tests for their scratch databases). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  await withKnex(maintenanceUrl(databaseUrl), (knex) =>
    knex.raw('drop database if exists ?? with (force)', [name]),
  );
}

/** Applies every pending migration; returns the names applied. */
export function migrateLatest(databaseUrl: string): Promise<string[]> {
  return withKnex(databaseUrl, async (knex) => {
    const [, applied] = (await knex.migrate.latest({ migrationSource })) as [number, string[]];
    return applied;
  });
}

/** Names of migrations not yet applied (empty when the schema is current). */
export function pendingMigrations(databaseUrl: string): Promise<string[]> {
  return withKnex(databaseUrl, async (knex) => {
    const [, pending] = (await knex.migrate.list({ migrationSource })) as [
      unknown[],
      Array<{ file: string } | string>,
    ];
    return pending.map((entry) => (typeof entry === 'string' ? entry : entry.file));
  });
}

/** Rolls back every migration, leaving the schema empty (but for knex's own bookkeeping tables). */
export function rollbackAll(databaseUrl: string): Promise<void> {
  return withKnex(databaseUrl, async (knex) => {
    await knex.migrate.rollback({ migrationSource }, true);
  });
}
