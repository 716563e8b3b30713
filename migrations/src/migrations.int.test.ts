/**
 * The schema from empty, up and down, and the database half of tenant isolation: as the app role,
 * no tenant means no rows, a tenant sees only its rows and cannot write another's.
 */
import { createHash, randomBytes } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import '@laras/testkit/provided';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  APP_ROLE,
  dropDatabase,
  ensureDatabase,
  migrateLatest,
  pendingMigrations,
  rollbackAll,
} from './index.ts';
import { TENANT_TABLES as FOUNDATION_TABLES } from './migrations/0001_foundation.ts';
import { TABLES as CONNECTION_TABLES } from './migrations/0002_connections.ts';
import { TABLES as USER_TABLES } from './migrations/0004_users_sessions.ts';
import { TABLES as EVENT_TABLES } from './migrations/0006_events.ts';
import { TABLES as WEBHOOK_TABLES } from './migrations/0007_webhook_events.ts';
import { TABLES as CONVERSATION_TABLES } from './migrations/0008_conversations.ts';
import { TABLES as INBOUND_TABLES } from './migrations/0009_inbound_processing.ts';
import { TABLES as EVIDENCE_TABLES } from './migrations/0010_evidence.ts';
import { TABLES as DRAFT_TABLES } from './migrations/0011_drafts.ts';
import { TABLES as DISPATCH_TABLES } from './migrations/0015_webhook_endpoints.ts';
import { TABLES as UNSUBSCRIBE_TABLES } from './migrations/0036_meta_unsubscribes.ts';
import { TABLES as ERASURE_TABLES } from './migrations/0038_data_erasures.ts';

const TENANT_TABLES = [
  ...FOUNDATION_TABLES,
  ...CONNECTION_TABLES,
  ...USER_TABLES,
  ...EVENT_TABLES,
  ...CONVERSATION_TABLES,
  ...EVIDENCE_TABLES,
  ...DRAFT_TABLES,
  ...DISPATCH_TABLES,
];
const ALL = [
  '0001_foundation',
  '0002_connections',
  '0003_data_deletion',
  '0004_users_sessions',
  '0005_token_refresh',
  '0006_events',
  '0007_webhook_events',
  '0008_conversations',
  '0009_inbound_processing',
  '0010_evidence',
  '0011_drafts',
  '0012_draft_expiry',
  '0013_draft_sending',
  '0014_draft_sweeps',
  '0015_webhook_endpoints',
  '0016_svix_publisher',
  '0017_partner_events',
  '0018_read_indexes',
  '0019_webhook_group_commit',
  '0020_event_retention',
  '0021_webhook_store_lookup',
  '0022_evidence_head',
  '0023_fair_deliveries_due',
  '0024_deletion_after_disconnect',
  '0025_conversation_routing_id',
  '0026_connections_for_waba',
  '0027_business_context_revision',
  '0028_instagram_app_scoped_id',
  '0029_hostname_verification',
  '0030_instagram_app_scoped_missing',
  '0031_hostname_takeover',
  '0032_business_context_revision_trigger',
  '0033_hostname_released_event',
  '0034_awaiting_draft_replyable_newer',
  '0035_webhook_event_retention',
  '0036_meta_unsubscribes',
  '0037_message_sender',
  '0038_data_erasures',
  '0039_draft_sent_message_index',
];

const scratchUrl = (() => {
  const url = new URL(inject('databaseUrl'));
  url.pathname = `/laras_mig_${randomBytes(4).toString('hex')}`;
  return url.toString();
})();
const appUrl = (() => {
  const url = new URL(scratchUrl);
  url.username = APP_ROLE;
  return url.toString();
})();

let owner: Knex;
let app: Knex;

beforeAll(async () => {
  expect(await ensureDatabase(scratchUrl)).toEqual({ created: true });
  expect(await ensureDatabase(scratchUrl)).toEqual({ created: false });
  owner = knexFactory({ client: 'pg', connection: scratchUrl, pool: { min: 0, max: 2 } });
  app = knexFactory({ client: 'pg', connection: appUrl, pool: { min: 0, max: 2 } });
});
afterAll(async () => {
  await Promise.allSettled([owner.destroy(), app.destroy()]);
  await dropDatabase(scratchUrl);
});

async function ourTables(): Promise<string[]> {
  const result = await owner.raw(
    "select tablename from pg_tables where schemaname = 'public' and tablename not like 'knex_%' order by 1",
  );
  return result.rows.map((row: { tablename: string }) => row.tablename);
}

/** Backends of the scratch database waiting for a lock (such as another transaction's new row). */
async function waitingOnLocks(db: Knex): Promise<number[]> {
  const result = await db.raw(
    "select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
  );
  return result.rows.map((row: { pid: number }) => row.pid);
}

async function ourFunctions(): Promise<string[]> {
  const result = await owner.raw(
    "select proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and proname like 'laras_%' order by 1",
  );
  return result.rows.map((row: { proname: string }) => row.proname);
}

describe('migrations', () => {
  it('go up from empty, down to empty, and up again', async () => {
    expect(await migrateLatest(scratchUrl)).toEqual(ALL);
    expect(await pendingMigrations(scratchUrl)).toEqual([]);
    expect(await ourTables()).toEqual(
      [
        ...TENANT_TABLES,
        'data_deletion_requests',
        ...WEBHOOK_TABLES,
        ...INBOUND_TABLES,
        ...UNSUBSCRIBE_TABLES,
        ...ERASURE_TABLES,
      ].sort(),
    );
    expect(await ourFunctions()).toHaveLength(43);

    await rollbackAll(scratchUrl);
    expect(await ourTables()).toEqual([]);
    expect(await ourFunctions()).toEqual([]);
    expect(await pendingMigrations(scratchUrl)).toEqual(ALL);

    expect(await migrateLatest(scratchUrl)).toEqual(ALL);
    expect(await migrateLatest(scratchUrl)).toEqual([]);
  });
});

describe('row-level security for the app role', () => {
  const a = 'ptn_01AAAAAAAAAAAAAAAAAAAAAAAA';
  const b = 'ptn_01BBBBBBBBBBBBBBBBBBBBBBBB';
  const wsA = 'ws_01AAAAAAAAAAAAAAAAAAAAAAAA';
  const wsA2 = 'ws_01AAAAAAAAAAAAAAAAAAAAAAA2';
  const wsB = 'ws_01BBBBBBBBBBBBBBBBBBBBBBBB';

  beforeAll(async () => {
    await migrateLatest(scratchUrl);
    await owner('partners').insert([
      { id: a, name: 'A' },
      { id: b, name: 'B' },
    ]);
    await owner('partner_hostnames').insert([
      { hostname: 'a.example', partner_id: a },
      { hostname: 'b.example', partner_id: b },
    ]);
    await owner('api_keys').insert([
      { id: 'key_a', partner_id: a, name: 'a', mode: 'test', prefix: 'lrs_test_a', secret_hash: 'hash-a' },
      { id: 'key_b', partner_id: b, name: 'b', mode: 'test', prefix: 'lrs_test_b', secret_hash: 'hash-b' },
    ]);
    await owner('workspaces').insert([
      { id: wsA, partner_id: a, name: 'A1' },
      { id: wsA2, partner_id: a, name: 'A2' },
      { id: wsB, partner_id: b, name: 'B1' },
    ]);
    for (const [ws, partner] of [
      [wsA, a],
      [wsA2, a],
      [wsB, b],
    ] as const) {
      await owner('business_contexts').insert({ workspace_id: ws, partner_id: partner, document: {} });
      await owner('review_rules').insert({ workspace_id: ws, partner_id: partner });
      await owner('connect_sessions').insert({
        id: `cs_${ws}`,
        partner_id: partner,
        workspace_id: ws,
        channel: 'whatsapp',
        token_hash: `token-${ws}`,
        expires_at: new Date(Date.now() + 600_000),
      });
      await owner('connections').insert({
        id: `con_${ws}`,
        partner_id: partner,
        workspace_id: ws,
        channel: 'instagram',
        status: 'active',
        routing_id: `ig-${ws}`,
      });
      const user = { partner_id: partner, workspace_id: ws, user_id: `usr_${ws}` };
      await owner('users').insert({
        id: user.user_id,
        partner_id: partner,
        workspace_id: ws,
        email: `owner@${ws.toLowerCase()}.example`,
        role: 'owner',
      });
      const expires_at = new Date(Date.now() + 600_000);
      await owner('portal_sessions').insert({
        ...user,
        id: `ses_${ws}`,
        token_hash: `ses-${ws}`,
        expires_at,
      });
      await owner('sign_in_links').insert({
        ...user,
        id: `sil_${ws}`,
        token_hash: `sil-${ws}`,
        purpose: 'sign_in',
        expires_at,
      });
      await owner('contacts').insert({
        id: `ctc_${ws}`,
        partner_id: partner,
        workspace_id: ws,
        channel: 'whatsapp',
        provider_user_id: `wa-${ws}`,
      });
      await owner('conversations').insert({
        id: `cnv_${ws}`,
        partner_id: partner,
        workspace_id: ws,
        channel: 'whatsapp',
        surface: 'whatsapp',
        thread_key: `wa-${ws}`,
        contact_id: `ctc_${ws}`,
        last_message_at: new Date(),
      });
      await owner('messages').insert({
        id: `msg_${ws}`,
        partner_id: partner,
        workspace_id: ws,
        conversation_id: `cnv_${ws}`,
        channel: 'whatsapp',
        direction: 'inbound',
        type: 'text',
        text: 'hi',
        provider_message_id: `wamid.${ws}`,
        sent_at: new Date(),
      });
      await owner('drafts').insert({
        id: `drf_${ws}`,
        partner_id: partner,
        workspace_id: ws,
        conversation_id: `cnv_${ws}`,
        message_id: `msg_${ws}`,
        state: 'pending_approval',
        text: 'Hello!',
        language: 'en',
        intent: 'greeting',
        confidence: 0.9,
        needs_human: false,
        provider: 'builtin',
        model: 'builtin-ranker',
        prompt_version: 'builtin-1',
        timing_ms: 1,
        verdict: { pass: true, score: 1, reasons: [] },
        decision: { action: 'hold', reasons: [] },
      });
      await owner('evidence_records').insert({
        partner_id: partner,
        workspace_id: ws,
        seq: 1,
        type: 'message.received',
        actor: 'customer',
        created_at: new Date(),
        prev_hash: '0'.repeat(64),
        hash: 'a'.repeat(64),
      });
      await owner('events').insert({
        id: `evt_${ws}`,
        partner_id: partner,
        workspace_id: ws,
        type: 'connection.connected',
        data: {},
      });
      await owner('webhook_endpoints').insert({
        id: `whep_${ws}`,
        partner_id: partner,
        url: 'https://hooks.example/x',
        secret_ciphertext: 'c',
      });
      await owner('webhook_deliveries').insert({
        id: `whd_${ws}`,
        partner_id: partner,
        endpoint_id: `whep_${ws}`,
        event_id: `evt_${ws}`,
        event_type: 'connection.connected',
      });
      await owner('webhook_attempts').insert({
        id: `wha_${ws}`,
        partner_id: partner,
        endpoint_id: `whep_${ws}`,
        delivery_id: `whd_${ws}`,
        event_id: `evt_${ws}`,
        event_type: 'connection.connected',
        succeeded: false,
        latency_ms: 3,
        attempted_at: new Date(),
      });
    }
    await owner('idempotency_keys').insert([
      {
        partner_id: a,
        key: 'k',
        method: 'POST',
        path: '/',
        request_hash: 'h',
        state: 'completed',
        expires_at: new Date(),
      },
      {
        partner_id: b,
        key: 'k',
        method: 'POST',
        path: '/',
        request_hash: 'h',
        state: 'completed',
        expires_at: new Date(),
      },
    ]);
  });

  const asTenant = <T>(partnerId: string, workspaceId: string, fn: (trx: Knex.Transaction) => Promise<T>) =>
    app.transaction(async (trx) => {
      await trx.raw("select set_config('app.partner_id', ?, true), set_config('app.workspace_id', ?, true)", [
        partnerId,
        workspaceId,
      ]);
      return fn(trx);
    });

  it('is not the owner and cannot bypass row-level security', async () => {
    const role = await owner.raw('select rolsuper, rolbypassrls from pg_roles where rolname = ?', [APP_ROLE]);
    expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
    const owners = await owner.raw(
      "select distinct tableowner from pg_tables where schemaname = 'public' and tablename not like 'knex_%'",
    );
    expect(owners.rows.map((r: { tableowner: string }) => r.tableowner)).not.toContain(APP_ROLE);
    // Turning row security off makes Postgres refuse the query rather than show rows.
    await expect(
      app.transaction(async (trx) => {
        await trx.raw('set local row_security = off');
        return trx('workspaces').select('id');
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it('shows no rows of any table when no tenant is set', async () => {
    for (const table of TENANT_TABLES) {
      expect(await app(table).select('*'), table).toEqual([]);
    }
    // Also after a transaction that did set one, on the same pooled connection.
    await asTenant(a, '', (trx) => trx('workspaces').select('id'));
    expect(await app('workspaces').select('id')).toEqual([]);
  });

  it('shows a partner only its own rows', async () => {
    await asTenant(a, '', async (trx) => {
      expect((await trx('partners').select('id')).map((r) => r.id)).toEqual([a]);
      expect((await trx('workspaces').select('id').orderBy('id')).map((r) => r.id)).toEqual(
        [wsA2, wsA].sort(),
      );
      for (const table of TENANT_TABLES) {
        const rows = await trx(table).select('*');
        expect(rows.length, table).toBeGreaterThan(0);
        for (const row of rows) expect(row.partner_id ?? row.id, table).toBe(a);
      }
    });
  });

  it('narrows to one workspace when one is set', async () => {
    await asTenant(a, wsA, async (trx) => {
      expect((await trx('workspaces').select('id')).map((r) => r.id)).toEqual([wsA]);
      expect((await trx('business_contexts').select('workspace_id')).map((r) => r.workspace_id)).toEqual([
        wsA,
      ]);
      expect((await trx('review_rules').select('workspace_id')).map((r) => r.workspace_id)).toEqual([wsA]);
    });
  });

  it('shows an event without a workspace to its partner only, never inside a workspace', async () => {
    await asTenant(a, '', (trx) =>
      trx('events').insert({
        id: 'evt_partner_a',
        partner_id: a,
        type: 'webhook_endpoint.disabled',
        data: {},
      }),
    );
    const seen = (partnerId: string, workspaceId: string) =>
      asTenant(partnerId, workspaceId, async (trx) =>
        (await trx('events').whereNull('workspace_id').select('id')).map((r) => r.id),
      );
    expect(await seen(a, '')).toEqual(['evt_partner_a']);
    expect(await seen(a, wsA)).toEqual([]);
    expect(await seen(b, '')).toEqual([]);
    // A workspace-scoped transaction cannot write one either.
    await expect(
      asTenant(a, wsA, (trx) =>
        trx('events').insert({
          id: 'evt_partner_x',
          partner_id: a,
          type: 'webhook_endpoint.disabled',
          data: {},
        }),
      ),
    ).rejects.toThrow(/row-level security/);
    await owner('events').where({ id: 'evt_partner_a' }).delete();
  });

  it('refuses to write rows of another partner', async () => {
    await expect(
      asTenant(a, '', (trx) =>
        trx('workspaces').insert({ id: 'ws_01XXXXXXXXXXXXXXXXXXXXXXXX', partner_id: b, name: 'x' }),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await asTenant(a, '', (trx) =>
      trx('workspaces').where({ id: wsB }).update({ name: 'hijack' }),
    );
    expect(updated).toBe(0);
    const deleted = await asTenant(a, '', (trx) => trx('api_keys').where({ id: 'key_b' }).delete());
    expect(deleted).toBe(0);
    expect((await owner('workspaces').where({ id: wsB }).first()).name).toBe('B1');
  });

  it('authenticates a key without a tenant through the definer function only', async () => {
    const found = await app.raw('select * from laras_authenticate_api_key(?)', ['hash-b']);
    expect(found.rows).toEqual([{ api_key_id: 'key_b', partner_id: b, mode: 'test', revoked: false }]);
    const missing = await app.raw('select * from laras_authenticate_api_key(?)', ['nope']);
    expect(missing.rows).toEqual([]);
    await owner('api_keys').where({ id: 'key_b' }).update({ revoked_at: new Date() });
    const revoked = await app.raw('select * from laras_authenticate_api_key(?)', ['hash-b']);
    expect(revoked.rows[0].revoked).toBe(true);
    const hostname = await app.raw('select laras_partner_id_for_hostname(?) as id', ['A.EXAMPLE']);
    expect(hostname.rows[0].id).toBe(a);
  });

  it('finds users, sessions and links without a tenant through the definer functions only', async () => {
    const user = await app.raw('select * from laras_user_for_sign_in(?, ?)', [
      a,
      `OWNER@${wsA.toLowerCase()}.example`,
    ]);
    expect(user.rows).toEqual([{ user_id: `usr_${wsA}`, workspace_id: wsA }]);
    expect(
      (await app.raw('select * from laras_user_for_sign_in(?, ?)', [b, `owner@${wsA.toLowerCase()}.example`]))
        .rows,
    ).toEqual([]);
    const session = await app.raw('select * from laras_portal_session_by_token(?)', [`ses-${wsB}`]);
    expect(session.rows).toEqual([
      expect.objectContaining({
        session_id: `ses_${wsB}`,
        partner_id: b,
        workspace_id: wsB,
        role: 'owner',
        revoked: false,
      }),
    ]);
    const link = await app.raw('select * from laras_sign_in_link_by_token(?)', [`sil-${wsA2}`]);
    expect(link.rows).toEqual([
      { link_id: `sil_${wsA2}`, partner_id: a, workspace_id: wsA2, user_id: `usr_${wsA2}` },
    ]);
    // The same e-mail cannot be used twice within a partner, but can across partners.
    await expect(
      owner('users').insert({
        id: 'usr_dup',
        partner_id: a,
        workspace_id: wsA2,
        email: `owner@${wsA.toLowerCase()}.example`,
        role: 'agent',
      }),
    ).rejects.toThrow(/users_partner_id_email_unique/);
    await owner('users').insert({
      id: 'usr_other',
      partner_id: b,
      workspace_id: wsB,
      email: `owner@${wsA.toLowerCase()}.example`,
      role: 'agent',
    });
  });

  it('routes one number to one workspace only, across tenants, until it is disconnected', async () => {
    const connection = { channel: 'whatsapp', status: 'active', routing_id: '106540352242922' };
    await owner('connections').insert({ ...connection, id: 'con_wa_a', partner_id: a, workspace_id: wsA });
    await expect(
      owner('connections').insert({ ...connection, id: 'con_wa_b', partner_id: b, workspace_id: wsB }),
    ).rejects.toThrow(/connections_routing_unique/);
    await owner('connections')
      .where({ id: 'con_wa_a' })
      .update({ status: 'disconnected', routing_id: null, disconnected_at: new Date() });
    await owner('connections').insert({ ...connection, id: 'con_wa_b', partner_id: b, workspace_id: wsB });
    const found = await app.raw('select * from laras_connections_for_account(?, ?)', [
      'whatsapp',
      '106540352242922',
    ]);
    expect(found.rows).toEqual([{ connection_id: 'con_wa_b', partner_id: b, workspace_id: wsB }]);
  });

  it('finds an Instagram account for Meta callbacks by its account id or app-scoped id, routes by the account id', async () => {
    const sha = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');
    const ig = (id: string, partner: string, ws: string, routing: string, appScoped: string) => ({
      id,
      partner_id: partner,
      workspace_id: ws,
      channel: 'instagram',
      status: 'active',
      routing_id: routing,
      ig_app_scoped_sha256: sha(appScoped),
    });
    await owner('connections').insert([
      ig('con_ig_a', a, wsA, '17841400000000077', '9100000000000077'),
      ig('con_ig_b', b, wsB, '17841400000000088', '9100000000000088'),
    ]);
    const call = async (fn: string, channel: string, id: string) =>
      (await app.raw(`select * from ${fn}(?, ?)`, [channel, id])).rows;
    const onlyA = [{ connection_id: 'con_ig_a', partner_id: a, workspace_id: wsA }];
    for (const id of ['17841400000000077', '9100000000000077']) {
      expect(await call('laras_connections_for_deauthorize', 'instagram', id)).toEqual(onlyA);
      expect(await call('laras_connections_for_deletion', 'instagram', id)).toEqual(onlyA);
      expect(await call('laras_connections_for_deauthorize', 'whatsapp', id)).toEqual([]);
    }
    expect(await call('laras_connections_for_account', 'instagram', '9100000000000077')).toEqual([]);

    // Disconnected: deauthorize has nothing left to do; a deletion still finds it by either id.
    await owner('connections')
      .where({ id: 'con_ig_a' })
      .update({
        status: 'disconnected',
        routing_id: null,
        account_sha256: sha('17841400000000077'),
      });
    expect(await call('laras_connections_for_deauthorize', 'instagram', '9100000000000077')).toEqual([]);
    for (const id of ['17841400000000077', '9100000000000077'])
      expect(await call('laras_connections_for_deletion', 'instagram', id)).toEqual(onlyA);

    await expect(
      owner('connections').insert({
        id: 'con_wa_scoped',
        partner_id: a,
        workspace_id: wsA,
        channel: 'whatsapp',
        status: 'active',
        ig_app_scoped_sha256: sha('1'),
      }),
    ).rejects.toThrow(/connections_app_scoped_instagram_only/);
  });

  it('never keeps a token on a disconnected connection', async () => {
    await expect(
      owner('connections').insert({
        id: 'con_bad',
        partner_id: a,
        workspace_id: wsA,
        channel: 'instagram',
        status: 'disconnected',
        token_ciphertext: 'x',
        token_key_version: 1,
      }),
    ).rejects.toThrow(/check/);
  });

  it('purges only expired idempotency keys', async () => {
    await owner('idempotency_keys')
      .where({ partner_id: b })
      .update({ expires_at: new Date(Date.now() + 3_600_000) });
    await owner('idempotency_keys')
      .where({ partner_id: a })
      .update({ expires_at: new Date(Date.now() - 1000) });
    const purged = await app.raw('select laras_purge_expired_idempotency_keys() as n');
    expect(purged.rows[0].n).toBe(1);
    expect((await owner('idempotency_keys').select('partner_id')).map((r) => r.partner_id)).toEqual([b]);
  });
});

describe('webhook deliveries for the app role', () => {
  beforeAll(async () => {
    await migrateLatest(scratchUrl);
  });

  const store = (id: string, source: string, body: string) =>
    app.raw('select * from laras_store_webhook_event(?, ?, ?)', [id, source, body]);

  it('are stored through the definer function only, once per source and body', async () => {
    const body = `{"object":"instagram","entry":[],"n":"${randomBytes(8).toString('hex')}"}`;
    expect((await store('whe_1', 'instagram', body)).rows).toEqual([{ event_id: 'whe_1', duplicate: false }]);
    expect((await store('whe_2', 'instagram', body)).rows).toEqual([{ event_id: 'whe_1', duplicate: true }]);
    expect((await store('whe_3', 'whatsapp', body)).rows).toEqual([{ event_id: 'whe_3', duplicate: false }]);
    const rows = await owner('webhook_events').whereIn('id', ['whe_1', 'whe_2', 'whe_3']).orderBy('id');
    expect(rows.map((r) => [r.id, r.source, r.status, r.attempts])).toEqual([
      ['whe_1', 'instagram', 'pending', 0],
      ['whe_3', 'whatsapp', 'pending', 0],
    ]);
    expect(rows[0].raw_body).toBe(body);
    expect(rows[0].body_sha256).toBe(createHash('sha256').update(body, 'utf8').digest('hex'));
    await expect(store('whe_4', 'messenger', body)).rejects.toThrow(/check/);
  });

  it('are stored many at once, each answered by position, a repeated body (also within the batch) once', async () => {
    const n = randomBytes(8).toString('hex');
    const stored = `{"object":"whatsapp_business_account","n":"${n}-0"}`;
    await store('whe_m0', 'whatsapp', stored);
    const fresh = `{"object":"whatsapp_business_account","n":"${n}-1"}`;
    const other = `{"object":"instagram","n":"${n}-2"}`;
    const result = await app.raw(
      'select * from laras_store_webhook_events(?::text[], ?::text[], ?::text[])',
      [
        ['whe_m1', 'whe_m2', 'whe_m3', 'whe_m4'],
        ['whatsapp', 'instagram', 'whatsapp', 'whatsapp'],
        [fresh, other, stored, fresh],
      ],
    );
    expect(result.rows).toEqual([
      { ordinal: 1, event_id: 'whe_m1', duplicate: false },
      { ordinal: 2, event_id: 'whe_m2', duplicate: false },
      { ordinal: 3, event_id: 'whe_m0', duplicate: true },
      { ordinal: 4, event_id: 'whe_m1', duplicate: true },
    ]);
    const rows = await owner('webhook_events')
      .whereIn('id', ['whe_m1', 'whe_m2', 'whe_m3', 'whe_m4'])
      .orderBy('id');
    expect(rows.map((r) => [r.id, r.raw_body, r.body_sha256])).toEqual([
      ['whe_m1', fresh, createHash('sha256').update(fresh, 'utf8').digest('hex')],
      ['whe_m2', other, createHash('sha256').update(other, 'utf8').digest('hex')],
    ]);
    await expect(
      app.raw('select * from laras_store_webhook_events(?::text[], ?::text[], ?::text[])', [
        ['whe_m5'],
        [],
        [],
      ]),
    ).rejects.toThrow(/differ in length/);
  });

  it('answers the row a concurrent batch committed meanwhile as the duplicate, and stores the rest', async () => {
    const n = randomBytes(8).toString('hex');
    const shared = `{"object":"whatsapp_business_account","n":"${n}-shared"}`;
    const own = `{"object":"whatsapp_business_account","n":"${n}-own"}`;
    const storeMany = (db: typeof app, ids: string[], bodies: string[]) =>
      db.raw('select * from laras_store_webhook_events(?::text[], ?::text[], ?::text[])', [
        ids,
        ids.map(() => 'whatsapp'),
        bodies,
      ]);
    const first = await app.transaction();
    try {
      await storeMany(first, ['whe_c1'], [shared]);
      // The second batch meets the first's uncommitted row: its insert waits for that commit.
      // (`then` sends it now: a knex query runs only once something waits for it.)
      const second = storeMany(app, ['whe_c2', 'whe_c3'], [shared, own]).then((result) => result);
      await expect.poll(async () => (await waitingOnLocks(owner)).length).toBeGreaterThan(0);
      await first.commit();
      expect((await second).rows).toEqual([
        { ordinal: 1, event_id: 'whe_c1', duplicate: true },
        { ordinal: 2, event_id: 'whe_c3', duplicate: false },
      ]);
    } finally {
      if (!first.isCompleted()) await first.rollback();
    }
    const rows = await owner('webhook_events').whereIn('id', ['whe_c1', 'whe_c2', 'whe_c3']).orderBy('id');
    expect(rows.map((r) => [r.id, r.raw_body])).toEqual([
      ['whe_c1', shared],
      ['whe_c3', own],
    ]);
  });

  it('cannot be read, written or deleted by the app role directly', async () => {
    await expect(app('webhook_events').select('id')).rejects.toThrow(/permission denied/);
    await expect(
      app('webhook_events').insert({
        id: 'whe_x',
        source: 'whatsapp',
        body_sha256: '0'.repeat(64),
        raw_body: '{}',
      }),
    ).rejects.toThrow(/permission denied/);
    await expect(app('webhook_events').update({ status: 'processed' })).rejects.toThrow(/permission denied/);
    await expect(app('webhook_events').delete()).rejects.toThrow(/permission denied/);
  });
});
