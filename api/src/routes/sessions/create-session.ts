import { SignInInputSchema, signIn } from '@laras/core/portal-sessions';
import { clearConsoleCookie, readConsoleCookie, setSessionCookie } from '../../middleware/session-cookie.ts';
import { presentPortalSession } from '../../presenters/user.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { sessionDeps } from './session-deps.ts';

/** Signs in on the portal of the partner that owns the request's hostname. */
export const createSession = defineRoute('createSession')({
  auth: 'none',
  schemas: { body: SignInInputSchema },
  async handler({ deps, body, ctx }) {
    const started = await signIn(sessionDeps(deps), { ...body, hostname: ctx.hostname, ip: ctx.ip });
    // One browser, one principal: a portal sign-in leaves any partner console session.
    if (readConsoleCookie(ctx)) clearConsoleCookie(ctx);
    setSessionCookie(ctx, started.token, started.maxAgeSeconds);
    return { status: 201, body: presentPortalSession(started.session) };
  },
});
