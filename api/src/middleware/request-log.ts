import type { Logger } from '@laras/core';
import type { Next } from 'koa';
import type { AppContext } from '../state.ts';

/** Path segments that are secrets (a connect link's token) are replaced before logging. */
export function loggablePath(path: string): string {
  return path.replace(/^\/connect\/[^/]+/, '/connect/[redacted]');
}

/** One line per request: method, route, status and duration; never headers, bodies or secrets. */
export function requestLog(logger: Logger) {
  return async (ctx: AppContext, next: Next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const fields = {
        category: 'http',
        method: ctx.method,
        path: loggablePath(ctx.path),
        status: ctx.status,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
      };
      if (ctx.status >= 500) logger.error(fields, 'request failed');
      else if (ctx.status >= 400) logger.info(fields, 'request rejected');
      else logger.info(fields, 'request handled');
    }
  };
}
