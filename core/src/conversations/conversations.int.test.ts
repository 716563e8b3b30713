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
import { CUSTOMER_SERVICE_WINDOW_MS, type InboundMessage } from './types.ts';

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
});
