/**
 * The inbound job when part of a delivery fails for a fault of the database: the job fails (so
 * BullMQ retries it with backoff), and the messages that attempt did store are queued for drafting
 * first — the retry finds them as duplicates and would not queue them.
 */
import { randomBytes } from 'node:crypto';
import { createKnex, createLogger, createRedis, newId } from '@laras/core';
import { storeConnection } from '@laras/core/connections';
import { DeliveryRetryNeeded } from '@laras/core/inbound';
import { createPartner } from '@laras/core/operator';
import { parseKeyRing } from '@laras/core/vault';
import { createWebhookStore } from '@laras/core/webhooks';
import { testConfig } from '@laras/testkit';
import { afterAll, expect, it } from 'vitest';
import { queuePrefix } from '../connection.ts';
import { createQueues } from '../queues.ts';
import { processWebhookEvent } from './process-webhook-event.ts';

const config = testConfig();
const ownerDb = createKnex({
  url: config.database.ownerUrl,
  poolMax: 2,
  applicationName: 'inbound-job-test',
});
const appDb = createKnex({ url: config.database.appUrl, poolMax: 2, applicationName: 'inbound-job-test' });
const connection = createRedis(config.redis.url, 'queue', 'inbound-job-test');
const queues = createQueues(connection, queuePrefix(config));
afterAll(async () => {
  await queues.close();
  connection.disconnect();
  await Promise.all([ownerDb.destroy(), appDb.destroy()]);
});

/** `db` whose first transaction fails as a dropped connection does, before anything is sent. */
function firstTransactionFails(db: typeof appDb): typeof appDb {
  let failed = false;
  return new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'transaction' && !failed) {
        failed = true;
        return () => Promise.reject(new Error('Connection terminated unexpectedly'));
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

it('fails the job for a retry, and queues drafting for the message that attempt stored', async () => {
  const { partnerId } = await createPartner(ownerDb, { name: 'Inbound Job Agency' });
  const workspaceId = newId('workspace');
  await ownerDb('workspaces').insert({ id: workspaceId, partner_id: partnerId, name: 'Toko Roti' });
  const phoneNumberId = `11${Date.now()}${randomBytes(2).readUInt16BE()}`;
  await storeConnection(
    { db: appDb, vault: parseKeyRing(config.encryptionKeys) },
    { partnerId, workspaceId },
    {
      channel: 'whatsapp',
      wabaId: '419561257915477',
      phoneNumberId,
      displayPhoneNumber: '15550783881',
      verifiedName: 'Toko Roti',
      token: 'EAAS-test-token',
      tokenExpiresAt: null,
    },
  );
  const wamids = [1, 2].map(() => `wamid.${randomBytes(8).toString('hex')}`);
  const changes = wamids.map(
    (wamid, i) =>
      `{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"${phoneNumberId}"},"contacts":[{"profile":{"name":"Sari"},"wa_id":"6281234567890"}],"messages":[{"from":"6281234567890","id":"${wamid}","timestamp":"1749416383","type":"text","text":{"body":"Roti ${i}"}}]}}`,
  );
  const store = createWebhookStore(
    { db: appDb, logger: createLogger({ level: 'silent' }) },
    { maxWaitMs: 0, maxBatch: 1, maxWriters: 1 },
  );
  const body = `{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[${changes.join(',')}]}]}`;
  const { id } = await store.store('whatsapp', Buffer.from(body));

  const deps = { db: firstTransactionFails(appDb), logger: createLogger({ level: 'silent' }), queues };
  await expect(processWebhookEvent(deps, id)).rejects.toBeInstanceOf(DeliveryRetryNeeded);

  const stored = await ownerDb('messages').where({ workspace_id: workspaceId });
  expect(stored.map((m) => m.provider_message_id)).toEqual([wamids[1]]);
  const job = await queues.drafting.getJob(`draft_${stored[0].id}`);
  expect(job?.data).toEqual({ partnerId, workspaceId, messageId: stored[0].id });
  expect(await ownerDb('webhook_events').where({ id }).first()).toMatchObject({ status: 'pending' });
});
