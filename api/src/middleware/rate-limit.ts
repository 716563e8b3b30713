import { AppError, type Logger } from '@laras/core';
import type { Redis } from 'ioredis';
import type { Next } from 'koa';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppContext } from '../state.ts';

type RateLimitOptions = { redis: Redis; prefix: string; perMinute: number; logger: Logger };

/**
 * A budget per minute for each API key, each portal user and each key's console, counted in Redis
 * so every API process shares it. The console has one of its own per key (though it acts as its
 * key): staff browsing the console must not use up the budget of the partner's own integration with
 * that key. Budgets are per user and per key, not per session, so signing in again and again does
 * not buy more. If Redis is unreachable the limiter falls back to a per-process budget rather than
 * failing requests.
 */
export function rateLimit(options: RateLimitOptions) {
  const limiter = new RateLimiterRedis({
    storeClient: options.redis,
    keyPrefix: `${options.prefix}ratelimit`,
    points: options.perMinute,
    duration: 60,
    useRedisPackage: false,
    insuranceLimiter: new RateLimiterMemory({ points: options.perMinute, duration: 60 }),
  });

  return async (ctx: AppContext, next: Next) => {
    const principal = ctx.state.principal;
    if (!principal) return next();
    const [keyId, holder] =
      principal.kind === 'session'
        ? [`user:${principal.userId}`, 'user']
        : principal.console
          ? [`console:${principal.apiKeyId}`, 'console']
          : [principal.apiKeyId, 'API key'];
    let result: RateLimiterRes;
    try {
      result = await limiter.consume(keyId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        options.logger.warn({ category: 'http', err: rejection }, 'rate limiter unavailable');
        return next();
      }
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError('rate_limited', `Too many requests for this ${holder}. Retry in ${retryAfter} s.`, {
        headers: {
          'Retry-After': String(retryAfter),
          'RateLimit-Limit': String(options.perMinute),
          'RateLimit-Remaining': '0',
          'RateLimit-Reset': String(retryAfter),
        },
      });
    }
    ctx.set('RateLimit-Limit', String(options.perMinute));
    ctx.set('RateLimit-Remaining', String(result.remainingPoints));
    ctx.set('RateLimit-Reset', String(Math.ceil(result.msBeforeNext / 1000)));
    return next();
  };
}
