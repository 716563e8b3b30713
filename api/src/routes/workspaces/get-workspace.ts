import { getWorkspace as get } from '@laras/core/workspaces';
import { presentWorkspace } from '../../presenters/workspace.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const getWorkspace = defineRoute('getWorkspace')({
  auth: 'workspace',
  async handler({ deps, principal, params }) {
    const scope = workspaceScope(principal, params);
    const workspace = await get(deps, scope, scope.workspaceId);
    return { status: 200, body: presentWorkspace(workspace) };
  },
});
