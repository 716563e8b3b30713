import { ListConnectionsQuerySchema, listConnections as list } from '@laras/core/connections';
import { presentConnection } from '../../presenters/connection.ts';
import { presentPage } from '../../presenters/page.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const listConnections = defineRoute('listConnections')({
  auth: 'workspace',
  schemas: { query: ListConnectionsQuerySchema },
  async handler({ deps, principal, params, query }) {
    const page = await list(deps, workspaceScope(principal, params), query);
    return { status: 200, body: presentPage(page, presentConnection) };
  },
});
