/**
 * The hand-off of stored deliveries: the API announces each committed batch's new deliveries and
 * the workers' listener queues their processing at once. No worker runs here, so no sweeper
 * either: a job that appears was queued by the announcement alone.
 */
import { createHash } from 'node:crypto';
import { createLogger, createRedis, type Redis } from '@laras/core';
import { signMetaPayload, storedDeliveriesChannel } from '@laras/core/webhooks';
import {
  metaJson,
  whatsappContact,
  whatsappEnvelope,
  whatsappMessage,
  whatsappValue,
} from '@laras/meta-sandbox';
import { startTestApi, type TestApi } from '@laras/testkit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { catalog } from './catalog.ts';
import { queuePrefix } from './connection.ts';
import { type DeliveryHandoff, startDeliveryHandoff } from './handoff.ts';
import { createQueues, type Queues } from './queues.ts';

let api: TestApi;
let connection: Redis;
let subscriber: Redis;
let listener: Redis;
let queues: Queues;
let handoff: DeliveryHandoff;
let channel: string;
/** Every announcement heard on the channel, in order, by a listener of the test's own. */
const heard: string[][] = [];

beforeAll(async () => {
  api = await startTestApi({}, { ownServices: true });
  channel = storedDeliveriesChannel(api.config.redis.prefix);
  connection = createRedis(api.config.redis.url, 'queue', 'handoff-test');
  subscriber = createRedis(api.config.redis.url, 'queue', 'handoff-test-subscriber');
  listener = createRedis(api.config.redis.url, 'queue', 'handoff-test-listener');
  await Promise.all([connection.connect(), subscriber.connect(), listener.connect()]);
  listener.on('message', (_, message: string) => heard.push(JSON.parse(message)));
  await listener.subscribe(channel);
  queues = createQueues(connection, queuePrefix(api.config));
  handoff = await startDeliveryHandoff({
    subscriber,
    channel,
    queues,
    logger: createLogger({ level: 'silent' }),
  });
});
afterAll(async () => {
  await handoff?.close();
  await queues?.close();
  for (const client of [connection, subscriber, listener]) client?.disconnect();
  await api?.close();
});

/** A customer's text message as Meta delivers it, with a fresh wamid each time. */
const waText = () => {
  const number = {
    wabaId: '419561257915477',
    phoneNumberId: '106540352242922',
    displayPhoneNumber: '15550783881',
  };
  const customer = { waId: '16505551234', name: 'Sheena Nelson' };
  const value = whatsappValue(number, {
    contacts: [whatsappContact(customer)],
    messages: [whatsappMessage({ type: 'text', text: 'Is the V60 in stock?' }, customer, number, new Date())],
  });
  return metaJson(whatsappEnvelope([{ wabaId: number.wabaId, values: [value] }]));
};

async function deliver(body: string) {
  const response = await api.call('POST', '/api/webhooks/wa', {
    rawBody: body,
    headers: { 'X-Hub-Signature-256': signMetaPayload(body, api.config.meta.appSecret) },
  });
  expect(response.status).toBe(200);
  const sha = createHash('sha256').update(body).digest('hex');
  const row = await api
    .ownerDb('webhook_events')
    .where({ source: 'whatsapp', body_sha256: sha })
    .first('id', 'status');
  if (!row) throw new Error('delivery not stored');
  return row as { id: string; status: string };
}

const jobOf = (id: string) =>
  vi.waitFor(
    async () => {
      const job = await queues.inbound.getJob(id);
      if (!job) throw new Error(`no job for ${id} yet`);
      return job;
    },
    { timeout: 5_000, interval: 20 },
  );

it('queues a stored delivery as soon as its batch has committed, keyed by the delivery', async () => {
  const delivery = await deliver(waText());

  const job = await jobOf(delivery.id);
  expect(job.name).toBe('process-webhook-event');
  expect(job.data).toEqual({ webhookEventId: delivery.id });
  expect(job.opts.attempts).toBe(catalog.inbound.jobs['process-webhook-event'].attempts);
  // Still pending: nothing processed it, and the sweeper would queue the same job id.
  expect(delivery.status).toBe('pending');
});

it('announces a delivery once: the same bytes delivered again are not announced', async () => {
  const first = waText();
  const a = await deliver(first);
  const again = await deliver(first);
  const b = await deliver(waText());

  expect(again.id).toBe(a.id);
  await jobOf(b.id);
  await vi.waitFor(() => expect(heard.flat()).toContain(b.id), { timeout: 5_000, interval: 20 });
  const from = heard.findIndex((ids) => ids.includes(a.id));
  expect(heard.slice(from)).toEqual([[a.id], [b.id]]);
});

it('ignores what is not an announcement and goes on queueing the next one', async () => {
  await api.redis.publish(channel, '{"ids": "not a list"}');
  await api.redis.publish(channel, JSON.stringify(['msg_01JD5Q4ZB7S0M6G4B6Y7R1T2QX']));
  const delivery = await deliver(waText());

  await jobOf(delivery.id);
  expect(await queues.inbound.getJob('msg_01JD5Q4ZB7S0M6G4B6Y7R1T2QX')).toBeUndefined();
});

it('stops listening on close', async () => {
  const numsub = async () => (await api.redis.pubsub('NUMSUB', channel))[1];
  expect(await numsub()).toBe(2);
  const standalone = createRedis(api.config.redis.url, 'queue', 'handoff-test-closing');
  await standalone.connect();
  const closing = await startDeliveryHandoff({
    subscriber: standalone,
    channel,
    queues,
    logger: createLogger({ level: 'silent' }),
  });
  expect(await numsub()).toBe(3);
  await closing.close();
  expect(await numsub()).toBe(2);
  standalone.disconnect();
});
