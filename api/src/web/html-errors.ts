import { AppError, type Logger } from '@laras/core';
import type { Next } from 'koa';
import type { AppContext } from '../state.ts';
import { brandedPage, escapeHtml, newNonce } from './html.ts';

/** Pages a person opens in a browser get their errors as a readable page, not JSON. */
export function htmlErrors(logger: Logger) {
  return async (ctx: AppContext, next: Next) => {
    try {
      await next();
    } catch (error) {
      const known = error instanceof AppError && error.status < 500;
      if (!known) logger.error({ category: 'http', err: error }, 'page failed');
      ctx.status = error instanceof AppError ? error.status : 500;
      const message = known ? error.message : 'Something went wrong on our side. Please try again later.';
      const nonce = newNonce();
      ctx.set(
        'Content-Security-Policy',
        `default-src 'none'; style-src 'nonce-${nonce}'; img-src https: data:`,
      );
      ctx.type = 'html';
      ctx.body = brandedPage({
        title: 'Connect',
        branding: undefined,
        nonce,
        body: `<h1>We could not continue</h1><p class="status" data-kind="error">${escapeHtml(message)}</p>
<p>Reference: ${escapeHtml(ctx.state.requestId)}</p>`,
      });
    }
  };
}
