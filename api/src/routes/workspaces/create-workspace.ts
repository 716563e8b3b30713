import { CreateWorkspaceInputSchema, createWorkspace as create } from '@laras/core/workspaces';
import { presentWorkspace } from '../../presenters/workspace.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const createWorkspace = defineRoute('createWorkspace')({
  auth: 'partner',
  schemas: { body: CreateWorkspaceInputSchema },
  async handler({ deps, principal, body }) {
    const workspace = await create(deps, principal, body);
    return { status: 201, body: presentWorkspace(workspace) };
  },
});
