import { getUser as get } from '@laras/core/users';
import { presentUser } from '../../presenters/user.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const getUser = defineRoute('getUser')({
  auth: 'partner',
  async handler({ deps, principal, params }) {
    const user = await get(deps, workspaceScope(principal, params), params.user_id ?? '');
    return { status: 200, body: presentUser(user) };
  },
});
