import { getConsoleSession } from '@laras/core/console-sessions';
import { presentConsoleSession } from '../../presenters/console-session.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { consoleDeps } from './console-deps.ts';

export const getCurrentConsoleSession = defineRoute('getCurrentConsoleSession')({
  auth: 'console',
  async handler({ deps, principal }) {
    const { console: session, ...key } = principal;
    const found = getConsoleSession(consoleDeps(deps), { ...key, ...session });
    return { status: 200, body: presentConsoleSession(found) };
  },
});
