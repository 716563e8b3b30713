import { createHash, randomBytes } from 'node:crypto';
import {
  type Config,
  createKnex,
  createLogger,
  createRedis,
  idsMadeFrom,
  type Knex,
  type Redis,
} from '@laras/core';
import { recordInboundMessage } from '@laras/core/conversations';
import { MAX_DELIVERY_ATTEMPTS } from '@laras/core/inbound';
import { createPartner } from '@laras/core/operator';
import { storedDeliveriesChannel } from '@laras/core/webhooks';
import { ownServices, testConfig } from '@laras/testkit';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queuePrefix } from './connection.ts';
import { enqueue } from './queues.ts';
import { type RunningWorkers, startWorkers } from './start.ts';

// The workers' sweepers act on every tenant: they get a database of their own.
let services: Awaited<ReturnType<typeof ownServices>>;
let config: Config;
let ownerDb: Knex;
let eventsConnection: Redis;
let workers: RunningWorkers;
let events: QueueEvents;

beforeAll(async () => {
  services = await ownServices();
  config = testConfig(services.env);
  ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'workers-test' });
  eventsConnection = createRedis(config.redis.url, 'queue', 'workers-test-events');
  workers = await startWorkers(config, createLogger({ level: 'silent' }));
  events = new QueueEvents('maintenance', { connection: eventsConnection, prefix: queuePrefix(config) });
  await events.waitUntilReady();
});
afterAll(async () => {
  await events.close();
  await workers.close();
  await ownerDb.destroy();
  eventsConnection.disconnect();
  await services.drop();
});

it('purges expired idempotency keys and keeps live ones', async () => {
  const { partnerId } = await createPartner(ownerDb, { name: 'Purge Test' });
  const row = {
    partner_id: partnerId,
    method: 'POST',
    path: '/v1/workspaces',
    request_hash: 'h',
    state: 'completed',
  };
  await ownerDb('idempotency_keys').insert([
    { ...row, key: 'expired', expires_at: new Date(Date.now() - 60_000) },
    { ...row, key: 'live', expires_at: new Date(Date.now() + 3_600_000) },
  ]);

  const job = await enqueue(workers.queues, 'maintenance', 'purge-idempotency-keys', {});
  const result = await job.waitUntilFinished(events, 10_000);

  expect(result).toEqual({ purged: expect.any(Number) });
  const left = await ownerDb('idempotency_keys').where({ partner_id: partnerId }).pluck('key');
  expect(left).toEqual(['live']);
});

it('prunes events handed on more than 90 days ago with their deliveries and attempts, keeping the rest', async () => {
  const { partnerId } = await createPartner(ownerDb, { name: 'Prune Test' });
  const workspaceId = `ws_prune_${partnerId.slice(-8)}`;
  await ownerDb('workspaces').insert({ id: workspaceId, partner_id: partnerId, name: 'Old Shop' });
  await ownerDb('webhook_endpoints').insert({
    id: `whep_${partnerId}`,
    partner_id: partnerId,
    url: 'https://hooks.example/laras',
    secret_ciphertext: 'c',
  });
  const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600_000);
  const event = (id: string, handedOn: Date | null) => ({
    id: `evt_${id}_${partnerId}`,
    partner_id: partnerId,
    workspace_id: workspaceId,
    type: 'workspace.created',
    data: { name: 'Old Shop', external_id: null },
    created_at: handedOn ?? new Date(),
    fanned_out_at: handedOn,
  });
  await ownerDb('events').insert([
    event('old', daysAgo(91)),
    event('old_pending', daysAgo(91)),
    event('recent', daysAgo(89)),
    event('not_handed_on', null),
  ]);
  const delivery = (id: string, status: string) => ({
    id: `whd_${id}_${partnerId}`,
    partner_id: partnerId,
    endpoint_id: `whep_${partnerId}`,
    event_id: `evt_${id}_${partnerId}`,
    event_type: 'workspace.created',
    status,
  });
  await ownerDb('webhook_deliveries').insert([delivery('old', 'failed'), delivery('old_pending', 'pending')]);
  await ownerDb('webhook_attempts').insert({
    id: `wha_old_${partnerId}`,
    partner_id: partnerId,
    endpoint_id: `whep_${partnerId}`,
    delivery_id: `whd_old_${partnerId}`,
    event_id: `evt_old_${partnerId}`,
    event_type: 'workspace.created',
    succeeded: false,
    status_code: 500,
    latency_ms: 12,
    attempted_at: daysAgo(91),
  });

  const job = await enqueue(workers.queues, 'maintenance', 'prune-events', {});
  // (The scheduled run may have got there first: what is left is what counts.)
  expect(await job.waitUntilFinished(events, 10_000)).toEqual({ pruned: expect.any(Number) });

  const left = await ownerDb('events').where({ partner_id: partnerId }).orderBy('id').pluck('id');
  expect(left).toEqual(
    ['not_handed_on', 'old_pending', 'recent'].map((id) => `evt_${id}_${partnerId}`).sort(),
  );
  expect(await ownerDb('webhook_deliveries').where({ partner_id: partnerId }).pluck('id')).toEqual([
    `whd_old_pending_${partnerId}`,
  ]);
  expect(await ownerDb('webhook_attempts').where({ partner_id: partnerId })).toEqual([]);
});

it("prunes Meta's raw deliveries 7 days after they came, once processed or given up, with their rejects", async () => {
  const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600_000);
  // Ids sort by when they were made; these are made up for the day each stands for.
  const tag = randomBytes(6)
    .toString('hex')
    .toUpperCase()
    .replace(/[ILOU]/g, 'X');
  const id = (name: string, at: Date) => `${idsMadeFrom('webhookEvent', at)}${name}${tag}`.slice(0, 30);
  const delivery = (name: string, at: Date, status: string, attempts: number) => ({
    id: id(name, at),
    source: 'whatsapp',
    body_sha256: createHash('sha256').update(`${name}${tag}`).digest('hex'),
    raw_body: JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: name }] }),
    received_at: at,
    status,
    attempts,
  });
  const rows = [
    delivery('AAOLDDONE', daysAgo(8), 'processed', 1),
    delivery('BBOLDGIVENUP', daysAgo(8), 'pending', MAX_DELIVERY_ATTEMPTS),
    delivery('CCOLDPENDING', daysAgo(8), 'pending', 1),
    delivery('DDRECENTDONE', daysAgo(6), 'processed', 1),
  ];
  await ownerDb('webhook_events').insert(rows);
  await ownerDb('inbound_rejects').insert(
    rows.map((row) => ({
      webhook_event_id: row.id,
      source: 'whatsapp',
      routing_id: '106540352242922',
      reason: 'unroutable',
      detail: 'no connection',
      raw: { from: '6281234567890', text: { body: 'Halo' } },
    })),
  );

  const job = await enqueue(workers.queues, 'maintenance', 'prune-deliveries', {});
  // (The scheduled run may have got there first: what is left is what counts.)
  expect(await job.waitUntilFinished(events, 10_000)).toEqual({ pruned: expect.any(Number) });

  const ids = rows.map((row) => row.id);
  const left = [rows[2]?.id, rows[3]?.id].sort();
  expect(await ownerDb('webhook_events').whereIn('id', ids).orderBy('id').pluck('id')).toEqual(left);
  expect(
    await ownerDb('inbound_rejects')
      .whereIn('webhook_event_id', ids)
      .orderBy('webhook_event_id')
      .pluck('webhook_event_id'),
  ).toEqual(left);
});

it("runs Meta's queued data deletions: the channel's content is erased and the request completed", async () => {
  const { partnerId } = await createPartner(ownerDb, { name: 'Erasure Test' });
  const workspaceId = `ws_erase_${partnerId.slice(-8)}`;
  await ownerDb('workspaces').insert({ id: workspaceId, partner_id: partnerId, name: 'Kopi Kita' });
  const appDb = createKnex({ url: config.database.appUrl, poolMax: 1, applicationName: 'workers-test' });
  try {
    const { message } = await recordInboundMessage(
      { db: appDb },
      { partnerId, workspaceId },
      {
        channel: 'whatsapp',
        surface: 'whatsapp',
        threadKey: '6281234567890',
        customer: { providerUserId: '6281234567890', name: 'Sari' },
        providerMessageId: `wamid.erase.${workspaceId}`,
        type: 'text',
        text: 'my address is Jl. Braga 1',
        details: {},
        sentAt: new Date(),
      },
    );
    const code = randomBytes(12).toString('hex');
    await ownerDb('data_deletion_requests').insert({
      confirmation_code: code,
      app: 'meta',
      status: 'in_progress',
      connections_cleared: 1,
    });
    await ownerDb('data_erasures').insert({
      confirmation_code: code,
      partner_id: partnerId,
      workspace_id: workspaceId,
      channel: 'whatsapp',
    });

    const job = await enqueue(workers.queues, 'maintenance', 'erase-deleted-data', {});
    // (The scheduled run may have got there first: what is left is what counts.)
    expect(await job.waitUntilFinished(events, 10_000)).toEqual({
      claimed: expect.any(Number),
      finished: expect.any(Number),
      steps: expect.any(Number),
    });
    expect(await ownerDb('data_deletion_requests').where({ confirmation_code: code }).first()).toMatchObject({
      status: 'completed',
    });
    expect(await ownerDb('messages').where({ id: message?.id }).first()).toMatchObject({ text: null });
  } finally {
    await appDb.destroy();
  }
});

it('schedules every repeating job: maintenance and the outbox sweepers of drafting, sending and webhooks', async () => {
  const keys = async (queue: 'maintenance' | 'drafting' | 'sending' | 'webhooks' | 'tokens') =>
    (await workers.queues[queue].getJobSchedulers()).map((s) => s.key);
  expect(await keys('maintenance')).toEqual(
    expect.arrayContaining([
      'purge-idempotency-keys:schedule',
      'expire-drafts:schedule',
      'warn-expiring-windows:schedule',
      'prune-events:schedule',
      'prune-deliveries:schedule',
      'erase-deleted-data:schedule',
    ]),
  );
  expect(await keys('drafting')).toEqual(['sweep-drafts:schedule']);
  expect(await keys('sending')).toEqual(['sweep-sends:schedule']);
  expect(await keys('webhooks')).toEqual(['sweep-webhook-deliveries:schedule']);
  expect((await keys('tokens')).sort()).toEqual([
    'refresh-instagram-tokens:schedule',
    'unsubscribe-accounts:schedule',
  ]);
});

it('runs the expiry warning job', async () => {
  const job = await enqueue(workers.queues, 'maintenance', 'warn-expiring-windows', {});
  expect(await job.waitUntilFinished(events, 10_000)).toEqual({ warned: expect.any(Number) });
});

it('runs the draft expiry job', async () => {
  const job = await enqueue(workers.queues, 'maintenance', 'expire-drafts', {});
  expect(await job.waitUntilFinished(events, 10_000)).toEqual({ expired: expect.any(Number) });
});

it('listens for the deliveries the API announces', async () => {
  const redis = createRedis(config.redis.url, 'queue', 'workers-test-numsub');
  await redis.connect();
  try {
    const [, listeners] = await redis.pubsub('NUMSUB', storedDeliveriesChannel(config.redis.prefix));
    expect(listeners).toBe(1);
  } finally {
    redis.disconnect();
  }
});

it('refuses a payload the catalog does not allow', async () => {
  const payload = { partnerId: 'x' };
  // @ts-expect-error the purge job takes no fields
  const attempt = enqueue(workers.queues, 'maintenance', 'purge-idempotency-keys', payload);
  await expect(attempt).rejects.toThrow(/partnerId/);
});
