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

/** Adds a job with the catalog's attempts and backoff, after checking its payload. */
export async function enqueue<Q extends QueueName, J extends JobName<Q>>(
  queues: Queues,
  queue: Q,
  job: J,
  payload: JobPayload<Q, J>,
  options: { jobId?: string } = {},
) {
  const jobs: Readonly<Record<string, JobSpec>> = catalog[queue].jobs;
  const spec = jobs[job];
  if (!spec) throw new Error(`Unknown job ${queue}/${job}`);
  const data = spec.payload.parse(payload);
  return queues[queue].add(job, data, {
    attempts: spec.attempts,
    backoff: spec.backoff,
    jobId: options.jobId,
    removeOnComplete: { age: 24 * 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  });
}
