import { AppError } from '@laras/core';
import type { Next } from 'koa';
import getRawBody from 'raw-body';
import type { AppContext } from '../state.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function hasBody(ctx: AppContext): boolean {
  const length = ctx.get('Content-Length');
  return ctx.get('Transfer-Encoding') !== '' || (length !== '' && length !== '0');
}

/**
 * Reads a JSON body of at most `limitBytes`: too large is 413 (without reading past the limit),
 * not JSON or compressed (`Content-Encoding` other than identity) is 415, unparseable or not UTF-8 is 400 `malformed_json`. Keeps the exact bytes for hashing.
 */
export function jsonBody(limitBytes: number) {
  return async (ctx: AppContext, next: Next) => {
    if (!hasBody(ctx)) return next();
    if (!ctx.is('application/json', '+json')) {
      throw new AppError(
        'unsupported_media_type',
        'Send the body as JSON with Content-Type: application/json.',
      );
    }
    const encoding = ctx.get('Content-Encoding').trim().toLowerCase();
    if (encoding !== '' && encoding !== 'identity') {
      throw new AppError(
        'unsupported_media_type',
        `Send the body uncompressed: Content-Encoding ${encoding} is not accepted.`,
      );
    }
    let raw: Buffer;
    try {
      raw = await getRawBody(ctx.req, { limit: limitBytes, length: ctx.get('Content-Length') || undefined });
    } catch (error) {
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') {
        throw new AppError('payload_too_large', `The body is larger than ${limitBytes} bytes.`);
      }
      throw new AppError('invalid_request', 'The body could not be read.', { cause: error });
    }
    ctx.state.rawBody = raw;
    try {
      // Fatal: bytes that are not UTF-8 are refused rather than stored as U+FFFD.
      ctx.state.body = JSON.parse(UTF8.decode(raw));
    } catch {
      throw new AppError('malformed_json', 'The body is not valid UTF-8 JSON.');
    }
    return next();
  };
}
