/**
 * A tenant's share of a queue's worker slots, in this process. BullMQ hands out jobs in order and
 * has no per-group fairness (that is BullMQ Pro), so a tenant whose calls hang — a partner endpoint
 * that answers only at the 15 s timeout, Meta answering one account slowly — would otherwise take
 * every slot of the queue with its own backlog, and every other tenant's jobs would wait behind
 * it. A job over its tenant's share is put back (delayed, not failed: no attempt is used) and
 * tried again a moment later, so the slots it would have taken run other tenants' jobs meanwhile.
 */
import { DelayedError, type Job } from 'bullmq';

/** Which payload field names the tenant, how many of its jobs may run at once, how soon to retry one put back. */
export type FairShareSpec = { key: 'partnerId' | 'workspaceId'; limit: number; retryInMs: number };

export class FairShare {
  readonly #running = new Map<string, number>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  }

  /** Takes one of `tenant`'s slots: a function that gives it back, or undefined when all are taken. */
  tryAcquire(tenant: string): (() => void) | undefined {
    const running = this.#running.get(tenant) ?? 0;
    if (running >= this.limit) return undefined;
    this.#running.set(tenant, running + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#running.get(tenant) ?? 1) - 1;
      if (left > 0) this.#running.set(tenant, left);
      else this.#running.delete(tenant);
    };
  }

  /** How many of `tenant`'s jobs run now. */
  running(tenant: string): number {
    return this.#running.get(tenant) ?? 0;
  }
}

/**
 * Runs `work` in one of the tenant's slots; when they are all taken, puts the job back to run in
 * `retryInMs` (plus up to half again, so put-back jobs do not all return at once).
 */
export async function withFairShare<T>(
  share: FairShare,
  spec: FairShareSpec,
  job: Job,
  token: string | undefined,
  work: () => Promise<T>,
): Promise<T> {
  const tenant: unknown = (job.data as Record<string, unknown> | undefined)?.[spec.key];
  if (typeof tenant !== 'string') return work();
  const release = share.tryAcquire(tenant);
  if (!release) {
    await job.moveToDelayed(
      Date.now() + spec.retryInMs + Math.floor(Math.random() * (spec.retryInMs / 2)),
      token,
    );
    throw new DelayedError();
  }
  try {
    return await work();
  } finally {
    release();
  }
}
