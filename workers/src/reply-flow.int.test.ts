/**
 * The reply flow end to end on the Meta sandbox: a customer writes, the API stores Meta's signed
 * webhook, the workers draft, classify and decide, send through the Graph API, and Meta's status
 * webhooks move the reply to delivered and read — or to failed, which fails or expires its draft.
 * Every step is on the evidence chain. Assertions await rows; nothing sleeps.
 */
import { createLogger } from '@laras/core';
import { parseKeyRing } from '@laras/core/vault';
import { type MetaSandbox, startMetaSandbox } from '@laras/meta-sandbox';
import type { components } from '@laras/openapi';
import { connectSandboxAccount, createTestPartner, startTestApi, type TestApi } from '@laras/testkit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { catalog } from './catalog.ts';
import { type RunningWorkers, startWorkers } from './start.ts';

type Draft = components['schemas']['Draft'];

let sandbox: MetaSandbox;
let api: TestApi;
let workers: RunningWorkers | undefined;
let customerCount = 0;

beforeAll(async () => {
  sandbox = await startMetaSandbox({ port: 0 });
  // Meta's answers are held open by some tests until they release them: the Graph client's
  // timeout is set well past any test's length, so a held send is slow, not timed out.
  api = await startTestApi({ ...sandbox.env, META_HTTP_TIMEOUT_MS: '60000' }, { ownServices: true });
  sandbox.customer.setWebhooks({
    whatsappUrl: `${api.url}/api/webhooks/wa`,
    instagramUrl: `${api.url}/api/webhooks/instagram`,
  });
  workers = await startWorkers(api.config, createLogger({ level: 'silent' }));
});
afterAll(async () => {
  sandbox?.faults.clear();
  await workers?.close();
  await api?.close();
  await sandbox?.close();
});

/** A coffee shop on WhatsApp whose owner chose whether replies go out without a click. */
async function coffeeShop(autoSend: boolean) {
  const partner = await createTestPartner(api.ownerDb);
  const call = <T>(method: string, path: string, body?: unknown) =>
    api.call<T>(method, path, { key: partner.apiKey, body });
  const ws = await call<{ id: string }>('POST', '/v1/workspaces', { name: 'Kopi Kita' });
  const base = `/v1/workspaces/${ws.body.id}`;
  await call('PUT', `${base}/business-context`, {
    business: { name: 'Kopi Kita', description: 'Coffee roastery.', tone: 'warm', languages: ['en'] },
    catalog: [
      {
        sku: 'GAYO-250',
        name: 'Aceh Gayo beans 250 g',
        description: 'Washed Arabica.',
        price: { amount: 12_500_000, currency: 'IDR' },
      },
    ],
    policies: [],
    faqs: [],
  });
  await call('PUT', `${base}/review-rules`, {
    auto_send: { whatsapp: autoSend },
    always_review_keywords: [],
    blocked_phrases: [],
    min_confidence: 0.5,
  });
  const scope = { partnerId: partner.partnerId, workspaceId: ws.body.id };
  const deps = { db: api.appDb, vault: parseKeyRing(api.config.encryptionKeys) };
  const { routingId, connectionId, token } = await connectSandboxAccount(sandbox, deps, scope, 'whatsapp');
  customerCount += 1;
  const customer = `62813770${String(customerCount).padStart(4, '0')}`;
  return { scope, base, call, routingId, connectionId, token, customer };
}

type Shop = Awaited<ReturnType<typeof coffeeShop>>;

async function customerAsks(shop: Shop, waId = shop.customer) {
  const sent = await sandbox.customer.sendWhatsAppText({
    phoneNumberId: shop.routingId,
    from: { waId, name: 'Sari' },
    text: 'How much is the Gayo?',
  });
  expect(sent.ok).toBe(true);
}

/** The shop's drafts once there are `count` of them, all in one of `states`. */
function awaitDrafts(shop: Shop, count: number, states: Draft['state'][]) {
  return vi.waitFor(
    async () => {
      const list = await shop.call<{ data: Draft[] }>('GET', `${shop.base}/drafts?limit=100`);
      const drafts = list.body.data;
      if (drafts.length !== count || !drafts.every((d) => states.includes(d.state)))
        throw new Error(`drafts are ${drafts.map((d) => d.state).join(', ')}`);
      return drafts;
    },
    { timeout: 20_000, interval: 100 },
  );
}

/** What the sandbox accepted from the shop's number. */
const sentFrom = (shop: Shop) => sandbox.state.sentMessages().filter((m) => m.from === shop.routingId);

/** The shop's only draft, once it is in one of `states`. */
function awaitDraft(shop: Shop, states: Draft['state'][]) {
  return vi.waitFor(
    async () => {
      const list = await shop.call<{ data: Draft[] }>('GET', `${shop.base}/drafts`);
      const [draft] = list.body.data;
      if (!draft || !states.includes(draft.state)) throw new Error(`draft is ${draft?.state ?? 'missing'}`);
      return draft;
    },
    { timeout: 20_000, interval: 100 },
  );
}

function awaitReplyStatus(shop: Shop, messageId: string, status: string) {
  return vi.waitFor(
    async () => {
      const row = await api
        .ownerDb('messages')
        .where({ workspace_id: shop.scope.workspaceId, id: messageId })
        .first();
      if (row?.status !== status) throw new Error(`reply is ${row?.status ?? 'missing'}`);
      return row;
    },
    { timeout: 20_000, interval: 100 },
  );
}

const chainOf = async (shop: Shop) => {
  const res = await shop.call<{ data: Array<{ type: string }> }>('GET', `${shop.base}/evidence?limit=100`);
  return res.body.data.map((r) => r.type);
};

it('auto-send on: the reply is sent without a click, delivered and read, and all of it is evidence', async () => {
  const shop = await coffeeShop(true);
  await customerAsks(shop);

  const draft = await awaitDraft(shop, ['sent']);
  expect(draft.review.reviewed_by).toBe('auto_rule');
  expect(draft.decision).toEqual({ action: 'auto_send', reasons: [] });
  expect(draft.verdict.pass).toBe(true);
  expect(draft.delivery).toMatchObject({ attempts: 1, error: null });
  const [sent] = sandbox.state.sentMessages().filter((m) => m.recipientId === shop.customer);
  expect(sent?.text).toContain('Rp 125.000');
  expect(draft.delivery.provider_message_id).toBe(sent?.providerId);

  await awaitReplyStatus(shop, draft.delivery.message_id ?? '', 'read');
  // Meta's `delivered` and `read` webhooks may be processed in either order; a `delivered` that
  // comes after `read` changes nothing (statuses only move forward), so only `read` is certain.
  expect(await chainOf(shop)).toEqual(
    expect.arrayContaining([
      'message.received',
      'draft.created',
      'draft.classified',
      'draft.decided',
      'message.sent',
      'message.read',
    ]),
  );
  const verify = await shop.call<{ valid: boolean }>('GET', `${shop.base}/evidence/verify`);
  expect(verify.body.valid).toBe(true);
});

it('auto-send off: the draft waits; once approved it is sent and delivered', async () => {
  const shop = await coffeeShop(false);
  await customerAsks(shop);

  const waiting = await awaitDraft(shop, ['pending_approval']);
  expect(sandbox.state.sentMessages().filter((m) => m.recipientId === shop.customer)).toEqual([]);

  const approved = await shop.call<Draft>('POST', `${shop.base}/drafts/${waiting.id}/approve`, {
    text: 'The Gayo is Rp 125.000 for 250 g.',
  });
  expect(approved.status).toBe(200);

  const sent = await awaitDraft(shop, ['sent']);
  expect(sent.delivery.message_id).toEqual(expect.any(String));
  await awaitReplyStatus(shop, sent.delivery.message_id ?? '', 'read');
  const [message] = sandbox.state.sentMessages().filter((m) => m.recipientId === shop.customer);
  expect(message?.text).toBe('The Gayo is Rp 125.000 for 250 g.');
  expect(await chainOf(shop)).toEqual(
    expect.arrayContaining(['draft.approved', 'message.sent', 'message.read']),
  );
});

it('a send Meta accepts and then fails with 131047 marks the reply failed and the draft expired', async () => {
  const shop = await coffeeShop(true);
  sandbox.faults.inject({ operation: 'graph.messages', kind: 'fail_later_window_closed' });
  await customerAsks(shop);

  const draft = await awaitDraft(shop, ['expired']);
  expect(draft.delivery.error).toMatchObject({ code: 131047 });
  const reply = await awaitReplyStatus(shop, draft.delivery.message_id ?? '', 'failed');
  expect(reply.error).toMatchObject({ code: 131047 });
  expect(await chainOf(shop)).toContain('message.failed');
});

it('Meta throttling for a while: the send is retried with backoff and then delivered', async () => {
  const shop = await coffeeShop(true);
  sandbox.faults.inject({ operation: 'graph.messages', kind: 'rate_limit' });
  await customerAsks(shop);

  const draft = await awaitDraft(shop, ['sent']);
  expect(draft.delivery.attempts).toBe(2);
  await awaitReplyStatus(shop, draft.delivery.message_id ?? '', 'read');
});

it("one workspace's dead token does not hold up another's replies", async () => {
  const broken = await coffeeShop(true);
  const healthy = await coffeeShop(true);
  sandbox.state.revokeToken(broken.token);
  await Promise.all([customerAsks(broken), customerAsks(healthy)]);

  const sent = await awaitDraft(healthy, ['sent']);
  await awaitReplyStatus(healthy, sent.delivery.message_id ?? '', 'read');
  const failed = await awaitDraft(broken, ['failed']);
  expect(failed.delivery.error).toMatchObject({ code: 190 });
  const connection = await api.ownerDb('connections').where({ id: broken.connectionId }).first();
  expect(connection.status).toBe('needs_reconnect');
});

it('Meta slow for a while: the send waits for its answer and is delivered, once', async () => {
  const shop = await coffeeShop(true);
  sandbox.faults.inject({ operation: 'graph.messages', kind: 'slow', delayMs: 500, target: shop.routingId });
  await customerAsks(shop);

  const draft = await awaitDraft(shop, ['sent']);
  expect(draft.delivery).toMatchObject({ attempts: 1, error: null });
  expect(sentFrom(shop)).toHaveLength(1);
  await awaitReplyStatus(shop, draft.delivery.message_id ?? '', 'read');
});

it("Meta holding one workspace's answers does not hold up another's: it takes no more than its share of send slots", async () => {
  const slow = await coffeeShop(true);
  const other = await coffeeShop(true);
  // More of the slow shop's replies than the sending queue has slots: without a per-workspace
  // share, its sends waiting on Meta would take every slot and the other shop's would queue.
  const customers = Array.from(
    { length: catalog.sending.concurrency + 1 },
    (_, i) => `${slow.customer}${String(i).padStart(2, '0')}`,
  );
  const share = catalog.sending.jobs['send-draft'].fairShare.limit;
  sandbox.faults.inject({ operation: 'graph.messages', kind: 'hold', target: slow.routingId, times: 100 });
  for (const waId of customers) await customerAsks(slow, waId);
  await awaitDrafts(slow, customers.length, ['approved', 'sending']);
  await sandbox.faults.whenHeld(share);

  await customerAsks(other);
  const sent = await awaitDraft(other, ['sent']);
  await awaitReplyStatus(other, sent.delivery.message_id ?? '', 'read');

  // Meanwhile Meta still holds the slow shop's sends: none answered, no more than its share asked.
  expect(sandbox.faults.held()).toEqual(
    Array.from({ length: share }, () => ({ operation: 'graph.messages', targets: [slow.routingId] })),
  );
  expect(sentFrom(slow)).toEqual([]);
  expect((await awaitDrafts(slow, customers.length, ['approved', 'sending'])).length).toBe(customers.length);

  // Meta answers again: every reply is sent, each once, on its first attempt.
  sandbox.faults.clear();
  const drafts = await awaitDrafts(slow, customers.length, ['sent']);
  expect(drafts.map((d) => d.delivery.attempts)).toEqual(customers.map(() => 1));
  expect(
    sentFrom(slow)
      .map((m) => m.recipientId)
      .sort(),
  ).toEqual([...customers].sort());
});
