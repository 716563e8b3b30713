import { createHash } from 'node:crypto';

/** How long one publishing attempt holds an event before another sweeper may take it. */
export const PUBLISH_LEASE_MS = 60_000;

/** Waits before the next attempt after the 1st, 2nd, … retryable failure; the last one repeats. */
export const PUBLISH_RETRY_DELAYS_MS = [
  5_000,
  30_000,
  2 * 60_000,
  10 * 60_000,
  30 * 60_000,
  60 * 60_000,
] as const;

/** When to try again after `attempts` failed attempts. */
export function nextPublishAttempt(attempts: number, now: Date): Date {
  const index = Math.min(Math.max(attempts, 1), PUBLISH_RETRY_DELAYS_MS.length) - 1;
  return new Date(now.getTime() + (PUBLISH_RETRY_DELAYS_MS[index] ?? 0));
}

const SVIX_ID_PATTERN = /^[a-zA-Z0-9\-_.]+$/;

/**
 * The Svix `eventId` of a Laras event. Laras ids (`evt_<ULID>`) already match Svix's pattern and
 * are stable, so a retry sends the same eventId and Svix refuses a duplicate; anything else would
 * be hashed into the pattern rather than rejected.
 */
export function svixEventId(eventId: string): string {
  if (SVIX_ID_PATTERN.test(eventId) && eventId.length <= 256) return eventId;
  return `sha256.${createHash('sha256').update(eventId).digest('hex')}`;
}
