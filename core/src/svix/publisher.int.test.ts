import { createKnex, type Knex, withTenant } from '@laras/core';
import { createPartner } from '@laras/core/operator';
import { ownServices, type SvixStandIn, startSvixStandIn, testConfig } from '@laras/testkit';
import type { Svix } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendEvent } from '../events/index.ts';
import { newId } from '../ids.ts';
import { createSvixClient } from './client.ts';
import { publishDueEvents } from './service.ts';

// The publisher sweeps every tenant of its database: this file has a database of its own.
let own: Awaited<ReturnType<typeof ownServices>>;
let ownerDb: Knex;
let appDb: Knex;
let standIn: SvixStandIn;
let svix: Svix;

beforeAll(async () => {
  own = await ownServices();
  const config = testConfig(own.env);
  ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'svix-test' });
  appDb = createKnex({ url: config.database.appUrl, poolMax: 2, applicationName: 'svix-test' });
  standIn = await startSvixStandIn();
  svix = createSvixClient({ apiKey: standIn.token, serverUrl: standIn.url }, { timeoutMs: 5_000 });
});
afterAll(async () => {
  await Promise.allSettled([ownerDb.destroy(), appDb.destroy(), standIn.close()]);
  await own.drop();
});

async function partnerWithWorkspace(name: string) {
  const { partnerId } = await createPartner(ownerDb, { name });
  const workspaceId = newId('workspace');
  await ownerDb('workspaces').insert({ id: workspaceId, partner_id: partnerId, name: 'Kopi Kita' });
  return { partnerId, workspaceId };
}

async function emit(scope: { partnerId: string; workspaceId: string }, count: number) {
  const events = [];
  for (let i = 0; i < count; i += 1) {
    events.push(
      await withTenant(appDb, scope, (tx) =>
        appendEvent(tx, 'draft.approved', { draft_id: `drf_${i}`, conversation_id: 'conv_1', edited: false }),
      ),
    );
  }
  return events;
}

const eventRow = (id: string) =>
  ownerDb('events').where({ id }).first<{
    fanned_out_at: Date | null;
    svix_message_id: string | null;
    svix_attempts: number;
    svix_next_attempt_at: Date | null;
    svix_error: string | null;
  }>('fanned_out_at', 'svix_message_id', 'svix_attempts', 'svix_next_attempt_at', 'svix_error');

const appCreates = (partnerId: string) =>
  standIn.calls.filter(
    (c) => c.path === '/api/v1/app' && (c.body as { uid?: string } | undefined)?.uid === partnerId,
  );
const messagesFor = (eventId: string) => standIn.messages.filter((m) => m.eventId === eventId);

describe('the Svix publisher', () => {
  it('creates the application once per partner and publishes each event once, with the envelope', async () => {
    const scope = await partnerWithWorkspace('Svix Agency');
    const events = await emit(scope, 3);
    await publishDueEvents({ db: appDb, svix }, new Date());
    await emit(scope, 2).then((more) => events.push(...more));
    await publishDueEvents({ db: appDb, svix }, new Date());

    expect(appCreates(scope.partnerId)).toHaveLength(1);
    expect(appCreates(scope.partnerId)[0]?.body).toEqual({ name: 'Svix Agency', uid: scope.partnerId });
    expect(standIn.apps.filter((a) => a.uid === scope.partnerId)).toHaveLength(1);
    for (const event of events) {
      const [message, ...others] = messagesFor(event.id);
      expect(others).toEqual([]);
      expect(message).toMatchObject({
        eventType: 'draft.approved',
        payload: {
          id: event.id,
          type: 'draft.approved',
          created_at: event.createdAt.toISOString(),
          workspace_id: scope.workspaceId,
          data: event.data,
        },
      });
      const call = standIn.calls.find(
        (c) => (c.body as { eventId?: string } | undefined)?.eventId === event.id,
      );
      expect(call?.path).toBe(`/api/v1/app/${scope.partnerId}/msg`);
      expect(call?.idempotencyKey).toBe(event.id);
      expect(await eventRow(event.id)).toMatchObject({
        svix_message_id: message?.id,
        svix_attempts: 1,
        svix_error: null,
      });
      expect((await eventRow(event.id))?.fanned_out_at).toBeInstanceOf(Date);
    }

    // A re-run, even much later, publishes nothing again.
    const callsBefore = standIn.calls.length;
    expect(await publishDueEvents({ db: appDb, svix }, new Date(Date.now() + 86_400_000))).toEqual({
      published: 0,
      retrying: 0,
      failed: 0,
      skipped: 0,
    });
    expect(standIn.calls.length).toBe(callsBefore);
  });

  it('never duplicates an event Svix accepted before it was marked (idempotency key or eventId)', async () => {
    const scope = await partnerWithWorkspace('Crash Agency');
    const [replayed, conflicting] = await emit(scope, 2);
    if (!replayed || !conflicting) throw new Error('no events');
    await svix.application.getOrCreate({ name: 'Crash Agency', uid: scope.partnerId });
    // A worker died after Svix accepted these and before marking them: the same request again…
    const accepted = await svix.message.create(
      scope.partnerId,
      { eventType: replayed.type, eventId: replayed.id, payload: { id: replayed.id } },
      { idempotencyKey: replayed.id },
    );
    // …and one whose idempotency record is gone, so only the eventId tells Svix it is a duplicate.
    await svix.message.create(
      scope.partnerId,
      { eventType: conflicting.type, eventId: conflicting.id, payload: { id: conflicting.id } },
      { idempotencyKey: 'expired-key' },
    );

    await publishDueEvents({ db: appDb, svix }, new Date());

    expect(messagesFor(replayed.id)).toHaveLength(1);
    expect(messagesFor(conflicting.id)).toHaveLength(1);
    expect(await eventRow(replayed.id)).toMatchObject({ svix_message_id: accepted.id, svix_error: null });
    expect(await eventRow(conflicting.id)).toMatchObject({ svix_message_id: null, svix_error: null });
    expect((await eventRow(conflicting.id))?.fanned_out_at).toBeInstanceOf(Date);
  });

  it('retries 5xx and 429 with backoff, then publishes', async () => {
    const scope = await partnerWithWorkspace('Flaky Agency');
    const [event] = await emit(scope, 1);
    if (!event) throw new Error('no event');
    const start = new Date();
    standIn.fail(1, 503, 'maintenance');
    expect(await publishDueEvents({ db: appDb, svix }, start)).toMatchObject({ retrying: 1, published: 0 });
    expect(await eventRow(event.id)).toMatchObject({
      fanned_out_at: null,
      svix_attempts: 1,
      svix_next_attempt_at: new Date(start.getTime() + 5_000),
      svix_error: 'svix_503: maintenance',
    });

    // Not due yet: nothing is sent.
    const calls = standIn.calls.length;
    await publishDueEvents({ db: appDb, svix }, new Date(start.getTime() + 4_000));
    expect(standIn.calls.length).toBe(calls);

    standIn.fail(1, 429, 'slow down');
    const second = new Date(start.getTime() + 5_000);
    expect(await publishDueEvents({ db: appDb, svix }, second)).toMatchObject({ retrying: 1 });
    expect(await eventRow(event.id)).toMatchObject({
      svix_attempts: 2,
      svix_next_attempt_at: new Date(second.getTime() + 30_000),
      svix_error: 'svix_429: slow down',
    });

    expect(await publishDueEvents({ db: appDb, svix }, new Date(second.getTime() + 30_000))).toMatchObject({
      published: 1,
    });
    expect(messagesFor(event.id)).toHaveLength(1);
    expect(await eventRow(event.id)).toMatchObject({ svix_attempts: 3, svix_error: null });
  });

  it("records other 4xx as failed for good, with Svix's detail", async () => {
    const scope = await partnerWithWorkspace('Refused Agency');
    const [invalid, unauthorized] = await emit(scope, 2);
    if (!invalid || !unauthorized) throw new Error('no events');
    standIn.fail(1, 422, 'payload is too large');
    standIn.fail(1, 400, 'bad request from svix');
    const now = new Date();
    expect(await publishDueEvents({ db: appDb, svix }, now)).toMatchObject({ failed: 2 });
    expect(await eventRow(invalid.id)).toMatchObject({
      svix_attempts: 1,
      svix_error: 'svix_422: body.payload: payload is too large',
    });
    expect(await eventRow(unauthorized.id)).toMatchObject({ svix_error: 'svix_400: bad request from svix' });
    expect((await eventRow(invalid.id))?.fanned_out_at).toBeInstanceOf(Date);

    // A wrong API key is a 401 from Svix: refused, not retried.
    const [later] = await emit(scope, 1);
    if (!later) throw new Error('no event');
    const wrongKey = createSvixClient({ apiKey: 'sk_wrong', serverUrl: standIn.url });
    expect(await publishDueEvents({ db: appDb, svix: wrongKey }, now)).toMatchObject({ failed: 1 });
    expect(await eventRow(later.id)).toMatchObject({ svix_error: 'svix_401: Invalid token' });
    expect(await publishDueEvents({ db: appDb, svix }, new Date(now.getTime() + 86_400_000))).toMatchObject({
      published: 0,
      failed: 0,
    });
    expect(messagesFor(invalid.id)).toEqual([]);
  });

  it('recreates an application Svix no longer has (404), then publishes', async () => {
    const scope = await partnerWithWorkspace('Forgotten Agency');
    const [first] = await emit(scope, 1);
    if (!first) throw new Error('no event');
    const now = new Date();
    await publishDueEvents({ db: appDb, svix }, now);
    expect(messagesFor(first.id)).toHaveLength(1);
    // Someone deleted the application at Svix; we still remember it exists.
    standIn.apps.splice(
      standIn.apps.findIndex((a) => a.uid === scope.partnerId),
      1,
    );
    const [second] = await emit(scope, 1);
    if (!second) throw new Error('no event');
    expect(await publishDueEvents({ db: appDb, svix }, now)).toMatchObject({ retrying: 1 });
    expect(await eventRow(second.id)).toMatchObject({ svix_error: 'svix_404: Entity not found' });
    expect(await publishDueEvents({ db: appDb, svix }, new Date(now.getTime() + 5_000))).toMatchObject({
      published: 1,
    });
    expect(appCreates(scope.partnerId)).toHaveLength(2);
    expect(messagesFor(second.id)).toHaveLength(1);
  });

  it('never sends an event twice when two sweepers run at once', async () => {
    const scope = await partnerWithWorkspace('Busy Agency');
    const events = await emit(scope, 6);
    const now = new Date();
    const [a, b] = await Promise.all([
      publishDueEvents({ db: appDb, svix }, now),
      publishDueEvents({ db: appDb, svix }, now),
    ]);
    expect((a?.published ?? 0) + (b?.published ?? 0)).toBe(6);
    for (const event of events) {
      const sent = standIn.calls.filter(
        (c) => (c.body as { eventId?: string } | undefined)?.eventId === event.id,
      );
      expect(sent).toHaveLength(1);
    }
  });
});
