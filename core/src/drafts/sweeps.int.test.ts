import { createKnex } from '@laras/core';
import { createPartner } from '@laras/core/operator';
import { testConfig } from '@laras/testkit';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { recordInboundMessage } from '../conversations/index.ts';
import { newId } from '../ids.ts';
import { draftForMessage } from './service.ts';
import { messagesAwaitingDraft, warnExpiringWindows } from './sweeps.ts';

const config = testConfig();
const ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'sweeps-test' });
const appDb = createKnex({ url: config.database.appUrl, poolMax: 2, applicationName: 'sweeps-test' });
afterAll(() => Promise.all([ownerDb.destroy(), appDb.destroy()]));

let scope: { partnerId: string; workspaceId: string };
let counter = 0;

beforeEach(async () => {
  const { partnerId } = await createPartner(ownerDb, { name: 'Sweep Agency' });
  const workspaceId = newId('workspace');
  await ownerDb('workspaces').insert({ id: workspaceId, partner_id: partnerId, name: 'Kopi Kita' });
  scope = { partnerId, workspaceId };
});

/** A customer message `ageMs` old in thread `thread`; answers its id. */
async function customerMessage(ageMs: number, thread = `62899${++counter}`, type = 'text'): Promise<string> {
  counter += 1;
  const { message } = await recordInboundMessage({ db: appDb }, scope, {
    channel: 'whatsapp',
    surface: 'whatsapp',
    threadKey: thread,
    customer: { providerUserId: thread, name: 'Sari' },
    providerMessageId: `wamid.sweep.${scope.workspaceId}.${counter}`,
    type,
    text: type === 'reaction' ? '👍' : 'Hello, are you open today?',
    details: {},
    sentAt: new Date(Date.now() - ageMs),
  });
  if (!message) throw new Error('message not stored');
  return message.id;
}

const awaiting = async () =>
  (await messagesAwaitingDraft({ db: appDb }, { createdBefore: new Date(Date.now() + 60_000) }))
    .filter((m) => m.scope.workspaceId === scope.workspaceId)
    .map((m) => m.messageId);

describe('messagesAwaitingDraft', () => {
  it('finds the latest customer message of a thread that has no draft, inside the window', async () => {
    const older = await customerMessage(120_000, 'thread-a');
    const latest = await customerMessage(60_000, 'thread-a');
    const drafted = await customerMessage(60_000, 'thread-b');
    await draftForMessage({ db: appDb }, scope, drafted);
    const reaction = await customerMessage(60_000, 'thread-c', 'reaction');
    const stale = await customerMessage(25 * 3600 * 1000, 'thread-d');

    const found = await awaiting();
    expect(found).toEqual([latest]);
    expect(found).not.toContain(older);
    expect(found).not.toContain(reaction);
    expect(found).not.toContain(stale);
  });

  it('still finds a question followed in its thread by a reaction, an edit or a deletion (they get no draft)', async () => {
    const questions = [];
    for (const type of ['reaction', 'edit', 'deletion']) {
      const question = await customerMessage(90_000, `thread-${type}`);
      await customerMessage(60_000, `thread-${type}`, type);
      questions.push(question);
    }
    const answered = await customerMessage(90_000, 'thread-text');
    await customerMessage(60_000, 'thread-text');
    const found = await awaiting();
    expect(found).toEqual(expect.arrayContaining(questions));
    expect(found).not.toContain(answered);
  });

  it('leaves messages alone during the grace period the drafting job gets', async () => {
    const id = await customerMessage(0);
    const found = await messagesAwaitingDraft({ db: appDb });
    expect(found.map((m) => m.messageId)).not.toContain(id);
  });
});

describe('warnExpiringWindows', () => {
  const warnings = () =>
    ownerDb('events').where({ workspace_id: scope.workspaceId, type: 'window.expiring' }).select('data');

  it('queues window.expiring once for a waiting draft whose window closes within the hour', async () => {
    const closingSoon = await customerMessage(23.5 * 3600 * 1000, 'thread-soon');
    const soon = await draftForMessage({ db: appDb }, scope, closingSoon);
    const plentyLeft = await customerMessage(3600 * 1000, 'thread-later');
    await draftForMessage({ db: appDb }, scope, plentyLeft);
    if (soon.status === 'skipped') throw new Error(soon.reason);

    const first = await warnExpiringWindows({ db: appDb });
    expect(first.warned).toContain(soon.draft.id);
    const events = await warnings();
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ draft_id: soon.draft.id, message_id: closingSoon });

    await warnExpiringWindows({ db: appDb });
    expect(await warnings()).toHaveLength(1);
  });
});
