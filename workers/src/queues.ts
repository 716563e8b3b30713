import type { Redis } from '@laras/core';
import { Queue } from 'bullmq';
import { catalog, type JobName, type JobPayload, type JobSpec, type QueueName } from './catalog.ts';

export type Queues = { [Q in QueueName]: Queue } & { close: () => Promise<void> };

/** One BullMQ queue per catalog entry, sharing a connection made for BullMQ. */
export function createQueues(connection: Redis, prefix: string): Queues {
  const queues = Object.fromEntries(
    Object.keys(catalog).map((name) => [name, new Queue(name, { connection, prefix })]),
  ) as { [Q in QueueName]: Queue };
  return {
    ...queues,
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
