import type { SignInDeps } from '@laras/core/portal-sessions';
import type { AppDeps } from '../../deps.ts';

/** What the portal session services need from the process. */
export function sessionDeps(deps: AppDeps): SignInDeps {
  return {
    db: deps.db,
    redis: deps.redis,
    redisPrefix: deps.config.redis.prefix,
    sessionSecret: deps.config.sessionSecret,
    portal: deps.config.portal,
  };
}
