/**
 * `needs_review` on a conversation: true exactly while one of its drafts waits for a person, on the
 * conversation and in the list's filter, whatever ended the wait.
 */
import { recordInboundMessage } from '@laras/core/conversations';
import type { DraftInput } from '@laras/core/drafting';
import { draftForMessage } from '@laras/core/drafts';
import type { components } from '@laras/openapi';
import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

type Conversation = components['schemas']['Conversation'];
type ConversationList = components['schemas']['ConversationList'];

let api: TestApi;
let partner: TestPartner;
let scope: { partnerId: string; workspaceId: string };
let counter = 0;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());
beforeEach(async () => {
  partner = await createTestPartner(api.ownerDb);
  const ws = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'N' },
  });
  scope = { partnerId: partner.partnerId, workspaceId: ws.body.id };
});

/** A customer message in the thread of `from`, sent `ageMs` ago. */
async function customerMessage(
  from: string,
  ageMs = 60_000,
): Promise<{ id: string; conversationId: string }> {
  counter += 1;
  const { message, conversationId } = await recordInboundMessage({ db: api.appDb }, scope, {
    channel: 'whatsapp',
    surface: 'whatsapp',
    threadKey: from,
    customer: { providerUserId: from, name: 'Sari' },
    providerMessageId: `wamid.needs-review.${scope.workspaceId}.${counter}`,
    type: 'text',
    text: 'Hello, are you open today?',
    details: {},
    sentAt: new Date(Date.now() - ageMs),
  });
  if (!message) throw new Error('message not stored');
  return { id: message.id, conversationId };
}

/** A draft answering the customer's latest message, waiting for a person (auto-send is off). */
async function waitingDraft(
  from: string,
  ageMs = 60_000,
): Promise<{ draftId: string; conversationId: string }> {
  const message = await customerMessage(from, ageMs);
  const outcome = await draftForMessage({ db: api.appDb }, scope, message.id);
  if (outcome.status === 'skipped') throw new Error(outcome.reason);
  expect(outcome.draft.state).toBe('pending_approval');
  return { draftId: outcome.draft.id, conversationId: message.conversationId };
}

const base = () => `/v1/workspaces/${scope.workspaceId}`;

async function needsReview(conversationId: string): Promise<boolean> {
  const res = await api.call<Conversation>('GET', `${base()}/conversations/${conversationId}`, {
    key: partner.apiKey,
  });
  expect(res.status).toBe(200);
  return res.body.needs_review;
}

async function listed(filter: 'true' | 'false'): Promise<Array<[string, boolean]>> {
  const res = await api.call<ConversationList>('GET', `${base()}/conversations?needs_review=${filter}`, {
    key: partner.apiKey,
  });
  expect(res.status).toBe(200);
  return res.body.data.map((c) => [c.id, c.needs_review]);
}

const review = (draftId: string, action: 'approve' | 'reject', body: unknown) =>
  api.call('POST', `${base()}/drafts/${draftId}/${action}`, { key: partner.apiKey, body });

describe('needs_review', () => {
  it('is true while a draft waits, and the filter finds exactly those threads', async () => {
    const waiting = await waitingDraft('628110001');
    const quiet = await customerMessage('628110002');
    expect(await needsReview(waiting.conversationId)).toBe(true);
    expect(await needsReview(quiet.conversationId)).toBe(false);
    expect(await listed('true')).toEqual([[waiting.conversationId, true]]);
    expect(await listed('false')).toEqual([[quiet.conversationId, false]]);
    const all = await api.call<ConversationList>('GET', `${base()}/conversations`, { key: partner.apiKey });
    expect(all.body.data.map((c) => [c.id, c.needs_review])).toEqual([
      [quiet.conversationId, false],
      [waiting.conversationId, true],
    ]);
  });

  it('pages through the waiting threads only', async () => {
    const threads: string[] = [];
    for (const from of ['628120001', '628120002', '628120003']) {
      threads.unshift((await waitingDraft(from)).conversationId);
      await customerMessage(`${from}9`);
    }
    const first = await api.call<ConversationList>(
      'GET',
      `${base()}/conversations?needs_review=true&limit=2`,
      {
        key: partner.apiKey,
      },
    );
    expect(first.body.data.map((c) => c.id)).toEqual(threads.slice(0, 2));
    expect(first.body.has_more).toBe(true);
    const second = await api.call<ConversationList>(
      'GET',
      `${base()}/conversations?needs_review=true&limit=2&cursor=${first.body.next_cursor}`,
      { key: partner.apiKey },
    );
    expect(second.body.data.map((c) => c.id)).toEqual(threads.slice(2));
    expect(second.body.has_more).toBe(false);
  });

  it('turns false when the draft is approved, rejected or expires', async () => {
    const approved = await waitingDraft('628130001');
    const rejected = await waitingDraft('628130002');
    // Written 25 hours ago: the window has closed, so approving it expires it.
    const expired = await waitingDraft('628130003', 25 * 3600 * 1000);
    expect(await listed('true')).toHaveLength(3);

    expect((await review(approved.draftId, 'approve', {})).status).toBe(200);
    expect((await review(rejected.draftId, 'reject', { reason: 'Wrong answer.' })).status).toBe(200);
    expect((await review(expired.draftId, 'approve', {})).status).toBe(409);
    expect(await api.ownerDb('drafts').where({ id: expired.draftId }).first()).toMatchObject({
      state: 'expired',
    });

    for (const { conversationId } of [approved, rejected, expired]) {
      expect(await needsReview(conversationId)).toBe(false);
    }
    expect(await listed('true')).toEqual([]);
    expect(await listed('false')).toHaveLength(3);
  });

  it('turns false when a newer draft, sent automatically, supersedes the waiting one', async () => {
    const first = await waitingDraft('628140001');
    expect(await needsReview(first.conversationId)).toBe(true);
    const rules = await api.call('PUT', `${base()}/review-rules`, {
      key: partner.apiKey,
      body: { auto_send: { whatsapp: true }, min_confidence: 0 },
    });
    expect(rules.status).toBe(200);
    const next = await customerMessage('628140001');
    const confident = async (input: DraftInput) => ({
      text: 'Hello! Yes, we are open today.',
      language: 'en' as const,
      intent: 'greeting' as const,
      citations: [],
      confidence: 1,
      needsHuman: false,
      needsHumanReason: null,
      provider: 'builtin' as const,
      model: 'test',
      promptVersion: 'test',
      timingMs: input.messages.length,
    });
    const outcome = await draftForMessage({ db: api.appDb, draft: confident }, scope, next.id);
    if (outcome.status !== 'drafted') throw new Error(`not drafted: ${outcome.status}`);
    expect(outcome.draft.state).toBe('approved');
    expect(await api.ownerDb('drafts').where({ id: first.draftId }).first()).toMatchObject({
      state: 'superseded',
    });
    expect(await needsReview(first.conversationId)).toBe(false);
    expect(await listed('true')).toEqual([]);
  });
});
