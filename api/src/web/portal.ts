/**
 * Serves the built portal (portal/dist) on the platform's own origin, so the portal's session
 * cookie and its /v1 calls share one site. Hashed assets are cached for good; every other path
 * that is not an API or connect route gets index.html and the portal's router takes over.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Middleware } from 'koa';
import send from 'koa-send';
import type { AppState } from '../state.ts';

/** Where the portal build lives in this repository. */
export const DEFAULT_PORTAL_DIR = fileURLToPath(new URL('../../../portal/dist', import.meta.url));

/** Paths the portal never answers: they belong to the API, the connect flows and health checks. */
const NOT_PORTAL = /^\/(v1|api|connect|healthz|readyz)(\/|$)/;

const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Portal not built</title>
<p>The portal has not been built yet. Run <code>npm run build -w @laras/portal</code> and reload.</p></html>`;

export function portal(root: string = DEFAULT_PORTAL_DIR): Middleware<AppState> {
  return async (ctx, next) => {
    await next();
    if (ctx.body !== undefined || ctx.status !== 404) return;
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || NOT_PORTAL.test(ctx.path)) return;

    ctx.set('Content-Security-Policy', PORTAL_CSP);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    if (!existsSync(root)) {
      ctx.status = 503;
      ctx.type = 'html';
      ctx.body = NOT_BUILT;
      return;
    }
    if (ctx.path.startsWith('/assets/')) {
      await send(ctx, ctx.path, { root, immutable: true, maxage: 31_536_000_000 }).catch(() => undefined);
      return;
    }
    ctx.set('Cache-Control', 'no-cache');
    await send(ctx, 'index.html', { root });
  };
}
