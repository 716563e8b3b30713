/**
 * Partner events through Svix with the running workers: with SVIX_API_KEY set, the webhooks
 * sweeper publishes committed events to the Svix stand-in (one application per partner, each
 * event once) and the built-in dispatcher delivers nothing.
 */
import { createLogger, withTenant } from '@laras/core';
import { appendEvent } from '@laras/core/events';
import {
  createTestPartner,
  type SvixStandIn,
  startSvixStandIn,
  startTestApi,
  type TestApi,
} from '@laras/testkit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type RunningWorkers, startWorkers } from './start.ts';

let api: TestApi;
let standIn: SvixStandIn;
let workers: RunningWorkers | undefined;

beforeAll(async () => {
  standIn = await startSvixStandIn();
  api = await startTestApi(
    { SVIX_API_KEY: standIn.token, SVIX_SERVER_URL: standIn.url },
    { ownServices: true },
  );
  workers = await startWorkers(api.config, createLogger({ level: 'silent' }));
});
afterAll(async () => {
  await workers?.close();
  await api?.close();
  await standIn?.close();
});

it('publishes committed events to Svix once, under the partner application', async () => {
  const partner = await createTestPartner(api.ownerDb, 'Worker Agency');
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Kopi' },
  });
  const scope = { partnerId: partner.partnerId, workspaceId: ws.body.id };
  const events = [];
  for (const draft of ['drf_a', 'drf_b']) {
    events.push(
      await withTenant(api.appDb, scope, (tx) =>
        appendEvent(tx, 'draft.approved', { draft_id: draft, conversation_id: 'conv_x', edited: false }),
      ),
    );
  }
  // Creating the workspace emitted `workspace.created` in the same transaction.
  const created = await api
    .ownerDb('events')
    .where({ partner_id: partner.partnerId, workspace_id: ws.body.id, type: 'workspace.created' })
    .first();
  expect(created?.data).toEqual({ name: 'Kopi', external_id: null });
  const ids = [created.id, ...events.map((e) => e.id)];
  await vi.waitFor(
    async () => {
      const rows = await api
        .ownerDb('events')
        .where({ partner_id: partner.partnerId })
        .whereNull('fanned_out_at');
      if (rows.length > 0) throw new Error('events not published yet');
    },
    { timeout: 15_000, interval: 100 },
  );
  const app = standIn.apps.filter((a) => a.uid === partner.partnerId);
  expect(app).toHaveLength(1);
  const published = standIn.messages.filter((m) => m.appId === app[0]?.id);
  expect(published.map((m) => m.eventId).sort()).toEqual([...ids].sort());
  for (const id of ids) expect(published.filter((m) => m.eventId === id)).toHaveLength(1);
  expect(await api.ownerDb('webhook_deliveries').where({ partner_id: partner.partnerId })).toEqual([]);
});
