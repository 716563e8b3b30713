/** Request plumbing shared by the routes: body and parameter reading, the bearer token, operations. */
import { setTimeout as delay } from 'node:timers/promises';
import type { Context, Middleware, Next } from 'koa';
import type { FaultKind, Faults, Operation } from './faults.ts';
import {
  appRateLimit,
  codeExpired,
  graphError,
  instagramApiError,
  invalidToken,
  MetaError,
  missingToken,
  outsideAllowedWindow,
  reEngagement,
  serverError,
  throughputRateLimit,
  wabaRateLimit,
} from './graph-error.ts';
import type { SandboxState } from './state.ts';
import type { IssuedToken } from './types.ts';

export type SandboxDeps = { state: SandboxState; faults: Faults };

export type SandboxContextState = {
  operation?: Operation;
  body?: Record<string, unknown>;
  /** A fault that accepts the call and fails later (a `failed` status webhook). */
  deferredFault?: FaultKind;
};

const BODY_LIMIT = 1_000_000;

/** Reads a JSON or form body (Graph accepts either; api.instagram.com takes a form). */
export async function readBody(ctx: Context): Promise<Record<string, unknown>> {
  const state = ctx.state as SandboxContextState;
  if (state.body) return state.body;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > BODY_LIMIT)
      throw graphError(413, { message: 'Request body too large', type: 'OAuthException', code: 1 });
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  let body: Record<string, unknown> = {};
  if (text) {
    if (ctx.is('application/json')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
          body = parsed as Record<string, unknown>;
      } catch {
        throw graphError(400, {
          message: '(#100) Invalid JSON in the request body',
          type: 'OAuthException',
          code: 100,
        });
      }
    } else {
      body = Object.fromEntries(new URLSearchParams(text));
    }
  }
  state.body = body;
  return body;
}

/** The query string as single strings (a repeated key keeps its first value). */
export function query(ctx: Context): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(ctx.querystring)) if (!(key in out)) out[key] = value;
  return out;
}

/** Graph takes parameters from the query string or the body alike. */
export async function params(ctx: Context): Promise<Record<string, string>> {
  const out = query(ctx);
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
    for (const [key, value] of Object.entries(await readBody(ctx))) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        out[key] = String(value);
    }
  }
  return out;
}

/** The caller's token: `Authorization: Bearer …` (or `OAuth …`), else the `access_token` parameter. */
export async function bearer(ctx: Context): Promise<string | undefined> {
  const header = ctx.get('authorization');
  const match = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header);
  if (match?.[1]) return match[1];
  return (await params(ctx)).access_token || undefined;
}

export type Host = 'graph' | 'ig-graph' | 'ig-api';

/** A business token (Embedded Signup) of the Meta app, issued by this sandbox and unexpired: or code 104 / 190 (HTTP 401). */
export async function requireBusinessToken(
  state: SandboxState,
  ctx: Context,
): Promise<Extract<IssuedToken, { kind: 'business' }>> {
  const token = await bearer(ctx);
  if (!token) throw missingToken();
  const check = state.checkToken(token);
  if (!check.ok) throw invalidToken(check.expiredAt);
  if (check.token.kind !== 'business' || check.token.appId !== state.apps.appId) throw invalidToken();
  return check.token;
}

/** An Instagram-login token issued by this sandbox and unexpired: or code 104 / 190 (HTTP 400). */
export async function requireInstagramToken(
  state: SandboxState,
  ctx: Context,
): Promise<Extract<IssuedToken, { kind: 'instagram_short' | 'instagram_long' }>> {
  const token = await bearer(ctx);
  if (!token) throw missingToken();
  const check = state.checkToken(token);
  if (!check.ok) throw invalidToken(check.expiredAt, 400);
  if (check.token.kind === 'business' || check.token.appId !== state.apps.instagramAppId)
    throw invalidToken(undefined, 400);
  return check.token;
}

/** What a fault looks like on a given host (undefined: a deferred or delaying kind, the call goes on). */
export function faultError(kind: FaultKind, host: Host): MetaError | undefined {
  switch (kind) {
    case 'window_closed':
      return host === 'graph' ? reEngagement() : outsideAllowedWindow();
    case 'rate_limit':
      return host === 'graph' ? throughputRateLimit() : appRateLimit();
    case 'app_rate_limit':
      return appRateLimit();
    case 'waba_rate_limit':
      return wabaRateLimit();
    case 'fail_later_undeliverable':
    case 'fail_later_window_closed':
    case 'slow':
    case 'hold':
      return undefined;
    case 'expired_code':
      return host === 'ig-api' ? instagramApiError('This authorization code has expired.') : codeExpired();
    case 'server_error':
      return serverError();
    case 'invalid_token':
      return invalidToken(undefined, host === 'graph' ? 401 : 400);
  }
}

/** A Graph version path segment (`v24.0`); anything else is an unknown path, as on Meta. */
export function checkVersion(version: string, _ctx: Context, next: Next) {
  if (!/^v\d+\.\d+$/.test(version)) {
    throw graphError(400, {
      message: `Unknown path components: /${version}`,
      type: 'OAuthException',
      code: 2500,
    });
  }
  return next();
}

/**
 * The ids a call is for, which a fault's `target` is matched against: every id in its path (a
 * phone number id, a WABA, a comment…) and the Instagram account behind an Instagram token.
 */
export async function callTargets(state: SandboxState, ctx: Context): Promise<string[]> {
  const params = (ctx as Context & { params?: Record<string, string> }).params ?? {};
  const targets = Object.entries(params)
    .filter(([key]) => key !== 'version')
    .map(([, value]) => value);
  try {
    const token = await bearer(ctx);
    const check = token ? state.checkToken(token) : undefined;
    if (check?.ok && check.token.kind !== 'business') targets.push(check.token.userId);
  } catch {
    // An unreadable body: the route answers that; the call is for its path ids only.
  }
  return targets;
}

/** Names the operation (for the call log) and answers with its pending fault, if any. */
export function operation(deps: SandboxDeps, name: Operation, host: Host): Middleware {
  return async (ctx: Context, next: Next) => {
    (ctx.state as SandboxContextState).operation = name;
    const targets = deps.faults.targeted(name) ? await callTargets(deps.state, ctx) : [];
    const fault = deps.faults.take(name, targets);
    if (fault?.kind === 'slow' || fault?.kind === 'hold') {
      // Meta has the whole request before it is slow: a caller that gives up meanwhile does not
      // undo it, as when Meta's answer is lost on the way back.
      if (ctx.method !== 'GET' && ctx.method !== 'HEAD') await readBody(ctx);
      if (fault.kind === 'slow') await delay(fault.delayMs ?? 0);
      else await deps.faults.hold(name, targets);
    } else if (fault) {
      const error = faultError(fault.kind, host);
      if (error) throw error;
      (ctx.state as SandboxContextState).deferredFault = fault.kind;
    }
    await next();
  };
}

/** Names the operation of a dialog route (faults there are handled by the route itself). */
export function dialogOperation(name: Operation): Middleware {
  return async (ctx: Context, next: Next) => {
    (ctx.state as SandboxContextState).operation = name;
    await next();
  };
}

/** Outermost middleware: writes MetaErrors, hides anything else behind Meta's code 1, logs the call. */
export function errorsAndCallLog(deps: SandboxDeps): Middleware {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof MetaError) {
        ctx.status = error.status;
        ctx.body = error.body;
      } else {
        ctx.status = 500;
        ctx.body = graphError(500, {
          message: 'An unknown error has occurred.',
          type: 'OAuthException',
          code: 1,
          is_transient: true,
        }).body;
        ctx.app.emit('error', error, ctx);
      }
    }
    const name = (ctx.state as SandboxContextState).operation;
    if (name)
      deps.state.recordCall({ operation: name, method: ctx.method, path: ctx.path, status: ctx.status });
  };
}

/** This sandbox's own origin as the caller reached it (Koa 3's `ctx.origin` is the Origin header). */
export function selfOrigin(ctx: Context): string {
  return `${ctx.protocol}://${ctx.host}`;
}

/** Escapes text for HTML. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON that is safe inside a `<script type="application/json">`. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
