/**
 * The hand-off of stored deliveries from the API to the workers. Once a batch of deliveries has
 * committed, the API publishes their ids on a Redis channel and the workers queue them at once,
 * instead of waiting for the next sweep of pending deliveries. It is only a shortcut: a message
 * that is never published or never heard (Redis away, no worker listening) changes nothing, since
 * the sweeper still finds every pending delivery.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';

/** Most ids in one announcement (a larger batch is announced in several). */
export const MAX_ANNOUNCED_IDS = 1_000;

const AnnouncementSchema = z.array(z.string().regex(/^whe_[0-9A-Z]{26}$/)).max(MAX_ANNOUNCED_IDS);

/** The channel of one deployment (its Redis prefix), so tests and benchmarks never hear each other. */
export function storedDeliveriesChannel(redisPrefix: string): string {
  return `${redisPrefix}webhook-events:stored`;
}

/**
 * Publishes the ids of newly stored deliveries. Never throws and is never awaited by a request: a
 * failed publish only means the sweeper picks the deliveries up instead.
 */
export function announceStoredDeliveries(
  redis: Pick<Redis, 'publish'>,
  channel: string,
  ids: readonly string[],
  onError: (error: unknown) => void,
): void {
  for (let start = 0; start < ids.length; start += MAX_ANNOUNCED_IDS) {
    const chunk = ids.slice(start, start + MAX_ANNOUNCED_IDS);
    redis.publish(channel, JSON.stringify(chunk)).catch(onError);
  }
}

/** The ids of one announcement, or null when it is not one (anything else is ignored). */
export function parseAnnouncement(message: string): string[] | null {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return null;
  }
  const parsed = AnnouncementSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
