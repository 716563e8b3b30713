import { deleteUser as remove } from '@laras/core/users';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const deleteUser = defineRoute('deleteUser')({
  auth: 'partner',
  async handler({ deps, principal, params }) {
    await remove(deps, workspaceScope(principal, params), params.user_id ?? '');
    return { status: 204, body: undefined };
  },
});
