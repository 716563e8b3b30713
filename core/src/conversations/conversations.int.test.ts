import { createKnex } from '@laras/core';
import { createPartner } from '@laras/core/operator';
import { testConfig } from '@laras/testkit';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../ids.ts';
import {
  getConversation,
  listConversations,
  listMessages,
  recordInboundMessage,
  recordStatus,
} from './service.ts';
import { CUSTOMER_SERVICE_WINDOW_MS, type InboundMessage, StatusAheadOfSend } from './types.ts';

const config = testConfig();
const ownerDb = createKnex({
  url: config.database.ownerUrl,
  poolMax: 2,
  applicationName: 'conversations-test',
});
const appDb = createKnex({ url: config.database.appUrl, poolMax: 2, applicationName: 'conversations-test' });
afterAll(() => Promise.all([ownerDb.destroy(), appDb.destroy()]));

let scope: { partnerId: string; workspaceId: string };
const deps = { db: appDb };

async function newWorkspace(partnerId: string) {
  const workspaceId = newId('workspace');
  await ownerDb('workspaces').insert({ id: workspaceId, partner_id: partnerId, name: 'Kopi Kita' });
  return { partnerId, workspaceId };
}

beforeEach(async () => {
  const { partnerId } = await createPartner(ownerDb, { name: 'Inbox Agency' });
  scope = await newWorkspace(partnerId);
});

const at = (iso: string) => new Date(iso);
const text = (id: string, sentAt: string, overrides: Partial<InboundMessage> = {}): InboundMessage => ({
  channel: 'whatsapp',
  surface: 'whatsapp',
  threadKey: '6281234567890',
  customer: { providerUserId: '6281234567890', name: 'Sari' },
  providerMessageId: id,
  type: 'text',
  text: `message ${id}`,
  details: {},
  sentAt: at(sentAt),
  ...overrides,
});

describe('recordInboundMessage', () => {
  it('stores contact, thread and message once, with the partner event, however often it is delivered', async () => {
    const first = await recordInboundMessage(deps, scope, text('wamid.A', '2026-11-25T10:00:00Z'));
    expect(first.message).toMatchObject({ direction: 'inbound', type: 'text', text: 'message wamid.A' });
    for (let i = 0; i < 2; i += 1) {
      const again = await recordInboundMessage(deps, scope, text('wamid.A', '2026-11-25T10:00:00Z'));
      expect(again).toEqual({ message: null, conversationId: first.conversationId });
    }
    expect(await ownerDb('messages').where({ workspace_id: scope.workspaceId })).toHaveLength(1);
    expect(await ownerDb('contacts').where({ workspace_id: scope.workspaceId })).toHaveLength(1);
    const events = await ownerDb('events').where({
      workspace_id: scope.workspaceId,
      type: 'message.received',
    });
    expect(events.map((e) => e.data)).toEqual([
      {
        message_id: first.message?.id,
        conversation_id: first.conversationId,
        channel: 'whatsapp',
        surface: 'whatsapp',
        type: 'text',
      },
    ]);
  });

  it('keeps the 24-hour window moving forward only, and has none for comment threads', async () => {
    const { conversationId } = await recordInboundMessage(
      deps,
      scope,
      text('wamid.1', '2026-11-25T12:00:00Z'),
    );
    // A late delivery of an older message must not shorten the window.
    await recordInboundMessage(deps, scope, text('wamid.0', '2026-11-25T08:00:00Z'));
    const conversation = await getConversation(deps, scope, conversationId);
    expect(conversation.lastCustomerMessageAt).toEqual(at('2026-11-25T12:00:00Z'));
    expect(conversation.windowClosesAt?.getTime()).toBe(
      at('2026-11-25T12:00:00Z').getTime() + CUSTOMER_SERVICE_WINDOW_MS,
    );
    expect(conversation.contact).toMatchObject({ providerUserId: '6281234567890', name: 'Sari' });

    const comment = await recordInboundMessage(deps, scope, {
      ...text('c-1', '2026-11-25T12:00:00Z'),
      channel: 'instagram',
      surface: 'instagram_comment',
      threadKey: 'media-1:c-1',
      customer: { providerUserId: 'ig-1', username: 'sari.k' },
    });
    expect((await getConversation(deps, scope, comment.conversationId)).windowClosesAt).toBeNull();
  });

  it('lists threads by latest activity with filters and cursor pages; messages newest first', async () => {
    await recordInboundMessage(deps, scope, text('wamid.x', '2026-11-25T09:00:00Z', { threadKey: 'a' }));
    await recordInboundMessage(deps, scope, text('wamid.y', '2026-11-25T11:00:00Z', { threadKey: 'b' }));
    const dm = await recordInboundMessage(deps, scope, {
      ...text('ig.m1', '2026-11-25T10:00:00Z'),
      channel: 'instagram',
      surface: 'instagram_dm',
      threadKey: 'igsid-1',
      customer: { providerUserId: 'igsid-1', username: 'budi' },
    });
    const page1 = await listConversations(deps, scope, { limit: 2 });
    expect(page1.data.map((c) => c.threadKey)).toEqual(['b', 'igsid-1']);
    expect(page1.hasMore).toBe(true);
    const page2 = await listConversations(deps, scope, { limit: 2, cursor: page1.nextCursor ?? '' });
    expect(page2.data.map((c) => c.threadKey)).toEqual(['a']);
    expect(page2.hasMore).toBe(false);
    const dms = await listConversations(deps, scope, { limit: 10, surface: 'instagram_dm' });
    expect(dms.data.map((c) => c.id)).toEqual([dm.conversationId]);

    await recordInboundMessage(deps, scope, text('wamid.z', '2026-11-25T12:00:00Z', { threadKey: 'b' }));
    const b = page1.data[0];
    if (!b) throw new Error('no thread b');
    const messages = await listMessages(deps, scope, b.id, { limit: 1 });
    expect(messages.data.map((m) => m.providerMessageId)).toEqual(['wamid.z']);
    const older = await listMessages(deps, scope, b.id, { limit: 1, cursor: messages.nextCursor ?? '' });
    expect(older.data.map((m) => m.providerMessageId)).toEqual(['wamid.y']);
  });

  it('pages without skipping rows whose times differ by less than a millisecond', async () => {
    // Outbound messages and thread activity are stamped by PostgreSQL, in microseconds.
    const a = await recordInboundMessage(
      deps,
      scope,
      text('wamid.u1', '2026-11-25T10:00:00Z', { threadKey: 'u1' }),
    );
    const b = await recordInboundMessage(
      deps,
      scope,
      text('wamid.u2', '2026-11-25T10:00:00Z', { threadKey: 'u2' }),
    );
    const c = await recordInboundMessage(
      deps,
      scope,
      text('wamid.u3', '2026-11-25T10:00:00Z', { threadKey: 'u3' }),
    );
    const stamps: Array<[string, string]> = [
      [a.conversationId, '2026-11-25T10:00:00.123456Z'],
      [b.conversationId, '2026-11-25T10:00:00.123400Z'],
      [c.conversationId, '2026-11-25T10:00:00.122999Z'],
    ];
    for (const [id, at] of stamps)
      await ownerDb('conversations').where({ id }).update({ last_message_at: at });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listConversations(deps, scope, { limit: 1, ...(cursor ? { cursor } : {}) });
      seen.push(...page.data.map((conversation) => conversation.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(stamps.map(([id]) => id));
  });

  it('refuses an edited cursor, also one naming a time PostgreSQL cannot hold, with a 400', async () => {
    const { conversationId } = await recordInboundMessage(
      deps,
      scope,
      text('wamid.c', '2026-11-25T10:00:00Z'),
    );
    const id = 'cnv_01JD5Q4ZB7S0M6G4B6Y7R1T2QX';
    const edited = [
      '-271821-04-20T00:00:00.000Z',
      '+275760-09-13T00:00:00.000Z',
      '0000-01-01T00:00:00.000000Z',
      '2026-02-30T00:00:00.000000Z',
      '2026-11-25',
      '1',
    ].map((time) => Buffer.from(`t1|${time}|${id}`, 'utf8').toString('base64url'));
    for (const cursor of edited) {
      const invalid = { code: 'invalid_request', param: 'cursor' };
      await expect(listConversations(deps, scope, { limit: 10, cursor })).rejects.toMatchObject(invalid);
      await expect(listMessages(deps, scope, conversationId, { limit: 10, cursor })).rejects.toMatchObject(
        invalid,
      );
    }
  });

  it('shows another workspace nothing: its threads are not found', async () => {
    const { conversationId } = await recordInboundMessage(
      deps,
      scope,
      text('wamid.s', '2026-11-25T10:00:00Z'),
    );
    const other = await newWorkspace(scope.partnerId);
    await expect(getConversation(deps, other, conversationId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(listMessages(deps, other, conversationId, { limit: 10 })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await listConversations(deps, other, { limit: 10 })).data).toEqual([]);
  });
});

describe('recordStatus', () => {
  it('moves an outbound message forward only and tells the partner each step', async () => {
    const { conversationId } = await recordInboundMessage(
      deps,
      scope,
      text('wamid.in', '2026-11-25T10:00:00Z'),
    );
    const messageId = newId('message');
    await ownerDb('messages').insert({
      id: messageId,
      partner_id: scope.partnerId,
      workspace_id: scope.workspaceId,
      conversation_id: conversationId,
      channel: 'whatsapp',
      direction: 'outbound',
      type: 'text',
      text: 'Hello!',
      provider_message_id: 'wamid.out',
      sent_at: at('2026-11-25T10:01:00Z'),
      status: 'pending',
    });
    const update = (status: 'sent' | 'delivered' | 'read' | 'failed', iso: string) =>
      recordStatus(deps, scope, {
        channel: 'whatsapp',
        providerMessageId: 'wamid.out',
        status,
        at: at(iso),
        error: null,
      });
    expect(await update('read', '2026-11-25T10:03:00Z')).toBe(messageId);
    // Out of order: delivered after read changes nothing.
    expect(await update('delivered', '2026-11-25T10:02:00Z')).toBeNull();
    const row = await ownerDb('messages').where({ id: messageId }).first();
    expect(row.status).toBe('read');
    expect(await update('sent', '2026-11-25T10:01:30Z')).toBeNull();
    const events = await ownerDb('events')
      .where({ workspace_id: scope.workspaceId })
      .whereLike('type', 'message.%');
    expect(events.map((e) => e.type).sort()).toEqual(['message.read', 'message.received']);
    // An inbound message never takes a delivery status.
    expect(
      await recordStatus(deps, scope, {
        channel: 'whatsapp',
        providerMessageId: 'wamid.in',
        status: 'read',
        at: at('2026-11-25T10:05:00Z'),
        error: null,
      }),
    ).toBeNull();
  });

  it('refuses a status for no known message while a send is in flight (it may be that send’s), and ignores it otherwise', async () => {
    const { conversationId, message } = await recordInboundMessage(
      deps,
      scope,
      text('wamid.question', '2026-11-25T10:00:00Z'),
    );
    const delivered = () =>
      recordStatus(deps, scope, {
        channel: 'whatsapp',
        providerMessageId: 'wamid.answer',
        status: 'delivered',
        at: at('2026-11-25T10:01:00Z'),
        error: null,
      });
    // No send in flight: a status for a message not sent from here changes nothing.
    expect(await delivered()).toBeNull();

    const draftId = newId('draft');
    await ownerDb('drafts').insert({
      id: draftId,
      partner_id: scope.partnerId,
      workspace_id: scope.workspaceId,
      conversation_id: conversationId,
      message_id: message?.id,
      state: 'sending',
      text: 'Ada, kak.',
      language: 'id',
      intent: 'availability',
      confidence: 0.9,
      needs_human: false,
      provider: 'builtin',
      model: 'builtin',
      prompt_version: 'test',
      timing_ms: 1,
      verdict: {},
      decision: {},
    });
    await expect(delivered()).rejects.toBeInstanceOf(StatusAheadOfSend);

    // The send's outcome is stored: the same status now applies.
    const sentId = newId('message');
    await ownerDb('messages').insert({
      id: sentId,
      partner_id: scope.partnerId,
      workspace_id: scope.workspaceId,
      conversation_id: conversationId,
      channel: 'whatsapp',
      direction: 'outbound',
      type: 'text',
      text: 'Ada, kak.',
      provider_message_id: 'wamid.answer',
      sent_at: at('2026-11-25T10:00:30Z'),
      status: 'pending',
    });
    expect(await delivered()).toBe(sentId);
    // A repeat is no step forward; with the message known it is not refused, though a send is in flight.
    expect(await delivered()).toBeNull();
  });
});
