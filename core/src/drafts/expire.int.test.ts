import { createKnex } from '@laras/core';
import { createPartner } from '@laras/core/operator';
import { testConfig } from '@laras/testkit';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { recordInboundMessage } from '../conversations/index.ts';
import { newId } from '../ids.ts';
import { expireOverdueDrafts } from './expire.ts';
import { draftForMessage } from './service.ts';

const config = testConfig();
const ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'expire-test' });
const appDb = createKnex({ url: config.database.appUrl, poolMax: 2, applicationName: 'expire-test' });
afterAll(() => Promise.all([ownerDb.destroy(), appDb.destroy()]));

let scope: { partnerId: string; workspaceId: string };
let counter = 0;

beforeEach(async () => {
  const { partnerId } = await createPartner(ownerDb, { name: 'Expiry Agency' });
  const workspaceId = newId('workspace');
  await ownerDb('workspaces').insert({ id: workspaceId, partner_id: partnerId, name: 'Kopi Kita' });
  scope = { partnerId, workspaceId };
});

/** A waiting draft replying to a customer message sent `ageMs` ago, in its own conversation. */
async function waitingDraft(ageMs: number): Promise<string> {
  counter += 1;
  const { message } = await recordInboundMessage({ db: appDb }, scope, {
    channel: 'whatsapp',
    surface: 'whatsapp',
    threadKey: `62877${counter}`,
    customer: { providerUserId: `62877${counter}`, name: 'Sari' },
    providerMessageId: `wamid.expire.${scope.workspaceId}.${counter}`,
    type: 'text',
    text: 'Hello, are you open today?',
    details: {},
    sentAt: new Date(Date.now() - ageMs),
  });
  if (!message) throw new Error('message not stored');
  const outcome = await draftForMessage({ db: appDb }, scope, message.id);
  if (outcome.status === 'skipped') throw new Error(outcome.reason);
  return outcome.draft.id;
}

const state = async (id: string) => (await ownerDb('drafts').where({ id }).first()).state;
const evidenceOf = (id: string) =>
  ownerDb('evidence_records').where({ draft_id: id, type: 'draft.expired' }).select('actor', 'data');

it('expires waiting and approved drafts past the window, once, and leaves fresh ones alone', async () => {
  const stale = await waitingDraft(25 * 3600 * 1000);
  const staleApproved = await waitingDraft(24 * 3600 * 1000 + 60_000);
  await ownerDb('drafts').where({ id: staleApproved }).update({ state: 'approved' });
  const fresh = await waitingDraft(60_000);

  const first = await expireOverdueDrafts({ db: appDb });
  expect(first.expired).toEqual(expect.arrayContaining([stale, staleApproved]));
  expect(first.expired).not.toContain(fresh);

  expect(await state(stale)).toBe('expired');
  expect(await state(staleApproved)).toBe('expired');
  expect(await state(fresh)).toBe('pending_approval');
  expect(await evidenceOf(stale)).toEqual([{ actor: 'system', data: { was: 'pending_approval' } }]);
  expect(await evidenceOf(staleApproved)).toEqual([{ actor: 'system', data: { was: 'approved' } }]);

  const second = await expireOverdueDrafts({ db: appDb });
  expect(second.expired).not.toContain(stale);
  expect(await evidenceOf(stale)).toHaveLength(1);
});

it('never touches a draft that was already rejected', async () => {
  const id = await waitingDraft(25 * 3600 * 1000);
  await ownerDb('drafts').where({ id }).update({ state: 'rejected' });
  const { expired } = await expireOverdueDrafts({ db: appDb });
  expect(expired).not.toContain(id);
  expect(await state(id)).toBe('rejected');
});
