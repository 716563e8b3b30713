import { getBusinessContext as get } from '@laras/core/business-context';
import { presentBusinessContext } from '../../presenters/business-context.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const getBusinessContext = defineRoute('getBusinessContext')({
  auth: 'partner',
  async handler({ deps, principal, params }) {
    const context = await get(deps, {
      partnerId: principal.partnerId,
      workspaceId: params.workspace_id ?? '',
    });
    return { status: 200, body: presentBusinessContext(context) };
  },
});
