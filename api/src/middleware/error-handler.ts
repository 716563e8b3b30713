import { AppError, type ErrorCode, type Logger, translateDatabaseError } from '@laras/core';
import type { components } from '@laras/openapi';
import type { Next } from 'koa';
import type { AppContext } from '../state.ts';

type ErrorBody = components['schemas']['Error'];

/** Errors thrown by Koa's own helpers (http-errors) that we map to our codes by status. */
const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_request',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

function toAppError(error: unknown): AppError | undefined {
  const translated = translateDatabaseError(error);
  if (translated instanceof AppError) return translated;
  const status = (error as { status?: unknown; expose?: unknown } | null)?.status;
  if (typeof status === 'number' && status < 500) {
    const code = HTTP_STATUS_CODES[status];
    if (code)
      return new AppError(code, code === 'payload_too_large' ? 'The body is too large.' : 'Bad request.');
  }
  return undefined;
}

/** The only try/catch of the HTTP layer: every error leaves in the one error shape. */
export function errorHandler(logger: Logger) {
  return async (ctx: AppContext, next: Next) => {
    try {
      await next();
      if (ctx.body === undefined || ctx.body === null) {
        if (ctx.status === 404) throw new AppError('not_found', `No route for ${ctx.method} ${ctx.path}.`);
        if (ctx.status === 405 || ctx.status === 501) {
          throw new AppError('method_not_allowed', `${ctx.method} is not allowed on ${ctx.path}.`);
        }
      }
    } catch (error) {
      const appError = toAppError(error);
      const requestId = ctx.state.requestId;
      let body: ErrorBody;
      if (appError) {
        ctx.status = appError.status;
        ctx.set(appError.headers);
        body = {
          error: {
            code: appError.code,
            message: appError.message,
            request_id: requestId,
            ...(appError.param ? { param: appError.param } : {}),
            ...(appError.issues ? { issues: appError.issues } : {}),
          },
        };
        if (appError.status >= 500) logger.error({ category: 'http', err: error }, 'request failed');
      } else {
        ctx.status = 500;
        logger.error({ category: 'http', err: error }, 'unexpected error');
        body = {
          error: {
            code: 'internal_error',
            message: 'Something went wrong on our side. Quote the request id if you contact support.',
            request_id: requestId,
          },
        };
      }
      ctx.body = body;
    }
  };
}
