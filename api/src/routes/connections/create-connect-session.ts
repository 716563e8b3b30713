import {
  CreateConnectSessionInputSchema,
  createConnectSession as create,
} from '@laras/core/connect-sessions';
import { presentConnectSession } from '../../presenters/connection.ts';
import { defineRoute } from '../../routing/define-route.ts';
import { workspaceScope } from '../../routing/scope.ts';

export const createConnectSession = defineRoute('createConnectSession')({
  auth: 'workspace',
  ownerOnly: true,
  schemas: { body: CreateConnectSessionInputSchema },
  async handler({ deps, principal, params, body }) {
    const session = await create(
      {
        db: deps.db,
        publicUrl: deps.config.http.publicUrl,
        ttlSeconds: deps.config.connectSessionTtlSeconds,
      },
      workspaceScope(principal, params),
      body,
    );
    return { status: 201, body: presentConnectSession(session) };
  },
});
