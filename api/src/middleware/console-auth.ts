/**
 * Partner console sessions. A `laras_console` cookie acts as the API key it was opened with, on the
 * operations that take an API key, when no Authorization header is sent (and, on workspace
 * operations, no portal session cookie). Like the portal session, every request that is not
 * GET/HEAD must carry the session's CSRF token and, when the browser sends an Origin, come from
 * the request's own host.
 */
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '@laras/core';
import { authenticateConsoleSession, consoleCsrfTokenFor } from '@laras/core/console-sessions';
import type { Middleware, Next } from 'koa';
import type { AppContext, AppState } from '../state.ts';
import { authenticatePartner, unauthenticated } from './partner-auth.ts';
import { CSRF_HEADER, checkOrigin } from './session-auth.ts';
import { readConsoleCookie, readSessionCookie } from './session-cookie.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Resolves the console cookie to a partner principal, or throws 401/403. */
export async function authenticateConsole(ctx: AppContext, token: string): Promise<void> {
  const { deps } = ctx.state;
  const identity = await authenticateConsoleSession(
    { db: deps.db, redis: deps.redis, redisPrefix: deps.config.redis.prefix },
    token,
  );
  if (!identity) throw unauthenticated('Your console session has ended or is not valid. Sign in again.');
  if (!SAFE_METHODS.has(ctx.method)) {
    checkOrigin(ctx);
    const sent = ctx.get(CSRF_HEADER);
    if (!sent || !sameToken(sent, consoleCsrfTokenFor(deps.config.sessionSecret, identity.sessionId))) {
      throw new AppError(
        'forbidden',
        `Send the session's csrf_token in the ${CSRF_HEADER} header with every request that is not GET or HEAD.`,
      );
    }
  }
  const { sessionId, expiresAt, ...key } = identity;
  ctx.state.principal = { kind: 'partner', ...key, console: { sessionId, expiresAt } };
}

/** Partner operations: an API key in the Authorization header, else a console session cookie. */
export function partnerOrConsoleAuth() {
  return async (ctx: AppContext, next: Next) => {
    const token = ctx.get('Authorization') ? undefined : readConsoleCookie(ctx);
    if (token) await authenticateConsole(ctx, token);
    else await authenticatePartner(ctx);
    return next();
  };
}

/** The console's own session operations: only the console cookie. */
export function consoleAuth() {
  return async (ctx: AppContext, next: Next) => {
    const token = readConsoleCookie(ctx);
    if (!token) throw unauthenticated('Sign in to the console first.');
    await authenticateConsole(ctx, token);
    return next();
  };
}

/**
 * Workspace operations: the console cookie is used only when there is neither an Authorization
 * header nor a portal session cookie; otherwise the portal's own session auth decides, unchanged.
 */
export function orConsoleSession(portalAuth: Middleware<AppState>): Middleware<AppState> {
  return async (ctx, next) => {
    const token = ctx.get('Authorization') || readSessionCookie(ctx) ? undefined : readConsoleCookie(ctx);
    if (!token) return portalAuth(ctx, next);
    await authenticateConsole(ctx, token);
    return next();
  };
}
