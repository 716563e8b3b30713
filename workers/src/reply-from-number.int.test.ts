/**
 * A workspace with two live WhatsApp numbers (or Instagram accounts): a reply goes out from the one
 * the customer wrote to, and never from the other — also not once the owner disconnected the one
 * the customer used. Customer messages go the real inbound way (a stored Meta delivery, routed by
 * `processDelivery`); the send is the core send, called directly, so each case is one step.
 */
import { createLogger } from '@laras/core';
import { disconnectConnection } from '@laras/core/connections';
import { approveDraft, draftForMessage, type SendDeps, sendDraft } from '@laras/core/drafts';
import { processDelivery } from '@laras/core/inbound';
import { createMessagingClient } from '@laras/core/meta';
import { parseKeyRing } from '@laras/core/vault';
import { createWebhookStore, type WebhookStore } from '@laras/core/webhooks';
import { type MetaSandbox, startMetaSandbox } from '@laras/meta-sandbox';
import { connectSandboxAccount, createTestPartner, startTestApi, type TestApi } from '@laras/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let sandbox: MetaSandbox;
let api: TestApi;
let deps: SendDeps;
let store: WebhookStore;
let counter = 0;

beforeAll(async () => {
  // The window is off: a reply from the wrong number would be accepted, and seen here.
  sandbox = await startMetaSandbox({
    port: 0,
    sends: { statuses: [], instagramEcho: false, instagramRead: false, window: 'off' },
  });
  api = await startTestApi(sandbox.env);
  deps = {
    db: api.appDb,
    vault: parseKeyRing(api.config.encryptionKeys),
    messaging: createMessagingClient(api.config.meta),
  };
  store = createWebhookStore(
    { db: api.appDb, logger: createLogger({ level: 'silent' }) },
    { maxWaitMs: 0, maxBatch: 1, maxWriters: 1 },
  );
});
afterAll(async () => {
  await api?.close();
  await sandbox?.close();
});

/** A workspace with two live connections on `channel`: `a` connected first, `b` (the newest) after. */
async function twoAccounts(channel: 'whatsapp' | 'instagram') {
  const partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Kopi Kita' },
  });
  const scope = { partnerId: partner.partnerId, workspaceId: ws.body.id };
  const a = await connectSandboxAccount(sandbox, deps, scope, channel);
  const b = await connectSandboxAccount(sandbox, deps, scope, channel);
  return { scope, a, b };
}

type Workspace = Awaited<ReturnType<typeof twoAccounts>>;

function newCustomer() {
  counter += 1;
  return `62813990${String(counter).padStart(4, '0')}`;
}

/** Meta's delivery of `payload`, stored and processed as the inbound worker does; answers the message id. */
async function deliver(source: 'whatsapp' | 'instagram', payload: unknown): Promise<string> {
  const { id } = await store.store(source, Buffer.from(JSON.stringify(payload)));
  const outcome = await processDelivery({ db: api.appDb }, id);
  const [stored, ...more] = outcome?.storedMessages ?? [];
  if (!stored || more.length > 0) throw new Error('expected one stored message');
  return stored.messageId;
}

/** The customer `waId` writes to the number `phoneNumberId` (`at`: Unix seconds); answers the message id. */
function customerWrites(phoneNumberId: string, waId: string, at?: number): Promise<string> {
  const built = sandbox.customer.buildWhatsApp({
    phoneNumberId,
    from: { waId, name: 'Sari' },
    message: { type: 'text', text: 'Is the Gayo still in stock?', ...(at ? { timestamp: at } : {}) },
  });
  return deliver('whatsapp', built.payload);
}

/** A draft of the reply to `messageId`, approved by a person. */
async function approvedReply(ws: Workspace, messageId: string): Promise<string> {
  const outcome = await draftForMessage({ db: api.appDb }, ws.scope, messageId);
  if (outcome.status === 'skipped') throw new Error(outcome.reason);
  await approveDraft({ db: api.appDb }, ws.scope, outcome.draft.id, { text: 'Yes, it is.' }, 'usr_test');
  return outcome.draft.id;
}

/** The numbers (or accounts) that sent something to `recipientId`, in order. */
const sendersTo = (recipientId: string) =>
  sandbox.state
    .sentMessages()
    .filter((m) => m.recipientId === recipientId)
    .map((m) => m.from);

const conversationOf = async (messageId: string) => {
  const message = await api.ownerDb('messages').where({ id: messageId }).first();
  return api.ownerDb('conversations').where({ id: message.conversation_id }).first();
};

describe('a reply goes out from the number the customer wrote to', () => {
  it('for each of two live WhatsApp numbers', async () => {
    const ws = await twoAccounts('whatsapp');
    const toA = newCustomer();
    const toB = newCustomer();

    const draftA = await approvedReply(ws, await customerWrites(ws.a.routingId, toA));
    const draftB = await approvedReply(ws, await customerWrites(ws.b.routingId, toB));
    expect((await sendDraft(deps, ws.scope, draftA)).status).toBe('sent');
    expect((await sendDraft(deps, ws.scope, draftB)).status).toBe('sent');

    expect(sendersTo(toA)).toEqual([ws.a.routingId]);
    expect(sendersTo(toB)).toEqual([ws.b.routingId]);
  });

  it('follows the customer to the number they wrote to last, in the same thread', async () => {
    const ws = await twoAccounts('whatsapp');
    const customer = newCustomer();

    const first = await customerWrites(ws.b.routingId, customer);
    expect((await sendDraft(deps, ws.scope, await approvedReply(ws, first))).status).toBe('sent');
    const second = await customerWrites(ws.a.routingId, customer);
    expect((await sendDraft(deps, ws.scope, await approvedReply(ws, second))).status).toBe('sent');

    const thread = await conversationOf(second);
    expect(thread.id).toBe((await conversationOf(first)).id);
    expect(thread.routing_id).toBe(ws.a.routingId);
    expect(sendersTo(customer)).toEqual([ws.b.routingId, ws.a.routingId]);
  });

  it('by the customer’s latest message: a late delivery of an older one does not move it back', async () => {
    const ws = await twoAccounts('whatsapp');
    const customer = newCustomer();
    const now = Math.floor(Date.now() / 1000);
    await customerWrites(ws.a.routingId, customer, now - 60);
    const latest = await customerWrites(ws.b.routingId, customer, now - 30);
    // Meta delivers an earlier message to A only now.
    await customerWrites(ws.a.routingId, customer, now - 45);

    expect((await conversationOf(latest)).routing_id).toBe(ws.b.routingId);
    expect((await sendDraft(deps, ws.scope, await approvedReply(ws, latest))).status).toBe('sent');
    expect(sendersTo(customer)).toEqual([ws.b.routingId]);
  });

  it('for each of two Instagram accounts', async () => {
    const ws = await twoAccounts('instagram');
    const built = sandbox.customer.buildInstagram({
      accountId: ws.a.routingId,
      from: { username: `sari.${counter}` },
      text: 'Masih ada?',
    });
    const messageId = await deliver('instagram', built.payload);
    const draftId = await approvedReply(ws, messageId);
    expect((await sendDraft(deps, ws.scope, draftId)).status).toBe('sent');

    const { contact_id: contactId } = await conversationOf(messageId);
    const contact = await api.ownerDb('contacts').where({ id: contactId }).first();
    expect(sendersTo(contact.provider_user_id)).toEqual([ws.a.routingId]);
  });
});

describe('a reply never goes out from another number', () => {
  it('when the number the customer wrote to was disconnected: the draft fails as not connected', async () => {
    const ws = await twoAccounts('whatsapp');
    const toA = newCustomer();
    const toB = newCustomer();
    const draftA = await approvedReply(ws, await customerWrites(ws.a.routingId, toA));
    const draftB = await approvedReply(ws, await customerWrites(ws.b.routingId, toB));

    await disconnectConnection(deps, ws.scope, ws.a.connectionId);

    expect(await sendDraft(deps, ws.scope, draftA)).toMatchObject({
      status: 'failed',
      error: { code: 'not_connected' },
    });
    expect(sendersTo(toA)).toEqual([]);
    expect(await api.ownerDb('drafts').where({ id: draftA }).first()).toMatchObject({
      state: 'failed',
      send_error: { code: 'not_connected' },
    });
    // The other number's customers still get their replies, from it.
    expect((await sendDraft(deps, ws.scope, draftB)).status).toBe('sent');
    expect(sendersTo(toB)).toEqual([ws.b.routingId]);
  });

  it('when the number the customer wrote to needs reconnecting: the draft fails as such', async () => {
    const ws = await twoAccounts('whatsapp');
    const customer = newCustomer();
    const draftId = await approvedReply(ws, await customerWrites(ws.a.routingId, customer));

    await api.ownerDb('connections').where({ id: ws.a.connectionId }).update({ status: 'needs_reconnect' });

    expect(await sendDraft(deps, ws.scope, draftId)).toMatchObject({
      status: 'failed',
      error: { code: 'needs_reconnect' },
    });
    expect(sendersTo(customer)).toEqual([]);
  });
});

it('replies in a thread stored before the number was kept from the newest live number', async () => {
  const ws = await twoAccounts('whatsapp');
  const customer = newCustomer();
  const messageId = await customerWrites(ws.a.routingId, customer);
  const thread = await conversationOf(messageId);
  await api.ownerDb('conversations').where({ id: thread.id }).update({ routing_id: null });

  expect((await sendDraft(deps, ws.scope, await approvedReply(ws, messageId))).status).toBe('sent');
  expect(sendersTo(customer)).toEqual([ws.b.routingId]);
});
