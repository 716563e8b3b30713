import { createKnex, type Knex } from '@laras/core';
import { createPartner } from '@laras/core/operator';
import { ownServices, testConfig } from '@laras/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import { deliveriesDue } from './service.ts';

// Due deliveries are read across every tenant: this file has a database of its own.
let own: Awaited<ReturnType<typeof ownServices>>;
let ownerDb: Knex;
let appDb: Knex;

beforeAll(async () => {
  own = await ownServices();
  const config = testConfig(own.env);
  ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'due-test' });
  appDb = createKnex({ url: config.database.appUrl, poolMax: 2, applicationName: 'due-test' });
});
afterAll(async () => {
  await Promise.allSettled([ownerDb.destroy(), appDb.destroy()]);
  await own.drop();
});

/** A partner with one endpoint and `count` deliveries to it, due one millisecond apart from `from`. */
async function partnerWithDueDeliveries(count: number, from: Date) {
  const { partnerId } = await createPartner(ownerDb, { name: 'Agency' });
  const workspaceId = newId('workspace');
  await ownerDb('workspaces').insert({ id: workspaceId, partner_id: partnerId, name: 'Kopi' });
  const endpointId = newId('webhookEndpoint');
  await ownerDb('webhook_endpoints').insert({
    id: endpointId,
    partner_id: partnerId,
    url: 'https://hooks.example.com/laras',
    secret_ciphertext: 'sealed',
  });
  const events = Array.from({ length: count }, () => ({
    id: newId('event'),
    partner_id: partnerId,
    workspace_id: workspaceId,
    type: 'draft.created',
    data: {},
    fanned_out_at: from,
  }));
  await ownerDb.batchInsert('events', events, 500);
  const deliveries = events.map((event, i) => ({
    id: newId('webhookDelivery'),
    partner_id: partnerId,
    endpoint_id: endpointId,
    event_id: event.id,
    event_type: event.type,
    next_attempt_at: new Date(from.getTime() + i),
  }));
  await ownerDb.batchInsert('webhook_deliveries', deliveries, 500);
  return { partnerId, deliveryIds: deliveries.map((d) => d.id) };
}

it("a partner's backlog of due deliveries does not keep another partner's out of the batch", async () => {
  // A's endpoint has been failing: more deliveries are due than one batch holds, all due before B's.
  const backlog = await partnerWithDueDeliveries(30, new Date('2020-01-01T00:00:00Z'));
  const other = await partnerWithDueDeliveries(2, new Date('2020-01-02T00:00:00Z'));
  const due = await deliveriesDue({ db: appDb }, new Date('2020-01-03T00:00:00Z'), 10);

  expect(due).toHaveLength(10);
  expect(due.filter((d) => d.partnerId === other.partnerId).map((d) => d.deliveryId)).toEqual(
    other.deliveryIds,
  );
  // Each partner's own deliveries stay oldest first.
  expect(due.filter((d) => d.partnerId === backlog.partnerId).map((d) => d.deliveryId)).toEqual(
    backlog.deliveryIds.slice(0, 8),
  );
});
