import { disconnectConnection as disconnect } from '@laras/core/connections';
import { presentConnection } from '../../presenters/connection.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const disconnectConnection = defineRoute('disconnectConnection')({
  auth: 'partner',
  async handler({ deps, principal, params }) {
    const scope = { partnerId: principal.partnerId, workspaceId: params.workspace_id ?? '' };
    return {
      status: 200,
      body: presentConnection(await disconnect(deps, scope, params.connection_id ?? '')),
    };
  },
});
