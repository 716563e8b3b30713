import { getWorkspace as get } from '@laras/core/workspaces';
import { presentWorkspace } from '../../presenters/workspace.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const getWorkspace = defineRoute('getWorkspace')({
  auth: 'partner',
  async handler({ deps, principal, params }) {
    const workspace = await get(deps, principal, params.workspace_id ?? '');
    return { status: 200, body: presentWorkspace(workspace) };
  },
});
