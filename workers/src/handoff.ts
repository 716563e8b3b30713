/**
 * The workers' side of the delivery hand-off: the API announces the ids of deliveries it has just
 * stored, and this queues their processing at once (keyed by the delivery id, like the sweeper, so
 * a delivery is queued once whoever queues it first). Without it a delivery waits for the next
 * sweep; with it, a lost announcement costs only that wait.
 */
import type { Logger, Redis } from '@laras/core';
import { parseAnnouncement } from '@laras/core/webhooks';
import { enqueueMany, type Queues } from './queues.ts';

export type DeliveryHandoff = { close: () => Promise<void> };

/**
 * Subscribes `subscriber` (a connection of its own: a subscribed connection can do nothing else)
 * to `channel` and queues every announced delivery. The connection resubscribes by itself after a
 * reconnect; `close()` unsubscribes and waits for the queueing already under way.
 */
export async function startDeliveryHandoff(deps: {
  subscriber: Redis;
  channel: string;
  queues: Queues;
  logger: Logger;
}): Promise<DeliveryHandoff> {
  const { subscriber, channel, queues, logger } = deps;
  const inFlight = new Set<Promise<unknown>>();

  const onMessage = (from: string, message: string) => {
    if (from !== channel) return;
    const ids = parseAnnouncement(message);
    if (!ids) {
      logger.warn({ category: 'queue', channel }, 'ignored a message that is not a delivery announcement');
      return;
    }
    const queued = enqueueMany(
      queues,
      'inbound',
      'process-webhook-event',
      ids.map((id) => ({ payload: { webhookEventId: id }, jobId: id })),
    ).catch((error: unknown) =>
      logger.warn({ category: 'queue', err: error }, 'announced deliveries not queued; the sweeper will'),
    );
    inFlight.add(queued);
    void queued.finally(() => inFlight.delete(queued));
  };

  subscriber.on('message', onMessage);
  await subscriber.subscribe(channel);
  return {
    close: async () => {
      subscriber.off('message', onMessage);
      await subscriber.unsubscribe(channel).catch(() => undefined);
      await Promise.allSettled([...inFlight]);
    },
  };
}
