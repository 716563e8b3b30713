/**
 * Meta's data deletion for one channel of a workspace, against the real PostgreSQL: what customers
 * wrote and every draft's text go; a draft not sent yet is expired, so nothing erased can be sent.
 */
import { createKnex } from '@laras/core';
import { createPartner } from '@laras/core/operator';
import { testConfig } from '@laras/testkit';
import { afterAll, expect, it, vi } from 'vitest';
import { builtinDrafter } from '../drafting/index.ts';
import { draftForMessage } from '../drafts/service.ts';
import { newId } from '../ids.ts';
import { eraseChannelContent, eraseContact, recordInboundMessage } from './service.ts';

const config = testConfig();
const ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'erase-test' });
const appDb = createKnex({ url: config.database.appUrl, poolMax: 2, applicationName: 'erase-test' });
afterAll(() => Promise.all([ownerDb.destroy(), appDb.destroy()]));

let counter = 0;

async function workspace() {
  const { partnerId } = await createPartner(ownerDb, { name: 'Erase Agency' });
  const workspaceId = newId('workspace');
  await ownerDb('workspaces').insert({ id: workspaceId, partner_id: partnerId, name: 'Kopi Kita' });
  return { partnerId, workspaceId };
}

/** A draft replying to a customer's message on `channel`, in its own thread, set to `state`. */
async function draftIn(
  scope: { partnerId: string; workspaceId: string },
  channel: 'whatsapp' | 'instagram',
  state: string,
) {
  counter += 1;
  const { message } = await recordInboundMessage({ db: appDb }, scope, {
    channel,
    surface: channel === 'whatsapp' ? 'whatsapp' : 'instagram_dm',
    threadKey: `62877${counter}`,
    customer: { providerUserId: `62877${counter}`, name: 'Sari' },
    providerMessageId: `erase.${scope.workspaceId}.${counter}`,
    type: 'text',
    text: 'Send it to Jl. Braga 1, my number is 0812 3456 7890',
    details: {},
    sentAt: new Date(),
  });
  if (!message) throw new Error('message not stored');
  const outcome = await draftForMessage({ db: appDb }, scope, message.id);
  if (outcome.status === 'skipped') throw new Error(outcome.reason);
  const id = outcome.draft.id;
  // Details that quote the customer, as a classifier's or a reviewer's may.
  await ownerDb('drafts')
    .where({ id })
    .update({
      state,
      needs_human_reason: 'asks to ship to Jl. Braga 1',
      rejection_reason: state === 'rejected' ? 'do not promise Jl. Braga 1' : null,
      verdict: {
        pass: false,
        score: 0.4,
        reasons: [{ code: 'contact_not_in_context', detail: '0812 3456 7890' }],
      },
      decision: { action: 'hold', reasons: [{ code: 'needs_human', detail: 'Jl. Braga 1' }] },
    });
  return id;
}

const draftRow = (id: string) => ownerDb('drafts').where({ id }).first();

it("erases the channel's drafts, expires those not sent yet, and leaves the other channel and workspace alone", async () => {
  const scope = await workspace();
  const other = await workspace();
  const waiting = await draftIn(scope, 'whatsapp', 'pending_approval');
  const approved = await draftIn(scope, 'whatsapp', 'approved');
  const sent = await draftIn(scope, 'whatsapp', 'sent');
  const rejected = await draftIn(scope, 'whatsapp', 'rejected');
  const instagram = await draftIn(scope, 'instagram', 'pending_approval');
  const elsewhere = await draftIn(other, 'whatsapp', 'pending_approval');
  const before = await draftRow(instagram);

  expect(await eraseChannelContent({ db: appDb }, scope, 'whatsapp')).toEqual({
    messagesErased: 4,
    draftsErased: 4,
  });

  for (const [id, state] of [
    [waiting, 'expired'],
    [approved, 'expired'],
    [sent, 'sent'],
    [rejected, 'rejected'],
  ] as const) {
    expect(await draftRow(id), id).toMatchObject({
      state,
      text: '',
      needs_human_reason: null,
      rejection_reason: null,
      verdict: { pass: false, score: 0.4, reasons: [{ code: 'contact_not_in_context', detail: '' }] },
      decision: { action: 'hold', reasons: [{ code: 'needs_human', detail: '' }] },
    });
  }
  expect(await draftRow(instagram)).toEqual(before);
  expect(await draftRow(elsewhere)).toMatchObject({ state: 'pending_approval', text: before.text });

  const expired = await ownerDb('evidence_records')
    .where({ workspace_id: scope.workspaceId, type: 'draft.expired' })
    .orderBy('draft_id')
    .select('draft_id', 'actor', 'data');
  expect(expired).toEqual(
    [
      { draft_id: waiting, actor: 'meta', data: { was: 'pending_approval', reason: 'meta_data_deletion' } },
      { draft_id: approved, actor: 'meta', data: { was: 'approved', reason: 'meta_data_deletion' } },
    ].sort((a, b) => a.draft_id.localeCompare(b.draft_id)),
  );
  const events = await ownerDb('events').where({
    workspace_id: scope.workspaceId,
    type: 'workspace.data_deleted',
  });
  expect(events.map((e) => e.data)).toEqual([
    { channel: 'whatsapp', reason: 'meta_data_deletion', messages_erased: 4, drafts_erased: 4 },
  ]);
});

it("replaces the channel's customer ids and thread keys (a WhatsApp one is a phone number), and a repeat erases nothing more", async () => {
  const scope = await workspace();
  await draftIn(scope, 'whatsapp', 'pending_approval');
  await draftIn(scope, 'instagram', 'pending_approval');
  const threads = () =>
    ownerDb('conversations as c')
      .join('contacts as k', 'k.id', 'c.contact_id')
      .where('c.workspace_id', scope.workspaceId)
      .orderBy('c.channel', 'desc')
      .select(
        'c.id',
        'c.channel',
        'c.thread_key',
        'c.routing_id',
        'k.id as contact_id',
        'k.provider_user_id',
      );
  const [whatsapp, instagram] = await threads();
  if (!whatsapp || !instagram) throw new Error('threads not stored');
  await ownerDb('conversations').where({ id: whatsapp.id }).update({ routing_id: '106540352242922' });

  await eraseChannelContent({ db: appDb }, scope, 'whatsapp');
  const after = await threads();
  expect(after).toEqual([
    {
      ...whatsapp,
      thread_key: `erased:${whatsapp.id}`,
      routing_id: null,
      provider_user_id: `erased:${whatsapp.contact_id}`,
    },
    instagram,
  ]);

  // A repeated request finds nothing left to erase.
  expect(await eraseChannelContent({ db: appDb }, scope, 'whatsapp')).toEqual({
    messagesErased: 0,
    draftsErased: 0,
  });
  expect(await threads()).toEqual(after);

  // The same customer writing again starts a thread of their own.
  const { conversationId } = await recordInboundMessage({ db: appDb }, scope, {
    channel: 'whatsapp',
    surface: 'whatsapp',
    threadKey: whatsapp.thread_key,
    customer: { providerUserId: whatsapp.provider_user_id, name: 'Sari' },
    providerMessageId: `erase.again.${scope.workspaceId}`,
    type: 'text',
    text: 'Halo lagi',
    details: {},
    sentAt: new Date(),
  });
  expect(conversationId).not.toBe(whatsapp.id);
});

it("erases one commenter's comments and the drafts answering them in another's comment thread, and nobody else's", async () => {
  const scope = await workspace();
  counter += 1;
  const thread = `media${counter}:top${counter}`;
  const comment = async (from: string, id: string, text: string) => {
    const { message } = await recordInboundMessage({ db: appDb }, scope, {
      channel: 'instagram',
      surface: 'instagram_comment',
      threadKey: thread,
      customer: { providerUserId: from, username: from },
      providerMessageId: id,
      type: 'comment',
      text,
      details: {},
      sentAt: new Date(),
    });
    if (!message) throw new Error('comment not stored');
    const outcome = await draftForMessage({ db: appDb }, scope, message.id);
    if (outcome.status === 'skipped') throw new Error(outcome.reason);
    return { messageId: message.id, draftId: outcome.draft.id };
  };
  const top = await comment(`ana${counter}`, `top${counter}`, 'Is the Gayo in stock?');
  const reply = await comment(`budi${counter}`, `reply${counter}`, 'Me too, my number is 0812 3456 7890');
  const contactOf = async (from: string) =>
    (await ownerDb('contacts').where({ workspace_id: scope.workspaceId, provider_user_id: from }).first())
      .id as string;
  const [ana, budi] = [await contactOf(`ana${counter}`), await contactOf(`budi${counter}`)];
  const text = async (id: string) => (await ownerDb('messages').where({ id }).first()).text;

  // Budi's reply lives in Ana's thread; erasing Budi erases it and its draft, not Ana's.
  expect(await eraseContact({ db: appDb }, scope, budi, 'usr_test')).toMatchObject({
    messagesErased: 1,
    draftsErased: 1,
  });
  expect(await text(reply.messageId)).toBeNull();
  expect(await draftRow(reply.draftId)).toMatchObject({ state: 'expired', text: '' });
  expect(await text(top.messageId)).toBe('Is the Gayo in stock?');
  expect((await draftRow(top.draftId)).text).not.toBe('');

  // Erasing Ana erases hers.
  expect(await eraseContact({ db: appDb }, scope, ana, 'usr_test')).toMatchObject({
    messagesErased: 1,
    draftsErased: 1,
  });
  expect(await text(top.messageId)).toBeNull();
});

it('stores no draft for a customer whose data was erased while it was being drafted, nor drafts them again', async () => {
  const scope = await workspace();
  counter += 1;
  const { message } = await recordInboundMessage({ db: appDb }, scope, {
    channel: 'whatsapp',
    surface: 'whatsapp',
    threadKey: `62899${counter}`,
    customer: { providerUserId: `62899${counter}`, name: 'Sari' },
    providerMessageId: `erase.drafting.${scope.workspaceId}`,
    type: 'text',
    text: 'My address is Jl. Braga 1',
    details: {},
    sentAt: new Date(),
  });
  if (!message) throw new Error('message not stored');
  const { contact_id: contactId } = await ownerDb('conversations')
    .where({ id: message.conversationId })
    .first();
  const offline = builtinDrafter();

  const outcome = await draftForMessage(
    {
      db: appDb,
      // The erasure commits while the model writes.
      draft: async (input) => {
        await eraseContact({ db: appDb }, scope, contactId, 'usr_test');
        return offline.draft(input);
      },
    },
    scope,
    message.id,
  );
  expect(outcome).toEqual({ status: 'skipped', reason: "the customer's data was erased" });
  expect(await ownerDb('drafts').where({ message_id: message.id })).toEqual([]);
  // The missing-draft sweeper's job finds nothing to draft either.
  expect(await draftForMessage({ db: appDb }, scope, message.id)).toMatchObject({ status: 'skipped' });
});

it('does not bring an erased customer back when Meta delivers one of their stored messages again', async () => {
  const scope = await workspace();
  counter += 1;
  const phone = `62877${counter}000`;
  const delivery = {
    channel: 'whatsapp' as const,
    surface: 'whatsapp' as const,
    threadKey: phone,
    customer: { providerUserId: phone, name: 'Sari' },
    providerMessageId: `erase.redelivered.${scope.workspaceId}`,
    type: 'text',
    text: 'My address is Jl. Braga 1',
    details: {},
    sentAt: new Date(),
  };
  const first = await recordInboundMessage({ db: appDb }, scope, delivery);
  const { contact_id: contactId } = await ownerDb('conversations')
    .where({ id: first.conversationId })
    .first();
  await eraseContact({ db: appDb }, scope, contactId, 'usr_test');

  expect(await recordInboundMessage({ db: appDb }, scope, delivery)).toEqual({
    message: null,
    conversationId: first.conversationId,
  });
  expect(
    await ownerDb('contacts').where({ workspace_id: scope.workspaceId, provider_user_id: phone }),
  ).toEqual([]);
  expect(await ownerDb('conversations').where({ workspace_id: scope.workspaceId })).toHaveLength(1);

  // A new message of theirs is a new contact and thread, as it should be.
  const again = await recordInboundMessage({ db: appDb }, scope, {
    ...delivery,
    providerMessageId: `erase.new.${scope.workspaceId}`,
  });
  expect(again.message).not.toBeNull();
  expect(again.conversationId).not.toBe(first.conversationId);
});

it('takes rows in the order a send recording its reply does (draft, then thread), so the two never deadlock', async () => {
  const scope = await workspace();
  const draftId = await draftIn(scope, 'whatsapp', 'sending');
  const { conversation_id: conversationId } = await draftRow(draftId);
  const { contact_id: contactId } = await ownerDb('conversations').where({ id: conversationId }).first();

  // A send recording its reply: it holds the draft, and will next touch the thread.
  const recording = await ownerDb.transaction();
  try {
    await recording('drafts').where({ id: draftId }).update({ updated_at: new Date() });
    const erasing = eraseContact({ db: appDb }, scope, contactId, 'usr_test');
    await vi.waitFor(
      async () => {
        const waiting = await ownerDb.raw(
          "select 1 from pg_stat_activity where wait_event_type = 'Lock' and query like '%for update of d%'",
        );
        expect(waiting.rows).toHaveLength(1);
      },
      { timeout: 10_000 },
    );
    // The erasure waits for the draft and holds nothing the recording needs next.
    await recording('conversations').where({ id: conversationId }).update({ updated_at: new Date() });
    await recording.commit();
    expect(await erasing).toMatchObject({ draftsErased: 1 });
  } finally {
    if (!recording.isCompleted()) await recording.rollback();
  }
  expect(await ownerDb('conversations').where({ id: conversationId }).first()).toMatchObject({
    thread_key: `erased:${conversationId}`,
  });
});
