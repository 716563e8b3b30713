import { getPortalSession } from '@laras/core/portal-sessions';
import { presentPortalSession } from '../../presenters/user.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { sessionDeps } from './session-deps.ts';

export const getCurrentSession = defineRoute('getCurrentSession')({
  auth: 'session',
  async handler({ deps, principal }) {
    const session = await getPortalSession(sessionDeps(deps), principal);
    return { status: 200, body: presentPortalSession(session) };
  },
});
