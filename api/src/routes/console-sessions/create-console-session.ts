import { ConsoleSignInInputSchema, signInConsole } from '@laras/core/console-sessions';
import { clearSessionCookie, setConsoleCookie } from '../../middleware/session-cookie.ts';
import { presentConsoleSession } from '../../presenters/console-session.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { consoleDeps } from './console-deps.ts';

/** Signs partner staff in to the console with an API key; this browser leaves any portal session. */
export const createConsoleSession = defineRoute('createConsoleSession')({
  auth: 'none',
  schemas: { body: ConsoleSignInInputSchema },
  async handler({ deps, body, ctx }) {
    const started = await signInConsole(consoleDeps(deps), { ...body, ip: ctx.ip, hostname: ctx.hostname });
    clearSessionCookie(ctx);
    setConsoleCookie(ctx, started.token, started.maxAgeSeconds);
    return { status: 201, body: presentConsoleSession(started.session) };
  },
});
