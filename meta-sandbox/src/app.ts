/** The sandbox's Koa app: one origin, each Meta host under its own path prefix. */
import Koa from 'koa';
import { SandboxCustomer } from './customer.ts';
import type { SandboxDeps } from './http.ts';
import { errorsAndCallLog } from './http.ts';
import { SandboxOutbox } from './outbox.ts';
import { adminRouter } from './routes/admin.ts';
import { customerRouter } from './routes/customer.ts';
import { embeddedSignupRouter } from './routes/embedded-signup.ts';
import { graphRouter } from './routes/graph.ts';
import { instagramGraphRouter } from './routes/instagram-graph.ts';
import { instagramLoginRouter } from './routes/instagram-login.ts';
import { instagramSendRouter, sendAdminRouter, whatsappSendRouter } from './routes/send.ts';

export function createSandboxApp(
  deps: SandboxDeps & { customer?: SandboxCustomer; outbox?: SandboxOutbox },
): Koa {
  const customer = deps.customer ?? new SandboxCustomer(deps.state);
  const outbox = deps.outbox ?? new SandboxOutbox(deps.state, customer);
  const app = new Koa();
  app.silent = true;
  app.use(errorsAndCallLog(deps));
  for (const router of [
    whatsappSendRouter({ ...deps, outbox }),
    instagramSendRouter({ ...deps, outbox }),
    sendAdminRouter({ ...deps, outbox }),
    graphRouter(deps),
    instagramGraphRouter(deps),
    instagramLoginRouter(deps),
    embeddedSignupRouter(deps),
    adminRouter(deps),
    customerRouter({ ...deps, customer }),
  ]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.use((ctx) => {
    if (ctx.body !== undefined || ctx.status !== 404) return;
    ctx.status = 400;
    ctx.body = {
      error: {
        message: `Unknown path components: ${ctx.path}`,
        type: 'OAuthException',
        code: 2500,
        fbtrace_id: 'AMetaSandboxUnknownPath',
      },
    };
  });
  return app;
}
