/**
 * processDelivery against the real PostgreSQL, for deliveries whose shape PostgreSQL or
 * JSON.stringify cannot take as is: each must still finish, keeping its good items stored and its
 * bad ones as rejects, instead of failing the job until it is given up with nothing stored.
 */
import { randomBytes } from 'node:crypto';
import { testConfig } from '@laras/testkit';
import { afterAll, expect, it } from 'vitest';
import { storeConnection } from '../connections/index.ts';
import { createKnex } from '../db/index.ts';
import { newId } from '../ids.ts';
import { createPartner } from '../operator/index.ts';
import { parseKeyRing } from '../vault/index.ts';
import { insertWebhookEvents } from '../webhooks/repository.ts';
import { MAX_DELIVERY_ATTEMPTS } from './deliveries.ts';
import { DeliveryRetryNeeded, processDelivery } from './process-delivery.ts';

const config = testConfig();
const ownerDb = createKnex({
  url: config.database.ownerUrl,
  poolMax: 2,
  applicationName: 'process-delivery-test',
});
const appDb = createKnex({
  url: config.database.appUrl,
  poolMax: 2,
  applicationName: 'process-delivery-test',
});
afterAll(() => Promise.all([ownerDb.destroy(), appDb.destroy()]));

/** A workspace with a live WhatsApp connection for a fresh phone_number_id. */
async function whatsappWorkspace() {
  const { partnerId } = await createPartner(ownerDb, { name: 'Inbound Agency' });
  const workspaceId = newId('workspace');
  await ownerDb('workspaces').insert({ id: workspaceId, partner_id: partnerId, name: 'Kopi Kita' });
  const phoneNumberId = `10${Date.now()}${randomBytes(2).readUInt16BE()}`;
  await storeConnection(
    { db: appDb, vault: parseKeyRing(config.encryptionKeys) },
    { partnerId, workspaceId },
    {
      channel: 'whatsapp',
      wabaId: '419561257915477',
      phoneNumberId,
      displayPhoneNumber: '15550783881',
      verifiedName: 'Kopi Kita',
      token: 'EAAS-test-token',
      tokenExpiresAt: null,
    },
  );
  return { workspaceId, phoneNumberId };
}

/** A `messages` change with one customer message, as JSON text (`content` is spliced into the message). */
const messageChange = (phoneNumberId: string, wamid: string, content: string, name = 'Sari') =>
  `{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"${phoneNumberId}"},"contacts":[{"profile":{"name":"${name}"},"wa_id":"6281234567890"}],"messages":[{"from":"6281234567890","id":"${wamid}","timestamp":"1749416383",${content}}]}}`;

async function process(rawBody: string) {
  const id = newId('webhookEvent');
  await insertWebhookEvents(appDb, [{ id, source: 'whatsapp', rawBody }]);
  const outcome = await processDelivery({ db: appDb }, id);
  const rejects = await ownerDb('inbound_rejects').where({ webhook_event_id: id }).orderBy('id');
  const event = await ownerDb('webhook_events').where({ id }).first();
  return { outcome, rejects, event };
}

const messagesOf = (workspaceId: string) => ownerDb('messages').where({ workspace_id: workspaceId });

it('stores a message holding a lone UTF-16 surrogate with U+FFFD in its place, and keeps bad keys as rejects', async () => {
  const ws = await whatsappWorkspace();
  const wamid = `wamid.${randomBytes(8).toString('hex')}`;
  // Meta escapes every non-ASCII character; a cut emoji leaves half a surrogate pair, which
  // PostgreSQL's jsonb refuses (the caption goes to jsonb, and so does a reject's raw item).
  const change = messageChange(
    ws.phoneNumberId,
    wamid,
    '"type":"image","image":{"id":"1479537139650973","caption":"Warna \\ud83d lain?"}',
    'Sari \\ud83d',
  );
  const { outcome, rejects, event } = await process(
    `{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[${change},{"\\udc00":1}]},{"\\u0000":2}]}`,
  );
  expect(outcome).toMatchObject({ stored: 1, rejected: { unparseable: 2, unroutable: 0, failed: 0 } });
  expect(event).toMatchObject({ status: 'processed' });
  const [message] = await messagesOf(ws.workspaceId);
  expect(message).toMatchObject({ provider_message_id: wamid, text: 'Warna \uFFFD lain?' });
  const conversation = await ownerDb('conversations').where({ id: message.conversation_id }).first();
  const contact = await ownerDb('contacts').where({ id: conversation.contact_id }).first();
  expect(contact.name).toBe('Sari \uFFFD');
  expect(message.details.media[0].caption).toBe('Warna \uFFFD lain?');
  expect(rejects.map((r) => r.raw)).toEqual([{ '\uFFFD': 1 }, { '\uFFFD': 2 }]);
});

it('keeps an item nested too deep to serialise as a reject without its raw, and stores the rest', async () => {
  const ws = await whatsappWorkspace();
  const wamid = `wamid.${randomBytes(8).toString('hex')}`;
  const depth = 50_000;
  const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const change = messageChange(ws.phoneNumberId, wamid, '"type":"text","text":{"body":"Masih ada?"}');
  const { outcome, rejects, event } = await process(
    `{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[${deep},${change}]}]}`,
  );
  expect(outcome).toMatchObject({ stored: 1, rejected: { unparseable: 1, unroutable: 0, failed: 0 } });
  expect(event).toMatchObject({ status: 'processed' });
  expect(rejects).toEqual([expect.objectContaining({ reason: 'unparseable', raw: null })]);
  expect(await messagesOf(ws.workspaceId)).toEqual([
    expect.objectContaining({ provider_message_id: wamid, text: 'Masih ada?' }),
  ]);
});

/**
 * `db` whose first transaction fails as a dropped connection does, before anything is sent: a fault
 * of the database, not of the item.
 */
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

/** A delivery of two customer messages; returns its id and the two wamids. */
async function twoMessageDelivery(phoneNumberId: string) {
  const wamids = [1, 2].map(() => `wamid.${randomBytes(8).toString('hex')}`);
  const changes = wamids.map((wamid, i) =>
    messageChange(phoneNumberId, wamid, `"type":"text","text":{"body":"Pesan ${i + 1}"}`),
  );
  const id = newId('webhookEvent');
  await insertWebhookEvents(appDb, [
    {
      id,
      source: 'whatsapp',
      rawBody: `{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[${changes.join(',')}]}]}`,
    },
  ]);
  return { id, wamids };
}

it('leaves a delivery pending for a retry when an item fails for a fault of the database, and the retry stores it', async () => {
  const ws = await whatsappWorkspace();
  const { id, wamids } = await twoMessageDelivery(ws.phoneNumberId);

  const failure = await processDelivery({ db: firstTransactionFails(appDb) }, id).catch((e: unknown) => e);
  expect(failure).toBeInstanceOf(DeliveryRetryNeeded);
  // The item that did store is handed on (for drafting); nothing is kept as a reject, nothing finished.
  expect((failure as DeliveryRetryNeeded).outcome).toMatchObject({ stored: 1, rejected: { failed: 0 } });
  expect((failure as DeliveryRetryNeeded).message).not.toContain('Pesan');
  expect(await ownerDb('webhook_events').where({ id }).first()).toMatchObject({
    status: 'pending',
    attempts: 1,
  });
  expect(await ownerDb('inbound_rejects').where({ webhook_event_id: id })).toEqual([]);
  expect((await messagesOf(ws.workspaceId)).map((m) => m.provider_message_id)).toEqual([wamids[1]]);

  const retried = await processDelivery({ db: appDb }, id);
  expect(retried).toMatchObject({ stored: 1, duplicates: 1, rejected: { failed: 0 } });
  expect(await ownerDb('webhook_events').where({ id }).first()).toMatchObject({
    status: 'processed',
    attempts: 2,
  });
  const stored = (await messagesOf(ws.workspaceId)).map((m) => m.provider_message_id);
  expect(stored.sort()).toEqual([...wamids].sort());
});

it('keeps an item that still fails on the last attempt as a failed reject, and finishes the delivery', async () => {
  const ws = await whatsappWorkspace();
  const { id, wamids } = await twoMessageDelivery(ws.phoneNumberId);
  await ownerDb('webhook_events')
    .where({ id })
    .update({ attempts: MAX_DELIVERY_ATTEMPTS - 1 });

  const outcome = await processDelivery({ db: firstTransactionFails(appDb) }, id);
  expect(outcome).toMatchObject({ stored: 1, rejected: { failed: 1, unparseable: 0, unroutable: 0 } });
  expect(await ownerDb('webhook_events').where({ id }).first()).toMatchObject({ status: 'processed' });
  expect(await ownerDb('inbound_rejects').where({ webhook_event_id: id })).toEqual([
    expect.objectContaining({ reason: 'failed', routing_id: ws.phoneNumberId }),
  ]);
  expect((await messagesOf(ws.workspaceId)).map((m) => m.provider_message_id)).toEqual([wamids[1]]);
});

it('disconnects every number of a WABA whose business removed the app (account_update), and nothing else', async () => {
  const wabaId = `42${Date.now()}${randomBytes(2).readUInt16BE()}`;
  const { partnerId } = await createPartner(ownerDb, { name: 'Uninstall Agency' });
  const vault = parseKeyRing(config.encryptionKeys);
  const connect = async (workspaceId: string, waba: string) => {
    const stored = await storeConnection(
      { db: appDb, vault },
      { partnerId, workspaceId },
      {
        channel: 'whatsapp',
        wabaId: waba,
        phoneNumberId: `10${Date.now()}${randomBytes(3).readUIntBE(0, 3)}`,
        displayPhoneNumber: '15550783881',
        verifiedName: 'Kopi Kita',
        token: 'EAAS-test-token',
        tokenExpiresAt: null,
      },
    );
    return stored.id;
  };
  const workspaceId = newId('workspace');
  await ownerDb('workspaces').insert({ id: workspaceId, partner_id: partnerId, name: 'Kopi Kita' });
  const removed = [await connect(workspaceId, wabaId), await connect(workspaceId, wabaId)];
  const kept = await connect(workspaceId, `${wabaId}9`);

  const uninstall = `{"object":"whatsapp_business_account","entry":[{"id":"8888888888","time":1749416383,"changes":[{"field":"account_update","value":{"event":"PARTNER_APP_UNINSTALLED","waba_info":{"waba_id":"${wabaId}","owner_business_id":"5556667778"}}}]}]}`;
  const { outcome, event } = await process(uninstall);
  expect(outcome).toMatchObject({ disconnected: 2, rejected: { unparseable: 0, unroutable: 0, failed: 0 } });
  expect(event).toMatchObject({ status: 'processed' });
  const rows = await ownerDb('connections').whereIn('id', [...removed, kept]);
  const statusOf = (id: string) => rows.find((row) => row.id === id);
  for (const id of removed) {
    expect(statusOf(id)).toMatchObject({ status: 'disconnected', routing_id: null, token_ciphertext: null });
  }
  expect(statusOf(kept)).toMatchObject({ status: 'active' });
  const events = await ownerDb('events').where({
    workspace_id: workspaceId,
    type: 'connection.disconnected',
  });
  expect(events.map((e) => e.data)).toEqual(
    removed.map(() => expect.objectContaining({ channel: 'whatsapp', reason: 'meta_app_uninstalled' })),
  );
  // Meta repeats itself: a second one finds nothing live.
  expect((await process(uninstall.replace('1749416383', '1749416384'))).outcome).toMatchObject({
    disconnected: 0,
  });
});
