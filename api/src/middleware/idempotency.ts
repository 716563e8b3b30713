import {
  beginIdempotentRequest,
  completeIdempotentRequest,
  releaseIdempotentRequest,
} from '@laras/core/idempotency';
import type { Next } from 'koa';
import type { AppContext } from '../state.ts';

/** Honours `Idempotency-Key` on a POST: replays a finished request's response, else records this one's. */
export function idempotency() {
  return async (ctx: AppContext, next: Next) => {
    const key = ctx.get('Idempotency-Key');
    const principal = ctx.state.principal;
    if (!key || !principal) return next();
    const { deps } = ctx.state;
    const scope = { partnerId: principal.partnerId };
    const outcome = await beginIdempotentRequest(deps, scope, {
      key,
      method: ctx.method,
      path: ctx.path,
      body: ctx.state.rawBody,
    });
    if (outcome.kind === 'replay') {
      ctx.status = outcome.statusCode;
      ctx.body = outcome.body ?? undefined;
      ctx.set('Idempotent-Replayed', 'true');
      return;
    }
    try {
      await next();
    } catch (error) {
      await releaseIdempotentRequest(deps, scope, key);
      throw error;
    }
    if (ctx.status >= 500) await releaseIdempotentRequest(deps, scope, key);
    else await completeIdempotentRequest(deps, scope, key, ctx.status, ctx.body);
  };
}
