/**
 * The built-in dispatcher step by step, with the clock in the test's hands: fan-out, Svix's retry
 * schedule, giving up, disabling an endpoint after 5 days of failures, signing during a secret
 * rotation, and the SSRF rules at delivery. Calls core directly (no queue), on a database of this
 * file's own so no other file's events are fanned out here.
 */
import { withTenant } from '@laras/core';
import { attemptDelivery, type DispatchDeps, deliveriesDue, fanOutEvents } from '@laras/core/dispatch';
import { appendEvent } from '@laras/core/events';
import { parseKeyRing } from '@laras/core/vault';
import type { components } from '@laras/openapi';
import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import { Webhook } from 'svix';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from './webhook-receiver.test-helper.ts';

type EndpointWithSecret = components['schemas']['WebhookEndpointWithSecret'];
type AttemptList = components['schemas']['WebhookAttemptList'];

const HOUR = 3600_000;
const DAY = 24 * HOUR;

let api: TestApi;
let receiver: Receiver;
let deps: DispatchDeps;
let partner: TestPartner;
let workspaceId: string;

beforeAll(async () => {
  api = await startTestApi({ LARAS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS: 'true' }, { ownServices: true });
  receiver = await startReceiver();
  deps = { db: api.appDb, vault: parseKeyRing(api.config.encryptionKeys), allowPrivateNetworks: true };
});
afterAll(async () => {
  await receiver?.close();
  await api?.close();
});
beforeEach(async () => {
  partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Kopi' },
  });
  workspaceId = ws.body.id;
  // Hand off its `workspace.created` while the partner has no endpoint, so each test starts clean.
  await fanOutEvents(deps, new Date());
  receiver.received.length = 0;
  receiver.respond = (res) => res.end('ok');
});

async function endpoint(body: Record<string, unknown> = {}) {
  const res = await api.call<EndpointWithSecret>('POST', '/v1/webhook-endpoints', {
    key: partner.apiKey,
    body: { url: `${receiver.url}/hook`, ...body },
  });
  expect(res.status).toBe(201);
  return res.body;
}

/** A `draft.approved` event, or a `message.received` one to test type filters. */
async function event(type: 'draft.approved' | 'message.received' = 'draft.approved') {
  const scope = { partnerId: partner.partnerId, workspaceId };
  return withTenant(api.appDb, scope, (tx) =>
    type === 'draft.approved'
      ? appendEvent(tx, type, { draft_id: 'drf_x', conversation_id: 'conv_x', edited: false })
      : appendEvent(tx, type, {
          message_id: 'msg_x',
          conversation_id: 'conv_x',
          channel: 'whatsapp',
          surface: 'whatsapp',
          type: 'text',
        }),
  );
}

async function deliveryOf(eventId: string, endpointId: string) {
  const row = await api
    .ownerDb('webhook_deliveries')
    .where({ event_id: eventId, endpoint_id: endpointId })
    .first();
  if (!row) throw new Error('no delivery');
  return { partnerId: partner.partnerId, deliveryId: row.id as string };
}

describe('fan-out', () => {
  it('creates one delivery per matching enabled endpoint, once', async () => {
    const all = await endpoint();
    const filtered = await endpoint({ event_types: ['message.received'] });
    const off = await endpoint();
    await api.call('PATCH', `/v1/webhook-endpoints/${off.id}`, {
      key: partner.apiKey,
      body: { disabled: true },
    });
    const evt = await event('draft.approved');
    const now = new Date();
    expect(await fanOutEvents(deps, now)).toBe(1);
    expect(await fanOutEvents(deps, now)).toBe(0);
    const rows = await api.ownerDb('webhook_deliveries').where({ event_id: evt.id });
    expect(rows.map((r) => r.endpoint_id)).toEqual([all.id]);
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 0, event_type: 'draft.approved' });
    const marked = await api.ownerDb('events').where({ id: evt.id }).first();
    expect(marked.fanned_out_at).not.toBeNull();
    expect(filtered.id).not.toBe(all.id);
  });

  it('never duplicates a delivery when sweepers fan out at the same time', async () => {
    const ep = await endpoint();
    const events = [await event(), await event(), await event()];
    const now = new Date();
    const created = await Promise.all([
      fanOutEvents(deps, now),
      fanOutEvents(deps, now),
      fanOutEvents(deps, now),
    ]);
    expect(created.reduce((a, b) => a + b, 0)).toBe(3);
    const rows = await api.ownerDb('webhook_deliveries').where({ endpoint_id: ep.id });
    expect(rows.map((r) => r.event_id).sort()).toEqual(events.map((e) => e.id).sort());
  });
});

describe('delivery', () => {
  it('retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then fails the delivery', async () => {
    const ep = await endpoint();
    const evt = await event();
    const t0 = new Date();
    await fanOutEvents(deps, t0);
    const ref = await deliveryOf(evt.id, ep.id);
    receiver.respond = (res) => {
      res.statusCode = 500;
      res.end('x'.repeat(5000));
    };
    let now = t0;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      expect((await deliveriesDue(deps, now)).map((d) => d.deliveryId)).toContain(ref.deliveryId);
      const result = await attemptDelivery(deps, ref, now);
      expect(result).toMatchObject({ attempt, statusCode: 500 });
      if (!('nextAttemptAt' in result) || !result.nextAttemptAt) break;
      delays.push((result.nextAttemptAt.getTime() - now.getTime()) / 1000);
      // Not a moment early: neither due nor attemptable a millisecond before.
      const early = new Date(result.nextAttemptAt.getTime() - 1);
      expect((await deliveriesDue(deps, early)).map((d) => d.deliveryId)).not.toContain(ref.deliveryId);
      expect(await attemptDelivery(deps, ref, early)).toEqual({ status: 'skipped' });
      now = result.nextAttemptAt;
    }
    expect(delays).toEqual([5, 300, 1800, 7200, 18_000, 36_000, 36_000]);
    const delivery = await api.ownerDb('webhook_deliveries').where({ id: ref.deliveryId }).first();
    expect(delivery).toMatchObject({ status: 'failed', attempts: 8, next_attempt_at: null });
    expect(await attemptDelivery(deps, ref, new Date(now.getTime() + DAY))).toEqual({ status: 'skipped' });
    // Every attempt carried the same webhook-id: the event id, the receiver's idempotency key.
    expect(receiver.received).toHaveLength(8);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id']))).toEqual(new Set([evt.id]));

    const attempts = await api.call<AttemptList>('GET', `/v1/webhook-endpoints/${ep.id}/attempts?limit=100`, {
      key: partner.apiKey,
    });
    expect(attempts.body.data).toHaveLength(8);
    const [last, previous] = attempts.body.data;
    expect(last).toMatchObject({
      event_id: evt.id,
      event_type: 'draft.approved',
      succeeded: false,
      status_code: 500,
    });
    expect(last?.next_attempt_at).toBeNull();
    expect(last?.response_excerpt).toHaveLength(1024);
    expect(last?.error).toBe('http_500');
    expect(previous?.next_attempt_at).toBe(last?.attempted_at);

    // Per event: the other event's attempts are not in its list.
    const other = await event();
    await fanOutEvents(deps, now);
    await attemptDelivery(deps, await deliveryOf(other.id, ep.id), now);
    const ofEvent = await api.call<AttemptList>(
      'GET',
      `/v1/webhook-endpoints/${ep.id}/attempts?limit=100&event_id=${evt.id}`,
      { key: partner.apiKey },
    );
    expect(ofEvent.body.data).toHaveLength(8);
    expect(new Set(ofEvent.body.data.map((a) => a.event_id))).toEqual(new Set([evt.id]));
  });

  it('signs deliveries so the svix library verifies them, and records the success', async () => {
    const ep = await endpoint();
    const evt = await event('message.received');
    const now = new Date();
    await fanOutEvents(deps, now);
    const result = await attemptDelivery(deps, await deliveryOf(evt.id, ep.id), now);
    expect(result).toMatchObject({ status: 'succeeded', statusCode: 200, nextAttemptAt: null });
    const [got] = receiver.received;
    if (!got) throw new Error('nothing received');
    expect(got.headers['content-type']).toBe('application/json');
    const verified = new Webhook(ep.secret).verify(got.body, {
      'webhook-id': String(got.headers['webhook-id']),
      'webhook-timestamp': String(got.headers['webhook-timestamp']),
      'webhook-signature': String(got.headers['webhook-signature']),
    });
    expect(verified).toEqual({
      id: evt.id,
      type: 'message.received',
      created_at: evt.createdAt.toISOString(),
      workspace_id: workspaceId,
      data: evt.data,
    });
    expect(got.headers['webhook-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
  });

  it('signs with both secrets for 24 hours after a rotation, then only the new one', async () => {
    const ep = await endpoint();
    const rotatedAt = new Date();
    const rotated = await api.call<EndpointWithSecret>(
      'POST',
      `/v1/webhook-endpoints/${ep.id}/rotate-secret`,
      {
        key: partner.apiKey,
      },
    );
    const first = await event();
    await fanOutEvents(deps, rotatedAt);
    await attemptDelivery(deps, await deliveryOf(first.id, ep.id), new Date());
    const during = receiver.received[0];
    if (!during) throw new Error('nothing received');
    const headers = {
      'webhook-id': String(during.headers['webhook-id']),
      'webhook-timestamp': String(during.headers['webhook-timestamp']),
      'webhook-signature': String(during.headers['webhook-signature']),
    };
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(ep.secret).verify(during.body, headers)).not.toThrow();
    expect(() => new Webhook(rotated.body.secret).verify(during.body, headers)).not.toThrow();

    const later = new Date(rotatedAt.getTime() + 24 * HOUR + 60_000);
    const second = await event();
    await fanOutEvents(deps, later);
    await attemptDelivery(deps, await deliveryOf(second.id, ep.id), later);
    const after = receiver.received[1];
    if (!after) throw new Error('nothing received');
    const signature = String(after.headers['webhook-signature']);
    expect(signature.split(' ')).toHaveLength(1);
    expect(signature).toBe(new Webhook(rotated.body.secret).sign(second.id, later, after.body));
    expect(signature).not.toBe(new Webhook(ep.secret).sign(second.id, later, after.body));
  });

  it('disables an endpoint that failed for 5 days without a success, and resumes it when enabled', async () => {
    const ep = await endpoint();
    receiver.respond = (res) => {
      res.statusCode = 503;
      res.end();
    };
    const t0 = new Date();
    const attemptNewEvent = async (at: Date) => {
      const evt = await event();
      await fanOutEvents(deps, at);
      return attemptDelivery(deps, await deliveryOf(evt.id, ep.id), at);
    };
    expect(await attemptNewEvent(t0)).toMatchObject({ status: 'retrying', endpointDisabled: false });
    const row = await api.ownerDb('webhook_endpoints').where({ id: ep.id }).first();
    expect(row.failing_since).toEqual(t0);
    expect(await attemptNewEvent(new Date(t0.getTime() + 5 * DAY - 1000))).toMatchObject({
      endpointDisabled: false,
    });
    expect(await attemptNewEvent(new Date(t0.getTime() + 5 * DAY))).toMatchObject({ endpointDisabled: true });
    const got = await api.call<{ disabled: boolean; disabled_reason: string }>(
      'GET',
      `/v1/webhook-endpoints/${ep.id}`,
      { key: partner.apiKey },
    );
    expect(got.body).toMatchObject({ disabled: true, disabled_reason: 'failing_for_5_days' });
    // Disabled: its pending retries are not due, and new events are not fanned out to it.
    const later = new Date(t0.getTime() + 6 * DAY);
    const pending = await api.ownerDb('webhook_deliveries').where({ endpoint_id: ep.id, status: 'pending' });
    expect(pending.length).toBeGreaterThan(0);
    const due = (await deliveriesDue(deps, later)).map((d) => d.deliveryId);
    for (const p of pending) expect(due).not.toContain(p.id);
    const ignored = await event();
    await fanOutEvents(deps, later);
    expect(await api.ownerDb('webhook_deliveries').where({ event_id: ignored.id })).toEqual([]);

    await api.call('PATCH', `/v1/webhook-endpoints/${ep.id}`, {
      key: partner.apiKey,
      body: { disabled: false },
    });
    const resumed = (await deliveriesDue(deps, later)).map((d) => d.deliveryId);
    for (const p of pending) expect(resumed).toContain(p.id);
  });

  it("tells the partner's other endpoints that one was disabled, in the same transaction as disabling it", async () => {
    const failing = await endpoint();
    const watcher = await endpoint({
      url: `${receiver.url}/watcher`,
      event_types: ['webhook_endpoint.disabled'],
    });
    receiver.respond = (res) => {
      res.statusCode = res.req.url === '/watcher' ? 200 : 503;
      res.end();
    };
    const t0 = new Date();
    for (const at of [t0, new Date(t0.getTime() + 5 * DAY)]) {
      const evt = await event();
      await fanOutEvents(deps, at);
      // The watcher only subscribed to endpoint events: it gets no delivery of this one.
      expect(
        await api.ownerDb('webhook_deliveries').where({ event_id: evt.id, endpoint_id: watcher.id }),
      ).toEqual([]);
      await attemptDelivery(deps, await deliveryOf(evt.id, failing.id), at);
    }
    const [notice] = await api
      .ownerDb('events')
      .where({ partner_id: partner.partnerId, type: 'webhook_endpoint.disabled' });
    expect(notice).toMatchObject({
      workspace_id: null,
      data: {
        endpoint_id: failing.id,
        url: failing.url,
        failing_since: t0.toISOString(),
        disabled_at: new Date(t0.getTime() + 5 * DAY).toISOString(),
      },
    });
    const at = new Date(t0.getTime() + 5 * DAY + 1000);
    await fanOutEvents(deps, at);
    expect(
      await api.ownerDb('webhook_deliveries').where({ event_id: notice.id, endpoint_id: failing.id }),
    ).toEqual([]);
    receiver.received.length = 0;
    expect(await attemptDelivery(deps, await deliveryOf(notice.id, watcher.id), at)).toMatchObject({
      status: 'succeeded',
    });
    const [got] = receiver.received;
    expect(got?.path).toBe('/watcher');
    expect(got?.headers['webhook-signature']).toBe(
      new Webhook(watcher.secret).sign(notice.id, at, got?.body ?? ''),
    );
    expect(JSON.parse(got?.body ?? '')).toEqual({
      id: notice.id,
      type: 'webhook_endpoint.disabled',
      created_at: notice.created_at.toISOString(),
      workspace_id: null,
      data: notice.data,
    });
  });

  it('ends the failure streak with a success', async () => {
    const ep = await endpoint();
    receiver.respond = (res) => {
      res.statusCode = 500;
      res.end();
    };
    const first = await event();
    await fanOutEvents(deps, new Date());
    await attemptDelivery(deps, await deliveryOf(first.id, ep.id), new Date());
    expect(
      (await api.ownerDb('webhook_endpoints').where({ id: ep.id }).first()).failing_since,
    ).not.toBeNull();
    receiver.respond = (res) => res.end('ok');
    const second = await event();
    await fanOutEvents(deps, new Date());
    await attemptDelivery(deps, await deliveryOf(second.id, ep.id), new Date());
    expect((await api.ownerDb('webhook_endpoints').where({ id: ep.id }).first()).failing_since).toBeNull();
  });
});

describe('SSRF at delivery', () => {
  async function attemptTo(url: string, options: Partial<DispatchDeps> = {}) {
    const ep = await endpoint();
    await api.ownerDb('webhook_endpoints').where({ id: ep.id }).update({ url });
    const evt = await event();
    const now = new Date();
    await fanOutEvents(deps, now);
    const result = await attemptDelivery({ ...deps, ...options }, await deliveryOf(evt.id, ep.id), now);
    const attempt = await api.ownerDb('webhook_attempts').where({ endpoint_id: ep.id }).first();
    return { result, attempt };
  }

  it('refuses loopback without the development flag, by literal address and after DNS', async () => {
    const port = new URL(receiver.url).port;
    for (const url of [`http://127.0.0.1:${port}/hook`, `http://localhost:${port}/hook`]) {
      const { result, attempt } = await attemptTo(url, { allowPrivateNetworks: false });
      expect(result).toMatchObject({ status: 'retrying', statusCode: null });
      expect(attempt).toMatchObject({ succeeded: false, status_code: null });
      expect(attempt.error).toMatch(/^blocked_address/);
    }
    expect(receiver.received).toEqual([]);
  });

  it('connects by name to the address it resolved and checked (with the development flag)', async () => {
    const { result, attempt } = await attemptTo(`http://localhost:${new URL(receiver.url).port}/by-name`);
    expect(result).toMatchObject({ status: 'succeeded', statusCode: 200 });
    expect(attempt).toMatchObject({ succeeded: true, error: null });
    expect(receiver.received.map((r) => r.path)).toEqual(['/by-name']);
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/x',
    'http://0.0.0.0:1/x',
    'http://224.0.0.1/x',
  ])('never delivers to %s, even with the development flag', async (url) => {
    const { attempt } = await attemptTo(url);
    expect(attempt.status_code).toBeNull();
    expect(attempt.error).toMatch(/^blocked_address/);
  });

  it('does not follow a redirect (to the metadata address): a 3xx is a failure', async () => {
    receiver.respond = (res) => {
      res.statusCode = 302;
      res.setHeader('location', 'http://169.254.169.254/latest/meta-data/');
      res.end();
    };
    const { result, attempt } = await attemptTo(`${receiver.url}/hook`);
    expect(result).toMatchObject({ status: 'retrying', statusCode: 302 });
    expect(attempt).toMatchObject({ succeeded: false, status_code: 302, error: 'redirect_not_followed' });
    expect(receiver.received).toHaveLength(1);
  });

  it('gives up on an endpoint that does not answer in time', async () => {
    receiver.respond = () => {};
    const { result, attempt } = await attemptTo(`${receiver.url}/hook`, { timeoutMs: 300 });
    expect(result).toMatchObject({ status: 'retrying', statusCode: null });
    expect(attempt.error).toBe('timeout');
  });
});

describe('resend and recover', () => {
  type Requeue = components['schemas']['WebhookRequeue'];

  async function driveToFailure(ref: { partnerId: string; deliveryId: string }, from: Date) {
    let now = from;
    for (;;) {
      const result = await attemptDelivery(deps, ref, now);
      if (result.status !== 'retrying' || !result.nextAttemptAt) return result;
      now = result.nextAttemptAt;
    }
  }

  it('resends an event, also one the endpoint never had, with the same webhook-id', async () => {
    const ep = await endpoint({ event_types: ['message.received'] });
    const evt = await event('draft.approved');
    const now = new Date();
    await fanOutEvents(deps, now);
    expect(await api.ownerDb('webhook_deliveries').where({ event_id: evt.id })).toEqual([]);

    const path = `/v1/webhook-endpoints/${ep.id}/events/${evt.id}/resend`;
    const res = await api.call<Requeue>('POST', path, { key: partner.apiKey });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ requeued: 1 });
    const ref = await deliveryOf(evt.id, ep.id);
    const later = new Date();
    expect((await deliveriesDue(deps, later)).map((d) => d.deliveryId)).toContain(ref.deliveryId);
    expect(await attemptDelivery(deps, ref, later)).toMatchObject({ status: 'succeeded', attempt: 1 });

    // Again after it succeeded: a fresh run of the same delivery.
    await api.call('POST', path, { key: partner.apiKey });
    expect(await attemptDelivery(deps, ref, new Date())).toMatchObject({ status: 'succeeded', attempt: 1 });
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([evt.id, evt.id]);
    const rows = await api.ownerDb('webhook_deliveries').where({ event_id: evt.id });
    expect(rows).toHaveLength(1);
  });

  it('recovers the failed deliveries of events since a time, with a fresh schedule', async () => {
    const ep = await endpoint();
    receiver.respond = (res) => {
      res.statusCode = 500;
      res.end();
    };
    const before = await event();
    const after = await event();
    // An hour apart, so `since` falls clearly between them.
    await api
      .ownerDb('events')
      .where({ id: before.id })
      .update({ created_at: new Date(Date.now() - HOUR) });
    const since = new Date(Date.now() - HOUR / 2);
    const t0 = new Date();
    await fanOutEvents(deps, t0);
    const refBefore = await deliveryOf(before.id, ep.id);
    const refAfter = await deliveryOf(after.id, ep.id);
    expect(await driveToFailure(refBefore, t0)).toMatchObject({ status: 'failed', attempt: 8 });
    expect(await driveToFailure(refAfter, t0)).toMatchObject({ status: 'failed', attempt: 8 });

    const res = await api.call<Requeue>('POST', `/v1/webhook-endpoints/${ep.id}/recover`, {
      key: partner.apiKey,
      body: { since: since.toISOString() },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ requeued: 1 });
    const rows = await api.ownerDb('webhook_deliveries').where({ endpoint_id: ep.id }).orderBy('id');
    const byEvent = Object.fromEntries(rows.map((r) => [r.event_id, r]));
    expect(byEvent[before.id]).toMatchObject({ status: 'failed', attempts: 8 });
    expect(byEvent[after.id]).toMatchObject({ status: 'pending', attempts: 0 });
    receiver.respond = (res2) => res2.end('ok');
    expect(await attemptDelivery(deps, refAfter, new Date())).toMatchObject({
      status: 'succeeded',
      attempt: 1,
    });
  });

  it("refuses a disabled endpoint (409), a bad time (400) and what is not the partner's (404)", async () => {
    const ep = await endpoint();
    const evt = await event();
    await api.call('PATCH', `/v1/webhook-endpoints/${ep.id}`, {
      key: partner.apiKey,
      body: { disabled: true },
    });
    const resend = `/v1/webhook-endpoints/${ep.id}/events/${evt.id}/resend`;
    const recover = `/v1/webhook-endpoints/${ep.id}/recover`;
    const key = partner.apiKey;
    expect((await api.call('POST', resend, { key })).status).toBe(409);
    expect((await api.call('POST', recover, { key, body: { since: new Date().toISOString() } })).status).toBe(
      409,
    );
    expect((await api.call('POST', recover, { key, body: { since: 'yesterday' } })).status).toBe(400);
    const missing = `/v1/webhook-endpoints/${ep.id}/events/evt_01AAAAAAAAAAAAAAAAAAAAAAAA/resend`;
    await api.call('PATCH', `/v1/webhook-endpoints/${ep.id}`, { key, body: { disabled: false } });
    expect((await api.call('POST', missing, { key })).status).toBe(404);

    // Another partner cannot send this partner's event to its own endpoint.
    const intruder = await createTestPartner(api.ownerDb);
    const theirs = await api.call<EndpointWithSecret>('POST', '/v1/webhook-endpoints', {
      key: intruder.apiKey,
      body: { url: `${receiver.url}/intruder` },
    });
    const stolen = `/v1/webhook-endpoints/${theirs.body.id}/events/${evt.id}/resend`;
    expect((await api.call('POST', stolen, { key: intruder.apiKey })).status).toBe(404);
    expect(await api.ownerDb('webhook_deliveries').where({ endpoint_id: theirs.body.id })).toEqual([]);
  });
});
