import { AppError } from '@laras/core';
import type { Next } from 'koa';
import getRawBody from 'raw-body';
import type { AppContext } from '../state.ts';

/** Reads an `application/x-www-form-urlencoded` body (Meta's callbacks) of at most `limitBytes`. */
export function formBody(limitBytes: number) {
  return async (ctx: AppContext, next: Next) => {
    if (!ctx.is('application/x-www-form-urlencoded')) {
      throw new AppError('unsupported_media_type', 'Send the body as application/x-www-form-urlencoded.');
    }
    let raw: Buffer;
    try {
      raw = await getRawBody(ctx.req, { limit: limitBytes });
    } catch (error) {
      if ((error as { type?: string }).type === 'entity.too.large') {
        throw new AppError('payload_too_large', `The body is larger than ${limitBytes} bytes.`);
      }
      throw new AppError('invalid_request', 'The body could not be read.', { cause: error });
    }
    ctx.state.body = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    return next();
  };
}
