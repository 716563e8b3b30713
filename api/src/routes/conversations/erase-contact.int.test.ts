/**
 * `eraseContact`: one customer's request to have their data erased. What they wrote, who they are
 * and the replies drafted to them go, in every conversation of theirs; nothing of another customer
 * or another workspace changes; the partner hears of it; the evidence chain still verifies.
 */
import { recordInboundMessage } from '@laras/core/conversations';
import { draftForMessage } from '@laras/core/drafts';
import type { components } from '@laras/openapi';
import { createTestPartner, startTestApi, type TestApi, type TestPartner } from '@laras/testkit';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

type Conversation = components['schemas']['Conversation'];
type ContactErasure = components['schemas']['ContactErasure'];
type MessageList = components['schemas']['MessageList'];
type Draft = components['schemas']['Draft'];
type ErrorBody = components['schemas']['Error'];

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
    body: { name: 'Kopi Kita' },
  });
  scope = { partnerId: partner.partnerId, workspaceId: ws.body.id };
});

/** A customer's message with the draft that answers it, waiting for a person. */
async function customerWithDraft(phone: string) {
  counter += 1;
  const { message, conversationId } = await recordInboundMessage({ db: api.appDb }, scope, {
    channel: 'whatsapp',
    surface: 'whatsapp',
    threadKey: phone,
    customer: { providerUserId: phone, name: 'Sari Wulandari' },
    providerMessageId: `wamid.erase.${scope.workspaceId}.${counter}`,
    type: 'text',
    text: 'Please send it to Jl. Braga 1, Bandung',
    details: {},
    sentAt: new Date(),
  });
  if (!message) throw new Error('message not stored');
  const outcome = await draftForMessage({ db: api.appDb }, scope, message.id);
  if (outcome.status === 'skipped') throw new Error(outcome.reason);
  const conversation = await api.call<Conversation>(
    'GET',
    `/v1/workspaces/${scope.workspaceId}/conversations/${conversationId}`,
    { key: partner.apiKey },
  );
  return { conversationId, contactId: conversation.body.contact.id, draftId: outcome.draft.id };
}

const erase = (contactId: string, key = partner.apiKey, workspaceId = scope.workspaceId) =>
  api.call<ContactErasure | ErrorBody>('POST', `/v1/workspaces/${workspaceId}/contacts/${contactId}/erase`, {
    key,
  });
const get = <T>(path: string) =>
  api.call<T>('GET', `/v1/workspaces/${scope.workspaceId}${path}`, { key: partner.apiKey });

it("erases one customer's messages, identity and drafts, and nobody else's", async () => {
  const sari = await customerWithDraft('6281234567890');
  const budi = await customerWithDraft('6281111111111');

  const res = await erase(sari.contactId);
  expect(res.status).toBe(200);
  expect(res.body).toEqual({
    contact_id: sari.contactId,
    conversations: [sari.conversationId],
    messages_erased: 1,
    drafts_erased: 1,
  });

  const thread = await get<Conversation>(`/conversations/${sari.conversationId}`);
  expect(thread.body.contact).toMatchObject({
    provider_user_id: `erased:${sari.contactId}`,
    name: null,
    username: null,
  });
  const messages = await get<MessageList>(`/conversations/${sari.conversationId}/messages`);
  expect(messages.body.data.map((m) => [m.text, m.details])).toEqual([[null, {}]]);
  const draft = await get<Draft>(`/drafts/${sari.draftId}`);
  expect(draft.body).toMatchObject({ state: 'expired', draft: { text: '' } });

  // The other customer keeps everything.
  const other = await get<Conversation>(`/conversations/${budi.conversationId}`);
  expect(other.body.contact).toMatchObject({ provider_user_id: '6281111111111', name: 'Sari Wulandari' });
  const otherDraft = await get<Draft>(`/drafts/${budi.draftId}`);
  expect(otherDraft.body.state).toBe('pending_approval');
  expect(otherDraft.body.draft.text).not.toBe('');

  const events = await api
    .ownerDb('events')
    .where({ workspace_id: scope.workspaceId, type: 'workspace.data_deleted' })
    .pluck('data');
  expect(events).toEqual([
    {
      channel: 'whatsapp',
      reason: 'erasure_request',
      contact_id: sari.contactId,
      messages_erased: 1,
      drafts_erased: 1,
    },
  ]);
  const verified = await get<{ valid: boolean }>('/evidence/verify');
  expect(verified.body.valid).toBe(true);
  const actors = await api
    .ownerDb('evidence_records')
    .where({ workspace_id: scope.workspaceId, type: 'workspace.data_deleted' })
    .pluck('actor');
  expect(actors).toEqual([partner.apiKeyId]);

  // Erasing again erases nothing more.
  const again = await erase(sari.contactId);
  expect(again.body).toMatchObject({ messages_erased: 0, drafts_erased: 0 });
});

it('answers 404 for an unknown contact, or one of another workspace or partner, and erases nothing', async () => {
  const sari = await customerWithDraft('6282222222222');
  const otherPartner = await createTestPartner(api.ownerDb);
  const sibling = await api.call<{ id: string }>('POST', '/v1/workspaces', {
    key: partner.apiKey,
    body: { name: 'Sibling' },
  });

  for (const res of [
    await erase('ctc_01JD5Q4ZB7S0M6G4B6Y7R1T2QX'),
    await erase(sari.contactId, otherPartner.apiKey),
    await erase(sari.contactId, partner.apiKey, sibling.body.id),
  ]) {
    expect(res.status).toBe(404);
    expect((res.body as ErrorBody).error.code).toBe('not_found');
  }
  const thread = await get<Conversation>(`/conversations/${sari.conversationId}`);
  expect(thread.body.contact.provider_user_id).toBe('6282222222222');
});
