import { createKnex } from '@laras/core';
import { createPartner } from '@laras/core/operator';
import { testConfig } from '@laras/testkit';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { recordInboundMessage } from '../conversations/index.ts';
import { withTenant } from '../db/index.ts';
import { type DraftInput, draftReply } from '../drafting/index.ts';
import { newId } from '../ids.ts';
import { supersedePending } from './repository.ts';
import { draftForMessage, getDraft } from './service.ts';

const config = testConfig();
const ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'draft-test' });
const appDb = createKnex({ url: config.database.appUrl, poolMax: 4, applicationName: 'draft-test' });
afterAll(() => Promise.all([ownerDb.destroy(), appDb.destroy()]));

let scope: { partnerId: string; workspaceId: string };

beforeEach(async () => {
  const { partnerId } = await createPartner(ownerDb, { name: 'Draft Agency' });
  const workspaceId = newId('workspace');
  await ownerDb('workspaces').insert({ id: workspaceId, partner_id: partnerId, name: 'Kopi Kita' });
  scope = { partnerId, workspaceId };
});

async function customerMessage(
  providerMessageId = `mid.${scope.workspaceId}`,
  type = 'text',
): Promise<string> {
  const { message } = await recordInboundMessage({ db: appDb }, scope, {
    channel: 'instagram',
    surface: 'instagram_dm',
    threadKey: 'igsid-1',
    customer: { providerUserId: 'igsid-1', name: 'Sari' },
    providerMessageId,
    type,
    text: type === 'text' ? 'Hello, are you open today?' : '👍',
    details: {},
    sentAt: new Date(),
  });
  if (!message) throw new Error('message not stored');
  return message.id;
}

const evidenceTypes = async () =>
  (await ownerDb('evidence_records')
    .where({ workspace_id: scope.workspaceId })
    .orderBy('seq')
    .pluck('type')) as string[];

/**
 * A drafting run of `messageId` whose drafter waits: `drafting` resolves once it has read the
 * thread and begun drafting, `finish()` lets it go on to store, `outcome` is what it answers.
 */
function slowRun(messageId: string) {
  let started: () => void = () => {};
  const drafting = new Promise<void>((resolve) => {
    started = resolve;
  });
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const draft = async (input: DraftInput) => {
    started();
    await finished;
    return draftReply(input);
  };
  return { drafting, finish, outcome: draftForMessage({ db: appDb, draft }, scope, messageId) };
}

it('answers the draft exactly as stored, with its thread’s surface', async () => {
  const messageId = await customerMessage();
  const outcome = await draftForMessage({ db: appDb }, scope, messageId);
  if (outcome.status !== 'drafted') throw new Error(`not drafted: ${outcome.status}`);
  expect(outcome.draft).toEqual(await getDraft({ db: appDb }, scope, outcome.draft.id));
  expect(outcome.draft).toMatchObject({ messageId, surface: 'instagram_dm', state: 'pending_approval' });
});

it('two runs for one message at once store one draft; the later one answers it as existing', async () => {
  const messageId = await customerMessage();
  // Both runs read the thread before either stores its draft: the drafter waits for both.
  let arrived = 0;
  let release: () => void = () => {};
  const bothRead = new Promise<void>((resolve) => {
    release = resolve;
  });
  const draft = async (input: DraftInput) => {
    arrived += 1;
    if (arrived === 2) release();
    await bothRead;
    return draftReply(input);
  };
  const outcomes = await Promise.all([
    draftForMessage({ db: appDb, draft }, scope, messageId),
    draftForMessage({ db: appDb, draft }, scope, messageId),
  ]);

  expect(outcomes.map((o) => o.status).sort()).toEqual(['drafted', 'exists']);
  const stored = await ownerDb('drafts').where({ workspace_id: scope.workspaceId }).pluck('id');
  expect(stored).toHaveLength(1);
  for (const outcome of outcomes) {
    if (outcome.status === 'skipped') throw new Error(outcome.reason);
    expect(outcome.draft.id).toBe(stored[0]);
  }
  // One set of draft evidence, from the run that stored it.
  expect(await evidenceTypes()).toEqual([
    'message.received',
    'draft.created',
    'draft.classified',
    'draft.decided',
  ]);
});

it('a run that finds the message drafted meanwhile leaves that draft waiting (it supersedes only older messages’ drafts)', async () => {
  const messageId = await customerMessage();
  // The slow run read the thread before the other drafted the message and stored its draft.
  const slow = slowRun(messageId);
  await slow.drafting;
  const first = await draftForMessage({ db: appDb }, scope, messageId);
  slow.finish();
  expect((await slow.outcome).status).toBe('exists');
  if (first.status !== 'drafted') throw new Error('not drafted');
  expect((await getDraft({ db: appDb }, scope, first.draft.id)).state).toBe('pending_approval');
});

it('a run that finds its message drafted still records the waiting draft it superseded, as taken over by that draft', async () => {
  const older = await customerMessage('mid.race.older');
  const messageId = await customerMessage('mid.race.newer');
  const slow = slowRun(messageId);
  await slow.drafting;
  const first = await draftForMessage({ db: appDb }, scope, messageId);
  if (first.status !== 'drafted') throw new Error('not drafted');
  // A waiting draft of the older message becomes visible after that run superseded the thread's.
  const row = await ownerDb('drafts').where({ id: first.draft.id }).first();
  const waitingId = newId('draft');
  await ownerDb('drafts').insert({
    ...row,
    id: waitingId,
    message_id: older,
    state: 'pending_approval',
    citations: JSON.stringify(row.citations),
    verdict: JSON.stringify(row.verdict),
    decision: JSON.stringify(row.decision),
  });
  slow.finish();
  expect((await slow.outcome).status).toBe('exists');
  expect((await getDraft({ db: appDb }, scope, waitingId)).state).toBe('superseded');
  const [record] = await ownerDb('evidence_records').where({ draft_id: waitingId });
  expect(record).toMatchObject({ type: 'draft.superseded', data: { superseded_by: first.draft.id } });
});

it('drafts from an empty context named after the workspace when none was ever set', async () => {
  const messageId = await customerMessage();
  const seen: DraftInput[] = [];
  const draft = async (input: DraftInput) => {
    seen.push(input);
    return draftReply(input);
  };
  await draftForMessage({ db: appDb, draft }, scope, messageId);
  expect(seen).toHaveLength(1);
  expect(seen[0]?.context).toMatchObject({
    workspaceId: scope.workspaceId,
    business: { name: 'Kopi Kita' },
    catalog: [],
    updatedAt: null,
  });
});

it('a newer message’s draft supersedes the one waiting in the thread, and waits itself', async () => {
  const first = await draftForMessage({ db: appDb }, scope, await customerMessage('mid.first'));
  const second = await draftForMessage({ db: appDb }, scope, await customerMessage('mid.second'));
  if (first.status !== 'drafted' || second.status !== 'drafted') throw new Error('not drafted');
  expect((await getDraft({ db: appDb }, scope, first.draft.id)).state).toBe('superseded');
  expect((await getDraft({ db: appDb }, scope, second.draft.id)).state).toBe('pending_approval');
  // The superseded draft leaves the queue with a record in the chain, after the new draft's.
  const records = await ownerDb('evidence_records').where({ workspace_id: scope.workspaceId }).orderBy('seq');
  expect(records.at(-1)).toMatchObject({
    type: 'draft.superseded',
    draft_id: first.draft.id,
    message_id: first.draft.messageId,
    conversation_id: first.draft.conversationId,
    data: { superseded_by: second.draft.id },
  });
});

it('supersedes the waiting drafts of a thread but the one it is told to keep', async () => {
  const outcome = await draftForMessage({ db: appDb }, scope, await customerMessage());
  if (outcome.status !== 'drafted') throw new Error('not drafted');
  const { id, conversationId } = outcome.draft;
  const supersede = (except?: string) =>
    withTenant(appDb, scope, (tx) => supersedePending(tx, conversationId, except ? { except } : {}));
  expect(await supersede(id)).toEqual([]);
  expect((await getDraft({ db: appDb }, scope, id)).state).toBe('pending_approval');
  expect(await supersede()).toEqual([{ id, messageId: outcome.draft.messageId }]);
  expect((await getDraft({ db: appDb }, scope, id)).state).toBe('superseded');
});

it('a draft that finishes after a newer customer message was drafted stores nothing and keeps the newer one', async () => {
  const first = await customerMessage('mid.slow');
  // The first message's drafter is slow: the customer writes again and that message is drafted
  // while the first is still being drafted.
  const slow = slowRun(first);
  await slow.drafting;
  const newer = await draftForMessage({ db: appDb }, scope, await customerMessage('mid.newer'));
  slow.finish();
  const stale = await slow.outcome;

  expect(stale).toEqual({ status: 'skipped', reason: 'a newer customer message will be answered instead' });
  if (newer.status !== 'drafted') throw new Error('not drafted');
  expect((await getDraft({ db: appDb }, scope, newer.draft.id)).state).toBe('pending_approval');
  expect(await ownerDb('drafts').where({ workspace_id: scope.workspaceId }).pluck('id')).toEqual([
    newer.draft.id,
  ]);
});

it.each(['reaction', 'edit', 'deletion'])(
  'a %s after the customer’s question, before or while it is drafted, does not stop its draft',
  async (type) => {
    // Written before drafting began: the thread's latest replyable message is still the question.
    const question = await customerMessage('mid.question');
    await customerMessage(`mid.${type}.before`, type);
    const before = await draftForMessage({ db: appDb }, scope, question);
    expect(before.status).toBe('drafted');

    // Written while it is drafted: storing the draft is not skipped for it either.
    const next = await customerMessage('mid.question.2');
    const slow = slowRun(next);
    await slow.drafting;
    await customerMessage(`mid.${type}.during`, type);
    slow.finish();
    expect((await slow.outcome).status).toBe('drafted');
  },
);
