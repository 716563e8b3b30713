import Koa from 'koa';
import type { AppDeps } from './deps.ts';
import { errorHandler } from './middleware/error-handler.ts';
import { requestId } from './middleware/request-id.ts';
import { requestLog } from './middleware/request-log.ts';
import { routes } from './routes/index.ts';
import { buildRouter } from './routing/router.ts';
import type { AppState } from './state.ts';
import { portal } from './web/portal.ts';
import { buildWebRouter } from './web/router.ts';

/** Builds the HTTP app. It never listens: the server entry and the tests mount it. */
export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: deps.config.http.trustProxy });
  app.silent = true;

  const router = buildRouter(routes, deps);
  const web = buildWebRouter(deps);

  app.use(async (ctx, next) => {
    ctx.state.deps = deps;
    await next();
  });
  app.use(requestId());
  app.use(requestLog(deps.logger));
  app.use(errorHandler(deps.logger));
  // Answers only what no route did: GETs of portal pages and assets.
  app.use(portal(deps.portalDir));
  // Meta's webhooks, callbacks and connect pages first: the busiest path (webhook POSTs) then skips
  // matching against every /v1 route. No web path is under /v1, so the order changes no answer.
  app.use(web.routes());
  app.use(router.routes());
  // Sets 405/501 with an Allow header; the error handler gives those the error shape.
  app.use(router.allowedMethods());
  return app;
}
