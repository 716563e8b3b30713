import { signOut } from '@laras/core/portal-sessions';
import { clearSessionCookie } from '../../middleware/session-cookie.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const deleteCurrentSession = defineRoute('deleteCurrentSession')({
  auth: 'session',
  async handler({ deps, principal, ctx }) {
    await signOut(deps, principal);
    clearSessionCookie(ctx);
    return { status: 204, body: undefined };
  },
});
