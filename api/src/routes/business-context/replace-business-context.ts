import { BusinessContextInputSchema, replaceBusinessContext as replace } from '@laras/core/business-context';
import { presentBusinessContext } from '../../presenters/business-context.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const replaceBusinessContext = defineRoute('replaceBusinessContext')({
  auth: 'partner',
  schemas: { body: BusinessContextInputSchema },
  async handler({ deps, principal, params, body }) {
    const scope = { partnerId: principal.partnerId, workspaceId: params.workspace_id ?? '' };
    const context = await replace(deps, scope, body);
    return { status: 200, body: presentBusinessContext(context) };
  },
});
