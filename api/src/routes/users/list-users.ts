import { ListUsersQuerySchema, listUsers as list } from '@laras/core/users';
import { presentPage } from '../../presenters/page.ts';
import { presentUser } from '../../presenters/user.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const listUsers = defineRoute('listUsers')({
  auth: 'partner',
  schemas: { query: ListUsersQuerySchema },
  async handler({ deps, principal, params, query }) {
    const page = await list(deps, workspaceScope(principal, params), query);
    return { status: 200, body: presentPage(page, presentUser) };
  },
});
