/**
 * An owner's disconnect (or a deleted workspace) unsubscribes Laras's app at Meta, so Meta stops
 * sending that account's customer messages; against the Meta sandbox and the real PostgreSQL. The
 * queue is shared with every other test of the database: each case checks its own connections.
 */
import { randomBytes } from 'node:crypto';
import {
  disconnectConnection,
  storeConnection,
  UNSUBSCRIBE_WITHIN_MS,
  unsubscribeDisconnectedAccounts,
  withSubscriptionLock,
} from '@laras/core/connections';
import { createInstagramClient, createWhatsAppClient } from '@laras/core/meta';
import { type KeyRing, parseKeyRing } from '@laras/core/vault';
import { type MetaSandbox, startMetaSandbox } from '@laras/meta-sandbox';
import { connectSandboxAccount, createTestPartner, startTestApi, type TestApi } from '@laras/testkit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';

let sandbox: MetaSandbox;
let api: TestApi;
let vault: KeyRing;
let deps: Parameters<typeof unsubscribeDisconnectedAccounts>[0];

beforeAll(async () => {
  sandbox = await startMetaSandbox({ port: 0 });
  api = await startTestApi(sandbox.env);
  vault = parseKeyRing(api.config.encryptionKeys);
  deps = {
    db: api.appDb,
    vault,
    whatsapp: createWhatsAppClient(api.config.meta),
    instagram: createInstagramClient(api.config.meta),
  };
});
afterAll(async () => {
  await api?.close();
  await sandbox?.close();
});

async function workspace() {
  const partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Kopi Kita' },
  });
  return { partner, scope: { partnerId: partner.partnerId, workspaceId: ws.body.id } };
}

type Scope = Awaited<ReturnType<typeof workspace>>['scope'];

/** A connection of `channel` whose account Laras's app is subscribed to at the sandbox. */
async function subscribed(scope: Scope, channel: 'whatsapp' | 'instagram') {
  const connection = await connectSandboxAccount(sandbox, { db: api.appDb, vault }, scope, channel);
  const row = await api.ownerDb('connections').where({ id: connection.connectionId }).first();
  const accountId: string = channel === 'whatsapp' ? row.waba_id : row.routing_id;
  if (channel === 'whatsapp') sandbox.state.subscribeWaba(accountId, sandbox.state.apps.appId, null);
  else sandbox.state.subscribeInstagram(accountId, sandbox.state.apps.instagramAppId, ['messages']);
  const subscriptions = () =>
    channel === 'whatsapp'
      ? sandbox.state.wabaSubscriptions(accountId)
      : sandbox.state.instagramSubscriptions(accountId);
  expect(subscriptions()).toHaveLength(1);
  return { ...connection, accountId, subscriptions };
}

const queued = (connectionId: string) =>
  api.ownerDb('meta_unsubscribes').where({ connection_id: connectionId }).first();

it.each(['whatsapp', 'instagram'] as const)(
  'unsubscribes a %s account the owner disconnected, holding its token only until then',
  async (channel) => {
    const { scope } = await workspace();
    const shop = await subscribed(scope, channel);

    await disconnectConnection({ db: api.appDb }, scope, shop.connectionId);
    const entry = await queued(shop.connectionId);
    expect(entry).toMatchObject({ channel, account_id: shop.accountId, attempts: 0 });
    expect(entry.token_ciphertext).not.toContain(shop.token);
    // The connection itself no longer holds the token or the account.
    expect(await api.ownerDb('connections').where({ id: shop.connectionId }).first()).toMatchObject({
      token_ciphertext: null,
      routing_id: null,
    });

    const outcome = await unsubscribeDisconnectedAccounts(deps);
    expect(outcome.unsubscribed).toContain(shop.connectionId);
    expect(shop.subscriptions()).toEqual([]);
    expect(await queued(shop.connectionId)).toBeUndefined();
  },
);

it('leaves a WhatsApp Business Account subscribed while another live connection uses it', async () => {
  const { scope } = await workspace();
  const first = await subscribed(scope, 'whatsapp');
  // Another number of the same account, connected in another workspace.
  const other = await workspace();
  await storeConnection({ db: api.appDb, vault }, other.scope, {
    channel: 'whatsapp',
    wabaId: first.accountId,
    phoneNumberId: `10${randomBytes(6).readUIntBE(0, 6)}`,
    displayPhoneNumber: '15550001111',
    verifiedName: 'Kopi Kita Bandung',
    token: 'EAAS-second-number',
    tokenExpiresAt: null,
  });

  await disconnectConnection({ db: api.appDb }, scope, first.connectionId);
  const outcome = await unsubscribeDisconnectedAccounts(deps);
  expect(outcome.inUse).toContain(first.connectionId);
  expect(first.subscriptions()).toHaveLength(1);
  expect(await queued(first.connectionId)).toBeUndefined();
});

it("unsubscribes a deleted workspace's live accounts", async () => {
  const { partner, scope } = await workspace();
  const whatsapp = await subscribed(scope, 'whatsapp');
  const instagram = await subscribed(scope, 'instagram');

  const deleted = await api.call('DELETE', `/v1/workspaces/${scope.workspaceId}`, { key: partner.apiKey });
  expect(deleted.status).toBe(204);
  expect(await queued(whatsapp.connectionId)).toMatchObject({ account_id: whatsapp.accountId });

  const outcome = await unsubscribeDisconnectedAccounts(deps);
  expect(outcome.unsubscribed).toEqual(
    expect.arrayContaining([whatsapp.connectionId, instagram.connectionId]),
  );
  expect(whatsapp.subscriptions()).toEqual([]);
  expect(instagram.subscriptions()).toEqual([]);
});

it('tries again after a transient failure at Meta, and drops an entry Meta refuses', async () => {
  const { scope } = await workspace();
  const flaky = await subscribed(scope, 'whatsapp');
  const revoked = await subscribed(scope, 'whatsapp');
  await disconnectConnection({ db: api.appDb }, scope, flaky.connectionId);
  await disconnectConnection({ db: api.appDb }, scope, revoked.connectionId);
  sandbox.faults.inject({
    operation: 'graph.subscribed_apps',
    kind: 'server_error',
    target: flaky.accountId,
  });
  sandbox.faults.inject({
    operation: 'graph.subscribed_apps',
    kind: 'invalid_token',
    target: revoked.accountId,
  });

  const first = await unsubscribeDisconnectedAccounts(deps);
  expect(first.failed).toContain(flaky.connectionId);
  expect(first.refused).toContain(revoked.connectionId);
  expect(await queued(flaky.connectionId)).toMatchObject({ attempts: 1, last_error: expect.any(String) });
  expect(await queued(revoked.connectionId)).toBeUndefined();
  expect(flaky.subscriptions()).toHaveLength(1);

  const second = await unsubscribeDisconnectedAccounts(deps);
  expect(second.unsubscribed).toContain(flaky.connectionId);
  expect(flaky.subscriptions()).toEqual([]);
  expect(await queued(flaky.connectionId)).toBeUndefined();
});

it('queues nothing when Meta removed the app itself, and drops a token not used within 24 hours', async () => {
  const { scope } = await workspace();
  const deauthorized = await subscribed(scope, 'instagram');
  await disconnectConnection({ db: api.appDb }, scope, deauthorized.connectionId, 'meta_deauthorized');
  expect(await queued(deauthorized.connectionId)).toBeUndefined();

  const stale = await subscribed(scope, 'whatsapp');
  await disconnectConnection({ db: api.appDb }, scope, stale.connectionId);
  const later = new Date(Date.now() + UNSUBSCRIBE_WITHIN_MS + 60_000);
  const outcome = await unsubscribeDisconnectedAccounts(deps, later);
  expect(Object.values(outcome).flat()).not.toContain(stale.connectionId);
  expect(await queued(stale.connectionId)).toBeUndefined();
  expect(stale.subscriptions()).toHaveLength(1);
});

it('a reconnect racing the unsubscribe of its account ends subscribed: it subscribes again under the account’s lock', async () => {
  const { scope } = await workspace();
  const old = await subscribed(scope, 'whatsapp');
  await disconnectConnection({ db: api.appDb }, scope, old.connectionId);

  // The worker found the account unused and its DELETE is on its way to Meta, held there.
  let deleting = () => {};
  const inDelete = new Promise<void>((resolve) => {
    deleting = resolve;
  });
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const held = {
    ...deps,
    whatsapp: {
      ...deps.whatsapp,
      unsubscribeApp: async (wabaId: string, token: string) => {
        deleting();
        await gate;
        return deps.whatsapp.unsubscribeApp(wabaId, token);
      },
    },
  };
  const worker = unsubscribeDisconnectedAccounts(held);
  await inDelete;

  // Meanwhile the owner connects another number of the account: stored, then subscribed again.
  let subscribedAgain = false;
  const reconnect = (async () => {
    await storeConnection({ db: api.appDb, vault }, scope, {
      channel: 'whatsapp',
      wabaId: old.accountId,
      phoneNumberId: `10${randomBytes(6).readUIntBE(0, 6)}`,
      displayPhoneNumber: '15550002222',
      verifiedName: 'Kopi Kita',
      token: old.token,
      tokenExpiresAt: null,
    });
    await withSubscriptionLock(api.appDb, 'whatsapp', old.accountId, async () => {
      subscribedAgain = true;
      await deps.whatsapp.subscribeApp(old.accountId, old.token);
    });
  })();
  const waitingForTheLock = async () =>
    (
      await api.ownerDb.raw(
        "select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like '%laras:meta-subscription:%'",
      )
    ).rows.length > 0;
  await vi.waitFor(async () => expect(subscribedAgain || (await waitingForTheLock())).toBe(true), {
    timeout: 10_000,
  });
  release();
  await Promise.all([worker, reconnect]);

  expect(old.subscriptions()).toHaveLength(1);
});
