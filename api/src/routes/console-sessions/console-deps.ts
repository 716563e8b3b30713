import type { ConsoleSessionDeps } from '@laras/core/console-sessions';
import type { AppDeps } from '../../deps.ts';

/** What the console session services need from the process. */
export function consoleDeps(deps: AppDeps): ConsoleSessionDeps {
  return {
    db: deps.db,
    redis: deps.redis,
    redisPrefix: deps.config.redis.prefix,
    sessionSecret: deps.config.sessionSecret,
    portal: deps.config.portal,
  };
}
