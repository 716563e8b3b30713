import { UpdateWorkspaceInputSchema, updateWorkspace as update } from '@laras/core/workspaces';
import { presentWorkspace } from '../../presenters/workspace.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const updateWorkspace = defineRoute('updateWorkspace')({
  auth: 'partner',
  schemas: { body: UpdateWorkspaceInputSchema },
  async handler({ deps, principal, params, body }) {
    const workspace = await update(deps, principal, params.workspace_id ?? '', body);
    return { status: 200, body: presentWorkspace(workspace) };
  },
});
