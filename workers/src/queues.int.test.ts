/**
 * What the sweepers queue: BullMQ keeps finished jobs and ignores an add with their id, so work a
 * sweeper finds still due after its job failed (or finished without doing it) must be queued
 * afresh, once its job has cooled down; a job still waiting is left as it is.
 */
import { randomBytes } from 'node:crypto';
import { createRedis, newId } from '@laras/core';
import { testConfig } from '@laras/testkit';
import { UnrecoverableError, Worker } from 'bullmq';
import { afterAll, expect, it, vi } from 'vitest';
import { createQueues, enqueue, requeueMany } from './queues.ts';

const config = testConfig();
// A prefix of its own: no other test's workers take these jobs.
const prefix = `${config.redis.prefix}requeue_${randomBytes(4).toString('hex')}:bull`;
const connection = createRedis(config.redis.url, 'queue', 'requeue-test');
const workerConnection = createRedis(config.redis.url, 'queue', 'requeue-test-worker');
const queues = createQueues(connection, prefix);
afterAll(async () => {
  await queues.close();
  connection.disconnect();
  workerConnection.disconnect();
});

const tenant = { partnerId: newId('partner'), workspaceId: newId('workspace') };
const messages = { failed: newId('message'), completed: newId('message'), waiting: newId('message') };
const item = (messageId: string) => ({ payload: { ...tenant, messageId }, jobId: `draft_${messageId}` });
const state = (messageId: string) => queues.drafting.getJobState(`draft_${messageId}`);

it('queues afresh a job that failed or completed before the cool-down, and leaves a waiting one alone', async () => {
  // One drafting job fails for good (the model refused), one completes.
  const worker = new Worker(
    'drafting',
    async (job) => {
      if (job.id === `draft_${messages.failed}`) throw new UnrecoverableError('the drafting model refused');
      return { status: 'skipped' };
    },
    { connection: workerConnection, prefix },
  );
  for (const id of [messages.failed, messages.completed]) {
    const { payload, jobId } = item(id);
    await enqueue(queues, 'drafting', 'draft-reply', payload, { jobId });
  }
  await vi.waitFor(async () => {
    expect(await state(messages.failed)).toBe('failed');
    expect(await state(messages.completed)).toBe('completed');
  });
  await worker.close();
  const { payload, jobId } = item(messages.waiting);
  await enqueue(queues, 'drafting', 'draft-reply', payload, { jobId });

  const all = [messages.failed, messages.completed, messages.waiting].map(item);
  // Finished within the cool-down: left as they are (a persistent failure is not retried every sweep).
  await requeueMany(queues, 'drafting', 'draft-reply', all, { finishedBefore: Date.now() - 60_000 });
  expect(await state(messages.failed)).toBe('failed');
  expect(await state(messages.completed)).toBe('completed');
  expect(await queues.drafting.getWaitingCount()).toBe(1);

  // Finished before it: queued again, with all their attempts; the waiting one is not doubled.
  await requeueMany(queues, 'drafting', 'draft-reply', all, { finishedBefore: Date.now() + 1_000 });
  expect(await state(messages.failed)).toBe('waiting');
  expect(await state(messages.completed)).toBe('waiting');
  expect(await queues.drafting.getWaitingCount()).toBe(3);
  const again = await queues.drafting.getJob(`draft_${messages.failed}`);
  expect(again?.attemptsMade).toBe(0);
  expect(again?.data).toEqual(item(messages.failed).payload);
});
