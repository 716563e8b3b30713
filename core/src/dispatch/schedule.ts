/**
 * Svix's retry schedule: after the first attempt fails, retries follow 5 s, 5 min, 30 min, 2 h,
 * 5 h, 10 h and 10 h later; when the last one fails the delivery is failed. An endpoint whose
 * attempts have all failed for 5 days is disabled.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export const RETRY_DELAYS_MS = [
  5 * SECOND,
  5 * MINUTE,
  30 * MINUTE,
  2 * HOUR,
  5 * HOUR,
  10 * HOUR,
  10 * HOUR,
];

/** Every attempt of one delivery: the first and one per retry delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

export const DISABLE_AFTER_FAILING_MS = 5 * 24 * HOUR;

/** How long a claimed attempt may run before the sweeper tries it again (well past the 15 s timeout). */
export const ATTEMPT_LEASE_MS = 60 * SECOND;

/** When to try again after `attemptsMade` failed attempts, or null when retries ran out. */
export function nextAttemptAfterFailure(attemptsMade: number, now: Date): Date | null {
  const delay = RETRY_DELAYS_MS[attemptsMade - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}
