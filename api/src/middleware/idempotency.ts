import { createHash } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import {
  beginIdempotentRequest,
  completeIdempotentRequest,
  IDEMPOTENCY_KEY_PATTERN,
  releaseIdempotentRequest,
} from '@laras/core/idempotency';
import type { Next } from 'koa';
import type { AppContext, Principal } from '../state.ts';

/**
 * A portal user's key is stored per user (`u:<user id>:<sha256 of the key>`), so two users of one
 * partner never replay each other's responses; an invalid key stays invalid.
 */
function scopedKey(key: string, principal: Principal): string {
  if (principal.kind === 'partner' || !IDEMPOTENCY_KEY_PATTERN.test(key)) return key;
  return `u:${principal.userId}:${createHash('sha256').update(key).digest('base64url')}`;
}

/** The pauses before trying again to record a response for replay (a database blip): three tries. */
const RECORD_RETRY_WAITS_MS = [50, 250];

/**
 * Honours `Idempotency-Key` on a POST: replays a finished request's response, else records this
 * one's. A response that could not be recorded is still answered as it is.
 */
export function idempotency() {
  return async (ctx: AppContext, next: Next) => {
    const sent = ctx.get('Idempotency-Key');
    const principal = ctx.state.principal;
    if (!sent || !principal) return next();
    const key = scopedKey(sent, principal);
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
      await releaseIdempotentRequest(deps, scope, key, outcome.claim);
      throw error;
    }
    if (ctx.status >= 500) {
      await releaseIdempotentRequest(deps, scope, key, outcome.claim);
      return;
    }
    for (let attempt = 0; ; attempt += 1) {
      try {
        await completeIdempotentRequest(deps, scope, key, outcome.claim, {
          statusCode: ctx.status,
          body: ctx.body,
        });
        return;
      } catch (error) {
        const wait = RECORD_RETRY_WAITS_MS[attempt];
        if (wait !== undefined) {
          await setTimeout(wait);
          continue;
        }
        // The request's work is committed: answering 500 now would invite the retry that repeats
        // it. The claim stays in progress: a retry within a minute is a 409; after that it is taken
        // over as a request that died would be (and may run again).
        deps.logger.error(
          { category: 'http', err: error, request_id: ctx.state.requestId },
          'idempotency response not stored; answering the committed response',
        );
        return;
      }
    }
  };
}
