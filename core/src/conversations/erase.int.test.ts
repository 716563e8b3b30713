/**
 * Meta's data deletion for one channel of a workspace, against the real PostgreSQL: what customers
 * wrote and every draft's text go; a draft not sent yet is expired, so nothing erased can be sent.
 * It is queued as the callback queues it and run in steps as the workers run it.
 */
import { randomBytes } from 'node:crypto';
import { createKnex } from '@laras/core';
import { createPartner } from '@laras/core/operator';
import { testConfig } from '@laras/testkit';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { builtinDrafter } from '../drafting/index.ts';
import { draftForMessage } from '../drafts/service.ts';
import { newId } from '../ids.ts';
import { claimErasures, insertDeletionRequest } from '../meta-callbacks/repository.ts';
import { type RunErasuresOptions, runDataErasures } from '../meta-callbacks/run-erasures.ts';
import { eraseContact, recordInboundMessage, recordStatus } from './service.ts';

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

type Scope = { partnerId: string; workspaceId: string };

/** Queues Meta's data deletion of these workspaces' channel as the callback does; answers its code. */
async function queueDeletion(scopes: Scope[], channel: 'whatsapp' | 'instagram') {
  const code = randomBytes(12).toString('hex');
  const erasures = scopes.map((scope) => ({ ...scope, channel }));
  await insertDeletionRequest(appDb, { code, app: 'meta', connectionsCleared: scopes.length, erasures });
  return code;
}

/** Runs the request's erasures as the workers do (by default to the end, in one run). */
const runErasures = (code: string, options: RunErasuresOptions = {}) =>
  runDataErasures({ db: appDb }, { only: code, ...options });

async function eraseChannel(scope: Scope, channel: 'whatsapp' | 'instagram') {
  const run = await runErasures(await queueDeletion([scope], channel));
  expect(run).toMatchObject({ claimed: 1, finished: 1 });
}

const request = (code: string) =>
  ownerDb('data_deletion_requests').where({ confirmation_code: code }).first();
const erasureRows = (code: string) => ownerDb('data_erasures').where({ confirmation_code: code });
const deletedEvents = async (scope: Scope) =>
  (
    await ownerDb('events')
      .where({ workspace_id: scope.workspaceId, type: 'workspace.data_deleted' })
      .orderBy('id')
      .select('data')
  ).map((e) => e.data);

/** Runs one step at a time (as a run out of time would) until the request completes; answers the steps. */
async function stepThrough(
  code: string,
  stepRows: number,
  between?: (row: Record<string, unknown>) => Promise<void>,
) {
  const seen: Array<Record<string, unknown>> = [];
  for (let steps = 1; steps <= 200; steps += 1) {
    expect(await runErasures(code, { stepRows, budgetMs: 0 })).toMatchObject({ steps: 1 });
    if ((await request(code)).status === 'completed') return { steps, seen };
    const [row] = await erasureRows(code);
    if (!row) throw new Error('the erasure is gone but its request is not completed');
    seen.push(row);
    await between?.(row);
  }
  throw new Error('the erasure did not end');
}

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

  await eraseChannel(scope, 'whatsapp');

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

  await eraseChannel(scope, 'whatsapp');
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
  await eraseChannel(scope, 'whatsapp');
  expect(await threads()).toEqual(after);
  expect(await deletedEvents(scope)).toEqual([
    { channel: 'whatsapp', reason: 'meta_data_deletion', messages_erased: 1, drafts_erased: 1 },
    { channel: 'whatsapp', reason: 'meta_data_deletion', messages_erased: 0, drafts_erased: 0 },
  ]);

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

it('takes rows in the order a failed status does (draft, then message), so the two never deadlock', async () => {
  const scope = await workspace();
  const draftId = await draftIn(scope, 'whatsapp', 'sent');
  const draft = await draftRow(draftId);
  const sentId = newId('message');
  const wamid = `wamid.failed.${scope.workspaceId}`;
  await ownerDb('messages').insert({
    id: sentId,
    partner_id: scope.partnerId,
    workspace_id: scope.workspaceId,
    conversation_id: draft.conversation_id,
    channel: 'whatsapp',
    direction: 'outbound',
    type: 'text',
    text: draft.text,
    provider_message_id: wamid,
    sent_at: new Date(),
    status: 'sent',
  });
  await ownerDb('drafts')
    .where({ id: draftId })
    .update({ sent_message_id: sentId, provider_message_id: wamid });

  // An erasure that has taken the draft, and will next take the reply's message.
  const erasing = await ownerDb.transaction();
  try {
    await erasing('drafts').where({ id: draftId }).update({ text: '' });
    const failing = recordStatus({ db: appDb }, scope, {
      channel: 'whatsapp',
      providerMessageId: wamid,
      status: 'failed',
      at: new Date(),
      error: { code: 131026, title: 'Message undeliverable' },
    });
    await vi.waitFor(
      async () => {
        const waiting = await ownerDb.raw(
          "select 1 from pg_stat_activity where wait_event_type = 'Lock' and application_name = 'erase-test'",
        );
        expect(waiting.rows).toHaveLength(1);
      },
      { timeout: 10_000 },
    );
    // The status waits for the draft and holds nothing the erasure needs next.
    await erasing('messages').where({ id: sentId }).update({ text: null });
    await erasing.commit();
    expect(await failing).toBe(sentId);
  } finally {
    if (!erasing.isCompleted()) await erasing.rollback();
  }
  expect(await ownerDb('messages').where({ id: sentId }).first()).toMatchObject({
    status: 'failed',
    text: null,
  });
  expect(await draftRow(draftId)).toMatchObject({ state: 'failed', text: '' });
});

describe("Meta's data deletion in steps (the workers' runs)", () => {
  it('erases in bounded steps, each recording where the next begins, and tells the partner once at the end', async () => {
    const scope = await workspace();
    const drafts = [];
    for (let i = 0; i < 3; i += 1) drafts.push(await draftIn(scope, 'whatsapp', 'pending_approval'));
    const instagram = await draftIn(scope, 'instagram', 'pending_approval');
    const code = await queueDeletion([scope], 'whatsapp');
    expect(await request(code)).toMatchObject({ status: 'in_progress', completed_at: null });

    const { seen } = await stepThrough(code, 1, async (row) => {
      expect(await request(code)).toMatchObject({ status: 'in_progress' });
      expect(await deletedEvents(scope)).toEqual([]);
      // A run that stops hands the erasure on at once.
      expect(row.claimed_until).toBeNull();
    });
    // Each kind of row was taken one at a time, after the last one taken.
    for (const phase of ['contacts', 'drafts', 'threads']) {
      expect(seen.filter((r) => r.phase === phase && r.after_id !== '').length, phase).toBeGreaterThanOrEqual(
        2,
      );
    }
    // No step erased more than one message or draft.
    const counts = seen.map((r) => ({
      messages: Number(r.messages_erased),
      drafts: Number(r.drafts_erased),
    }));
    counts.forEach((now, i) => {
      const before = counts[i - 1] ?? { messages: 0, drafts: 0 };
      expect(now.messages - before.messages).toBeLessThanOrEqual(1);
      expect(now.drafts - before.drafts).toBeLessThanOrEqual(1);
    });

    expect(await request(code)).toMatchObject({ status: 'completed', completed_at: expect.any(Date) });
    expect(await erasureRows(code)).toEqual([]);
    expect(await deletedEvents(scope)).toEqual([
      { channel: 'whatsapp', reason: 'meta_data_deletion', messages_erased: 3, drafts_erased: 3 },
    ]);
    for (const id of drafts) expect(await draftRow(id)).toMatchObject({ state: 'expired', text: '' });
    const texts = await ownerDb('messages')
      .where({ workspace_id: scope.workspaceId })
      .orderBy('channel')
      .pluck('text');
    expect(texts).toEqual([expect.any(String), null, null, null]);
    expect(await draftRow(instagram)).toMatchObject({ state: 'pending_approval' });
  });

  it('erases what was written behind a step while it ran: passes repeat until one changes nothing', async () => {
    const scope = await workspace();
    for (let i = 0; i < 3; i += 1) await draftIn(scope, 'whatsapp', 'sent');
    const code = await queueDeletion([scope], 'whatsapp');
    let rewritten: string | undefined;
    await stepThrough(code, 1, async (row) => {
      if (rewritten || row.phase !== 'threads' || row.after_id === '') return;
      // A message of a thread the erasure has passed is written to (as a straggling store would).
      const behind = await ownerDb('messages')
        .where({ workspace_id: scope.workspaceId })
        .where('conversation_id', '<=', row.after_id as string)
        .first('id');
      rewritten = behind.id;
      await ownerDb('messages').where({ id: behind.id }).update({ text: 'Jl. Braga 1, written late' });
    });
    expect(rewritten).toBeDefined();
    expect(await ownerDb('messages').where({ id: rewritten }).first()).toMatchObject({ text: null });
    expect(await deletedEvents(scope)).toEqual([
      { channel: 'whatsapp', reason: 'meta_data_deletion', messages_erased: 4, drafts_erased: 3 },
    ]);
  });

  it('leaves an erasure a stopped worker holds until its lease runs out, then another run ends it', async () => {
    const scope = await workspace();
    await draftIn(scope, 'whatsapp', 'pending_approval');
    const code = await queueDeletion([scope], 'whatsapp');
    const [held] = await claimErasures(appDb, 1, 3600, code);
    expect(held).toMatchObject({ code, scope, channel: 'whatsapp' });

    expect(await runErasures(code)).toEqual({ claimed: 0, finished: 0, steps: 0 });
    expect(await request(code)).toMatchObject({ status: 'in_progress' });

    await ownerDb('data_erasures')
      .where({ confirmation_code: code })
      .update({ claimed_until: new Date(Date.now() - 1000) });
    expect(await runErasures(code)).toMatchObject({ claimed: 1, finished: 1 });
    expect(await request(code)).toMatchObject({ status: 'completed' });
  });

  it('completes a request when the erasure of its last workspace ends', async () => {
    const first = await workspace();
    const second = await workspace();
    for (const scope of [first, second]) await draftIn(scope, 'whatsapp', 'pending_approval');
    const code = await queueDeletion([first, second], 'whatsapp');
    let runs = 0;
    while ((await erasureRows(code)).length === 2 && runs < 50) {
      await runErasures(code, { budgetMs: 0 });
      runs += 1;
    }
    expect(await erasureRows(code)).toHaveLength(1);
    expect(await request(code)).toMatchObject({ status: 'in_progress', completed_at: null });

    expect(await runErasures(code)).toMatchObject({ claimed: 1, finished: 1 });
    expect(await request(code)).toMatchObject({ status: 'completed' });
    for (const scope of [first, second]) {
      expect(await deletedEvents(scope)).toEqual([
        { channel: 'whatsapp', reason: 'meta_data_deletion', messages_erased: 1, drafts_erased: 1 },
      ]);
    }
  });

  it('ends the erasure of a workspace deleted meanwhile (its data went with it)', async () => {
    const scope = await workspace();
    await draftIn(scope, 'whatsapp', 'pending_approval');
    const code = await queueDeletion([scope], 'whatsapp');
    await ownerDb('workspaces').where({ id: scope.workspaceId }).delete();

    expect(await runErasures(code)).toMatchObject({ claimed: 1, finished: 1 });
    expect(await request(code)).toMatchObject({ status: 'completed' });
    expect(await ownerDb('events').where({ workspace_id: scope.workspaceId })).toEqual([]);
  });
});
