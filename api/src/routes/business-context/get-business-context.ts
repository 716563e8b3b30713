import { getBusinessContext as get } from '@laras/core/business-context';
import { presentBusinessContext } from '../../presenters/business-context.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const getBusinessContext = defineRoute('getBusinessContext')({
  auth: 'workspace',
  async handler({ deps, principal, params }) {
    const context = await get(deps, workspaceScope(principal, params));
    return { status: 200, body: presentBusinessContext(context) };
  },
});
