/**
 * Every queue and job the workers know: payload schema, attempts, backoff and concurrency. Jobs
 * carry ids, never secrets. Enqueueing a job that is not here, or a payload of the wrong shape,
 * fails to compile (see queues.ts).
 */
import { MAX_DELIVERY_ATTEMPTS } from '@laras/core/inbound';
import { z } from 'zod';
import type { FairShareSpec } from './fair-share.ts';

/** What every job entry declares. */
export type JobSpec = {
  payload: z.ZodType;
  attempts: number;
  backoff: { type: 'exponential' | 'fixed'; delay: number };
  every?: number;
  /** At most `limit` jobs of one tenant run at once per process, so one slow tenant cannot take every slot. */
  fairShare?: FairShareSpec;
};

export const catalog = {
  tokens: {
    concurrency: 1,
    jobs: {
      'refresh-instagram-tokens': {
        payload: z.strictObject({}),
        attempts: 3,
        backoff: { type: 'exponential', delay: 60_000 },
        every: 60 * 60 * 1000,
      },
      /** Accounts owners disconnected: Laras's app unsubscribed at Meta (tried each minute for 24 h). */
      'unsubscribe-accounts': {
        payload: z.strictObject({}),
        attempts: 1,
        backoff: { type: 'fixed', delay: 60_000 },
        every: 60 * 1000,
      },
    },
  },
  inbound: {
    /**
     * Each delivery's job mostly waits on PostgreSQL round trips, so more slots mean more
     * deliveries in flight (was 4, and the sweeper took one of them). Bounded by the workers' pool.
     */
    concurrency: 16,
    jobs: {
      /**
       * Finds stored Meta deliveries still pending: those whose announcement from the API was lost
       * (the hand-off queues the rest at once, `handoff.ts`) and those stored while Redis was down.
       * Every 250 ms, so a lost announcement delays a reply by at most that. The query reads a
       * partial index of pending rows only.
       */
      'sweep-webhook-events': {
        payload: z.strictObject({}),
        attempts: 1,
        backoff: { type: 'fixed', delay: 1_000 },
        every: 250,
      },
      /** One attempt per claim of the delivery: the last one keeps what still fails as rejects. */
      'process-webhook-event': {
        payload: z.strictObject({ webhookEventId: z.string().regex(/^whe_[0-9A-Z]{26}$/) }),
        attempts: MAX_DELIVERY_ATTEMPTS,
        backoff: { type: 'exponential', delay: 2_000 },
      },
    },
  },
  drafting: {
    /** 2 slots of ~110 ms jobs (measured, bench/README.md) capped auto-replies near 18/s. */
    concurrency: 8,
    jobs: {
      /** Queues drafting for customer messages whose job was lost (e.g. with Redis). */
      'sweep-drafts': {
        payload: z.strictObject({}),
        attempts: 1,
        backoff: { type: 'fixed', delay: 1_000 },
        every: 10_000,
      },
      /** Drafts, classifies and decides a reply to one stored customer message (ids only). */
      'draft-reply': {
        payload: z.strictObject({
          partnerId: z.string().regex(/^ptn_[0-9A-Z]{26}$/),
          workspaceId: z.string().regex(/^ws_[0-9A-Z]{26}$/),
          messageId: z.string().regex(/^msg_[0-9A-Z]{26}$/),
        }),
        attempts: 5,
        backoff: { type: 'exponential', delay: 5_000 },
      },
    },
  },
  sending: {
    /**
     * Sends wait on Meta (up to its timeout); each workspace gets at most half of these slots. Two
     * was too few: a busy business's replies came in threes often enough that the third waited a
     * second to be put back (send p95 ≈ 1 s at 25 messages/s in the pipeline benchmark).
     */
    concurrency: 8,
    jobs: {
      /** Queues every approved draft for sending and fails sends whose worker stopped mid-flight. */
      'sweep-sends': {
        payload: z.strictObject({}),
        attempts: 1,
        backoff: { type: 'fixed', delay: 1_000 },
        every: 1_000,
      },
      /** Sends one approved draft through the Graph API; rate limits and Meta's 5xx back off. */
      'send-draft': {
        payload: z.strictObject({
          partnerId: z.string().regex(/^ptn_[0-9A-Z]{26}$/),
          workspaceId: z.string().regex(/^ws_[0-9A-Z]{26}$/),
          draftId: z.string().regex(/^drf_[0-9A-Z]{26}$/),
        }),
        attempts: 6,
        backoff: { type: 'exponential', delay: 5_000 },
        fairShare: { key: 'workspaceId', limit: 4, retryInMs: 500 },
      },
    },
  },
  webhooks: {
    /**
     * Deliveries wait on partners' servers (up to 15 s each), so many run at once, and each partner
     * gets at most 4 of these slots: a partner whose endpoint hangs does not delay the others.
     */
    concurrency: 16,
    jobs: {
      /**
       * Fans new events out to matching endpoints and queues every delivery attempt that is due; with
       * Svix configured, publishes due events to Svix instead (retries kept in Postgres).
       */
      'sweep-webhook-deliveries': {
        payload: z.strictObject({}),
        attempts: 1,
        backoff: { type: 'fixed', delay: 1_000 },
        every: 1_000,
      },
      /**
       * One signed attempt of one delivery. Retries follow Svix's schedule in Postgres (the sweeper
       * queues each attempt when due), not BullMQ's backoff, so one job is one attempt.
       */
      'deliver-webhook': {
        payload: z.strictObject({
          partnerId: z.string().regex(/^ptn_[0-9A-Z]{26}$/),
          deliveryId: z.string().regex(/^whd_[0-9A-Z]{26}$/),
        }),
        attempts: 1,
        backoff: { type: 'fixed', delay: 1_000 },
        fairShare: { key: 'partnerId', limit: 4, retryInMs: 1_000 },
      },
    },
  },
  maintenance: {
    concurrency: 1,
    jobs: {
      /** Tells partners, once per draft, that a waiting draft's window closes within the hour. */
      'warn-expiring-windows': {
        payload: z.strictObject({}),
        attempts: 3,
        backoff: { type: 'exponential', delay: 5_000 },
        every: 60 * 1000,
      },
      /** Drafts whose 24-hour window closed can never be sent: mark them expired. */
      'expire-drafts': {
        payload: z.strictObject({}),
        attempts: 3,
        backoff: { type: 'exponential', delay: 5_000 },
        every: 60 * 1000,
      },
      'purge-idempotency-keys': {
        payload: z.strictObject({}),
        attempts: 3,
        backoff: { type: 'exponential', delay: 5_000 },
        /** Repeats on this schedule once the workers start. */
        every: 60 * 60 * 1000,
      },
      /** Partner events, their deliveries and attempts 90 days after they were handed on. */
      'prune-events': {
        payload: z.strictObject({}),
        attempts: 3,
        backoff: { type: 'exponential', delay: 5_000 },
        every: 60 * 60 * 1000,
      },
      /**
       * Meta's data deletions: erases what each queued workspace held of the account, in steps, for
       * up to 20 s a run (so the other maintenance jobs wait at most that); the next run goes on.
       */
      'erase-deleted-data': {
        payload: z.strictObject({}),
        attempts: 1,
        backoff: { type: 'fixed', delay: 10_000 },
        every: 10 * 1000,
      },
      /** Meta's raw deliveries (what customers wrote, as sent) 7 days after they were received. */
      'prune-deliveries': {
        payload: z.strictObject({}),
        attempts: 3,
        backoff: { type: 'exponential', delay: 5_000 },
        every: 60 * 60 * 1000,
      },
    },
  },
} as const satisfies Record<string, { concurrency: number; jobs: Record<string, JobSpec> }>;

export type QueueName = keyof typeof catalog;
export type JobName<Q extends QueueName> = keyof (typeof catalog)[Q]['jobs'] & string;
type CatalogJob<Q extends QueueName, J extends JobName<Q>> = (typeof catalog)[Q]['jobs'][J];
export type JobPayload<Q extends QueueName, J extends JobName<Q>> =
  CatalogJob<Q, J> extends { payload: z.ZodType } ? z.infer<CatalogJob<Q, J>['payload']> : never;
