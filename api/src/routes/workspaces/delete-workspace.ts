import { deleteWorkspace as remove } from '@laras/core/workspaces';
import { defineRoute } from '../../routing/define-route.ts';

export const deleteWorkspace = defineRoute('deleteWorkspace')({
  auth: 'partner',
  async handler({ deps, principal, params }) {
    await remove(deps, principal, params.workspace_id ?? '');
    return { status: 204, body: undefined };
  },
});
