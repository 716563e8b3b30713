import { getConnection as get } from '@laras/core/connections';
import { presentConnection } from '../../presenters/connection.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const getConnection = defineRoute('getConnection')({
  auth: 'workspace',
  async handler({ deps, principal, params }) {
    const scope = workspaceScope(principal, params);
    return { status: 200, body: presentConnection(await get(deps, scope, params.connection_id ?? '')) };
  },
});
