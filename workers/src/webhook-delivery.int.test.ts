/**
 * Partner events end to end through the running workers: an event committed to the outbox is
 * fanned out by the sweeper, delivered to a local receiver signed in the Standard Webhooks format,
 * verified there by the real `svix` library and by the SDK's `verifyWebhook`, and its attempt is
 * listed through the API. The receiver is on 127.0.0.1, so the development flag is on.
 */
import { createLogger, withTenant } from '@laras/core';
import { appendEvent } from '@laras/core/events';
import type { components } from '@laras/openapi';
import { LarasWebhookVerificationError, verifyWebhook } from '@laras/sdk';
import { createTestPartner, startTestApi, type TestApi } from '@laras/testkit';
import { Webhook } from 'svix';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type RunningWorkers, startWorkers } from './start.ts';
import { type Receiver, startReceiver } from './webhook-receiver.test-helper.ts';

type EndpointWithSecret = components['schemas']['WebhookEndpointWithSecret'];
type AttemptList = components['schemas']['WebhookAttemptList'];

let api: TestApi;
let receiver: Receiver;
let workers: RunningWorkers | undefined;

beforeAll(async () => {
  api = await startTestApi({ LARAS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' }, { ownServices: true });
  receiver = await startReceiver();
  workers = await startWorkers(api.config, createLogger({ level: 'silent' }));
});
afterAll(async () => {
  await workers?.close();
  await receiver?.close();
  await api?.close();
});

it('delivers a committed event once, verifiably, and lists the attempt', async () => {
  const partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Kopi' },
  });
  const endpoint = await api.call<EndpointWithSecret>('POST', '/v1/webhook-endpoints', {
    key: partner.apiKey,
    body: { url: `${receiver.url}/laras`, event_types: ['draft.approved'] },
  });
  const arrived = receiver.next();
  const scope = { partnerId: partner.partnerId, workspaceId: ws.body.id };
  const event = await withTenant(api.appDb, scope, (tx) =>
    appendEvent(tx, 'draft.approved', {
      draft_id: 'drf_01JD5Q4ZB7S0M6G4B6Y7R1T2QX',
      conversation_id: 'conv_01JD5Q4ZB7S0M6G4B6Y7R1T2QX',
      edited: false,
    }),
  );
  const got = await arrived;
  expect(got.path).toBe('/laras');
  expect(got.headers['webhook-id']).toBe(event.id);

  const headers = {
    'webhook-id': String(got.headers['webhook-id']),
    'webhook-timestamp': String(got.headers['webhook-timestamp']),
    'webhook-signature': String(got.headers['webhook-signature']),
  };
  const bySvix = new Webhook(endpoint.body.secret).verify(got.body, headers);
  const bySdk = verifyWebhook(got.body, got.headers, endpoint.body.secret);
  expect(bySdk).toEqual(bySvix);
  expect(bySdk).toEqual({
    id: event.id,
    type: 'draft.approved',
    created_at: event.createdAt.toISOString(),
    workspace_id: ws.body.id,
    data: event.data,
  });
  const tampered = got.body.replace('draft.approved', 'draft.rejected');
  expect(() => verifyWebhook(tampered, got.headers, endpoint.body.secret)).toThrow(
    LarasWebhookVerificationError,
  );
  expect(() => new Webhook(endpoint.body.secret).verify(tampered, headers)).toThrow();

  const attempts = await vi.waitFor(
    async () => {
      const res = await api.call<AttemptList>('GET', `/v1/webhook-endpoints/${endpoint.body.id}/attempts`, {
        key: partner.apiKey,
      });
      if (res.body.data.length === 0) throw new Error('no attempt recorded yet');
      return res.body.data;
    },
    { timeout: 10_000, interval: 50 },
  );
  expect(attempts).toEqual([
    expect.objectContaining({
      event_id: event.id,
      event_type: 'draft.approved',
      succeeded: true,
      status_code: 200,
      response_excerpt: 'ok',
      error: null,
      next_attempt_at: null,
    }),
  ]);
  const delivery = await api.ownerDb('webhook_deliveries').where({ event_id: event.id }).first();
  expect(delivery).toMatchObject({ status: 'succeeded', attempts: 1 });
  expect(receiver.received).toHaveLength(1);
});
