import { ListConnectionsQuerySchema, listConnections as list } from '@laras/core/connections';
import { presentConnection } from '../../presenters/connection.ts';
import { presentPage } from '../../presenters/page.ts';
import { defineRoute } from '../../routing/define-route.ts';

export const listConnections = defineRoute('listConnections')({
  auth: 'partner',
  schemas: { query: ListConnectionsQuerySchema },
  async handler({ deps, principal, params, query }) {
    const page = await list(
      deps,
      { partnerId: principal.partnerId, workspaceId: params.workspace_id ?? '' },
      query,
    );
    return { status: 200, body: presentPage(page, presentConnection) };
  },
});
