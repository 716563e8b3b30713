import type { Config } from '@laras/core';

/** BullMQ's key prefix inside this deployment's Redis prefix. */
export function queuePrefix(config: Config): string {
  return `${config.redis.prefix}bull`;
}
