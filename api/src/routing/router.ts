import Router from '@koa/router';
import { AppError, hasNul, notFound, parseInput } from '@laras/core';
import { operationIndex } from '@laras/openapi';
import type { Middleware } from 'koa';
import type { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { consoleAuth, orConsoleSession, partnerOrConsoleAuth } from '../middleware/console-auth.ts';
import { idempotency } from '../middleware/idempotency.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { sameOrigin, sessionAuth } from '../middleware/session-auth.ts';
import type { AppContext, AppState } from '../state.ts';
import type { OperationId, RouteAuth } from './define-route.ts';

/** A route with its types erased, as the router holds it. */
export type AnyRoute = {
  operationId: OperationId;
  auth: RouteAuth;
  ownerOnly?: boolean;
  bodyLimitBytes?: number;
  schemas?: { body?: z.ZodType; query?: z.ZodType };
  handler: (request: never) => Promise<{ status: unknown; body: unknown }>;
};

type ErasedHandler = (request: {
  params: Record<string, string>;
  body: unknown;
  query: unknown;
  principal: AppState['principal'];
  deps: AppDeps;
  ctx: AppContext;
}) => Promise<{ status: unknown; body: unknown }>;

/** `/v1/workspaces/{workspace_id}` -> `/v1/workspaces/:workspace_id` */
export function toRouterPath(specPath: string): string {
  return specPath.replace(/\{([a-z_]+)\}/g, ':$1');
}

/**
 * A path id holding NUL names nothing PostgreSQL could store: the resource does not exist
 * (`workspace_id` -> "No such workspace."), answered before any query.
 */
function refuseNulParams(params: Record<string, string>): void {
  for (const [name, value] of Object.entries(params)) {
    if (hasNul(value)) throw notFound(name.replace(/_id$/, '').replaceAll('_', ' '));
  }
}

function handle(route: AnyRoute): Middleware<AppState> {
  return async (ctx) => {
    refuseNulParams(ctx.params);
    const query = route.schemas?.query ? parseInput(route.schemas.query, ctx.query, 'query') : undefined;
    let body: unknown;
    if (route.schemas?.body) {
      if (ctx.state.body === undefined) {
        throw new AppError('invalid_request', 'This request needs a JSON body.', { param: 'body' });
      }
      body = parseInput(route.schemas.body, ctx.state.body);
    }
    const handler = route.handler as unknown as ErasedHandler;
    const result = await handler({
      params: ctx.params,
      body,
      query,
      principal: ctx.state.principal,
      deps: ctx.state.deps,
      ctx: ctx as AppContext,
    });
    ctx.status = Number(result.status);
    if (result.body !== undefined) ctx.body = result.body;
  };
}

/** Mounts every route at the method and path the spec gives its operation. */
export function buildRouter(routes: readonly AnyRoute[], deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = partnerOrConsoleAuth();
  const consoleOnly = consoleAuth();
  const limit = rateLimit({
    redis: deps.redis,
    prefix: deps.config.redis.prefix,
    perMinute: deps.config.rateLimit.perMinute,
    logger: deps.logger,
  });
  const body = jsonBody(deps.config.http.bodyLimitBytes);
  const idempotent = idempotency();

  for (const route of routes) {
    const { method, path } = operationIndex[route.operationId];
    const chain: Middleware<AppState>[] = [];
    if (route.auth === 'partner') chain.push(auth, limit);
    if (route.auth === 'workspace' || route.auth === 'session') {
      const portal = sessionAuth({ mode: route.auth, ownerOnly: route.ownerOnly === true });
      chain.push(route.auth === 'workspace' ? orConsoleSession(portal) : portal, limit);
    }
    if (route.auth === 'console') chain.push(consoleOnly, limit);
    if (route.auth === 'none' && method !== 'get') chain.push(sameOrigin());
    // Only an operation with a request body reads one; any other ignores what is sent, as a DELETE
    // does, rather than answer 413 or 415 about a body its spec does not take.
    if (route.schemas?.body) {
      const own = route.bodyLimitBytes;
      // A larger limit of its own; the configured one when that is larger still.
      chain.push(own && own > deps.config.http.bodyLimitBytes ? jsonBody(own) : body);
    }
    if (method === 'post' && route.auth !== 'none') chain.push(idempotent);
    chain.push(handle(route));
    router.register(toRouterPath(path), [method.toUpperCase()], chain, { name: route.operationId });
  }
  return router;
}
