import { createWebhookPortalSession as create } from '@laras/core/svix';
import { presentWebhookPortalSession } from '../../presenters/webhook-portal-session.ts';
import { defineRoute } from '../../routing/define-route.ts';

/** The Svix App Portal for the caller's own application; 409 when Svix is not configured. */
export const createWebhookPortalSession = defineRoute('createWebhookPortalSession')({
  auth: 'partner',
  async handler({ deps, principal }) {
    const session = await create(deps, principal, new Date());
    return { status: 201, body: presentWebhookPortalSession(session) };
  },
});
