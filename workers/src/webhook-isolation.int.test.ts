/**
 * One partner's endpoint must not hold up another partner's events. Through the running workers:
 * a partner endpoint that hangs (the test holds its answers open, then releases them) keeps more
 * deliveries in flight than the queue has slots, and another partner's event, committed after,
 * still arrives while the first partner's deliveries are held; an endpoint that answers 500 gets
 * its retries scheduled in Postgres, not queued ahead of others; an endpoint that never answers is
 * cut at the delivery timeout (shortened here) and retried later. Nothing sleeps: each step
 * awaits requests at the receivers or rows.
 */
import type { ServerResponse } from 'node:http';
import { createLogger, withTenant } from '@laras/core';
import { appendEvent } from '@laras/core/events';
import type { components } from '@laras/openapi';
import { createTestPartner, startTestApi, type TestApi } from '@laras/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { catalog } from './catalog.ts';
import { type RunningWorkers, type StartOptions, startWorkers } from './start.ts';
import { type Receiver, startReceiver } from './webhook-receiver.test-helper.ts';

type EndpointWithSecret = components['schemas']['WebhookEndpointWithSecret'];

const deliverySpec = catalog.webhooks.jobs['deliver-webhook'];
/** How many of one partner's deliveries may be in flight in one worker process at a time. */
const SHARE = deliverySpec.fairShare.limit;

let api: TestApi;
const receivers: Receiver[] = [];

beforeAll(async () => {
  api = await startTestApi({ LARAS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' }, { ownServices: true });
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  await api?.close();
});

/** Running workers for one describe block (`close` waits for their jobs, so run it after releasing). */
function withWorkers(options: StartOptions = {}) {
  const running: { workers?: RunningWorkers } = {};
  beforeAll(async () => {
    running.workers = await startWorkers(api.config, createLogger({ level: 'silent' }), options);
  });
  afterAll(() => running.workers?.close());
}

/** A receiver whose answers the test holds open until it calls `release()`. */
async function hangingReceiver() {
  const receiver = await startReceiver();
  receivers.push(receiver);
  const held: ServerResponse[] = [];
  receiver.respond = (res) => held.push(res);
  return {
    receiver,
    held,
    /** Answers every held request and every later one with 200. */
    release() {
      receiver.respond = (res) => res.end('ok');
      for (const res of held.splice(0)) res.end('ok');
    },
  };
}

async function promptReceiver() {
  const receiver = await startReceiver();
  receivers.push(receiver);
  return receiver;
}

/** A partner with one workspace and an endpoint at `receiver`; `emit(n)` commits n events. */
async function partnerWithEndpoint(receiver: Receiver) {
  const partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Kopi' },
  });
  const endpoint = await api.call<EndpointWithSecret>('POST', '/v1/webhook-endpoints', {
    key: partner.apiKey,
    body: { url: `${receiver.url}/hook`, event_types: ['draft.rejected'] },
  });
  expect(endpoint.status).toBe(201);
  const scope = { partnerId: partner.partnerId, workspaceId: ws.body.id };
  return {
    endpointId: endpoint.body.id,
    emit: (count: number) =>
      withTenant(api.appDb, scope, async (tx) => {
        const ids: string[] = [];
        for (let i = 0; i < count; i += 1) {
          const data = { draft_id: `drf_${i}`, conversation_id: 'cnv_x' };
          ids.push((await appendEvent(tx, 'draft.rejected', data)).id);
        }
        return ids;
      }),
  };
}

const deliveriesOf = (endpointId: string) =>
  api.ownerDb('webhook_deliveries').where({ endpoint_id: endpointId }).orderBy('created_at');

/** Awaits the first truthy answer of `check` (polling, no sleeps in the test itself). */
function until<T>(check: () => Promise<T> | T, timeout = 10_000): Promise<Exclude<T, undefined | false>> {
  return vi.waitFor(
    async () => {
      const value = await check();
      if (value === undefined || value === false) throw new Error('not yet');
      return value as Exclude<T, undefined | false>;
    },
    { timeout, interval: 25 },
  );
}

const webhookIds = (receiver: Receiver) => receiver.received.map((r) => String(r.headers['webhook-id']));

describe('with the 15 s delivery timeout', () => {
  withWorkers();

  it("a hanging endpoint holds its own deliveries only: another partner's later event arrives meanwhile", async () => {
    const hanging = await hangingReceiver();
    const prompt = await promptReceiver();
    const p1 = await partnerWithEndpoint(hanging.receiver);
    const p2 = await partnerWithEndpoint(prompt);

    // More of P1's deliveries than the queue has worker slots: without a per-partner share they
    // would take every slot and P2's delivery would wait for them to time out.
    const p1Events = await p1.emit(catalog.webhooks.concurrency + 4);
    await until(() => hanging.receiver.received.length >= SHARE);
    await until(async () => (await deliveriesOf(p1.endpointId)).length === p1Events.length);

    const [p2Event] = await p2.emit(1);
    await until(() => prompt.received.length === 1);
    expect(webhookIds(prompt)).toEqual([p2Event]);
    // P1 is still hanging: nothing answered, nothing recorded, and it held no more than its share.
    expect(hanging.held.length).toBeGreaterThan(0);
    expect(hanging.receiver.received.length).toBeLessThanOrEqual(SHARE);
    expect((await deliveriesOf(p1.endpointId)).map((d) => d.status)).toEqual(p1Events.map(() => 'pending'));

    // Released, every one of P1's events is delivered, once each.
    hanging.release();
    await until(async () => {
      const deliveries = await deliveriesOf(p1.endpointId);
      return deliveries.length === p1Events.length && deliveries.every((d) => d.status === 'succeeded');
    }, 20_000);
    expect(webhookIds(hanging.receiver).sort()).toEqual([...p1Events].sort());
    expect((await deliveriesOf(p1.endpointId)).map((d) => d.attempts)).toEqual(p1Events.map(() => 1));
  });

  it("an endpoint that answers 500 gets its retries scheduled, not queued ahead of another partner's events", async () => {
    const failing = await promptReceiver();
    failing.respond = (res) => {
      res.statusCode = 500;
      res.end('down');
    };
    const prompt = await promptReceiver();
    const p1 = await partnerWithEndpoint(failing);
    const p2 = await partnerWithEndpoint(prompt);

    const p1Events = await p1.emit(catalog.webhooks.concurrency + 4);
    await until(async () => {
      const deliveries = await deliveriesOf(p1.endpointId);
      return deliveries.length === p1Events.length && deliveries.every((d) => d.attempts === 1);
    });
    const [p2Event] = await p2.emit(1);
    await until(() => prompt.received.length === 1);
    expect(webhookIds(prompt)).toEqual([p2Event]);

    // Each failure was one attempt; the next is Svix's 5 s later, kept in Postgres until due.
    const attempts = await api.ownerDb('webhook_attempts').where({ endpoint_id: p1.endpointId });
    expect(attempts).toHaveLength(p1Events.length);
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ succeeded: false, status_code: 500, error: 'http_500' });
      expect(attempt.next_attempt_at.getTime() - attempt.attempted_at.getTime()).toBe(5_000);
    }
    expect(failing.received).toHaveLength(p1Events.length);
  });
});

describe('with a delivery timeout shortened to 300 ms', () => {
  withWorkers({ deliveryTimeoutMs: 300 });

  it('an endpoint that never answers is cut at the timeout, recorded, and retried on the schedule', async () => {
    const hanging = await hangingReceiver();
    const prompt = await promptReceiver();
    const p1 = await partnerWithEndpoint(hanging.receiver);
    const p2 = await partnerWithEndpoint(prompt);

    const [p1Event] = await p1.emit(1);
    await until(() => hanging.receiver.received.length === 1);
    const [p2Event] = await p2.emit(1);
    await until(() => prompt.received.length === 1);
    expect(webhookIds(prompt)).toEqual([p2Event]);

    const [attempt] = await until(async () => {
      const rows = await api.ownerDb('webhook_attempts').where({ endpoint_id: p1.endpointId });
      return rows.length > 0 ? rows : undefined;
    });
    expect(attempt).toMatchObject({
      event_id: p1Event,
      succeeded: false,
      status_code: null,
      error: 'timeout',
    });
    expect(attempt.next_attempt_at.getTime() - attempt.attempted_at.getTime()).toBe(5_000);
    expect(await deliveriesOf(p1.endpointId)).toEqual([
      expect.objectContaining({ status: 'pending', attempts: 1 }),
    ]);
    hanging.release();
  });
});
