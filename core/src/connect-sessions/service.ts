import type { Knex } from 'knex';
import { type WorkspaceScope, withTenant } from '../db/index.ts';
import { newId } from '../ids.ts';
import { requireWorkspace } from '../workspaces/service.ts';
import * as repo from './repository.ts';
import { newSecret } from './secrets.ts';
import type { CreateConnectSessionInput, CreatedConnectSession } from './types.ts';

type Deps = { db: Knex; publicUrl: string; ttlSeconds: number };

/** A single-use, short-lived link that runs the connect flow for one channel of one workspace. */
export function createConnectSession(
  deps: Deps,
  scope: WorkspaceScope,
  input: CreateConnectSessionInput,
): Promise<CreatedConnectSession> {
  const token = newSecret();
  return withTenant(deps.db, scope, async (tx) => {
    await requireWorkspace(tx, scope.workspaceId);
    const session = await repo.insertSession(tx, {
      id: newId('connectSession'),
      channel: input.channel,
      tokenHash: token.hash,
      returnUrl: input.return_url ?? null,
      ttlSeconds: deps.ttlSeconds,
    });
    return { ...session, url: new URL(`/connect/${token.value}`, deps.publicUrl).toString() };
  });
}
