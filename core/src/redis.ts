import { Redis } from 'ioredis';

export type { Redis };

type RedisPurpose =
  /** Request paths: fail fast instead of queueing commands while Redis is away. */
  | 'request'
  /** BullMQ: blocking commands must never time out or be retried by the client. */
  | 'queue';

/** A Redis client configured for its use. Callers own it and must `quit()` it on shutdown. */
export function createRedis(url: string, purpose: RedisPurpose, connectionName: string): Redis {
  if (purpose === 'queue') {
    return new Redis(url, { maxRetriesPerRequest: null, connectionName, lazyConnect: true });
  }
  return new Redis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 3_000,
    connectionName,
    lazyConnect: true,
  });
}
