/**
 * Sending approved drafts through the Graph API of the Meta sandbox: what each surface sends, what
 * is recorded, and what every kind of Meta failure does to the draft. Calls the core send
 * directly (no queue), so each case is one deterministic step.
 */

import { createLogger, newId } from '@laras/core';
import { disconnectConnection } from '@laras/core/connections';
import {
  eraseContact,
  recordInboundMessage,
  recordStatus,
  StatusAheadOfSend,
} from '@laras/core/conversations';
import {
  approveDraft,
  draftForMessage,
  resolveStuckSends,
  type SendDeps,
  sendDraft,
} from '@laras/core/drafts';
import { processDelivery } from '@laras/core/inbound';
import {
  createMessagingClient,
  type MessagingClient,
  MetaApiError,
  MetaUnavailableError,
} from '@laras/core/meta';
import { parseKeyRing } from '@laras/core/vault';
import { createWebhookStore } from '@laras/core/webhooks';
import { type MetaSandbox, startMetaSandbox } from '@laras/meta-sandbox';
import { connectSandboxAccount, createTestPartner, startTestApi, type TestApi } from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

let sandbox: MetaSandbox;
let api: TestApi;
let deps: SendDeps;
let counter = 0;

beforeAll(async () => {
  sandbox = await startMetaSandbox({
    port: 0,
    sends: { statuses: [], instagramEcho: false, instagramRead: false },
  });
  api = await startTestApi(sandbox.env);
  deps = {
    db: api.appDb,
    vault: parseKeyRing(api.config.encryptionKeys),
    messaging: createMessagingClient(api.config.meta),
  };
});
afterAll(async () => {
  sandbox?.faults.clear();
  await api?.close();
  await sandbox?.close();
});
beforeEach(() => sandbox.faults.clear());

type Surface = 'whatsapp' | 'instagram_dm' | 'instagram_comment';
type Setup = Awaited<ReturnType<typeof connectedWorkspace>>;

/** A workspace with a live connection holding a token the sandbox issued. */
async function connectedWorkspace(
  channel: 'whatsapp' | 'instagram',
  owner?: Awaited<ReturnType<typeof createTestPartner>>,
) {
  const partner = owner ?? (await createTestPartner(api.ownerDb));
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Kopi Kita' },
  });
  const scope = { partnerId: partner.partnerId, workspaceId: ws.body.id };
  return {
    scope,
    partner,
    apiKey: partner.apiKey,
    ...(await connectSandboxAccount(sandbox, deps, scope, channel)),
  };
}

/** A customer message on `surface`, drafted and approved by a person; answers the draft id. */
async function approvedDraft(setup: Setup, surface: Surface, options: { text?: string } = {}) {
  counter += 1;
  const customer =
    surface === 'whatsapp' ? `6281355${String(counter).padStart(5, '0')}` : `9${counter}1234567`;
  const commentId = `1790${String(counter).padStart(13, '0')}`;
  const { message } = await recordInboundMessage({ db: api.appDb }, setup.scope, {
    channel: surface === 'whatsapp' ? 'whatsapp' : 'instagram',
    surface,
    threadKey: surface === 'instagram_comment' ? `1800${counter}:${commentId}` : customer,
    customer: { providerUserId: customer, name: 'Sari' },
    providerMessageId:
      surface === 'instagram_comment' ? commentId : `wamid.send.${setup.scope.workspaceId}.${counter}`,
    type: surface === 'instagram_comment' ? 'comment' : 'text',
    text: 'Hello, are you open today?',
    details: {},
    sentAt: new Date(Date.now() - 60_000),
  });
  if (!message) throw new Error('message not stored');
  const outcome = await draftForMessage({ db: api.appDb }, setup.scope, message.id);
  if (outcome.status === 'skipped') throw new Error(outcome.reason);
  await approveDraft({ db: api.appDb }, setup.scope, outcome.draft.id, { text: options.text }, 'usr_test');
  return {
    draftId: outcome.draft.id,
    customer,
    commentId,
    messageId: message.id,
    providerMessageId: message.providerMessageId,
  };
}

const draftRow = (id: string) => api.ownerDb('drafts').where({ id }).first();
const evidenceTypes = async (draftId: string) =>
  (await api.ownerDb('evidence_records').where({ draft_id: draftId }).orderBy('seq')).map((r) => r.type);
/** The workspace's events of `type`, oldest first (ids sort by time). */
const eventsOf = (workspaceId: string, type: string) =>
  api.ownerDb('events').where({ workspace_id: workspaceId, type }).orderBy('id');
const sentTo = (recipient: string) => sandbox.state.sentMessages().filter((m) => m.recipientId === recipient);

/**
 * Deps whose sends by `method` reach Meta at once while their answers wait for `answer()`; then
 * the answer comes, or (`lost`) the call fails as one whose answer never came.
 */
function answerGated(
  method: 'sendWhatsAppText' | 'sendInstagramDm',
  outcome: 'answered' | 'lost' = 'answered',
) {
  let answer = () => {};
  const gate = new Promise<void>((resolve) => {
    answer = resolve;
  });
  const gated =
    <I>(send: (input: I) => Promise<string>) =>
    async (input: I) => {
      const id = await send(input);
      await gate;
      if (outcome === 'lost') throw new MetaUnavailableError(method, new Error('timed out'));
      return id;
    };
  const real = deps.messaging;
  const messaging: MessagingClient =
    method === 'sendWhatsAppText'
      ? { ...real, sendWhatsAppText: gated(real.sendWhatsAppText) }
      : { ...real, sendInstagramDm: gated(real.sendInstagramDm) };
  return { deps: { ...deps, messaging }, answer };
}

/**
 * Deps whose first send by `method` reaches Meta, which then answers with a 5xx all the same (Meta
 * failing after it took the message); later sends are answered as usual.
 */
function erroredButSent(method: 'sendWhatsAppText' | 'sendInstagramDm'): SendDeps {
  let failed = false;
  const flaky =
    <I>(send: (input: I) => Promise<string>) =>
    async (input: I) => {
      const id = await send(input);
      if (failed) return id;
      failed = true;
      throw new MetaApiError(method, 500, 2, undefined, 'trace', 'An unexpected error has occurred.');
    };
  const real = deps.messaging;
  const messaging: MessagingClient =
    method === 'sendWhatsAppText'
      ? { ...real, sendWhatsAppText: flaky(real.sendWhatsAppText) }
      : { ...real, sendInstagramDm: flaky(real.sendInstagramDm) };
  return { ...deps, messaging };
}

describe('sendDraft', () => {
  it('sends a WhatsApp reply quoting the customer message, and records message, evidence and event', async () => {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp', { text: 'Yes, we are open until 17:00.' });

    const outcome = await sendDraft(deps, setup.scope, draft.draftId);

    expect(outcome.status).toBe('sent');
    const [sent, ...more] = sentTo(draft.customer);
    expect(more).toEqual([]);
    expect(sent).toMatchObject({
      channel: 'whatsapp',
      from: setup.routingId,
      to: `+${draft.customer}`,
      text: 'Yes, we are open until 17:00.',
      replyTo: draft.providerMessageId,
    });
    const row = await draftRow(draft.draftId);
    expect(row).toMatchObject({
      state: 'sent',
      provider_message_id: sent?.providerId,
      send_attempts: 1,
      send_error: null,
    });
    const message = await api.ownerDb('messages').where({ id: row.sent_message_id }).first();
    expect(message).toMatchObject({
      direction: 'outbound',
      text: 'Yes, we are open until 17:00.',
      provider_message_id: sent?.providerId,
      status: 'sent',
      details: { draft_id: draft.draftId, reply_to: draft.providerMessageId },
    });
    expect(await evidenceTypes(draft.draftId)).toContain('message.sent');
    const [event] = await eventsOf(setup.scope.workspaceId, 'message.sent');
    expect(event.data).toMatchObject({ draft_id: draft.draftId, provider_message_id: sent?.providerId });
    expect(JSON.stringify(event.data)).not.toContain('open until');

    expect(await sendDraft(deps, setup.scope, draft.draftId)).toEqual({ status: 'skipped', state: 'sent' });
    expect(sentTo(draft.customer)).toHaveLength(1);
  });

  it('sends an Instagram DM to the customer and a public reply under the top-level comment', async () => {
    const setup = await connectedWorkspace('instagram');
    const dm = await approvedDraft(setup, 'instagram_dm');
    const comment = await approvedDraft(setup, 'instagram_comment');

    expect((await sendDraft(deps, setup.scope, dm.draftId)).status).toBe('sent');
    expect((await sendDraft(deps, setup.scope, comment.draftId)).status).toBe('sent');

    const mine = sandbox.state.sentMessages().filter((m) => m.from === setup.routingId);
    expect(mine.map((m) => [m.channel, m.to])).toEqual([
      ['instagram_dm', dm.customer],
      ['instagram_comment_reply', comment.commentId],
    ]);
    expect((await draftRow(comment.draftId)).provider_message_id).toBe(mine[1]?.providerId);
  });

  it('sends once when sends of the same draft race', async () => {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => sendDraft(deps, setup.scope, draft.draftId)));
    expect(outcomes.filter((o) => o.status === 'sent')).toHaveLength(1);
    expect(sentTo(draft.customer)).toHaveLength(1);
    expect((await evidenceTypes(draft.draftId)).filter((t) => t === 'message.sent')).toHaveLength(1);
  });

  it('never sends outside the window: a window closed since approval expires the draft without calling Meta', async () => {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    const row = await draftRow(draft.draftId);
    await api
      .ownerDb('conversations')
      .where({ id: row.conversation_id })
      .update({ window_closes_at: new Date(Date.now() - 1000) });
    const calls = sandbox.state.calls('graph.messages').length;

    expect((await sendDraft(deps, setup.scope, draft.draftId)).status).toBe('expired');
    expect(sandbox.state.calls('graph.messages')).toHaveLength(calls);
    expect((await draftRow(draft.draftId)).state).toBe('expired');
    expect(await evidenceTypes(draft.draftId)).toContain('draft.expired');
  });

  it('fails without calling Meta when the workspace is no longer connected', async () => {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    await disconnectConnection(deps, setup.scope, setup.connectionId);
    const outcome = await sendDraft(deps, setup.scope, draft.draftId);
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'not_connected' } });
    expect(sentTo(draft.customer)).toEqual([]);
    expect((await draftRow(draft.draftId)).send_error).toMatchObject({ code: 'not_connected' });
  });
});

describe("a customer's data erased while a reply to them is on its way to Meta", () => {
  it('stores the reply Meta accepted without its text, and its draft stays erased', async () => {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    sandbox.faults.inject({ operation: 'graph.messages', kind: 'hold', target: setup.routingId });
    const sending = sendDraft(deps, setup.scope, draft.draftId);
    await sandbox.faults.whenHeld();

    const { contact_id: contactId } = await api
      .ownerDb('conversations as c')
      .join('drafts as d', 'd.conversation_id', 'c.id')
      .where('d.id', draft.draftId)
      .first('c.contact_id');
    await eraseContact({ db: api.appDb }, setup.scope, contactId, 'usr_test');
    sandbox.faults.release();

    expect(await sending).toMatchObject({ status: 'sent' });
    const row = await draftRow(draft.draftId);
    expect(row).toMatchObject({ state: 'sent', text: '' });
    const message = await api.ownerDb('messages').where({ id: row.sent_message_id }).first();
    // Kept as the reply to that customer: a later erasure of theirs finds it wherever it is.
    expect(message).toMatchObject({ direction: 'outbound', text: null, contact_id: contactId });
  });

  it('expires the draft instead of trying it again when Meta asked for a retry meanwhile', async () => {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    const { contact_id: contactId } = await api
      .ownerDb('conversations as c')
      .join('drafts as d', 'd.conversation_id', 'c.id')
      .where('d.id', draft.draftId)
      .first('c.contact_id');
    // The erasure commits while the call is out; Meta then answers with a 5xx.
    const throttled: SendDeps = {
      ...deps,
      messaging: {
        ...deps.messaging,
        sendWhatsAppText: async () => {
          await eraseContact({ db: api.appDb }, setup.scope, contactId, 'usr_test');
          throw new MetaApiError('send whatsapp message', 500, 2, undefined, 'trace', 'Service unavailable');
        },
      },
    };

    expect(await sendDraft(throttled, setup.scope, draft.draftId)).toMatchObject({ status: 'expired' });
    expect(await draftRow(draft.draftId)).toMatchObject({ state: 'expired', text: '', send_error: null });
    const expired = await api
      .ownerDb('evidence_records')
      .where({ draft_id: draft.draftId, type: 'draft.expired' });
    expect(expired.map((r) => r.data)).toEqual([{ was: 'sending', reason: 'erased' }]);
    // A retried job finds nothing to send.
    expect(await sendDraft(deps, setup.scope, draft.draftId)).toEqual({
      status: 'skipped',
      state: 'expired',
    });
    expect(sentTo(draft.customer)).toEqual([]);
  });

  it('never sends a draft the erasure emptied, whatever state a race left it in', async () => {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    await api.ownerDb('drafts').where({ id: draft.draftId }).update({ text: '' });
    expect(await sendDraft(deps, setup.scope, draft.draftId)).toMatchObject({ status: 'expired' });
    expect(sentTo(draft.customer)).toEqual([]);
    // The evidence says why: the erasure, not a closed window.
    const expired = await api
      .ownerDb('evidence_records')
      .where({ draft_id: draft.draftId, type: 'draft.expired' });
    expect(expired.map((r) => [r.actor, r.data])).toEqual([
      ['system', { was: 'approved', reason: 'erased' }],
    ]);
  });
});

describe('what Meta errors do to a draft', () => {
  it('131047 (window closed) expires the draft, no retry', async () => {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    sandbox.faults.inject({ operation: 'graph.messages', kind: 'window_closed' });
    const outcome = await sendDraft(deps, setup.scope, draft.draftId);
    expect(outcome).toMatchObject({ status: 'expired', error: { code: 131047 } });
    expect(await draftRow(draft.draftId)).toMatchObject({ state: 'expired', send_attempts: 1 });
  });

  it("Instagram's outside-the-window error expires the draft too", async () => {
    const setup = await connectedWorkspace('instagram');
    const draft = await approvedDraft(setup, 'instagram_dm');
    sandbox.faults.inject({ operation: 'ig.messages', kind: 'window_closed' });
    expect(await sendDraft(deps, setup.scope, draft.draftId)).toMatchObject({
      status: 'expired',
      error: { code: 10 },
    });
  });

  it('190 (invalid token) fails the draft and asks the owner to reconnect', async () => {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    sandbox.faults.inject({ operation: 'graph.messages', kind: 'invalid_token' });
    expect(await sendDraft(deps, setup.scope, draft.draftId)).toMatchObject({
      status: 'failed',
      error: { code: 190 },
    });
    expect((await api.ownerDb('connections').where({ id: setup.connectionId }).first()).status).toBe(
      'needs_reconnect',
    );
    expect(await eventsOf(setup.scope.workspaceId, 'connection.needs_reconnect')).toHaveLength(1);
    expect(await eventsOf(setup.scope.workspaceId, 'message.failed')).toHaveLength(1);
    expect(await evidenceTypes(draft.draftId)).toContain('draft.failed');
  });

  it.each([
    ['rate_limit', 130429],
    ['waba_rate_limit', 80007],
    ['app_rate_limit', 4],
    ['server_error', 2],
  ] as const)('%s (%s) puts the draft back for a retry that then sends it', async (kind, code) => {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    sandbox.faults.inject({ operation: 'graph.messages', kind });

    expect(await sendDraft(deps, setup.scope, draft.draftId)).toMatchObject({
      status: 'retry',
      error: { code },
    });
    expect(await draftRow(draft.draftId)).toMatchObject({
      state: 'approved',
      send_attempts: 1,
      send_error: { code },
    });

    expect((await sendDraft(deps, setup.scope, draft.draftId)).status).toBe('sent');
    expect(await draftRow(draft.draftId)).toMatchObject({
      state: 'sent',
      send_attempts: 2,
      send_error: null,
    });
    expect(sentTo(draft.customer)).toHaveLength(1);
  });

  it('a retryable failure on the last attempt fails the draft', async () => {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    sandbox.faults.inject({ operation: 'graph.messages', kind: 'server_error' });
    const outcome = await sendDraft(deps, setup.scope, draft.draftId, { finalAttempt: true });
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 2 } });
    expect((await draftRow(draft.draftId)).state).toBe('failed');
  });

  it("anything else fails with Meta's code and message (an Instagram DM over 1000 bytes)", async () => {
    const setup = await connectedWorkspace('instagram');
    const draft = await approvedDraft(setup, 'instagram_dm');
    // Approval refuses such a text; written behind its back, it shows what Meta's refusal does.
    await api
      .ownerDb('drafts')
      .where({ id: draft.draftId })
      .update({ text: `Kopi ${'é'.repeat(600)}` });
    const outcome = await sendDraft(deps, setup.scope, draft.draftId);
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 100 } });
    const row = await draftRow(draft.draftId);
    expect(row.state).toBe('failed');
    expect(row.send_error.title).toContain('1000 bytes');
  });
});

describe('a worker stopping between Meta’s answer and recording it', () => {
  it('never sends the draft again; the stuck send fails as outcome unknown', async () => {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    const real = deps.messaging;
    const dying: MessagingClient = {
      ...real,
      sendWhatsAppText: async (input) => {
        await real.sendWhatsAppText(input);
        throw new Error('worker killed before recording the answer');
      },
    };

    await expect(sendDraft({ ...deps, messaging: dying }, setup.scope, draft.draftId)).rejects.toThrow(
      'worker killed',
    );
    expect(sentTo(draft.customer)).toHaveLength(1);
    expect((await draftRow(draft.draftId)).state).toBe('sending');

    // The job is retried: the draft is in flight, so nothing is sent.
    expect(await sendDraft(deps, setup.scope, draft.draftId)).toEqual({
      status: 'skipped',
      state: 'sending',
    });
    expect(sentTo(draft.customer)).toHaveLength(1);

    // The sweeper, once the send is older than any Graph call can take, fails it for a person to check.
    const { failed } = await resolveStuckSends(
      { db: api.appDb },
      { startedBefore: new Date(Date.now() + 1000) },
    );
    expect(failed).toContain(draft.draftId);
    expect(await draftRow(draft.draftId)).toMatchObject({
      state: 'failed',
      send_error: { code: 'send_outcome_unknown' },
    });
    expect(await sendDraft(deps, setup.scope, draft.draftId)).toEqual({ status: 'skipped', state: 'failed' });
    expect(sentTo(draft.customer)).toHaveLength(1);
  });
});

describe('Meta slower than the Graph client’s timeout', () => {
  it('fails the draft as outcome unknown and never sends it again, though Meta did send it', async () => {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    // The worker's client gives up after META_HTTP_TIMEOUT_MS (10 s by default); 200 ms here.
    const impatient = {
      ...deps,
      messaging: createMessagingClient({ ...api.config.meta, httpTimeoutMs: 200 }),
    };
    sandbox.faults.inject({ operation: 'graph.messages', kind: 'hold', target: setup.routingId });

    expect(await sendDraft(impatient, setup.scope, draft.draftId)).toEqual({
      status: 'failed',
      error: { code: 'send_outcome_unknown', title: expect.stringContaining('not sent again') },
    });
    expect(sandbox.faults.held()).toHaveLength(1);
    expect(await draftRow(draft.draftId)).toMatchObject({
      state: 'failed',
      send_attempts: 1,
      send_error: { code: 'send_outcome_unknown' },
    });
    expect(await evidenceTypes(draft.draftId)).toContain('draft.failed');
    expect(await eventsOf(setup.scope.workspaceId, 'message.failed')).toHaveLength(1);

    // Meta sends it after all; the answer just never reached us.
    sandbox.faults.release();
    await vi.waitFor(() => expect(sentTo(draft.customer)).toHaveLength(1));

    // A retried job, and the stuck-send sweeper, leave it alone: it is never sent twice.
    expect(await sendDraft(deps, setup.scope, draft.draftId)).toEqual({ status: 'skipped', state: 'failed' });
    const { failed } = await resolveStuckSends(
      { db: api.appDb },
      { startedBefore: new Date(Date.now() + 1000) },
    );
    expect(failed).not.toContain(draft.draftId);
    expect(sentTo(draft.customer)).toHaveLength(1);
  });
});

describe('a status naming a draft whose send had an unknown outcome', () => {
  /** A WhatsApp draft whose Graph call never answered, though Meta sent it; answers it and the send. */
  async function sentButUnknown(owner?: Setup['partner']) {
    const setup = await connectedWorkspace('whatsapp', owner);
    const draft = await approvedDraft(setup, 'whatsapp');
    const impatient = {
      ...deps,
      messaging: createMessagingClient({ ...api.config.meta, httpTimeoutMs: 200 }),
    };
    sandbox.faults.inject({ operation: 'graph.messages', kind: 'hold', target: setup.routingId });
    expect((await sendDraft(impatient, setup.scope, draft.draftId)).status).toBe('failed');
    sandbox.faults.release();
    await vi.waitFor(() => expect(sentTo(draft.customer)).toHaveLength(1));
    const [sent] = sentTo(draft.customer);
    if (!sent) throw new Error('not sent');
    return { setup, draft, sent };
  }

  /** Meta's status webhook for `wamid`, stored and processed as the inbound worker does. */
  async function deliverStatus(
    phoneNumberId: string,
    waId: string,
    status: { messageId: string; status: 'sent' | 'delivered' | 'read'; biz_opaque_callback_data?: string },
  ) {
    const store = createWebhookStore(
      { db: api.appDb, logger: createLogger({ level: 'silent' }) },
      { maxWaitMs: 0, maxBatch: 1, maxWriters: 1 },
    );
    const built = sandbox.customer.buildWhatsApp({ phoneNumberId, from: { waId }, status });
    const { id } = await store.store('whatsapp', Buffer.from(JSON.stringify(built.payload)));
    return processDelivery({ db: api.appDb }, id);
  }

  it('records the send Meta made after all, then the status, with evidence and events; nothing is sent again', async () => {
    const { setup, draft, sent } = await sentButUnknown();
    // The send carried the draft's id, and Meta returns it on every status.
    expect(sent.callbackData).toBe(draft.draftId);

    const outcome = await deliverStatus(setup.routingId, draft.customer, {
      messageId: sent.providerId,
      status: 'delivered',
      biz_opaque_callback_data: draft.draftId,
    });
    expect(outcome).toMatchObject({ statuses: 1, rejected: { unroutable: 0, unparseable: 0, failed: 0 } });
    const row = await draftRow(draft.draftId);
    expect(row).toMatchObject({ state: 'sent', provider_message_id: sent.providerId, send_error: null });
    const messages = await api.ownerDb('messages').where({ provider_message_id: sent.providerId });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      id: row.sent_message_id,
      direction: 'outbound',
      status: 'delivered',
      text: sent.text,
      conversation_id: row.conversation_id,
    });
    expect(messages[0].details).toEqual({ draft_id: draft.draftId, reply_to: draft.providerMessageId });
    expect((await evidenceTypes(draft.draftId)).slice(-2)).toEqual(['draft.failed', 'message.sent']);
    const ofMessage = await api
      .ownerDb('evidence_records')
      .where({ message_id: row.sent_message_id })
      .orderBy('seq');
    expect(ofMessage.map((r) => [r.type, r.provider_message_id])).toEqual([
      ['message.sent', sent.providerId],
      ['message.delivered', sent.providerId],
    ]);
    expect(ofMessage[0].data).toMatchObject({ known_from: 'status' });
    const [sentEvent] = await eventsOf(setup.scope.workspaceId, 'message.sent');
    expect(sentEvent.data).toMatchObject({ draft_id: draft.draftId, provider_message_id: sent.providerId });
    expect(await eventsOf(setup.scope.workspaceId, 'message.delivered')).toHaveLength(1);

    // A later status applies as to any message: no second message, no second `message.sent`.
    await deliverStatus(setup.routingId, draft.customer, {
      messageId: sent.providerId,
      status: 'read',
      biz_opaque_callback_data: draft.draftId,
    });
    expect(await api.ownerDb('messages').where({ provider_message_id: sent.providerId })).toMatchObject([
      { status: 'read' },
    ]);
    expect(await eventsOf(setup.scope.workspaceId, 'message.sent')).toHaveLength(1);
    expect(await sendDraft(deps, setup.scope, draft.draftId)).toEqual({ status: 'skipped', state: 'sent' });
    expect(sentTo(draft.customer)).toHaveLength(1);
  });

  it('a `sent` status records the send too, and the draft is the API’s sent draft', async () => {
    const { setup, draft, sent } = await sentButUnknown();
    await deliverStatus(setup.routingId, draft.customer, {
      messageId: sent.providerId,
      status: 'sent',
      biz_opaque_callback_data: draft.draftId,
    });
    const got = await api.call<{ state: string; delivery: Record<string, unknown> }>(
      'GET',
      `/v1/workspaces/${setup.scope.workspaceId}/drafts/${draft.draftId}`,
      { key: setup.apiKey },
    );
    expect(got.status).toBe(200);
    expect(got.body.state).toBe('sent');
    expect(got.body.delivery).toMatchObject({ provider_message_id: sent.providerId, error: null });
    expect(await api.ownerDb('messages').where({ provider_message_id: sent.providerId })).toMatchObject([
      { status: 'sent', direction: 'outbound' },
    ]);
  });

  /** A delivery status of `wamid`, as parsed from Meta's webhook, naming `draftId` (or nothing). */
  const statusOf = (
    wamid: string,
    draftId: string | null,
    status: 'sent' | 'delivered' | 'failed' = 'delivered',
  ) => ({
    channel: 'whatsapp' as const,
    providerMessageId: wamid,
    status,
    at: new Date(),
    error: status === 'failed' ? { code: 131026, title: 'Message undeliverable' } : null,
    callbackData: draftId,
  });

  it('keeps the reply where it was sent in the thread: sent when the Graph call began, not when the status came', async () => {
    const { setup, draft, sent } = await sentButUnknown();
    const { send_started_at: startedAt } = await draftRow(draft.draftId);
    await recordStatus({ db: api.appDb }, setup.scope, {
      ...statusOf(sent.providerId, draft.draftId),
      at: new Date(Date.now() + 3_600_000),
    });
    const row = await draftRow(draft.draftId);
    expect(row.sent_at).toEqual(startedAt);
    const message = await api.ownerDb('messages').where({ id: row.sent_message_id }).first();
    expect(message.sent_at).toEqual(startedAt);
    expect(message.sent_at.getTime()).toBeLessThan(Date.now());
  });

  it('records the send once when two statuses of the message are processed at the same time', async () => {
    const { setup, draft, sent } = await sentButUnknown();
    const results = await Promise.all([
      recordStatus({ db: api.appDb }, setup.scope, statusOf(sent.providerId, draft.draftId, 'sent')),
      recordStatus({ db: api.appDb }, setup.scope, statusOf(sent.providerId, draft.draftId, 'delivered')),
    ]);
    const messages = await api.ownerDb('messages').where({ provider_message_id: sent.providerId });
    expect(messages).toMatchObject([{ status: 'delivered' }]);
    expect(results).toEqual([messages[0].id, messages[0].id]);
    expect(await eventsOf(setup.scope.workspaceId, 'message.sent')).toHaveLength(1);
    expect(await eventsOf(setup.scope.workspaceId, 'message.delivered')).toHaveLength(1);
  });

  it('a failed status records the send, then fails it with Meta’s error', async () => {
    const { setup, draft, sent } = await sentButUnknown();
    await recordStatus({ db: api.appDb }, setup.scope, statusOf(sent.providerId, draft.draftId, 'failed'));
    expect(await draftRow(draft.draftId)).toMatchObject({
      state: 'failed',
      provider_message_id: sent.providerId,
      send_error: { code: 131026, title: 'Message undeliverable' },
    });
    expect(await api.ownerDb('messages').where({ provider_message_id: sent.providerId })).toMatchObject([
      { status: 'failed' },
    ]);
    const failed = await eventsOf(setup.scope.workspaceId, 'message.failed');
    expect(failed.map((e) => e.data.error.code)).toEqual(['send_outcome_unknown', 131026]);
    expect(await eventsOf(setup.scope.workspaceId, 'message.sent')).toHaveLength(1);
  });

  /** A WhatsApp draft Meta has sent (its wamid is known) while the send's answer waits for `answer()`. */
  async function sentAwaitingAnswer() {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    const late = answerGated('sendWhatsAppText');
    const sending = sendDraft(late.deps, setup.scope, draft.draftId);
    await vi.waitFor(() => expect(sentTo(draft.customer)).toHaveLength(1));
    const wamid = sentTo(draft.customer)[0]?.providerId ?? '';
    return { setup, draft, sending, answer: late.answer, wamid };
  }

  /**
   * A WhatsApp draft Meta sent twice: an attempt it answered with a 5xx (`earlier`), then the retry
   * (`retry`), whose answer waits for `late.answer()`.
   */
  async function retryAwaitingAnswer() {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    expect((await sendDraft(erroredButSent('sendWhatsAppText'), setup.scope, draft.draftId)).status).toBe(
      'retry',
    );
    const late = answerGated('sendWhatsAppText');
    const retrying = sendDraft(late.deps, setup.scope, draft.draftId);
    await vi.waitFor(() => expect(sentTo(draft.customer)).toHaveLength(2));
    const [earlier, retry] = sentTo(draft.customer);
    if (!earlier || !retry) throw new Error('not sent twice');
    return { setup, draft, earlier, retry, retrying, late };
  }

  it('a failed status while a send is in flight waits for its answer, then applies only to the message it names', async () => {
    // An earlier attempt's message (Meta took it despite a 5xx) fails while the retry is in flight.
    const { setup, draft, earlier, retry, retrying, late } = await retryAwaitingAnswer();
    const earlierFailed = statusOf(earlier.providerId, draft.draftId, 'failed');
    await expect(recordStatus({ db: api.appDb }, setup.scope, earlierFailed)).rejects.toBeInstanceOf(
      StatusAheadOfSend,
    );
    expect((await draftRow(draft.draftId)).state).toBe('sending');
    late.answer();
    expect(await retrying).toMatchObject({ status: 'sent', providerMessageId: retry.providerId });
    // Tried again after the answer: not the draft's message, so the reply that arrived stands.
    expect(await recordStatus({ db: api.appDb }, setup.scope, earlierFailed)).toBeNull();
    expect(await draftRow(draft.draftId)).toMatchObject({
      state: 'sent',
      provider_message_id: retry.providerId,
    });
    expect(await api.ownerDb('messages').where({ provider_message_id: earlier.providerId })).toEqual([]);
    expect(await eventsOf(setup.scope.workspaceId, 'message.failed')).toEqual([]);

    // The in-flight send's own message fails: after its answer, the retried status fails the draft.
    const own = await sentAwaitingAnswer();
    const ownFailed = statusOf(own.wamid, own.draft.draftId, 'failed');
    await expect(recordStatus({ db: api.appDb }, own.setup.scope, ownFailed)).rejects.toBeInstanceOf(
      StatusAheadOfSend,
    );
    own.answer();
    expect((await own.sending).status).toBe('sent');
    expect(await recordStatus({ db: api.appDb }, own.setup.scope, ownFailed)).toEqual(expect.any(String));
    expect(await draftRow(own.draft.draftId)).toMatchObject({
      state: 'failed',
      send_error: { code: 131026 },
    });
  });

  it('a status that comes before the send’s own answer records the send at once; the answer then finds it recorded', async () => {
    const { setup, draft, sending, answer, wamid } = await sentAwaitingAnswer();
    expect((await draftRow(draft.draftId)).state).toBe('sending');

    const messageId = await recordStatus(
      { db: api.appDb },
      setup.scope,
      statusOf(wamid, draft.draftId, 'delivered'),
    );
    expect(await draftRow(draft.draftId)).toMatchObject({
      state: 'sent',
      sent_message_id: messageId,
      provider_message_id: wamid,
    });
    answer();
    expect(await sending).toEqual({ status: 'sent', providerMessageId: wamid, messageId });
    expect(await api.ownerDb('messages').where({ provider_message_id: wamid })).toMatchObject([
      { id: messageId, status: 'delivered' },
    ]);
    expect(await eventsOf(setup.scope.workspaceId, 'message.sent')).toHaveLength(1);
    expect((await evidenceTypes(draft.draftId)).filter((t) => t === 'message.sent')).toHaveLength(1);
  });

  it('the answer and a status recording one send at the same moment: both wait on the draft, one records, neither fails', async () => {
    const { setup, draft, sending, answer, wamid } = await sentAwaitingAnswer();
    // Hold the draft's row so both recordings queue behind it, then let them go together.
    const holder = await api.ownerDb.transaction();
    try {
      await holder('drafts').where({ id: draft.draftId }).forUpdate().first();
      const status = recordStatus(
        { db: api.appDb },
        setup.scope,
        statusOf(wamid, draft.draftId, 'delivered'),
      );
      answer();
      await vi.waitFor(async () => {
        const waiting = await api.ownerDb.raw(
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
        );
        expect(waiting.rows[0].n).toBe(2);
      });
      await holder.commit();
      const [fromStatus, fromAnswer] = await Promise.all([status, sending]);
      expect(fromAnswer).toEqual({ status: 'sent', providerMessageId: wamid, messageId: fromStatus });
    } finally {
      if (!holder.isCompleted()) await holder.rollback();
    }
    expect(await api.ownerDb('messages').where({ provider_message_id: wamid })).toMatchObject([
      { status: 'delivered' },
    ]);
    expect(await eventsOf(setup.scope.workspaceId, 'message.sent')).toHaveLength(1);
    expect((await evidenceTypes(draft.draftId)).filter((t) => t === 'message.sent')).toHaveLength(1);
  });

  it('a send whose status recorded it keeps that outcome, whatever its call then answers', async () => {
    // The answer comes after a status recorded the send and a `failed` status failed it.
    const { setup: first, draft: failedLater, sending, answer, wamid } = await sentAwaitingAnswer();
    const messageId = await recordStatus(
      { db: api.appDb },
      first.scope,
      statusOf(wamid, failedLater.draftId, 'sent'),
    );
    await recordStatus({ db: api.appDb }, first.scope, statusOf(wamid, failedLater.draftId, 'failed'));
    answer();
    expect(await sending).toEqual({ status: 'sent', providerMessageId: wamid, messageId });
    expect(await draftRow(failedLater.draftId)).toMatchObject({
      state: 'failed',
      send_error: { code: 131026 },
    });

    // The call times out after a status recorded the send: not failed as an unknown outcome.
    const second = await connectedWorkspace('whatsapp');
    const timedOut = await approvedDraft(second, 'whatsapp');
    const gate = answerGated('sendWhatsAppText');
    const impatient: SendDeps = {
      ...deps,
      messaging: {
        ...deps.messaging,
        sendWhatsAppText: async (input) => {
          await gate.deps.messaging.sendWhatsAppText(input);
          throw new MetaUnavailableError('send whatsapp message', new Error('timed out'));
        },
      },
    };
    const trying = sendDraft(impatient, second.scope, timedOut.draftId);
    await vi.waitFor(() => expect(sentTo(timedOut.customer)).toHaveLength(1));
    const timedOutWamid = sentTo(timedOut.customer)[0]?.providerId ?? '';
    await recordStatus({ db: api.appDb }, second.scope, statusOf(timedOutWamid, timedOut.draftId, 'sent'));
    gate.answer();
    expect(await trying).toEqual({ status: 'skipped', state: 'sent' });
    expect(await draftRow(timedOut.draftId)).toMatchObject({ state: 'sent', send_error: null });
    expect(await eventsOf(second.scope.workspaceId, 'message.failed')).toEqual([]);
  });

  it('without the callback data, a status that comes before the send’s answer is refused for a retry (Instagram, older sends)', async () => {
    const { setup, draft, sending, answer, wamid } = await sentAwaitingAnswer();
    await expect(recordStatus({ db: api.appDb }, setup.scope, statusOf(wamid, null))).rejects.toBeInstanceOf(
      StatusAheadOfSend,
    );
    answer();
    expect((await sending).status).toBe('sent');
    // The retried status then applies.
    expect(await recordStatus({ db: api.appDb }, setup.scope, statusOf(wamid, null))).toBe(
      (await draftRow(draft.draftId)).sent_message_id,
    );
  });

  it('a status of an attempt Meta answered with a 5xx yet sent records the send before its retry; the retry sends nothing', async () => {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    const untried = await approvedDraft(setup, 'whatsapp');
    expect(await sendDraft(erroredButSent('sendWhatsAppText'), setup.scope, draft.draftId)).toMatchObject({
      status: 'retry',
    });
    expect(await draftRow(draft.draftId)).toMatchObject({ state: 'approved', send_error: { code: 2 } });
    const [sent] = sentTo(draft.customer);
    if (!sent) throw new Error('not sent');

    const messageId = await recordStatus(
      { db: api.appDb },
      setup.scope,
      statusOf(sent.providerId, draft.draftId, 'delivered'),
    );
    expect(await draftRow(draft.draftId)).toMatchObject({
      state: 'sent',
      sent_message_id: messageId,
      provider_message_id: sent.providerId,
      send_error: null,
    });
    // The retry finds the draft sent: the customer gets the reply once.
    expect(await sendDraft(deps, setup.scope, draft.draftId)).toEqual({ status: 'skipped', state: 'sent' });
    expect(sentTo(draft.customer)).toHaveLength(1);
    expect(await eventsOf(setup.scope.workspaceId, 'message.sent')).toHaveLength(1);

    // An approved draft never tried is not waiting for a retry: a status naming it proves nothing.
    expect(
      await recordStatus({ db: api.appDb }, setup.scope, statusOf('wamid.untried', untried.draftId)),
    ).toBeNull();
    expect(await draftRow(untried.draftId)).toMatchObject({ state: 'approved', sent_message_id: null });
  });

  it('a second copy Meta sent (an attempt answered with a 5xx, then the retry) is recorded from its status as a duplicate; the draft keeps its own', async () => {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    expect((await sendDraft(erroredButSent('sendWhatsAppText'), setup.scope, draft.draftId)).status).toBe(
      'retry',
    );
    const retried = await sendDraft(deps, setup.scope, draft.draftId);
    expect(retried.status).toBe('sent');
    const [copy, own] = sentTo(draft.customer);
    if (!copy || !own) throw new Error('not sent twice');
    const first = await draftRow(draft.draftId);
    expect(first).toMatchObject({ state: 'sent', provider_message_id: own.providerId });

    // Two statuses of the copy at once: one records it, both apply to it.
    const [fromSent, fromDelivered] = await Promise.all([
      recordStatus({ db: api.appDb }, setup.scope, statusOf(copy.providerId, draft.draftId, 'sent')),
      recordStatus({ db: api.appDb }, setup.scope, statusOf(copy.providerId, draft.draftId, 'delivered')),
    ]);
    expect(fromSent).toBe(fromDelivered);
    expect(fromSent).not.toBe(first.sent_message_id);
    const duplicate = await api.ownerDb('messages').where({ provider_message_id: copy.providerId });
    expect(duplicate).toMatchObject([
      {
        id: fromSent,
        direction: 'outbound',
        status: 'delivered',
        text: copy.text,
        details: {
          draft_id: draft.draftId,
          reply_to: draft.providerMessageId,
          duplicate_of: first.sent_message_id,
        },
      },
    ]);
    expect(await draftRow(draft.draftId)).toMatchObject({
      state: 'sent',
      sent_message_id: first.sent_message_id,
      provider_message_id: own.providerId,
    });
    const ofCopy = await api.ownerDb('evidence_records').where({ message_id: fromSent }).orderBy('seq');
    expect(ofCopy.map((r) => r.type)).toEqual(['message.sent', 'message.delivered']);
    expect(ofCopy[0].data).toMatchObject({ known_from: 'status', duplicate_of: first.sent_message_id });
    const sentEvents = await eventsOf(setup.scope.workspaceId, 'message.sent');
    expect(sentEvents.map((e) => [e.data.provider_message_id, e.data.duplicate_of])).toEqual([
      [own.providerId, undefined],
      [copy.providerId, first.sent_message_id],
    ]);

    // Later statuses apply to the copy alone: nothing recorded again, and its failure is not the draft's.
    await recordStatus({ db: api.appDb }, setup.scope, statusOf(copy.providerId, draft.draftId, 'failed'));
    expect(await api.ownerDb('messages').where({ provider_message_id: copy.providerId })).toMatchObject([
      { status: 'failed' },
    ]);
    expect((await draftRow(draft.draftId)).state).toBe('sent');
    expect(await eventsOf(setup.scope.workspaceId, 'message.sent')).toHaveLength(2);
  });

  it('a failed status of an attempt answered with a 5xx records nothing: the retry is the reply, and no copy is a duplicate', async () => {
    const setup = await connectedWorkspace('whatsapp');
    const draft = await approvedDraft(setup, 'whatsapp');
    expect((await sendDraft(erroredButSent('sendWhatsAppText'), setup.scope, draft.draftId)).status).toBe(
      'retry',
    );
    const [attempt] = sentTo(draft.customer);
    if (!attempt) throw new Error('not sent');
    const failed = statusOf(attempt.providerId, draft.draftId, 'failed');
    expect(await recordStatus({ db: api.appDb }, setup.scope, failed)).toBeNull();
    expect((await draftRow(draft.draftId)).state).toBe('approved');

    expect((await sendDraft(deps, setup.scope, draft.draftId)).status).toBe('sent');
    // The same status again (Meta retries webhooks), now that the draft has its message.
    expect(await recordStatus({ db: api.appDb }, setup.scope, failed)).toBeNull();
    expect(await api.ownerDb('messages').where({ provider_message_id: attempt.providerId })).toEqual([]);
    expect(await draftRow(draft.draftId)).toMatchObject({ state: 'sent', send_error: null });
    expect(await eventsOf(setup.scope.workspaceId, 'message.sent')).toHaveLength(1);
    expect(await eventsOf(setup.scope.workspaceId, 'message.failed')).toEqual([]);
  });

  it('the retry’s answer, after a status recorded the earlier attempt Meta sent, is recorded as the duplicate', async () => {
    const { setup, draft, earlier, retry, retrying, late } = await retryAwaitingAnswer();
    const firstId = await recordStatus(
      { db: api.appDb },
      setup.scope,
      statusOf(earlier.providerId, draft.draftId, 'delivered'),
    );
    expect(await draftRow(draft.draftId)).toMatchObject({
      state: 'sent',
      sent_message_id: firstId,
      provider_message_id: earlier.providerId,
    });
    late.answer();
    const outcome = await retrying;
    expect(outcome).toMatchObject({ status: 'sent', providerMessageId: retry.providerId });
    const duplicateId = outcome.status === 'sent' ? outcome.messageId : '';
    expect(duplicateId).not.toBe(firstId);
    expect(await api.ownerDb('messages').where({ id: duplicateId }).first()).toMatchObject({
      provider_message_id: retry.providerId,
      details: { draft_id: draft.draftId, duplicate_of: firstId },
    });
    expect((await draftRow(draft.draftId)).sent_message_id).toBe(firstId);
    const sentEvents = await eventsOf(setup.scope.workspaceId, 'message.sent');
    expect(sentEvents.map((e) => e.data.duplicate_of)).toEqual([undefined, firstId]);
  });

  it('a failed status of a send in flight for longer than an answer takes (its worker is gone) records it and fails it', async () => {
    const { setup, draft, sending, answer, wamid } = await sentAwaitingAnswer();
    await api
      .ownerDb('drafts')
      .where({ id: draft.draftId })
      .update({ send_started_at: new Date(Date.now() - 60_000) });
    const failed = statusOf(wamid, draft.draftId, 'failed');
    expect(await recordStatus({ db: api.appDb }, setup.scope, failed)).toEqual(expect.any(String));
    expect(await draftRow(draft.draftId)).toMatchObject({
      state: 'failed',
      provider_message_id: wamid,
      send_error: { code: 131026 },
    });
    answer();
    await sending;
    expect((await draftRow(draft.draftId)).state).toBe('failed');
  });

  it('a status of another customer’s unknown message is not held back by a send in flight (another app on the number)', async () => {
    const { setup, draft, sending, answer, wamid } = await sentAwaitingAnswer();
    const otherApp = { ...statusOf('wamid.other-app', null), recipientIds: ['6281999999999'] };
    expect(await recordStatus({ db: api.appDb }, setup.scope, otherApp)).toBeNull();
    // The in-flight send's own customer, by any of the ids Meta gives (a phone and a username id):
    // it may be that send's, so it waits for the answer.
    const ours = { ...statusOf(wamid, null), recipientIds: ['US.13491208655302741918', draft.customer] };
    await expect(recordStatus({ db: api.appDb }, setup.scope, ours)).rejects.toBeInstanceOf(
      StatusAheadOfSend,
    );
    answer();
    expect((await sending).status).toBe('sent');
    expect(await recordStatus({ db: api.appDb }, setup.scope, ours)).toEqual(expect.any(String));
  });

  it('changes nothing for a draft of another workspace (same partner or not), one that failed for another reason, or no callback data', async () => {
    const other = await sentButUnknown();
    const sibling = await sentButUnknown(other.setup.partner);
    const setup = await connectedWorkspace('whatsapp');
    const notConnected = await approvedDraft(setup, 'whatsapp');
    const unknownWamid = (draftId: string | null) => statusOf(`wamid.unknown.${draftId}`, draftId);
    // Another workspace's draft, named in a status routed to this one: not found here. The same
    // for a workspace of the same partner.
    expect(await recordStatus({ db: api.appDb }, setup.scope, unknownWamid(other.draft.draftId))).toBeNull();
    expect(
      await recordStatus({ db: api.appDb }, sibling.setup.scope, unknownWamid(other.draft.draftId)),
    ).toBeNull();
    expect((await draftRow(other.draft.draftId)).state).toBe('failed');

    // A draft that failed because the number is gone was never sent: a status naming it is not proof.
    await disconnectConnection(deps, setup.scope, setup.connectionId);
    expect((await sendDraft(deps, setup.scope, notConnected.draftId)).status).toBe('failed');
    expect(await recordStatus({ db: api.appDb }, setup.scope, unknownWamid(notConnected.draftId))).toBeNull();
    expect(await draftRow(notConnected.draftId)).toMatchObject({
      state: 'failed',
      send_error: { code: 'not_connected' },
    });

    // Its own workspace, without the callback data: nothing to go by.
    expect(await recordStatus({ db: api.appDb }, other.setup.scope, unknownWamid(null))).toBeNull();
    expect((await draftRow(other.draft.draftId)).state).toBe('failed');
    expect(await api.ownerDb('messages').where('provider_message_id', 'like', 'wamid.unknown.%')).toEqual([]);
    // The sibling's own draft is confirmed by its own status, in its own workspace.
    expect(
      await recordStatus(
        { db: api.appDb },
        sibling.setup.scope,
        statusOf(sibling.sent.providerId, sibling.draft.draftId),
      ),
    ).toEqual(expect.any(String));
    expect((await draftRow(sibling.draft.draftId)).state).toBe('sent');
    expect((await draftRow(other.draft.draftId)).state).toBe('failed');
  });
});

describe('an Instagram echo of a reply whose send is not recorded', () => {
  /** Meta's echo of the DM `mid` (text `text`) the account `accountId` sent to `recipientId`, processed as the inbound worker does. */
  async function deliverEcho(
    accountId: string,
    recipientId: string,
    mid: string,
    text: string,
    options: { timestamp?: number; photo?: boolean } = {},
  ) {
    const store = createWebhookStore(
      { db: api.appDb, logger: createLogger({ level: 'silent' }) },
      { maxWaitMs: 0, maxBatch: 1, maxWriters: 1 },
    );
    const built = sandbox.customer.buildInstagram({
      accountId,
      from: { id: recipientId },
      event: {
        kind: 'message',
        isEcho: true,
        mid,
        text,
        ...(options.timestamp ? { timestamp: options.timestamp } : {}),
        ...(options.photo
          ? { attachments: [{ type: 'image' as const, url: 'https://cdn.example/p.jpg' }] }
          : {}),
      },
    });
    const { id } = await store.store('instagram', Buffer.from(JSON.stringify(built.payload)));
    return processDelivery({ db: api.appDb }, id);
  }

  /** An Instagram DM draft Meta sent whose answer never came (failed as unknown); with what Meta sent. */
  async function lostDm(setup: Setup) {
    const draft = await approvedDraft(setup, 'instagram_dm');
    const losing = answerGated('sendInstagramDm', 'lost');
    const sending = sendDraft(losing.deps, setup.scope, draft.draftId);
    await vi.waitFor(() => expect(sentTo(draft.customer)).toHaveLength(1));
    losing.answer();
    const outcome = await sending;
    const [dm] = sentTo(draft.customer);
    return { draft, outcome, dm };
  }

  it('records a DM whose answer was lost from its echo, and one whose echo came first; nothing twice', async () => {
    const setup = await connectedWorkspace('instagram');
    // The answer never comes: the draft fails as an unknown outcome, then the echo shows it sent.
    const { draft: lost, outcome: lostOutcome, dm } = await lostDm(setup);
    expect(lostOutcome).toMatchObject({ status: 'failed', error: { code: 'send_outcome_unknown' } });
    const outcome = await deliverEcho(setup.routingId, lost.customer, dm?.providerId ?? '', dm?.text ?? '');
    expect(outcome).toMatchObject({ statuses: 1, skipped: 0 });
    const row = await draftRow(lost.draftId);
    expect(row).toMatchObject({ state: 'sent', provider_message_id: dm?.providerId, send_error: null });
    // Placed at when its call began, and quoting the customer's message, as a send's answer records it.
    expect(row.sent_at).toEqual(row.send_started_at);
    expect(await api.ownerDb('messages').where({ provider_message_id: dm?.providerId })).toMatchObject([
      {
        id: row.sent_message_id,
        direction: 'outbound',
        channel: 'instagram',
        text: dm?.text,
        details: { draft_id: lost.draftId, reply_to: lost.providerMessageId },
      },
    ]);
    const [evidence] = await api.ownerDb('evidence_records').where({ message_id: row.sent_message_id });
    expect(evidence).toMatchObject({ type: 'message.sent', data: { known_from: 'echo' } });

    // The echo comes before the send's own answer: it records the send, the answer finds it recorded.
    const early = await approvedDraft(setup, 'instagram_dm');
    const late = answerGated('sendInstagramDm');
    const sendingEarly = sendDraft(late.deps, setup.scope, early.draftId);
    await vi.waitFor(() => expect(sentTo(early.customer)).toHaveLength(1));
    const [earlyDm] = sentTo(early.customer);
    await deliverEcho(setup.routingId, early.customer, earlyDm?.providerId ?? '', earlyDm?.text ?? '');
    const earlyRow = await draftRow(early.draftId);
    expect(earlyRow.state).toBe('sent');
    late.answer();
    expect(await sendingEarly).toEqual({
      status: 'sent',
      providerMessageId: earlyDm?.providerId,
      messageId: earlyRow.sent_message_id,
    });

    // The same echo again (Meta repeats deliveries): nothing new.
    expect(
      await deliverEcho(setup.routingId, early.customer, earlyDm?.providerId ?? '', earlyDm?.text ?? ''),
    ).toMatchObject({
      statuses: 0,
      skipped: 1,
    });
    const sent = await eventsOf(setup.scope.workspaceId, 'message.sent');
    expect(sent.map((e) => e.data.draft_id).sort()).toEqual([lost.draftId, early.draftId].sort());
  });

  it('records a DM Meta answered with a 5xx yet sent from its echo before the retry; the retry sends nothing', async () => {
    const setup = await connectedWorkspace('instagram');
    const draft = await approvedDraft(setup, 'instagram_dm');
    expect(await sendDraft(erroredButSent('sendInstagramDm'), setup.scope, draft.draftId)).toMatchObject({
      status: 'retry',
    });
    const [dm] = sentTo(draft.customer);
    if (!dm) throw new Error('not sent');
    expect(await deliverEcho(setup.routingId, draft.customer, dm.providerId, dm.text)).toMatchObject({
      statuses: 1,
    });
    expect(await draftRow(draft.draftId)).toMatchObject({
      state: 'sent',
      provider_message_id: dm.providerId,
    });
    expect(await sendDraft(deps, setup.scope, draft.draftId)).toEqual({ status: 'skipped', state: 'sent' });
    expect(sentTo(draft.customer)).toHaveLength(1);
  });

  it('changes nothing for what a person wrote in Instagram’s app, or for another workspace’s reply', async () => {
    const setup = await connectedWorkspace('instagram');
    const { draft, dm } = await lostDm(setup);
    // Another text to the same customer (a person replying in the app): not this draft's send.
    expect(
      await deliverEcho(setup.routingId, draft.customer, 'mid.by-hand', 'Sure, see you soon!'),
    ).toMatchObject({
      skipped: 1,
    });
    // The draft's own text and customer, echoed from another workspace's account: not this one's.
    const other = await connectedWorkspace('instagram', setup.partner);
    expect(
      await deliverEcho(other.routingId, draft.customer, dm?.providerId ?? '', dm?.text ?? ''),
    ).toMatchObject({
      skipped: 1,
    });
    expect(await draftRow(draft.draftId)).toMatchObject({
      state: 'failed',
      send_error: { code: 'send_outcome_unknown' },
    });
    // The same text by hand much later (after the draft failed, a person pasted it): not the call's.
    const later = Date.now() + 10 * 60_000;
    const pasted = await deliverEcho(setup.routingId, draft.customer, 'mid.pasted', dm?.text ?? '', {
      timestamp: later,
    });
    expect(pasted).toMatchObject({ skipped: 1 });
    // A photo whose caption reads the same is not the text reply.
    const photo = await deliverEcho(setup.routingId, draft.customer, 'mid.photo', dm?.text ?? '', {
      photo: true,
    });
    expect(photo).toMatchObject({ skipped: 1 });
    expect(
      await api
        .ownerDb('messages')
        .whereIn('provider_message_id', ['mid.by-hand', 'mid.pasted', 'mid.photo', dm?.providerId ?? '']),
    ).toEqual([]);

    // Two unrecorded sends of the same text to the same customer: nothing tells which the echo is.
    const original = await api.ownerDb('drafts').where({ id: draft.draftId }).first();
    const twinId = newId('draft');
    const asked = await api.ownerDb('messages').where({ id: original.message_id }).first();
    const twinMessage = {
      ...asked,
      id: newId('message'),
      provider_message_id: `${asked.provider_message_id}.2`,
    };
    await api.ownerDb('messages').insert({ ...twinMessage, details: JSON.stringify(asked.details) });
    await api.ownerDb('drafts').insert({
      ...original,
      id: twinId,
      message_id: twinMessage.id,
      citations: JSON.stringify(original.citations),
    });
    const echoAgain = () =>
      deliverEcho(setup.routingId, draft.customer, dm?.providerId ?? '', dm?.text ?? '');
    expect(await echoAgain()).toMatchObject({ skipped: 1 });
    await api.ownerDb('drafts').where({ id: twinId }).delete();
    await api.ownerDb('messages').where({ id: twinMessage.id }).delete();

    // A draft that failed for another reason was not sent: an echo of its text is not proof.
    const draftRows = api.ownerDb('drafts').where({ id: draft.draftId });
    await draftRows.clone().update({ send_error: { code: 131026, title: 'Message undeliverable' } });
    expect(await echoAgain()).toMatchObject({ skipped: 1 });
    expect((await draftRow(draft.draftId)).state).toBe('failed');
    // With the unknown outcome back, the same echo records it: the checks above were what refused it.
    await draftRows.clone().update({ send_error: original.send_error });
    expect(await echoAgain()).toMatchObject({ statuses: 1 });
    expect((await draftRow(draft.draftId)).state).toBe('sent');
  });
});
