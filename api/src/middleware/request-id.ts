import { newId, runWithContext } from '@laras/core';
import type { Next } from 'koa';
import type { AppContext } from '../state.ts';

const ACCEPTED_INBOUND_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** Gives every request an id (a caller's well-formed `X-Request-Id`, or a new one) and a log context. */
export function requestId() {
  return async (ctx: AppContext, next: Next) => {
    const inbound = ctx.get('X-Request-Id');
    const id = ACCEPTED_INBOUND_ID.test(inbound) ? inbound : newId('request');
    ctx.state.requestId = id;
    ctx.set('X-Request-Id', id);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Cache-Control', 'no-store');
    await runWithContext({ requestId: id }, next);
  };
}
