/**
 * Portal session authentication. `workspace` routes take an API key or a session cookie (the
 * Authorization header wins when present); `session` routes take only the cookie. A session acts
 * on its own workspace only (another is 404, as for another tenant), changes need the `owner` role
 * (403), and every request that is not GET/HEAD must carry the session's CSRF token and, when the
 * browser sends an Origin, come from the request's own host.
 */
import { timingSafeEqual } from 'node:crypto';
import { AppError, notFound } from '@laras/core';
import { authenticateSession, csrfTokenFor } from '@laras/core/portal-sessions';
import type { Next } from 'koa';
import type { AppContext } from '../state.ts';
import { authenticatePartner, unauthenticated } from './partner-auth.ts';
import { readSessionCookie } from './session-cookie.ts';

export const CSRF_HEADER = 'X-CSRF-Token';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

function forbidden(message: string): AppError {
  return new AppError('forbidden', message);
}

/** Refuses a browser request whose Origin is not the host it was sent to (cross-site forgery). */
export function checkOrigin(ctx: AppContext): void {
  const origin = ctx.get('Origin');
  if (!origin) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (!host || host.toLowerCase() !== ctx.host.toLowerCase()) {
    throw forbidden('This request came from another site (its Origin is not this host), so it was refused.');
  }
}

/** Same-origin check for the sign-in operations, which have no session yet. */
export function sameOrigin() {
  return async (ctx: AppContext, next: Next) => {
    checkOrigin(ctx);
    return next();
  };
}

function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function authenticateCookie(ctx: AppContext): Promise<void> {
  const token = readSessionCookie(ctx);
  if (!token) throw unauthenticated('Sign in first: this needs a portal session or an API key.');
  const { deps } = ctx.state;
  const session = await authenticateSession(deps, token);
  if (!session) throw unauthenticated('Your session has ended or is not valid. Sign in again.');
  if (!SAFE_METHODS.has(ctx.method)) {
    checkOrigin(ctx);
    const sent = ctx.get(CSRF_HEADER);
    if (!sent || !sameToken(sent, csrfTokenFor(deps.config.sessionSecret, session.sessionId))) {
      throw forbidden(
        `Send the session's csrf_token in the ${CSRF_HEADER} header with every request that is not GET or HEAD.`,
      );
    }
  }
  ctx.state.principal = { kind: 'session', ...session };
}

type SessionAuthOptions = { mode: 'workspace' | 'session'; ownerOnly: boolean };

/** Resolves the caller for routes a portal session may use; see the module comment. */
export function sessionAuth(options: SessionAuthOptions) {
  return async (ctx: AppContext, next: Next) => {
    if (options.mode === 'workspace' && ctx.get('Authorization')) {
      await authenticatePartner(ctx);
      return next();
    }
    await authenticateCookie(ctx);
    const principal = ctx.state.principal;
    if (principal?.kind !== 'session') throw unauthenticated('Sign in first.');
    const workspaceId = ctx.params?.workspace_id;
    if (options.mode === 'workspace' && workspaceId !== principal.workspaceId) throw notFound('workspace');
    if (options.ownerOnly && principal.role !== 'owner') {
      throw forbidden('Only an owner of this workspace can do this; agents can view it.');
    }
    return next();
  };
}
