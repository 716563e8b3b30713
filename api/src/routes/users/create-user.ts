import { CreateUserInputSchema, createUser as create } from '@laras/core/users';
import { presentUser } from '../../presenters/user.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const createUser = defineRoute('createUser')({
  auth: 'partner',
  schemas: { body: CreateUserInputSchema },
  async handler({ deps, principal, params, body }) {
    const user = await create(deps, workspaceScope(principal, params), body);
    return { status: 201, body: presentUser(user) };
  },
});
