/**
 * The inbound pipeline end to end: the sandbox's customer sends signed webhooks exactly as Meta
 * does, the API stores them, and the workers route each item to its workspace by the Meta id.
 * Assertions await the rows; nothing sleeps.
 */
import { createLogger, newId } from '@laras/core';
import { storeConnection } from '@laras/core/connections';
import { draftForMessage } from '@laras/core/drafts';
import { parseKeyRing } from '@laras/core/vault';
import {
  type MetaSandbox,
  startMetaSandbox,
  type WhatsAppItem,
  type WhatsAppMessageSpec,
} from '@laras/meta-sandbox';
import { createTestPartner, startTestApi, type TestApi } from '@laras/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningWorkers, startWorkers } from './start.ts';

let sandbox: MetaSandbox;
let api: TestApi;
let workers: RunningWorkers | undefined;

beforeAll(async () => {
  sandbox = await startMetaSandbox({ port: 0 });
  api = await startTestApi(sandbox.env, { ownServices: true });
  sandbox.customer.setWebhooks({
    whatsappUrl: `${api.url}/api/webhooks/wa`,
    instagramUrl: `${api.url}/api/webhooks/instagram`,
  });
  workers = await startWorkers(api.config, createLogger({ level: 'silent' }));
});
afterAll(async () => {
  await workers?.close();
  await api?.close();
  await sandbox?.close();
});

/** A workspace of its own partner with a live connection for a fresh sandbox number or account. */
async function connectedWorkspace(channel: 'whatsapp' | 'instagram') {
  const partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Inbox' },
  });
  const scope = { partnerId: partner.partnerId, workspaceId: ws.body.id };
  const deps = { db: api.appDb, vault: parseKeyRing(api.config.encryptionKeys) };
  if (channel === 'whatsapp') {
    const business = sandbox.state.addBusiness();
    const phone = business.phoneNumbers[0];
    if (!phone) throw new Error('no sandbox number');
    await storeConnection(deps, scope, {
      channel,
      wabaId: business.wabaId,
      phoneNumberId: phone.id,
      displayPhoneNumber: phone.displayPhoneNumber,
      verifiedName: phone.verifiedName,
      token: 'EAAS-test-token',
      tokenExpiresAt: null,
    });
    return { ...scope, partner, routingId: phone.id };
  }
  const account = sandbox.state.addInstagramAccount();
  await storeConnection(deps, scope, {
    channel,
    accountId: account.userId,
    username: account.username,
    accountType: 'BUSINESS',
    token: 'IGAA-test-token',
    tokenExpiresAt: null,
  });
  return { ...scope, partner, routingId: account.userId };
}

const messagesOf = (workspaceId: string) =>
  api.ownerDb('messages').where({ workspace_id: workspaceId }).orderBy('sent_at').select('*');

async function awaitMessages(workspaceId: string, count: number) {
  return vi.waitFor(
    async () => {
      const rows = await messagesOf(workspaceId);
      if (rows.length < count) throw new Error(`${rows.length} of ${count} messages so far`);
      return rows;
    },
    { timeout: 15_000, interval: 100 },
  );
}

async function awaitProcessed(body: string) {
  return vi.waitFor(
    async () => {
      const row = await api.ownerDb('webhook_events').whereRaw('raw_body = ?', [body]).first();
      if (row?.status !== 'processed') throw new Error(`delivery is ${row?.status ?? 'missing'}`);
      return row;
    },
    { timeout: 15_000, interval: 100 },
  );
}

describe('WhatsApp', () => {
  it('stores a customer message in the workspace that owns the number, once for three deliveries', async () => {
    const ws = await connectedWorkspace('whatsapp');
    const sent = await sandbox.customer.sendWhatsAppText({
      phoneNumberId: ws.routingId,
      from: { waId: '6281234567890', name: 'Sari' },
      text: 'Is the Gayo in stock?',
      times: 3,
    });
    expect(sent.ok).toBe(true);
    await awaitProcessed(sent.body);
    const [message, ...rest] = await awaitMessages(ws.workspaceId, 1);
    expect(rest).toEqual([]);
    expect(message).toMatchObject({
      direction: 'inbound',
      type: 'text',
      text: 'Is the Gayo in stock?',
      provider_message_id: sent.messageId,
    });
    const conversation = await api.ownerDb('conversations').where({ id: message.conversation_id }).first();
    expect(conversation).toMatchObject({ surface: 'whatsapp', thread_key: '6281234567890' });
    expect(conversation.window_closes_at.getTime() - conversation.last_customer_message_at.getTime()).toBe(
      24 * 3600 * 1000,
    );
    const contact = await api.ownerDb('contacts').where({ id: conversation.contact_id }).first();
    expect(contact).toMatchObject({ provider_user_id: '6281234567890', name: 'Sari' });
    const events = await api
      .ownerDb('events')
      .where({ workspace_id: ws.workspaceId, type: 'message.received' });
    expect(events).toHaveLength(1);

    // Through the API, as the partner reads it.
    const list = await api.call<{ data: Array<{ id: string }> }>(
      'GET',
      `/v1/workspaces/${ws.workspaceId}/conversations`,
      { key: ws.partner.apiKey },
    );
    expect(list.body.data.map((c) => c.id)).toEqual([conversation.id]);
  });

  it('stores a message whose text and name hold NUL, which PostgreSQL cannot, with U+FFFD in its place', async () => {
    const ws = await connectedWorkspace('whatsapp');
    const sent = await sandbox.customer.sendWhatsAppText({
      phoneNumberId: ws.routingId,
      from: { waId: '6281234567899', name: 'Sa\u0000ri' },
      text: 'Is the\u0000Gayo in stock?',
    });
    expect(sent.ok).toBe(true);
    await awaitProcessed(sent.body);
    const [message] = await awaitMessages(ws.workspaceId, 1);
    expect(message?.text).toBe('Is the\uFFFDGayo in stock?');
    const conversation = await api.ownerDb('conversations').where({ id: message?.conversation_id }).first();
    const contact = await api.ownerDb('contacts').where({ id: conversation.contact_id }).first();
    expect(contact.name).toBe('Sa\uFFFDri');
    expect(await api.ownerDb('inbound_rejects').where({ routing_id: ws.routingId })).toEqual([]);
  });

  it('splits one POST with entries for two workspaces, and keeps an unknown number as unroutable', async () => {
    const first = await connectedWorkspace('whatsapp');
    const second = await connectedWorkspace('whatsapp');
    const unknown = '109999999999999';
    const sent = await sandbox.customer.sendWhatsApp(
      [
        { phoneNumberId: first.routingId, text: 'for the first' },
        { phoneNumberId: second.routingId, text: 'for the second' },
        {
          phoneNumberId: unknown,
          wabaId: '209999999999999',
          displayPhoneNumber: '15550009999',
          text: 'lost?',
        },
      ],
      { layout: 'entries' },
    );
    const delivery = await awaitProcessed(sent.body);
    expect((await awaitMessages(first.workspaceId, 1)).map((m) => m.text)).toEqual(['for the first']);
    expect((await awaitMessages(second.workspaceId, 1)).map((m) => m.text)).toEqual(['for the second']);
    const rejects = await api.ownerDb('inbound_rejects').where({ webhook_event_id: delivery.id });
    expect(rejects).toEqual([
      expect.objectContaining({ reason: 'unroutable', routing_id: unknown, source: 'whatsapp' }),
    ]);
  });

  it('keeps a malformed item with its reason and stores the others of the same POST', async () => {
    const ws = await connectedWorkspace('whatsapp');
    const good = sandbox.customer.buildWhatsApp([
      { phoneNumberId: ws.routingId, text: 'first good' },
      { phoneNumberId: ws.routingId, text: 'second good' },
    ]);
    const payload = structuredClone(good.payload) as unknown as {
      entry: Array<{ changes: Array<{ value: { messages: Array<Record<string, unknown>> } }> }>;
    };
    const messages = payload.entry[0]?.changes[0]?.value.messages ?? [];
    messages.splice(1, 0, { id: 'wamid.broken', type: 'text', timestamp: 'not a time' });
    const sent = await sandbox.customer.send(payload, { source: 'whatsapp' });
    const delivery = await awaitProcessed(sent.body);
    expect((await awaitMessages(ws.workspaceId, 2)).map((m) => m.text)).toEqual([
      'first good',
      'second good',
    ]);
    const rejects = await api.ownerDb('inbound_rejects').where({ webhook_event_id: delivery.id });
    expect(rejects.map((r) => r.reason)).toEqual(['unparseable']);
  });
});

describe('every WhatsApp type', () => {
  it('stores each message type with its facts, and applies statuses forward only', async () => {
    const ws = await connectedWorkspace('whatsapp');
    const from = { waId: '6281211112222', name: 'Rina' };
    const item = (message: WhatsAppMessageSpec): WhatsAppItem => ({
      phoneNumberId: ws.routingId,
      from,
      message,
    });
    const sent = await sandbox.customer.sendWhatsApp([
      item({ type: 'text', text: 'hello' }),
      item({ type: 'image', caption: 'this one', mimeType: 'image/jpeg' }),
      item({ type: 'voice' }),
      item({ type: 'video', caption: 'unboxing' }),
      item({ type: 'document', filename: 'invoice.pdf', mimeType: 'application/pdf' }),
      item({ type: 'sticker', animated: true }),
      item({ type: 'location', latitude: -6.9, longitude: 107.6, name: 'Roastery' }),
      item({ type: 'contacts', contacts: [{ name: 'Budi', phone: '+62 811 000' }] }),
      item({ type: 'button_reply', id: 'yes', title: 'Yes please' }),
      item({ type: 'list_reply', id: 'gayo', title: 'Aceh Gayo' }),
      item({ type: 'button', text: 'Track order', payload: 'TRACK' }),
      item({ type: 'unsupported' }),
    ]);
    await awaitProcessed(sent.body);
    const rows = await awaitMessages(ws.workspaceId, 12);
    const byId = new Map(rows.map((r) => [r.provider_message_id, r]));
    const at = (i: number) => byId.get(sent.ids[i] ?? '');
    expect(at(0)).toMatchObject({ type: 'text', text: 'hello' });
    expect(at(1)).toMatchObject({ type: 'image', text: 'this one' });
    expect(at(1)?.details.media[0]).toMatchObject({ kind: 'image', mimeType: 'image/jpeg' });
    expect(at(2)?.details.media[0]).toMatchObject({ kind: 'audio', voice: true });
    expect(at(3)).toMatchObject({ type: 'video', text: 'unboxing' });
    expect(at(4)?.details.media[0]).toMatchObject({ kind: 'document', filename: 'invoice.pdf' });
    expect(at(5)?.details.media[0]).toMatchObject({ kind: 'sticker', animated: true });
    expect(at(6)).toMatchObject({ type: 'location' });
    expect(at(6)?.details.location).toMatchObject({ latitude: -6.9, longitude: 107.6, name: 'Roastery' });
    expect(at(7)?.details.contacts[0]).toMatchObject({ name: 'Budi' });
    expect(at(8)).toMatchObject({ type: 'choice', text: 'Yes please' });
    expect(at(9)?.details.choice).toMatchObject({ source: 'list_reply', id: 'gayo' });
    expect(at(10)?.details.choice).toMatchObject({ source: 'template_button', payload: 'TRACK' });
    expect(at(11)).toMatchObject({ type: 'unsupported' });

    // A reply quoting the first message, and a reaction to it.
    const reply = await sandbox.customer.sendWhatsApp([
      item({ type: 'text', text: 'about that', context: { id: sent.ids[0] ?? '', from: '6281211112222' } }),
      item({ type: 'reaction', messageId: sent.ids[0] ?? '', emoji: '👍' }),
    ]);
    await awaitProcessed(reply.body);
    const more = await awaitMessages(ws.workspaceId, 14);
    const quoted = more.find((r) => r.provider_message_id === reply.ids[0]);
    expect(quoted?.details.reply_to).toMatchObject({ messageId: sent.ids[0] });
    const reaction = more.find((r) => r.type === 'reaction');
    expect(reaction).toMatchObject({ text: '👍' });
    expect(reaction?.details).toMatchObject({ message_id: sent.ids[0] });

    // Statuses of one of our own messages, delivered out of order: read first, then delivered.
    const conversationId = more[0]?.conversation_id;
    await api.ownerDb('messages').insert({
      id: newId('message'),
      partner_id: ws.partnerId,
      workspace_id: ws.workspaceId,
      conversation_id: conversationId,
      channel: 'whatsapp',
      direction: 'outbound',
      type: 'text',
      text: 'We have it!',
      provider_message_id: 'wamid.outbound-bench-1',
      sent_at: new Date(),
      status: 'sent',
    });
    const statuses = await sandbox.customer.sendWhatsAppSequence([
      { phoneNumberId: ws.routingId, from, status: { messageId: 'wamid.outbound-bench-1', status: 'read' } },
      {
        phoneNumberId: ws.routingId,
        from,
        status: { messageId: 'wamid.outbound-bench-1', status: 'delivered' },
      },
    ]);
    for (const result of statuses) await awaitProcessed(result.body);
    const outbound = await api
      .ownerDb('messages')
      .where({ provider_message_id: 'wamid.outbound-bench-1' })
      .first();
    expect(outbound.status).toBe('read');
  });
});

describe('Instagram', () => {
  it('stores DMs and customer comments, never echoes or the account’s own comments', async () => {
    const ws = await connectedWorkspace('instagram');
    const sent = await sandbox.customer.sendInstagram([
      { accountId: ws.routingId, from: { username: 'budi.k' }, text: 'Do you ship to Bali?' },
      { accountId: ws.routingId, event: { kind: 'message', isEcho: true, text: 'We do!' } },
      {
        accountId: ws.routingId,
        from: { username: 'budi.k' },
        comment: { text: 'Price?', mediaId: '18000000000000001' },
      },
    ]);
    await awaitProcessed(sent.body);
    const rows = await awaitMessages(ws.workspaceId, 2);
    expect(rows.map((m) => [m.type, m.text]).sort()).toEqual([
      ['comment', 'Price?'],
      ['text', 'Do you ship to Bali?'],
    ]);
    const surfaces = await api
      .ownerDb('conversations')
      .where({ workspace_id: ws.workspaceId })
      .pluck('surface');
    expect(surfaces.sort()).toEqual(['instagram_comment', 'instagram_dm']);
  });
});

describe('drafting', () => {
  /** A catalog to ground drafts in; auto-send stays off, so drafts wait for approval. */
  async function withContext(ws: Awaited<ReturnType<typeof connectedWorkspace>>) {
    const context = await api.call('PUT', `/v1/workspaces/${ws.workspaceId}/business-context`, {
      key: ws.partner.apiKey,
      body: {
        business: {
          name: 'Kopi Kita',
          description: 'Coffee roastery.',
          tone: 'warm',
          languages: ['en', 'id'],
        },
        catalog: [
          { sku: 'GAYO-250', name: 'Aceh Gayo beans 250 g', price: { amount: 12_500_000, currency: 'IDR' } },
        ],
        policies: [],
        faqs: [],
      },
    });
    expect(context.status).toBe(200);
    const rules = await api.call('PUT', `/v1/workspaces/${ws.workspaceId}/review-rules`, {
      key: ws.partner.apiKey,
      body: {
        auto_send: { whatsapp: false, instagram_dm: false, instagram_comment: false },
        always_review_keywords: [],
        blocked_phrases: [],
        min_confidence: 0.5,
      },
    });
    expect(rules.status).toBe(200);
  }

  const awaitDraft = (workspaceId: string, state: string) =>
    vi.waitFor(
      async () => {
        const row = await api.ownerDb('drafts').where({ workspace_id: workspaceId, state }).first();
        if (!row) throw new Error(`no ${state} draft yet`);
        return row;
      },
      { timeout: 15_000, interval: 100 },
    );

  it('drafts a grounded reply for a customer message and holds it for approval by default', async () => {
    const ws = await connectedWorkspace('whatsapp');
    await withContext(ws);
    await sandbox.customer.sendWhatsAppText({ phoneNumberId: ws.routingId, text: 'How much is the Gayo?' });
    const draft = await awaitDraft(ws.workspaceId, 'pending_approval');
    expect(draft.text).toContain('Rp 125.000');
    expect(draft.citations).toContainEqual({ kind: 'catalog', id: 'GAYO-250' });
    expect(draft.decision.action).toBe('hold');
    expect(draft.decision.reasons.map((r: { code: string }) => r.code)).toContain('auto_send_disabled');

    const queue = await api.call<{ data: Array<{ id: string; draft: { text: string } }> }>(
      'GET',
      `/v1/workspaces/${ws.workspaceId}/drafts?state=pending_approval`,
      { key: ws.partner.apiKey },
    );
    expect(queue.body.data.map((d) => d.id)).toEqual([draft.id]);
    const evidence = await api
      .ownerDb('evidence_records')
      .where({ workspace_id: ws.workspaceId, draft_id: draft.id });
    expect(evidence.map((r) => r.type).sort()).toEqual([
      'draft.classified',
      'draft.created',
      'draft.decided',
    ]);

    // A newer message supersedes the waiting draft.
    await sandbox.customer.sendWhatsAppText({ phoneNumberId: ws.routingId, text: 'And is it in stock?' });
    await vi.waitFor(
      async () => {
        const old = await api.ownerDb('drafts').where({ id: draft.id }).first();
        if (old.state !== 'superseded') throw new Error(`still ${old.state}`);
      },
      { timeout: 15_000, interval: 100 },
    );
  });

  it('drafts nothing for a reaction', async () => {
    const ws = await connectedWorkspace('whatsapp');
    await withContext(ws);
    const first = await sandbox.customer.sendWhatsAppText({
      phoneNumberId: ws.routingId,
      text: 'Hello there',
    });
    await awaitDraft(ws.workspaceId, 'pending_approval');
    const reaction = await sandbox.customer.sendWhatsAppMessage({
      phoneNumberId: ws.routingId,
      message: { type: 'reaction', messageId: first.messageId ?? '', emoji: '👍' },
    });
    await awaitProcessed(reaction.body);
    const rows = await awaitMessages(ws.workspaceId, 2);
    const stored = rows.find((r) => r.type === 'reaction');
    // Run the drafting step for it directly (its queued job may not have run yet): nothing to draft.
    const outcome = await draftForMessage({ db: api.appDb }, ws, stored?.id ?? '');
    expect(outcome).toMatchObject({ status: 'skipped' });
    const drafts = await api.ownerDb('drafts').where({ workspace_id: ws.workspaceId });
    expect(drafts.map((d) => d.message_id)).not.toContain(stored?.id);
  });
});

describe('outbox', () => {
  it('processes a delivery stored while no worker was running once the workers are back', async () => {
    const ws = await connectedWorkspace('whatsapp');
    await workers?.close();
    workers = undefined;
    const sent = await sandbox.customer.sendWhatsAppText({
      phoneNumberId: ws.routingId,
      text: 'while you were out',
    });
    expect(sent.ok).toBe(true);
    const stored = await api.ownerDb('webhook_events').whereRaw('raw_body = ?', [sent.body]).first();
    expect(stored).toBeDefined();
    expect(await messagesOf(ws.workspaceId)).toEqual([]);

    workers = await startWorkers(api.config, createLogger({ level: 'silent' }));
    expect((await awaitMessages(ws.workspaceId, 1)).map((m) => m.text)).toEqual(['while you were out']);
  });
});
