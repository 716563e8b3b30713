import { getBranding as get } from '@laras/core/branding';
import { presentBranding } from '../../presenters/branding.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const getBranding = defineRoute('getBranding')({
  auth: 'partner',
  async handler({ deps, principal }) {
    return { status: 200, body: presentBranding(await get(deps, principal)) };
  },
});
