/**
 * The outbox's two promises, through the running workers: an event exists only if the change it
 * reports committed (a rolled-back transaction emits nothing), and an event that committed is
 * delivered exactly once even when no worker was running at the time (the process that made the
 * change crashed before handing it on) and two workers then pick it up at once.
 */
import { createLogger, withTenant } from '@laras/core';
import { appendEvent } from '@laras/core/events';
import type { components } from '@laras/openapi';
import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type RunningWorkers, startWorkers } from './start.ts';
import { type Receiver, startReceiver } from './webhook-receiver.test-helper.ts';

type EndpointWithSecret = components['schemas']['WebhookEndpointWithSecret'];

let api: TestApi;
let receiver: Receiver;
let partner: TestPartner;
let scope: { partnerId: string; workspaceId: string };
const running: RunningWorkers[] = [];

beforeAll(async () => {
  api = await startTestApi({ LARAS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' }, { ownServices: true });
  receiver = await startReceiver();
  partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Kopi' },
  });
  scope = { partnerId: partner.partnerId, workspaceId: ws.body.id };
  const endpoint = await api.call<EndpointWithSecret>('POST', '/v1/webhook-endpoints', {
    key: partner.apiKey,
    body: { url: `${receiver.url}/laras`, event_types: ['draft.approved'] },
  });
  expect(endpoint.status).toBe(201);
});
afterAll(async () => {
  await Promise.all(running.map((w) => w.close()));
  await receiver?.close();
  await api?.close();
});

const approved = (draftId: string) => ({ draft_id: draftId, conversation_id: 'conv_outbox', edited: false });

const receivedIds = () => receiver.received.map((r) => String(r.headers['webhook-id']));

it('emits nothing for a change that rolled back, and every committed event once, though no worker ran when it committed', async () => {
  // The change and its event roll back together.
  await expect(
    withTenant(api.appDb, scope, async (tx) => {
      await appendEvent(tx, 'draft.approved', approved('drf_rolled_back'));
      throw new Error('the change failed after its event was written');
    }),
  ).rejects.toThrow('the change failed');
  // Committed while no worker runs: the process that committed them "crashed" before handing on.
  const committed = [];
  for (const draft of ['drf_1', 'drf_2', 'drf_3']) {
    committed.push(
      await withTenant(api.appDb, scope, (tx) => appendEvent(tx, 'draft.approved', approved(draft))),
    );
  }
  const stored = await api.ownerDb('events').where({ type: 'draft.approved' }).select('id');
  expect(stored.map((e) => e.id).sort()).toEqual(committed.map((e) => e.id).sort());

  // Two workers come up at once; both sweep the same outbox.
  const logger = createLogger({ level: 'silent' });
  running.push(...(await Promise.all([startWorkers(api.config, logger), startWorkers(api.config, logger)])));
  const ids = committed.map((e) => e.id).sort();
  await vi.waitFor(
    () => {
      if (receivedIds().length < ids.length) throw new Error('not all delivered yet');
    },
    { timeout: 15_000, interval: 50 },
  );
  // One more committed event, delivered after the first three, proves the sweepers kept going and
  // nothing else (no copy, no rolled-back event) was on its way before it.
  const last = await withTenant(api.appDb, scope, (tx) =>
    appendEvent(tx, 'draft.approved', approved('drf_4')),
  );
  await vi.waitFor(
    () => {
      if (!receivedIds().includes(last.id)) throw new Error('the last event is not delivered yet');
    },
    { timeout: 15_000, interval: 50 },
  );
  expect(receivedIds().sort()).toEqual([...ids, last.id].sort());
  const bodies = receiver.received.map((r) => JSON.parse(r.body) as { data: { draft_id: string } });
  expect(bodies.map((b) => b.data.draft_id)).not.toContain('drf_rolled_back');
  // The receiver answers before the worker records the attempt: wait for the records.
  const deliveries = await vi.waitFor(
    async () => {
      const rows = await api.ownerDb('webhook_deliveries').where({ partner_id: partner.partnerId });
      if (rows.some((row) => row.status === 'pending')) throw new Error('attempts not recorded yet');
      return rows;
    },
    { timeout: 10_000, interval: 50 },
  );
  expect(deliveries).toHaveLength(4);
  for (const delivery of deliveries) expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1 });
});
