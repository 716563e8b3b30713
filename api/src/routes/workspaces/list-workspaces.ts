import { ListWorkspacesQuerySchema, listWorkspaces as list } from '@laras/core/workspaces';
import { presentPage } from '../../presenters/page.ts';
import { presentWorkspace } from '../../presenters/workspace.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const listWorkspaces = defineRoute('listWorkspaces')({
  auth: 'partner',
  schemas: { query: ListWorkspacesQuerySchema },
  async handler({ deps, principal, query }) {
    const page = await list(deps, principal, query);
    return { status: 200, body: presentPage(page, presentWorkspace) };
  },
});
