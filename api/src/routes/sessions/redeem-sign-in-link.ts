import { RedeemSignInLinkInputSchema, redeemSignInLink as redeem } from '@laras/core/portal-sessions';
import { clearConsoleCookie, readConsoleCookie, setSessionCookie } from '../../middleware/session-cookie.ts';
import { presentPortalSession } from '../../presenters/user.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { sessionDeps } from './session-deps.ts';

export const redeemSignInLink = defineRoute('redeemSignInLink')({
  auth: 'none',
  schemas: { body: RedeemSignInLinkInputSchema },
  async handler({ deps, body, ctx }) {
    const started = await redeem(sessionDeps(deps), body);
    // One browser, one principal: a portal sign-in leaves any partner console session.
    if (readConsoleCookie(ctx)) clearConsoleCookie(ctx);
    setSessionCookie(ctx, started.token, started.maxAgeSeconds);
    return { status: 201, body: presentPortalSession(started.session) };
  },
});
