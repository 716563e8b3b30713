import { signOutConsole } from '@laras/core/console-sessions';
import { clearConsoleCookie, readConsoleCookie } from '../../middleware/session-cookie.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { consoleDeps } from './console-deps.ts';

export const deleteCurrentConsoleSession = defineRoute('deleteCurrentConsoleSession')({
  auth: 'console',
  async handler({ deps, ctx }) {
    const token = readConsoleCookie(ctx);
    if (token) await signOutConsole(consoleDeps(deps), token);
    clearConsoleCookie(ctx);
    return { status: 204, body: undefined };
  },
});
