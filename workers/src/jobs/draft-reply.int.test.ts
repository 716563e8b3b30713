/**
 * The drafting job when the drafting model cannot produce a draft: its tries fail (BullMQ retries
 * them with backoff), and its last try drafts offline instead, so the customer's message gets a
 * draft for a person to check rather than none.
 */
import { randomBytes } from 'node:crypto';
import { createKnex, createLogger, createRedis, newId } from '@laras/core';
import { recordInboundMessage } from '@laras/core/conversations';
import { type DraftInput, DraftProviderError, withOfflineFallback } from '@laras/core/drafting';
import { createPartner } from '@laras/core/operator';
import { testConfig } from '@laras/testkit';
import { afterAll, expect, it } from 'vitest';
import { createQueues } from '../queues.ts';
import { draftReplyJob } from './draft-reply.ts';

const config = testConfig();
const ownerDb = createKnex({ url: config.database.ownerUrl, poolMax: 2, applicationName: 'draft-job-test' });
const appDb = createKnex({ url: config.database.appUrl, poolMax: 2, applicationName: 'draft-job-test' });
const connection = createRedis(config.redis.url, 'queue', 'draft-job-test');
// A prefix of its own: no other test's workers take the sends this may queue.
const queues = createQueues(
  connection,
  `${config.redis.prefix}draftjob_${randomBytes(4).toString('hex')}:bull`,
);
afterAll(async () => {
  await queues.close();
  connection.disconnect();
  await Promise.all([ownerDb.destroy(), appDb.destroy()]);
});

const refusing = (_input: DraftInput) =>
  Promise.reject(new DraftProviderError('refusal', 'the model refused to answer'));

it('fails its tries while the model refuses, and drafts offline for a person on the last one', async () => {
  const { partnerId } = await createPartner(ownerDb, { name: 'Draft Job Agency' });
  const workspaceId = newId('workspace');
  await ownerDb('workspaces').insert({ id: workspaceId, partner_id: partnerId, name: 'Kopi Kita' });
  const scope = { partnerId, workspaceId };
  const { message } = await recordInboundMessage({ db: appDb }, scope, {
    channel: 'whatsapp',
    surface: 'whatsapp',
    threadKey: '6281300000001',
    customer: { providerUserId: '6281300000001', name: 'Sari' },
    providerMessageId: `wamid.draftjob.${workspaceId}`,
    type: 'text',
    text: 'Hello, are you open today?',
    details: {},
    sentAt: new Date(),
  });
  if (!message) throw new Error('message not stored');
  const deps = {
    db: appDb,
    logger: createLogger({ level: 'silent' }),
    queues,
    draft: refusing,
    lastTry: withOfflineFallback({ draft: refusing }).draft,
  };
  const ref = { ...scope, messageId: message.id };

  await expect(draftReplyJob(deps, ref, { made: 3, allowed: 5 })).rejects.toBeInstanceOf(DraftProviderError);
  expect(await ownerDb('drafts').where({ message_id: message.id })).toEqual([]);

  expect(await draftReplyJob(deps, ref, { made: 4, allowed: 5 })).toEqual({ status: 'drafted' });
  const [draft] = await ownerDb('drafts').where({ message_id: message.id });
  expect(draft).toMatchObject({ state: 'pending_approval', provider: 'builtin', needs_human: true });
  expect(draft.needs_human_reason).toContain('refusal');
});
