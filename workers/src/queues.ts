import type { Redis } from '@laras/core';
import { Queue } from 'bullmq';
import { catalog, type JobName, type JobPayload, type JobSpec, type QueueName } from './catalog.ts';

export type Queues = { [Q in QueueName]: Queue } & {
  close: () => Promise<void>;
  /** The connection the queues share, for reads BullMQ has no call for (`requeueMany`). */
  redis: Redis;
};

/** One BullMQ queue per catalog entry, sharing a connection made for BullMQ. */
export function createQueues(connection: Redis, prefix: string): Queues {
  const queues = Object.fromEntries(
    Object.keys(catalog).map((name) => [name, new Queue(name, { connection, prefix })]),
  ) as { [Q in QueueName]: Queue };
  return {
    ...queues,
    redis: connection,
    close: async () => {
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
    },
  };
}

function specOf(queue: QueueName, job: string): JobSpec {
  const jobs: Readonly<Record<string, JobSpec>> = catalog[queue].jobs;
  const spec = jobs[job];
  if (!spec) throw new Error(`Unknown job ${queue}/${job}`);
  return spec;
}

function jobOptions(spec: JobSpec, jobId: string | undefined) {
  return {
    attempts: spec.attempts,
    backoff: spec.backoff,
    jobId,
    removeOnComplete: { age: 24 * 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/** Adds a job with the catalog's attempts and backoff, after checking its payload. */
export async function enqueue<Q extends QueueName, J extends JobName<Q>>(
  queues: Queues,
  queue: Q,
  job: J,
  payload: JobPayload<Q, J>,
  options: { jobId?: string } = {},
) {
  const spec = specOf(queue, job);
  return queues[queue].add(job, spec.payload.parse(payload), jobOptions(spec, options.jobId));
}

/**
 * Adds many jobs of one kind in one Redis round trip, as `enqueue` would one by one (sweepers:
 * with a backlog, re-adding hundreds of already-queued ids one await at a time held a worker slot
 * for seconds). A job id already queued is left as it is, as with `enqueue`.
 */
export async function enqueueMany<Q extends QueueName, J extends JobName<Q>>(
  queues: Queues,
  queue: Q,
  job: J,
  items: ReadonlyArray<{ payload: JobPayload<Q, J>; jobId: string }>,
) {
  if (items.length === 0) return [];
  const spec = specOf(queue, job);
  return queues[queue].addBulk(
    items.map(({ payload, jobId }) => ({
      name: job,
      data: spec.payload.parse(payload),
      opts: jobOptions(spec, jobId),
    })),
  );
}

/**
 * What a sweeper queues: work the database says is still due, its job keyed by what it is about.
 * BullMQ keeps a finished job (completed for a day, failed for a week) and ignores an add with its
 * id, so work whose job failed all its attempts (a database failover, Meta or the drafting model
 * down for minutes) or finished without doing it would never run again: such a job, finished
 * before `finishedBefore` (epoch ms; later ones are left to cool down, so a persistent failure is
 * not retried on every sweep), is removed first and added afresh, with all its attempts.
 */
export async function requeueMany<Q extends QueueName, J extends JobName<Q>>(
  queues: Queues,
  queue: Q,
  job: J,
  items: ReadonlyArray<{ payload: JobPayload<Q, J>; jobId: string }>,
  options: { finishedBefore: number },
) {
  if (items.length === 0) return [];
  const target: Queue = queues[queue];
  const ids = items.map((item) => item.jobId);
  // BullMQ's finished sets score each job id by when it finished: one read tells which are there.
  const [failed, completed] = await Promise.all([
    queues.redis.zmscore(target.toKey('failed'), ...ids),
    queues.redis.zmscore(target.toKey('completed'), ...ids),
  ]);
  const finished = ids.filter((_, i) => {
    const at = Number(failed[i] ?? completed[i] ?? Number.NaN);
    return at < options.finishedBefore;
  });
  await Promise.all(finished.map((id) => target.remove(id)));
  return enqueueMany(queues, queue, job, items);
}
