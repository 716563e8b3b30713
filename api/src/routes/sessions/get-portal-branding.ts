import { AppError } from '@laras/core';
import { getPortalBranding as get } from '@laras/core/branding';
import { presentPortalBranding } from '../../presenters/branding.ts';
import { defineRoute } from '../../routing/define-route.ts';

/** The sign-in page's look, chosen by the hostname the portal is served at. */
export const getPortalBranding = defineRoute('getPortalBranding')({
  auth: 'none',
  async handler({ deps, ctx }) {
    if (!ctx.hostname) throw new AppError('invalid_request', 'The request has no Host header.');
    return { status: 200, body: presentPortalBranding(await get(deps, ctx.hostname)) };
  },
});
