import { disconnectConnection as disconnect } from '@laras/core/connections';
import { presentConnection } from '../../presenters/connection.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const disconnectConnection = defineRoute('disconnectConnection')({
  auth: 'workspace',
  ownerOnly: true,
  async handler({ deps, principal, params }) {
    const scope = workspaceScope(principal, params);
    return {
      status: 200,
      body: presentConnection(await disconnect(deps, scope, params.connection_id ?? '')),
    };
  },
});
